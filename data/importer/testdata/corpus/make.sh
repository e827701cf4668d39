#!/bin/sh
# make.sh writes the corpus again: the same made-up roster, staffing table
# and org structure (data.json, from data.py) by every writer installed
# here, and the trait files (gen.go). Run from anywhere:
#
#	sh data/importer/testdata/corpus/make.sh
#
# Needs: /usr/bin/python3 with openpyxl and xlsxwriter (Debian
# python3-openpyxl python3-xlsxwriter), node and npm (SheetJS and ExcelJS
# are installed into $TOOLS), javac and Debian libapache-poi-java, soffice
# (LibreOffice), ssconvert (gnumeric), go. A writer that is missing is
# skipped with a note; the files it wrote before stay as they are.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
TOOLS=${TOOLS:-${TMPDIR:-/tmp}/staffplan-corpus-tools}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$TOOLS"
cd "$here"
have() { command -v "$1" >/dev/null 2>&1; }
PY=/usr/bin/python3

"$PY" data.py >"$work/figures.txt"
cat "$work/figures.txt"

"$PY" gen_openpyxl.py "$work" data.json || echo "openpyxl: skipped" >&2
"$PY" gen_xlsxwriter.py "$work" data.json || echo "xlsxwriter: skipped" >&2

if have node && have npm; then
	[ -d "$TOOLS/node/node_modules/exceljs" ] ||
		npm install --prefix "$TOOLS/node" --no-audit --no-fund xlsx@0.18.5 exceljs@4.4.0 >&2
	NODE_PATH="$TOOLS/node/node_modules" node gen_node.js "$work" data.json
else
	echo "node: SheetJS and ExcelJS skipped" >&2
fi

if have javac && [ -f /usr/share/java/poi.jar ]; then
	cp=$(ls /usr/share/java/poi.jar /usr/share/java/poi-ooxml.jar /usr/share/java/poi-ooxml-schemas.jar \
		/usr/share/java/xmlbeans.jar /usr/share/java/commons-collections4.jar /usr/share/java/commons-compress.jar \
		/usr/share/java/commons-codec.jar /usr/share/java/commons-math3.jar | tr '\n' ':')
	javac -d "$work/java" -cp "$cp" Gen.java
	java -cp "$cp$work/java" Gen "$work" data.json
else
	echo "Apache POI: skipped" >&2
fi

(cd "$root" && go run ./data/importer/testdata/corpus/gen.go "$work" "$here/data.json")

# LibreOffice and Gnumeric write what they read from the openpyxl files:
# their own serialisation, nothing of openpyxl's survives but the content.
for what in roster staffing org; do
	src="$work/openpyxl-$what.xlsx"
	[ -f "$src" ] || continue
	if have soffice; then
		mkdir -p "$work/lo"
		cp "$src" "$work/lo/libreoffice-$what.xlsx"
		for fmt in "xlsx:Calc MS Excel 2007 XML" "xls:MS Excel 97"; do
			soffice -env:UserInstallation="file://$work/lo-profile" --headless --norestore \
				--convert-to "$fmt" --outdir "$work/lo/out" "$work/lo/libreoffice-$what.xlsx" >&2
		done
		mv "$work/lo/out/"* "$work/"
	fi
	if have ssconvert; then
		ssconvert -T Gnumeric_Excel:xlsx2 "$src" "$work/gnumeric-$what.xlsx" 2>/dev/null
		ssconvert -T Gnumeric_Excel:excel_biff8 "$src" "$work/gnumeric-$what.xls" 2>/dev/null
	fi
done

# An old .xls saved under an .xlsx name, as users rename files.
[ -f "$work/poi-roster.xls" ] && cp "$work/poi-roster.xls" "$work/trait-xls-named-xlsx.xlsx"

rm -rf "$work/java" "$work/lo" "$work/lo-profile" "$work/figures.txt"
cp "$work"/*.xls* "$here/"
chmod 644 "$here"/*.xls*
ls -l "$here"/*.xls*

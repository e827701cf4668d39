package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The fast reader reads worksheets as excelize's Rows().Columns() with
// RawCellValue does, cell for cell, but scans the XML as bytes instead of
// decoding it with encoding/xml, which is most of excelize's time and of
// its garbage. It takes only what it is sure of: any construct it does not
// handle exactly (encrypted or odd packages, comments, other encodings,
// malformed XML, unusual cell references) returns errSlowPath, and the
// workbook is read with excelize. TestFastReaderMatchesExcelize,
// TestFastReaderPackages and FuzzFastReader hold it to excelize's results.
//
// One difference is deliberate: the fast reader does not read parts a raw
// read does not need (styles, themes, document properties), so a workbook
// whose styles.xml is damaged imports where excelize refuses to open it.

// mainNS is the namespace excelize requires of the shared string table.
const mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// wbSheet is a sheet as listed in xl/workbook.xml.
type wbSheet struct {
	name, state, part string
	date1904          bool // the workbook's date system
}

// readXLSXFast reads the sheets of an unencrypted workbook; errSlowPath
// when it cannot.
func readXLSXFast(ctx context.Context, w *Workbook, zr *zip.Reader, o *Options) error {
	base := filepath.Base(w.Path)
	var declared uint64
	names := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		// excelize names a zip bomb; the sum is checked as it grows so
		// that it cannot wrap.
		if f.UncompressedSize64 > uint64(o.MaxUnzipSize) {
			return errSlowPath
		}
		if declared += f.UncompressedSize64; declared > uint64(o.MaxUnzipSize) {
			return errSlowPath
		}
		// excelize keeps the last of two entries with one name.
		n := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if names[n] {
			return errSlowPath
		}
		names[n] = true
	}
	// excelize looks these parts up by their exact names.
	for _, name := range []string{"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		if zipFileExact(zr, name) == nil {
			return errSlowPath
		}
	}
	var root struct {
		XMLName struct{} `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
		Rel     []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if readZipXML(zr, "_rels/.rels", &root) != nil {
		return errSlowPath
	}
	office := false
	for _, r := range root.Rel {
		if r.Type == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" {
			if strings.TrimPrefix(r.Target, "/") != "xl/workbook.xml" {
				return errSlowPath
			}
			office = true
		}
	}
	if !office {
		return errSlowPath
	}
	sheets, ok := workbookSheets(zr)
	if !ok || len(sheets) == 0 {
		return errSlowPath
	}
	// excelize skips sheets whose names it thinks invalid, and finds
	// sheets by name ignoring case, so with two alike it may read either.
	for i, s := range sheets {
		if !validSheetName(s.name) {
			return errSlowPath
		}
		for _, t := range sheets[:i] {
			if strings.EqualFold(s.name, t.name) {
				return errSlowPath
			}
		}
	}
	var want []wbSheet
	if o.Sheets == nil {
		for _, s := range sheets {
			if s.state == "" || s.state == "visible" {
				want = append(want, s)
			}
		}
	} else {
		for _, name := range o.Sheets {
			found := false
			for _, s := range sheets {
				if strings.EqualFold(s.name, name) {
					s.name, found = name, true
					want = append(want, s)
					break
				}
			}
			if !found {
				return problem(KeyNoSheet, "{{.file}} has no sheet named {{.sheet}}.", "file", base, "sheet", name)
			}
		}
	}
	for _, s := range want {
		if s.part == "" || zipFileExact(zr, s.part) == nil {
			return errSlowPath
		}
	}
	sst, err := readSST(zr, &unzipBudget{left: o.MaxUnzipSize})
	if err != nil {
		if p := zipBombProblem(err, base); p != nil {
			return p
		}
		return err
	}
	for _, ws := range want {
		s, err := readSheetFast(ctx, zr, ws, sst, &unzipBudget{left: o.MaxUnzipSize}, o)
		if err != nil {
			if p := zipBombProblem(err, base); p != nil {
				return p
			}
			return err
		}
		w.Sheets = append(w.Sheets, s)
	}
	return nil
}

// validSheetName is excelize's checkSheetName.
func validSheetName(name string) bool {
	n := 0
	for _, r := range name {
		n++
		if r > 0xFFFF {
			n++ // counted in UTF-16 units
		}
	}
	return name != "" && n <= excelize.MaxSheetNameLength && !strings.HasPrefix(name, "'") &&
		!strings.HasSuffix(name, "'") && !strings.ContainsAny(name, ":\\/?*[]")
}

// errUnzipBudget: the parts read unpack to more than MaxUnzipSize.
var errUnzipBudget = errors.New("importer: unpacked size over the limit")

func zipBombProblem(err error, base string) error {
	if errors.Is(err, errUnzipBudget) {
		return problem(KeyZipBomb, "{{.file}} unpacks to more data than a workbook may hold; it was not read.", "file", base)
	}
	return nil
}

// unzipBudget counts the bytes unpacked, whatever the zip headers claim.
type unzipBudget struct{ left int64 }

type budgetReader struct {
	r io.Reader
	b *unzipBudget
}

func (r budgetReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.b.left -= int64(n)
	if r.b.left < 0 {
		return n, errUnzipBudget
	}
	return n, err
}

// workbookSheets lists the sheets with their state and part, in order.
func workbookSheets(zr *zip.Reader) ([]wbSheet, bool) {
	var wb struct {
		XMLName    struct{} `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
		WorkbookPr struct {
			Date1904 bool `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name    string `xml:"name,attr"`
			SheetID int    `xml:"sheetId,attr"` // as excelize decodes it, so a bad one fails here too
			State   string `xml:"state,attr"`
			RID     string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		XMLName struct{} `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
		Rel     []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if readZipXML(zr, "xl/workbook.xml", &wb) != nil || readZipXML(zr, "xl/_rels/workbook.xml.rels", &rels) != nil {
		return nil, false
	}
	var out []wbSheet
	for _, s := range wb.Sheets {
		part := ""
		for _, r := range rels.Rel {
			if r.ID == s.RID {
				part = partPath(r.Target)
				if strings.Contains(r.Target, "\\") {
					part = "" // excelize cleans the path before turning \\ into /
				}
			}
		}
		out = append(out, wbSheet{name: s.Name, state: s.State, part: part, date1904: wb.WorkbookPr.Date1904})
	}
	return out, true
}

// readSST reads xl/sharedStrings.xml (the name excelize reads) into a
// table of strings; a workbook without one has an empty table.
func readSST(zr *zip.Reader, budget *unzipBudget) ([]string, error) {
	f := zipFile(zr, "xl/sharedStrings.xml")
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errSlowPath
	}
	defer rc.Close()
	// excelize rewrites Strict namespace addresses anywhere in the table,
	// text included; leave such tables to it.
	purl := &purlReader{r: budgetReader{rc, budget}}
	s := newXMLScan(purl)
	var out []string
	if !s.next() {
		return nil, errSlowPath
	}
	for s.kind == tokText {
		if !s.next() {
			return nil, errSlowPath
		}
	}
	// excelize decodes the table into a struct bound to the main namespace.
	if s.kind != tokStart || string(s.name) != "sst" || !inMainNS(s) || !typedAttrsOK(s) {
		return nil, errSlowPath
	}
	if v, ok := s.attr("uniqueCount"); ok {
		if n, err := strconv.Atoi(string(v)); err == nil && n > 0 && n < 1<<22 {
			out = make([]string, 0, n)
		}
	}
	for s.next() {
		switch {
		case s.kind == tokStart && s.depth == 1:
			return nil, errSlowPath // a second root, which excelize ignores
		case s.kind == tokStart && string(s.name) == "si":
			// excelize takes items below the root; for a table over
			// 16 MB, items at any depth.
			if s.depth != 2 {
				return nil, errSlowPath
			}
			v, err := s.stringItem()
			if err != nil {
				return nil, slowOr(err)
			}
			out = append(out, v)
		}
	}
	if s.err != nil {
		return nil, slowOr(s.err)
	}
	if purl.found {
		return nil, errSlowPath
	}
	return out, nil
}

// inMainNS reports whether the start tag just read is in the spreadsheet
// namespace, by the xmlns declaration on the same tag.
func inMainNS(s *xmlScan) bool {
	// Not from the stack of open elements: a self-closing tag such as an
	// empty <sst .../> is never pushed on it.
	qname := s.qname
	want := "xmlns"
	if i := bytes.IndexByte(qname, ':'); i > 0 && i < len(qname)-1 {
		want = "xmlns:" + string(qname[:i])
	}
	for i := len(s.attrs) - 1; i >= 0; i-- {
		if string(s.attrs[i].qkey) == want {
			v, err := xmlText(s.attrs[i].val, false)
			return err == nil && v == mainNS
		}
	}
	return false
}

// slowOr keeps an over-budget error and turns every other into
// errSlowPath, so excelize gives its own message for a damaged part.
func slowOr(err error) error {
	if errors.Is(err, errUnzipBudget) {
		return err
	}
	return errSlowPath
}

// readSheetFast reads one worksheet: rows as excelize returns them, the
// merged ranges, and the <dimension> for the progress total.
func readSheetFast(ctx context.Context, zr *zip.Reader, ws wbSheet, sst []string, budget *unzipBudget, o *Options) (*Sheet, error) {
	f := zipFileExact(zr, ws.part)
	rc, err := f.Open()
	if err != nil {
		return nil, errSlowPath
	}
	defer rc.Close()
	s := newXMLScan(budgetReader{rc, budget})
	sh := &Sheet{Name: ws.name, Date1904: ws.date1904}
	s.merges = &sh.Merges
	var (
		total    int
		prevRow  int
		inRows   = true // until </sheetData>
		haveRow  bool   // a <row> has started: cells belong to it
		cells    []string
		cellCol  int
		rowWidth = 16
		rowTags  int
	)
	flush := func() {
		if haveRow {
			sh.Rows = append(sh.Rows, cells)
		}
	}
	for s.next() {
		switch s.kind {
		case tokStart:
			name := string(s.name)
			switch {
			case name == "row" && !inRows:
				// excelize goes on finding rows after </sheetData>.
				return nil, errSlowPath
			case name == "row":
				flush()
				num := prevRow + 1
				// excelize parses every attribute named r, stopping at a
				// bad one, and keeps the last.
				bad := false
				s.eachAttr("r", func(v []byte) {
					n, err := strconv.Atoi(string(v))
					if err != nil || n < 0 || n > excelize.TotalRows {
						bad = true
					} else if n != 0 {
						num = n
					}
				})
				if bad {
					return nil, errSlowPath
				}
				if num <= prevRow {
					return nil, errSlowPath // rows out of order
				}
				for r := prevRow + 1; r < num; r++ {
					sh.Rows = append(sh.Rows, nil) // rows the file leaves out
				}
				prevRow, haveRow, cellCol = num, true, 0
				if len(cells) > rowWidth {
					rowWidth = len(cells)
				}
				cells = nil
				// Counted by row elements, so rows far apart still stop
				// for a cancel.
				if rowTags++; rowTags&4095 == 0 {
					n := len(sh.Rows)
					if err := ctx.Err(); err != nil {
						return nil, cancelled(err)
					}
					if o.Progress != nil {
						o.Progress(n, total)
					}
				}
			case name == "c" && haveRow:
				col, val, keep, err := readCell(s, sst, cellCol)
				if err != nil {
					return nil, err
				}
				cellCol = col
				if keep {
					if cells == nil {
						cells = make([]string, 0, rowWidth)
					}
					for len(cells) < col-1 {
						cells = append(cells, "")
					}
					cells = append(cells, val)
				}
			case name == "dimension" && total == 0:
				if v, ok := s.attr("ref"); ok {
					if r, ok := parseRange(string(v)); ok {
						total = r.r1 + 1
						if len(sh.Rows) == 0 {
							// Room for the rows it announces, within reason.
							sh.Rows = make([][]string, 0, min(total, 1<<18))
						}
					}
				}
			}
		case tokEnd:
			if inRows && string(s.name) == "sheetData" {
				flush()
				haveRow, inRows = false, false
			}
		}
	}
	if s.err != nil {
		return nil, slowOr(s.err)
	}
	if inRows {
		flush()
	}
	applyMerges(sh)
	if o.Progress != nil {
		o.Progress(len(sh.Rows), len(sh.Rows))
	}
	return sh, nil
}

// readCell reads a <c> element as excelize's rowXMLHandler does: the
// column from its reference (or one past the previous cell), its value,
// and whether excelize keeps it (a value, or a formula).
func readCell(s *xmlScan, sst []string, prevCol int) (col int, val string, keep bool, err error) {
	col = prevCol + 1
	var typ string
	if v, ok := s.attr("r"); ok && len(v) > 0 {
		if col, ok = cellColumn(v); !ok {
			return 0, "", false, errSlowPath
		}
	}
	bad := false
	s.eachAttr("s", func(v []byte) {
		if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
			bad = true
		}
	})
	if bad {
		return 0, "", false, errSlowPath
	}
	if v, ok := s.attr("t"); ok {
		if typ, err = xmlText(v, false); err != nil {
			return 0, "", false, errSlowPath
		}
	}
	var (
		v, inline string
		hasF      bool
		hasIS     bool
	)
	if !(s.kind == tokStart && s.self) {
		start := s.depth
		for done := false; !done; {
			if !s.next() {
				return 0, "", false, slowOr(s.fail())
			}
			switch s.kind {
			case tokStart:
				switch string(s.name) {
				case "c":
					return 0, "", false, errSlowPath // a cell inside a cell
				case "v":
					if v, err = s.chardata(); err != nil {
						return 0, "", false, slowOr(err)
					}
				case "f":
					if !typedAttrsOK(s) {
						return 0, "", false, errSlowPath
					}
					hasF = true
					if err = s.skip(); err != nil {
						return 0, "", false, slowOr(err)
					}
				case "is":
					if hasIS {
						// excelize decodes a second <is> into the first.
						return 0, "", false, errSlowPath
					}
					hasIS = true
					if inline, err = s.stringItem(); err != nil {
						return 0, "", false, slowOr(err)
					}
				}
			case tokEnd:
				done = s.depth < start
			}
		}
	} else {
		s.next() // the end half of <c/>
	}
	switch typ {
	case "s":
		if v != "" {
			i, _ := strconv.Atoi(strings.TrimSpace(v)) // excelize reads a bad index as 0
			if i < 0 || i >= len(sst) {
				v = "" // excelize drops the cell
			} else {
				v = sst[i]
			}
		}
	case "inlineStr":
		if hasIS {
			v = inline
		}
	}
	return col, v, v != "" || hasF, nil
}

// cellColumn reads the column of a reference such as "AB12", as
// excelize.CellNameToCoordinates would, taking the common form quickly.
func cellColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for i < len(ref) && i < 3 && 'A' <= ref[i] && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row := 0
	digits := ref[i:]
	simple := i > 0 && len(digits) > 0 && len(digits) <= 7 && digits[0] != '0'
	for _, c := range digits {
		if c < '0' || c > '9' {
			simple = false
			break
		}
		row = row*10 + int(c-'0')
	}
	if simple && col <= excelize.MaxColumns && row <= excelize.TotalRows {
		return col, true
	}
	text, err := xmlText(ref, false)
	if err != nil {
		return 0, false
	}
	c, _, err := excelize.CellNameToCoordinates(text)
	return c, err == nil
}

// mergeOf reads the range of the <mergeCell> just opened.
func mergeOf(s *xmlScan) (mergeRange, bool) {
	v, ok := s.attr("ref")
	if !ok {
		return mergeRange{}, false
	}
	ref, err := xmlText(v, false)
	if err != nil {
		return mergeRange{}, false
	}
	return parseRange(ref)
}

// purlReader notes whether "purl.oclc.org" passes through it.
type purlReader struct {
	r     io.Reader
	tail  []byte
	found bool
}

func (p *purlReader) Read(b []byte) (int, error) {
	const pat = "purl.oclc.org"
	n, err := p.r.Read(b)
	if n > 0 && !p.found {
		// The chunk itself, and the seam with the end of the last one;
		// the chunk is not copied.
		seam := append(p.tail, b[:min(n, len(pat)-1)]...)
		p.found = bytes.Contains(b[:n], []byte(pat)) || bytes.Contains(seam, []byte(pat))
		if n >= len(pat)-1 {
			p.tail = append(p.tail[:0], b[n-(len(pat)-1):n]...)
		} else {
			p.tail = append(p.tail[:0], seam[max(0, len(seam)-(len(pat)-1)):]...)
		}
	}
	return n, err
}

// zipFileExact finds a part by its exact name, as excelize looks up
// workbooks and worksheets.
func zipFileExact(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.ReplaceAll(f.Name, "\\", "/") == name {
			return f
		}
	}
	return nil
}

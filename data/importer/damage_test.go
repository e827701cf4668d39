package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// damageRoster writes a roster of n people, one sheet, shared strings.
func damageRoster(t *testing.T, n int) string {
	t.Helper()
	rows := [][]any{{"工号", "姓名", "部门", "岗位", "备注"}}
	for i := 1; i <= n; i++ {
		rows = append(rows, []any{fmt.Sprintf("E%05d", i), fmt.Sprintf("员工%d", i), fmt.Sprintf("部门%d", i%7), "专员", strings.Repeat("备注", i%5)})
	}
	return writeXLSX(t, tempPath(t, "roster.xlsx"), fixSheet{name: "花名册", rows: rows})
}

// rewriteZip copies a zip, passing each part's bytes through edit.
func rewriteZip(t *testing.T, src, dst string, edit func(name string, b []byte) []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(edit(f.Name, b))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return writeBytes(t, dst, buf.Bytes())
}

// flipInPart flips one byte in the middle of a part's compressed data,
// as a bad disk or a broken download does: the zip's CRC no longer
// matches (or the deflate stream breaks) where the part is read to its
// end.
func flipInPart(t *testing.T, src, part string, at float64) string {
	t.Helper()
	b := fileBytes(t, src)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == part {
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			i := off + int64(float64(f.CompressedSize64)*at)
			b[i] ^= 0x20
			return writeBytes(t, "roster-flipped.xlsx", b)
		}
	}
	t.Fatalf("no part %s", part)
	return ""
}

// TestDamagedFilesAreRefused: a workbook damaged anywhere the import
// reads is refused as a whole, by either reader, with the damaged-file
// message; none of its rows is read. These imported the rows before the
// damage, without a warning.
func TestDamagedFilesAreRefused(t *testing.T) {
	src := damageRoster(t, 3000)
	sheet := "xl/worksheets/sheet1.xml"
	cutAfterRow := func(r int) func(string, []byte) []byte {
		return func(name string, b []byte) []byte {
			if name != sheet {
				return b
			}
			i := bytes.Index(b, []byte(fmt.Sprintf(`<row r="%d"`, r+1)))
			return b[:i]
		}
	}
	inRow := func(r int, old, new string) func(string, []byte) []byte {
		return func(name string, b []byte) []byte {
			if name != sheet {
				return b
			}
			i := bytes.Index(b, []byte(fmt.Sprintf(`<row r="%d"`, r)))
			j := i + bytes.Index(b[i:], []byte(old))
			return append(append(append([]byte{}, b[:j]...), new...), b[j+len(old):]...)
		}
	}
	cases := map[string]string{
		"byte flipped in the sheet":          flipInPart(t, src, sheet, 0.5),
		"byte flipped near the sheet's end":  flipInPart(t, src, sheet, 0.97),
		"byte flipped in the shared strings": flipInPart(t, src, "xl/sharedStrings.xml", 0.6),
		"byte flipped in the workbook":       flipInPart(t, src, "xl/workbook.xml", 0.5),
		"sheet cut after row 6":              rewriteZip(t, src, "roster-cut.xlsx", cutAfterRow(6)),
		"sheet cut inside a tag":             rewriteZip(t, src, "roster-cut2.xlsx", func(n string, b []byte) []byte { return cutAfterRow(6)(n, b)[:len(cutAfterRow(6)(n, b))-3] }),
		"mismatched tag":                     rewriteZip(t, src, "roster-tag.xlsx", inRow(7, "</row>", "</rox>")),
		"bad entity":                         rewriteZip(t, src, "roster-ent.xlsx", inRow(7, "<v>", "<v>&bogus;")),
		"shared strings cut":                 rewriteZip(t, src, "roster-sst.xlsx", func(n string, b []byte) []byte { return cutIf(n, "xl/sharedStrings.xml", b) }),
	}
	for name, path := range cases {
		for _, slow := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s slow=%v", name, slow), func(t *testing.T) {
				w, err := Read(context.Background(), path, &Options{slowOnly: slow, fastAlways: !slow})
				if !errors.Is(err, ErrCorrupt) {
					rows := 0
					if w != nil && len(w.Sheets) > 0 {
						rows = len(w.Sheets[0].Rows)
					}
					t.Fatalf("err = %v (%d rows read), want the damaged-file problem", err, rows)
				}
				if !strings.Contains(err.Error(), "roster-") {
					t.Errorf("%q does not name the file", err)
				}
			})
		}
	}
	// The undamaged file reads whole, both ways.
	for _, slow := range []bool{false, true} {
		if w := mustRead(t, src, &Options{slowOnly: slow, fastAlways: !slow}); len(w.Sheets[0].Rows) != 3001 {
			t.Errorf("slow=%v: %d rows", slow, len(w.Sheets[0].Rows))
		}
	}
}

func cutIf(name, part string, b []byte) []byte {
	if name != part {
		return b
	}
	return b[:len(b)/2]
}

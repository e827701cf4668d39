package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

func TestBadInputs(t *testing.T) {
	good := writeXLSX(t, tempPath(t, "good.xlsx"), fixSheet{name: "s", rows: [][]any{{"工号", "姓名", "部门"}, {"E1", "甲", "财务部"}}})
	goodBytes := fileBytes(t, good)

	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	xls := append(append([]byte{}, ole...), utf16le("Workbook")...)

	locked := tempPath(t, "locked.xlsx")
	f, err := excelize.OpenFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(locked, excelize.Options{Password: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	noHeader := writeXLSX(t, tempPath(t, "nohdr.xlsx"), fixSheet{name: "s", rows: [][]any{{"某公司"}, {"1", "2", "3"}, {"x", "y", "z"}}})

	cases := []struct {
		name string
		file string
		opt  *Options
		want *model.Problem
	}{
		{"old xls", writeBytes(t, "old.xls", xls), nil, ErrOldXLS},
		{"renamed", writeRaw(t, tempPath(t, "notes.xlsx"), "just some notes\n"), nil, ErrNotSpreadsheet},
		{"binary as csv", writeBytes(t, "img.csv", []byte{0x89, 'P', 'N', 'G', 0, 1, 2, 0xFF, 0xFE, 0x00}), nil, ErrNotSpreadsheet},
		{"truncated", writeBytes(t, "cut.xlsx", goodBytes[:len(goodBytes)/2]), nil, ErrCorrupt},
		{"corrupt", writeBytes(t, "bad.xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0x55}, 3000)...)), nil, ErrCorrupt},
		{"password", locked, nil, ErrPassword},
		{"wrong password", locked, &Options{Password: "nope"}, ErrWrongPassword},
		{"too large", good, &Options{MaxFileSize: 100}, ErrTooLarge},
		{"no sheet", good, &Options{Sheets: []string{"missing"}}, ErrNoSheet},
	}
	for _, c := range cases {
		_, err := Read(context.Background(), c.file, c.opt)
		var p *model.Problem
		if !errors.As(err, &p) || !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want key %s", c.name, err, c.want.Key)
			continue
		}
		if p.Error() == p.Key || strings.Contains(p.Error(), "{{") {
			t.Errorf("%s: message %q is not rendered", c.name, p.Error())
		}
	}
	// The wrong-password error is also a password error, so one check in
	// the UI asks again.
	_, err = Read(context.Background(), locked, &Options{Password: "nope"})
	if !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
	w, err := Read(context.Background(), locked, &Options{Password: "s3cret"})
	if err != nil || len(w.Sheets) != 1 || w.Sheets[0].Rows[1][1] != "甲" {
		t.Fatalf("with the password: %v", err)
	}
	// No header: Read works (the user may pick the row), Prepare refuses.
	w = mustRead(t, noHeader, nil)
	if w.Sheets[0].HeaderRow != -1 {
		t.Fatalf("header row %d", w.Sheets[0].HeaderRow)
	}
	if _, err := Prepare(context.Background(), w, nil, nil); !errors.Is(err, ErrNoHeader) {
		t.Errorf("Prepare without header = %v", err)
	}
	w.Sheets[0].Role = RolePeople
	w.Kind = KindRoster
	if _, err := Prepare(context.Background(), w, nil, nil); !errors.Is(err, ErrNoHeader) {
		t.Errorf("Prepare of a sheet without header = %v", err)
	}
}

func writeBytes(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := tempPath(t, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestZipBomb: a sheet of 64 MB of spaces deflates to 64 KB; with the
// unpack limit at 32 MB it is refused, and reading it does not allocate
// anything like its unpacked size.
func TestZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	good := writeXLSX(t, tempPath(t, "g.xlsx"), fixSheet{name: "s", rows: [][]any{{"工号", "姓名"}}})
	zr, err := zip.OpenReader(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		if f.Name == "xl/worksheets/sheet1.xml" {
			chunk := bytes.Repeat([]byte(" "), 1<<20)
			for range 64 {
				w.Write(chunk)
			}
			continue
		}
		rc, _ := f.Open()
		b := new(bytes.Buffer)
		b.ReadFrom(rc)
		rc.Close()
		w.Write(b.Bytes())
	}
	zr.Close()
	zw.Close()
	path := writeBytes(t, "bomb.xlsx", buf.Bytes())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = Read(context.Background(), path, &Options{MaxUnzipSize: 32 << 20})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrZipBomb) {
		t.Fatalf("err = %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Errorf("reading the bomb allocated %d MB", grew>>20)
	}
}

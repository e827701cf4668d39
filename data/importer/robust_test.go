package importer

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSelfClosingParts reads workbooks whose parts are empty self-closing
// elements, as some writers leave them: an empty <sst/> once made the
// fast reader panic (slice bounds out of range in inMainNS). Each must
// read, by the fast reader, as excelize reads it.
func TestSelfClosingParts(t *testing.T) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	emptySST := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<sst count="0" uniqueCount="0" ` + ns + `/>`
	one := sheetHead + `<row r="1"><c r="A1" t="str"><v>x</v></c></row></sheetData></worksheet>`
	cases := []struct{ name, sst, sheet string }{
		{"empty sst", emptySST, one},
		{"empty sst prefixed", `<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`, one},
		{"empty sst, cell refers to it", emptySST, sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`},
		{"empty sheetData", emptySST, `<?xml version="1.0"?><worksheet ` + ns + `><dimension ref="A1"/><sheetData/></worksheet>`},
		{"empty worksheet", testSST, `<?xml version="1.0"?><worksheet ` + ns + `/>`},
		{"empty rows", testSST, sheetHead + `<row r="1"/><row r="2"/><row r="3"><c r="A3"><v>3</v></c></row><row/></sheetData></worksheet>`},
		{"empty cells", testSST, sheetHead + `<row r="1"><c/><c r="B1"/><c r="C1" t="s"/><c r="D1"><v>4</v></c></row></sheetData></worksheet>`},
		{"empty v f is", testSST, sheetHead + `<row r="1"><c r="A1"><v/></c><c r="B1"><f/></c><c r="C1" t="inlineStr"><is/></c><c r="D1" t="inlineStr"><is><t/></is></c><c r="E1"><v>5</v></c></row></sheetData></worksheet>`},
		{"empty si and t", sstOf(`<si/><si><t/></si><si><r><t/></r></si><si><t>d</t></si>`), sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row></sheetData></worksheet>`},
		{"empty mergeCells", testSST, sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells/></worksheet>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fastTakes(t, writeParts(t, tempPath(t, "e.xlsx"), c.sst, c.sheet))
		})
	}
}

// fastTakes requires the fast reader to take a workbook and to read it as
// excelize does.
func fastTakes(t *testing.T, path string) {
	t.Helper()
	fast, slow, err := readBoth(t, path)
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	if fast == nil {
		t.Fatal("the fast reader declined the workbook")
	}
	if d := sameSheets(fast, slow, true); d != "" {
		t.Fatalf("fast reader differs from excelize: %s", d)
	}
}

// FuzzFastReaderSST varies the shared string table, root element
// included, which FuzzFastReader keeps fixed: whatever the fast reader
// takes it must read as excelize does, and it must never panic.
func FuzzFastReaderSST(f *testing.F) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	f.Add(`<sst count="0" uniqueCount="0" ` + ns + `/>`)
	f.Add(`<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`)
	f.Add(`<sst ` + ns + `><si/><si><t/></si><si><r><t>a</t></r><r/></si></sst>`)
	f.Add(`<sst ` + ns + ` count="2"><si><t xml:space="preserve"> a </t><rPh sb="0" eb="1"><t>p</t></rPh></si><si><t>b&amp;</t></si></sst>`)
	dir := f.TempDir()
	sheet := sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` + sheetTail
	f.Fuzz(func(t *testing.T, sst string) {
		path := writeParts(t, filepath.Join(dir, "fuzz.xlsx"), `<?xml version="1.0" encoding="UTF-8"?>`+sst, sheet)
		fast, slow, err := readBoth(t, path)
		if fast == nil || err != nil {
			return
		}
		if d := sameSheets(fast, slow, true); d != "" {
			t.Fatalf("fast reader differs from excelize: %s\nfast %q\nslow %q", d, fast.Sheets[0].Rows, slow.Sheets[0].Rows)
		}
	})
}

// panicAt makes testHook panic at one point (and row) for one test.
func panicAt(t *testing.T, point string, row int) {
	t.Helper()
	testHook = func(p, sheet string, r int) {
		if p == point && (row == 0 || r == row) {
			panic("test: made to panic")
		}
	}
	t.Cleanup(func() { testHook = nil })
}

// TestPanicBecomesProblem: a panic while reading a sheet, with either
// reader, becomes a problem naming the file, the sheet and the row, not a
// crash.
func TestPanicBecomesProblem(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "坏名单.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门"}, {"E1", "甲", "财务部"}, {"E2", "乙", "财务部"},
	}})
	for _, slow := range []bool{false, true} {
		panicAt(t, "row", 3)
		_, err := Read(context.Background(), path, &Options{slowOnly: slow, fastAlways: !slow})
		if !errors.Is(err, ErrInternal) {
			t.Fatalf("slow=%v: err = %v, want ErrInternal", slow, err)
		}
		msg := err.Error()
		for _, want := range []string{"坏名单.xlsx", "花名册", "3", "made to panic"} {
			if !strings.Contains(msg, want) {
				t.Errorf("slow=%v: %q does not name %q", slow, msg, want)
			}
		}
		if strings.Contains(msg, "goroutine") {
			t.Errorf("slow=%v: the message shows a stack: %q", slow, msg)
		}
	}
	testHook = nil
	w := mustRead(t, path, nil)
	panicAt(t, "prepare", 0)
	if _, err := Prepare(context.Background(), w, nil, nil); !errors.Is(err, ErrInternal) || !strings.Contains(err.Error(), "坏名单.xlsx") {
		t.Fatalf("Prepare: err = %v, want ErrInternal naming the file", err)
	}
}

// TestPanicInCommitChangesNothing: a panic halfway through writing an
// import (units written, people not yet) is a problem, and the plan is
// as it was.
func TestPanicInCommitChangesNothing(t *testing.T) {
	st := openStore(t)
	first := writeXLSX(t, tempPath(t, "v1.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "岗位"}, {"E1", "甲", "财务部", "会计"},
	}})
	_, ch := commitNew(t, st, mustPrepare(t, mustRead(t, first, nil), nil))
	before, err := st.LoadPlan(ch.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	second := writeXLSX(t, tempPath(t, "v2.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "岗位"}, {"E1", "甲", "财务部", "会计"}, {"E2", "乙", "人事部", "专员"},
	}})
	p := mustPrepare(t, mustRead(t, second, nil), before)
	panicAt(t, "commit", 0)
	if _, err := Commit(st, ch.PlanID, p, nil); !errors.Is(err, ErrInternal) || !strings.Contains(err.Error(), "v2.xlsx") {
		t.Fatalf("Commit: err = %v, want ErrInternal naming the file", err)
	}
	after, err := st.LoadPlan(ch.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("the plan changed:\n%+v\n%+v", after, before)
	}
	// The store is usable afterwards: the write lock was released.
	testHook = nil
	if _, err := Commit(st, ch.PlanID, mustPrepare(t, mustRead(t, second, nil), before), nil); err != nil {
		t.Fatalf("Commit after the panic: %v", err)
	}
}

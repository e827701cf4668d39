package importer

import (
	"bytes"
	"testing"
)

// A cell with a control character (Excel writes U+0001 as _x0001_; HR
// systems leave such bytes in exported names) must not block the whole
// import: the store refuses such text, so the importer drops the control
// characters and keeps the rest of the cell.
func TestControlCharactersAreDropped(t *testing.T) {
	src := writeXLSX(t, tempPath(t, "src.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "岗位", "备注"},
		{"001", "张Q1三", "行政Q7F部", "专员", "备\u0085注"},
		{"002", "李四", "行政部", "专Q1B员", ""},
	}})
	// Excel's own escapes, as it writes control characters in XML.
	path := rewriteZip(t, src, "ctl.xlsx", func(name string, b []byte) []byte {
		for _, r := range [][2]string{{"Q1B", "_x001B_"}, {"Q1", "_x0001_"}, {"Q7F", "_x007F_"}} {
			b = bytes.ReplaceAll(b, []byte(r[0]), []byte(r[1]))
		}
		return b
	})
	p := mustPrepare(t, mustRead(t, path, nil), nil)
	d, _ := commitNew(t, openStore(t), p)
	if len(d.People) != 2 {
		t.Fatalf("people = %d, want 2", len(d.People))
	}
	zhang := personBy(t, d, "张三")
	if got := postOf(d, zhang.ID); got != "行政部/专员" {
		t.Errorf("张三's post = %q, want 行政部/专员", got)
	}
	if len(d.Units) != 1 || len(d.Positions) != 1 {
		t.Errorf("units %d, posts %d; want one unit 行政部 and one post 专员", len(d.Units), len(d.Positions))
	}
}

func TestNormalizeDropsControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"张\x01三":         "张三",
		"a\x00b\x7fc":    "abc",
		"x\u0080\u009fy": "xy",
		"a\tb\nc":        "a b c",
		"bad\xffbyte":    "bad\ufffdbyte",
		"plain":          "plain",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

package importer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDetectHeader: any table (lines of tab-separated cells) yields a
// header inside the scanned rows, or none, and never panics.
func FuzzDetectHeader(f *testing.F) {
	f.Add("示例公司员工花名册\n\n工号\t姓名\t部门\t岗位\nE1\t甲\t财务部\t会计")
	f.Add("emp_id\tname\tdept_id\nx\ty\tz")
	f.Add("序号\t部门\t岗位名称\t人员数量\t备注")
	f.Fuzz(func(t *testing.T, s string) {
		var rows [][]string
		for _, line := range strings.Split(s, "\n") {
			rows = append(rows, strings.Split(line, "\t"))
		}
		i, cols := DetectHeader(rows)
		if i < -1 || i >= len(rows) || i >= maxHeaderScan {
			t.Fatalf("header row %d of %d", i, len(rows))
		}
		if i >= 0 {
			known := map[Field]bool{}
			for _, c := range cols {
				if c.Field != FieldIgnore {
					known[c.Field] = true
				}
				if c.Confidence < 0 || c.Confidence > 1 {
					t.Fatalf("confidence %v", c.Confidence)
				}
			}
			if len(known) < 2 {
				t.Fatalf("header row %d names %d fields", i, len(known))
			}
		}
		_ = MappingKey(rows[0])
	})
}

// FuzzParseDate: a parsed date is a real calendar date between 1900 and
// 9999, and both orders agree on year-first dates.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2018-04-18", "2018/4/18", "2018年4月18日", "16/04/2009", "43208", "20180418", "２０１８－０４－１８", "2019-13-01", "1e308"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range []DateOrder{OrderUnknown, DayFirst, MonthFirst} {
			d, ok := ParseDate(s, o)
			if ok && (d.Year() < 1900 || d.Year() > 9999) {
				t.Fatalf("ParseDate(%q) = %v", s, d)
			}
		}
		_ = DateOrderOf([]string{s})
	})
}

// FuzzDecodeCSV: decoded text is valid UTF-8, and whatever decodes also
// parses as a table without panicking.
func FuzzDecodeCSV(f *testing.F) {
	f.Add([]byte("工号,姓名\r\nE1,甲\r\n"))
	f.Add([]byte("\xef\xbb\xbf工号,姓名\nE1,甲\n"))
	f.Add([]byte("\xb9\xa4\xba\xc5,\xd0\xd5\xc3\xfb\r\nE1,\xbc\xd7\r\n")) // GBK 工号,姓名 / 甲
	f.Add([]byte("a\tb\n\"q\"\"x\"\tc\n"))
	f.Add([]byte{0x89, 'P', 'N', 'G', 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		text, enc, err := DecodeText(b)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) || enc == "" {
			t.Fatalf("decoded %q as %q", text, enc)
		}
		if _, _, err := ParseTable(text, ".csv"); err != nil {
			return
		}
	})
}

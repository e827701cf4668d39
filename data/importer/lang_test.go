package importer

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"staffplan/data/i18n"
)

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// TestPreviewLabelsInInterfaceLanguage: the preview's first rows and the
// changes it lists name statuses and employment types in the interface's
// language, whatever language the file wrote them in: an English window
// shows "on probation", not 试用.
func TestPreviewLabelsInInterfaceLanguage(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s.csv"
	roster := "工号,姓名,部门,岗位,在职状态,用工形式\nD1,测试甲,生产部,操作工,试用,劳务派遣\nD2,测试乙,生产部,操作工,在职,退休返聘\nD3,Tess,生产部,操作工,active,intern\n"
	if err := os.WriteFile(path, []byte(roster), 0o600); err != nil {
		t.Fatal(err)
	}
	w := mustRead(t, path, nil)
	prep := func(lang string) *Preview {
		p, err := Prepare(context.Background(), w, nil, &PreviewOptions{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	col := func(p *Preview, f Field) []string {
		i := slices.Index(p.SampleHeader, f)
		if i < 0 {
			t.Fatalf("no %s column in the sample: %v", f, p.SampleHeader)
		}
		var out []string
		for _, r := range p.Sample {
			out = append(out, r[i])
		}
		return out
	}
	en := prep("en")
	if got := col(en, FieldStatus); !slices.Equal(got, []string{"on probation", "active", "active"}) {
		t.Errorf("English statuses %q", got)
	}
	if got := col(en, FieldEmployment); !slices.Equal(got, []string{"agency", "retiree rehired", "intern"}) {
		t.Errorf("English employment types %q", got)
	}
	for _, r := range en.Sample {
		for i, c := range r {
			// Names, units and posts are the file's own; every label is the program's.
			if i < len(en.SampleHeader) && en.SampleHeader[i] != FieldName && en.SampleHeader[i] != FieldDeptPath && en.SampleHeader[i] != FieldPosition && hasHan(c) {
				t.Errorf("English sample %s shows %q", en.SampleHeader[i], c)
			}
		}
	}
	zh := prep("zh")
	if got := col(zh, FieldStatus); !slices.Equal(got, []string{"试用期", "在职", "在职"}) {
		t.Errorf("Chinese statuses %q", got)
	}
	if got := col(zh, FieldEmployment); !slices.Equal(got, []string{"劳务派遣", "退休返聘", "实习"}) {
		t.Errorf("Chinese employment types %q", got)
	}

	// Importing again with other statuses lists the changes in English.
	before := en.st.after
	path2 := dir + "/s2.csv"
	if err := os.WriteFile(path2, []byte("工号,姓名,部门,岗位,在职状态,用工形式\nD1,测试甲,生产部,操作工,离职,全职\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(context.Background(), mustRead(t, path2, nil), before, &PreviewOptions{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var changes []string
	for _, r := range p.People {
		for _, c := range r.Changes {
			changes = append(changes, string(c.Field)+":"+c.Old+"→"+c.New)
		}
	}
	if want := []string{"status:on probation→left", "employment:agency→full-time"}; !slices.Equal(changes, want) {
		t.Errorf("changes %q, want %q", changes, want)
	}
}

// TestOwnHeadingsRecognised: every heading the program's exports and
// import template write, in either language, is read back as its field
// for sure, so whatever the translation files say, the program's own files
// import as they are.
func TestOwnHeadingsRecognised(t *testing.T) {
	n := 0
	for _, h := range ownHeadings {
		for _, lang := range []string{"zh", "en"} {
			for _, k := range h.keys {
				label := i18n.T(lang, k, nil)
				f, sure := MatchHeader(label)
				if f != h.field || sure < 1 {
					t.Errorf("%s heading %q (%s) reads as %q (%v), want %q", lang, label, k, f, sure, h.field)
				}
				n++
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d headings checked", n)
	}
}

// TestUntitledPostInInterfaceLanguage: people whose rows name a department
// but no post go to a post named in the interface's language ("post to be
// decided" in English, 未定岗位 in Chinese), and importing again in the
// other language finds that post instead of making a second one.
func TestUntitledPostInInterfaceLanguage(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s.csv"
	if err := os.WriteFile(path, []byte("工号,姓名,部门\nD1,Ann Lee,Sales\nD2,Bo Chen,Sales\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	titles := func(p *Preview) []string {
		var out []string
		for _, q := range p.st.after.Positions {
			out = append(out, q.Title)
		}
		return out
	}
	en, err := Prepare(context.Background(), mustRead(t, path, nil), nil, &PreviewOptions{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(en); !slices.Equal(got, []string{"Post to be decided"}) {
		t.Fatalf("English import makes posts %q", got)
	}
	zh, err := Prepare(context.Background(), mustRead(t, path, nil), en.st.after, &PreviewOptions{Lang: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(zh); !slices.Equal(got, []string{"Post to be decided"}) || zh.Created != 0 {
		t.Errorf("importing again in Chinese: posts %q, %d people created", got, zh.Created)
	}
	fresh, err := Prepare(context.Background(), mustRead(t, path, nil), nil, &PreviewOptions{Lang: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(fresh); !slices.Equal(got, []string{"未定岗位"}) {
		t.Errorf("Chinese import makes posts %q", got)
	}
}

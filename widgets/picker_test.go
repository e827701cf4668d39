package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestPickerFiltersAndPicks(t *testing.T) {
	test.NewTempApp(t)
	got := -1
	p := NewPicker([]string{"— 无 —", "总经理 · 公司", "生产部经理 · 生产部", "班组长 · 生产部"}, func(i int) { got = i })
	p.PlaceHolder = "选择"
	w := test.NewWindow(p)
	defer w.Close()
	w.Resize(fyne.NewSize(300, 400))
	if p.Selected() != "" || p.SelectedIndex() != -1 {
		t.Fatalf("new picker has %q", p.Selected())
	}
	test.Tap(p.button)
	if p.popUp == nil || !p.popUp.Visible() || len(p.Matches()) != 4 {
		t.Fatalf("tapping should open the list of all 4 options, matches %v", p.Matches())
	}
	test.Type(p.search, "生产部")
	if m := p.Matches(); len(m) != 2 || m[0] != 2 || m[1] != 3 {
		t.Fatalf("typing 生产部 lists %v", m)
	}
	test.Type(p.search, " 班")
	if m := p.Matches(); len(m) != 1 || m[0] != 3 {
		t.Fatalf("every word must match: %v", m)
	}
	p.search.OnSubmitted(p.search.Text) // Enter picks the first match
	if got != 3 || p.Selected() != "班组长 · 生产部" || p.popUp.Visible() {
		t.Errorf("Enter picked %d %q, pop-up visible %v", got, p.Selected(), p.popUp.Visible())
	}
	p.SetSelectedIndex(1)
	if got != 3 || p.button.Text != "总经理 · 公司" {
		t.Errorf("SetSelectedIndex must not call OnChanged and must show the text: %d %q", got, p.button.Text)
	}
}

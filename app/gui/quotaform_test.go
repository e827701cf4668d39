package gui

import (
	"strings"
	"testing"

	"staffplan/app/core"
	"staffplan/data/calc"
	"staffplan/data/model"
)

// Every kind the engine knows can be picked in the rule form and shows its
// own inputs; choosing one used to crash for kinds without a section.
func TestRuleFormShowsEveryKind(t *testing.T) {
	core.InitLang("en")
	f := newRuleForm(calc.Rule{ID: "x", Kind: calc.KindFixed})
	for i, k := range calc.Kinds {
		f.kind.SetSelectedIndex(i)
		s := f.sections[k]
		if s == nil || !s.Visible() {
			t.Errorf("%s: no section shown", k)
		}
	}
}

// The equipment method typed into the form computes the worked
// example, and the kind is named after its method in both languages.
func TestRuleFormEquipmentMethod(t *testing.T) {
	defer core.InitLang("en")
	for _, c := range []struct{ lang, method string }{{"en", "equipment method (staffing by machines minded)"}, {"zh", "设备定员法"}} {
		core.InitLang(c.lang)
		if got := RuleKindText(calc.KindEquipment); !strings.HasSuffix(got, " · "+c.method) {
			t.Errorf("%s: %q", c.lang, got)
		}
		if got := RuleKindText(calc.KindRatio); !strings.Contains(got, map[string]string{"en": "ratio method", "zh": "比例定员法"}[c.lang]) {
			t.Errorf("%s: ratio is %q", c.lang, got)
		}
	}
	core.InitLang("zh")
	f := newRuleForm(calc.Rule{ID: "minders", Kind: calc.KindEquipment})
	f.quota.eqDriver.SetText("machines")
	f.quota.eqShifts.SetText("3")
	f.quota.eqPer.SetText("4")
	f.quota.eqAtt.SetText("0.95")
	r, err := f.rule()
	if err != nil {
		t.Fatal(err)
	}
	res, err := calc.Evaluate(model.WorkBasis{}, []calc.Driver{{Key: "machines", Label: "开动设备", Unit: "台", Value: 12}}, []calc.Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	if got := calc.Explain(res[0].Steps, "zh"); got != "开动设备 12 台 × 3 班 ÷ 看管定额 4 台 ÷ 出勤率 0.95 = 9.4737 → 向上取整 → 10" {
		t.Errorf("%q", got)
	}
	// The post method with a rotation picked from the list.
	f = newRuleForm(calc.Rule{ID: "ops", Kind: calc.KindPosts})
	f.quota.postCount.SetText("2")
	for i, o := range f.quota.pattern.Options {
		if strings.Contains(o, "五班三运转") {
			f.quota.pattern.SetSelectedIndex(i)
		}
	}
	r, err = f.rule()
	if err != nil || r.Quota == nil || r.Quota.Pattern != "5-3" {
		t.Fatalf("%+v %v", r.Quota, err)
	}
	if res, _ := calc.Evaluate(model.WorkBasis{}, nil, []calc.Rule{r}); res[0].Required != 10 {
		t.Errorf("2 posts × 五班三运转 = %g", res[0].Required)
	}
	f.quota.postAtt.SetText("很多")
	if _, err := f.rule(); err == nil {
		t.Error("a word for the attendance was accepted")
	}
}

package calc

import (
	"math"
	"strings"
	"testing"

	"staffplan/data/model"
)

// evalOne evaluates one rule with the drivers and returns its result.
func evalOne(t *testing.T, drivers []Driver, r Rule) Result {
	t.Helper()
	res, err := Evaluate(model.WorkBasis{}, drivers, []Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	return res[0]
}

// 设备定员法: machines in use × shifts ÷ machines one person minds ÷
// attendance, the worked example.
func TestEquipmentMethod(t *testing.T) {
	res := evalOne(t, []Driver{{Key: "machines", Label: "开动设备", Unit: "台", Value: 12}},
		Rule{ID: "minders", Kind: KindEquipment, Driver: "machines", Per: 4, Quota: &Quota{Shifts: 3, Attendance: 0.95}})
	if res.Required != 10 || math.Abs(res.Exact-9.4737) > 1e-4 {
		t.Fatalf("equipment %g / %g", res.Exact, res.Required)
	}
	if got := Explain(res.Steps, "zh"); got != "开动设备 12 台 × 3 班 ÷ 看管定额 4 台 ÷ 出勤率 0.95 = 9.4737 → 向上取整 → 10" {
		t.Errorf("%q", got)
	}
	if got := Explain(res.Steps, "en"); got != "开动设备 12 台 × 3 shifts ÷ 4 台 per person ÷ attendance 0.95 = 9.4737 → round up → 10" {
		t.Errorf("%q", got)
	}
	// Full attendance is left out of the arithmetic.
	res = evalOne(t, []Driver{{Key: "machines", Value: 12}},
		Rule{ID: "minders", Kind: KindEquipment, Driver: "machines", Per: 4, Quota: &Quota{Shifts: 3}})
	if res.Required != 9 || Explain(res.Steps, "zh") != "machines 12 × 3 班 ÷ 看管定额 4 = 9" {
		t.Errorf("%g %q", res.Required, Explain(res.Steps, "zh"))
	}
}

// 劳动效率定员法: workload ÷ (output per person × attendance).
func TestEfficiencyMethod(t *testing.T) {
	res := evalOne(t, []Driver{{Key: "work", Label: "计划日产量", Unit: "件", Value: 1200}},
		Rule{ID: "workers", Kind: KindEfficiency, Driver: "work", Per: 50, Quota: &Quota{Attendance: 0.96}})
	if res.Required != 25 || math.Abs(res.Exact-25) > 1e-9 {
		t.Fatalf("efficiency %g / %g", res.Exact, res.Required)
	}
	if got := Explain(res.Steps, "zh"); got != "计划日产量 1200 件 ÷ 劳动定额 50 件 ÷ 出勤率 0.96 = 25" {
		t.Errorf("%q", got)
	}
	// 1000 件 at 50 a day and 95 % attendance: 21.05 → 22.
	res = evalOne(t, []Driver{{Key: "work", Value: 1000}},
		Rule{ID: "workers", Kind: KindEfficiency, Driver: "work", Per: 50, Quota: &Quota{Attendance: 0.95}})
	if res.Required != 22 {
		t.Errorf("efficiency %g → %g", res.Exact, res.Required)
	}
}

// 岗位定员法: posts × people per post × crews of the 倒班 pattern ÷
// attendance.
func TestPostMethod(t *testing.T) {
	res := evalOne(t, nil, Rule{ID: "ops", Kind: KindPosts, Count: 2, Quota: &Quota{Pattern: "4-3"}})
	if res.Required != 8 {
		t.Fatalf("四班三运转: %g", res.Required)
	}
	if got := Explain(res.Steps, "zh"); got != "2 个岗位 × 每岗 1 人 × 4 个班组(四班三运转) = 8" {
		t.Errorf("%q", got)
	}
	if got := Explain(res.Steps, "en"); got != "2 post(s) × 1 per post × 4 crews (four crews on three shifts) = 8" {
		t.Errorf("%q", got)
	}
	// 五班三运转, two people a post, 95 % attendance: 1 × 2 × 5 ÷ 0.95 = 10.53 → 11.
	res = evalOne(t, []Driver{{Key: "posts", Value: 1}},
		Rule{ID: "ops", Kind: KindPosts, Driver: "posts", Quota: &Quota{Pattern: "5-3", PerPost: 2, Attendance: 0.95}})
	if res.Required != 11 || math.Abs(res.Exact-10.5263) > 1e-4 {
		t.Errorf("五班三运转: %g → %g", res.Exact, res.Required)
	}
	if got := Explain(res.Steps, "zh"); !strings.HasPrefix(got, "1 个岗位 × 每岗 2 人 × 5 个班组(五班三运转) ÷ 出勤率 0.95 = 10.5263") {
		t.Errorf("%q", got)
	}
	// Crews given directly.
	if res := evalOne(t, nil, Rule{ID: "ops", Kind: KindPosts, Count: 3, Quota: &Quota{Crews: 3}}); res.Required != 9 {
		t.Errorf("3 posts × 3 crews: %g", res.Required)
	}
	// An unknown pattern and bad attendance are refused with a problem.
	for _, q := range []Quota{{Pattern: "9-9"}, {Attendance: 1.2}, {Attendance: -1}, {PerPost: -1}} {
		r := Rule{ID: "ops", Kind: KindPosts, Count: 1, Quota: &q}
		if _, err := Evaluate(model.WorkBasis{}, nil, []Rule{r}); err == nil {
			t.Errorf("%+v accepted", q)
		}
	}
}

// Every kind names the classic method it implements, and every method has
// a kind: 比例定员 is the ratio and relative kinds, 职责定员 the fixed one.
func TestMethodsMapToKinds(t *testing.T) {
	want := map[Kind]Method{KindFixed: MethodDuty, KindCapacity: MethodEfficiency, KindEfficiency: MethodEfficiency,
		KindEquipment: MethodEquipment, KindPosts: MethodPost, KindShift: MethodPost, KindRatio: MethodRatio,
		KindRelative: MethodRatio}
	for k, m := range want {
		if got := MethodOf(k); got != m {
			t.Errorf("%s: method %q, want %q", k, got, m)
		}
	}
	for _, m := range Methods {
		found := false
		for _, k := range Kinds {
			found = found || MethodOf(k) == m
		}
		if !found {
			t.Errorf("method %s has no kind", m)
		}
	}
	// 比例定员: 800 staff × 1.5 % = 12 canteen workers.
	res := evalOne(t, []Driver{{Key: "staff", Value: 800}}, Rule{ID: "canteen", Kind: KindRatio, Driver: "staff", Ratio: 0.015})
	if res.Required != 12 {
		t.Errorf("比例定员 %g", res.Required)
	}
	// 职责定员: a post set by its duties.
	if res := evalOne(t, nil, Rule{ID: "gm", Kind: KindFixed, Count: 1}); res.Required != 1 {
		t.Errorf("职责定员 %g", res.Required)
	}
}

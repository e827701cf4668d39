package template

import (
	"strings"
	"testing"

	"staffplan/data/model"
)

// Each test checks the numbers the source page states against the plan the
// template builds (units' totals are computed, not read from the file).

func TestPropertySingleSite(t *testing.T) {
	d, f, post := figures(t, "property-single")
	top := unitByName(t, d, "物业服务中心")
	var depts []string
	for _, u := range d.Units {
		if u.Parent == top.ID {
			depts = append(depts, u.Name)
		}
	}
	// 一般情况下,公司管理单一物业时,公司设置为:办公室(含行政、人事部)、经营部、
	// 财务部、客户服务部、工程维修部、保安部、保洁部(含绿化)
	if got := strings.Join(depts, "、"); got != "办公室、经营部、财务部、客户服务部、工程维修部、保安部、保洁部" {
		t.Errorf("departments %s", got)
	}
	// ≥1200 户以上配置专职 1 名 (二级综管, 二级财务): 1500 households.
	if post("办公室", "综管") != 1 || post("财务部", "财务") != 1 {
		t.Error("综管 and 财务 should be one dedicated post each")
	}
	if got := f.Units[top.ID].PlannedTotal; got != 48 {
		t.Errorf("total %g", got)
	}
}

func TestPropertyGroup(t *testing.T) {
	d, _, _ := figures(t, "property-group")
	children := func(name string) []string {
		var out []string
		for _, p := range d.Units {
			if p.Name == name {
				for _, u := range d.Units {
					if u.Parent == p.ID {
						out = append(out, u.Name)
					}
				}
			}
		}
		return out
	}
	// 公司机关设置为:行政部、人事部、财务部、品质部、经营部
	if got := strings.Join(children("公司机关"), "、"); got != "行政部、人事部、财务部、品质部、经营部" {
		t.Errorf("head office %s", got)
	}
	// 各管理处设置为:客户服务部、工程维修部、园林绿化部、保安部、保洁部
	sites := 0
	for _, u := range d.Units {
		if u.Kind == model.UnitSiteOffice {
			sites++
			if got := strings.Join(children(u.Name), "、"); got != "客户服务部、工程维修部、园林绿化部、保安部、保洁部" {
				t.Errorf("%s: %s", u.Name, got)
			}
		}
	}
	if sites < 2 {
		t.Errorf("%d site offices; the structure is for 2 or more", sites)
	}
	if qa := unitByName(t, d, "品质部"); !strings.Contains(qa.Note, "ISO9000") {
		t.Errorf("品质部 should say it is only needed with ISO 9000: %q", qa.Note)
	}
	if qa := postByTitle(t, d, "品质部经理"); len(qa.Duties) != 5 {
		t.Errorf("品质部职责 has 5 items, the post %d", len(qa.Duties))
	}
}

func TestGeneralHospital(t *testing.T) {
	d, f, post := figures(t, "hospital-general")
	total := unitTotal(t, d, f, "综合医院")
	// 1978: 300–500 beds 1:1.40–1.50; 400 beds at the low end.
	if total != 400*1.40 {
		t.Fatalf("total %g, want 560", total)
	}
	mgmt := post("综合医院", "院长") + post("职能科室", "管理人员")
	support := post("后勤保障部", "工勤人员")
	prof := total - mgmt - support
	for _, c := range []struct {
		what         string
		v, low, high float64
	}{
		{"management", mgmt / total, 0.08, 0.10},
		{"professional", prof / total, 0.80, 0.85},
		{"support", support / total, 0.05, 0.10},
	} {
		if c.v < c.low || c.v > c.high {
			t.Errorf("%s share %.3f outside %g–%g", c.what, c.v, c.low, c.high)
		}
	}
	doctors, nurses := post("临床科室", "医师"), post("护理部", "护士")
	if nurses != 2*doctors {
		t.Errorf("医生:护士 = %g:%g, want 1:2", doctors, nurses)
	}
	health := doctors + nurses + post("药剂科", "药剂人员") + post("检验科", "检验人员") +
		post("放射科", "放射技术人员") + post("医技科室", "其他卫生技术人员")
	near(t, "卫生专业技术人员 share of professional", health/prof, 0.95, 0.005)
	// The shares of health staff, each within a person of the exact figure.
	for _, c := range []struct {
		unit, title string
		share       float64
	}{
		{"临床科室", "医师", 0.25}, {"护理部", "护士", 0.50}, {"药剂科", "药剂人员", 0.08},
		{"检验科", "检验人员", 0.046}, {"放射科", "放射技术人员", 0.044}, {"医技科室", "其他卫生技术人员", 0.08},
	} {
		near(t, c.title, post(c.unit, c.title), health*c.share, 1)
	}
}

func TestMaternalChildHospital(t *testing.T) {
	d, f, _ := figures(t, "hospital-mch")
	total := unitTotal(t, d, f, "妇幼保健院")
	if total != 80*1.30 {
		t.Fatalf("total %g, want 104 (80 beds × 1.30, the 1978 band below 300 beds)", total)
	}
	by := map[string]float64{}
	for _, p := range d.Positions {
		by[p.Grade] += p.Planned
	}
	prof := by["高级"] + by["中级"] + by["初级"]
	if by["管理"]+prof+by["工勤"] != total {
		t.Errorf("grades %v do not add up to %g", by, total)
	}
	for _, c := range []struct {
		grade     string
		low, high float64
	}{{"高级", 0.10, 0.15}, {"中级", 0.30, 0.40}, {"初级", 0.45, 0.60}} {
		if s := by[c.grade] / prof; s < c.low || s > c.high {
			t.Errorf("%s share %.3f outside %g–%g", c.grade, s, c.low, c.high)
		}
	}
}

func TestWindFarm(t *testing.T) {
	d, _, post := figures(t, "wind-farm")
	// 四班三倒: one post a shift needs four people.
	for _, title := range []string{"值长", "主值", "副值", "值班员"} {
		if got := post("运行值班", title); got != 4 {
			t.Errorf("%s %g, want 1 post × 4 crews", title, got)
		}
	}
	if post("风电场", "场长") != 1 || post("风电场", "副场长") != 1 {
		t.Error("one 场长 and one 副场长")
	}
	head := postByTitle(t, d, "场长")
	if len(head.Duties) != 3 || !strings.Contains(head.Mission, "分公司生产管理部门领导") {
		t.Errorf("场长 description: %d duties, mission %q", len(head.Duties), head.Mission)
	}
	if op := postByTitle(t, d, "值班员"); op.ReportsTo != postByTitle(t, d, "主值").ID {
		t.Error("值班员应在主值的领导下")
	}
}

func TestCallCentre(t *testing.T) {
	d, f, post := figures(t, "call-centre")
	// 3 seats at start × 14 h × 30 d ÷ 165.33 h = 7.62 → 8.
	if got := post("客户服务中心", "话务员"); got != 8 {
		t.Errorf("话务员 %g", got)
	}
	if got := unitTotal(t, d, f, "客户服务中心"); got != 9 {
		t.Errorf("客户服务中心 %g", got)
	}
	for _, s := range []string{"每2万户", "13万用户", "6个", "3个座席", "连续3周降低5%", "7:30", "21:30"} {
		if !strings.Contains(d.Plan.Notes, s) {
			t.Errorf("the plan notes lack %q", s)
		}
	}
}

func TestSalesCompany(t *testing.T) {
	d, f, post := figures(t, "sales-company")
	for _, c := range []struct {
		unit, title string
		want        float64
	}{
		{"销售公司", "总经理", 1}, {"销售公司", "副总经理", 1}, {"销售部", "营销总监", 1},
		{"", "部门经理(团队经理)", 2}, {"销售部", "业务人员", 15}, {"项目管理部", "项目管理专员", 2},
		{"人事部", "人事专员", 1}, {"财务部", "财务", 1}, {"财务部", "出纳", 1},
	} {
		if got := post(c.unit, c.title); got != c.want {
			t.Errorf("%s %g, want %g", c.title, got, c.want)
		}
	}
	if got := unitTotal(t, d, f, "财务部"); got != 2 {
		t.Errorf("财务部:2人, got %g", got)
	}
	// Ranges keep their text: the lower bound is planned, the rest is in
	// the note, as an imported "1-2人" would be.
	if hr := postByTitle(t, d, "人事专员"); !strings.Contains(hr.Note, "1-2人") {
		t.Errorf("人事专员 note %q", hr.Note)
	}
	rep := postByTitle(t, d, "业务人员")
	if !strings.Contains(rep.Note, "15名左右") || !strings.Contains(rep.Note, "10名左右") {
		t.Errorf("业务人员 note %q", rep.Note)
	}
	dgm := postByTitle(t, d, "副总经理")
	if len(dgm.Duties) != 7 || dgm.Req.Years != 5 || !strings.Contains(dgm.Req.Education, "本科以上") {
		t.Errorf("副总经理 description: %d duties, %+v", len(dgm.Duties), dgm.Req)
	}
	if cmo := postByTitle(t, d, "营销总监"); cmo.Req.Years != 5 || len(cmo.Duties) != 4 {
		t.Errorf("营销总监 %+v", cmo.Req)
	}
}

func TestFinanceSix(t *testing.T) {
	d, f, _ := figures(t, "finance-six")
	if got := unitTotal(t, d, f, "财务部"); got != 6 || len(d.Positions) != 6 {
		t.Errorf("6 posts, 6 people: %d posts, %g", len(d.Positions), got)
	}
	c := postByTitle(t, d, "银行/现金出纳")
	if c.Planned != 1 || !strings.Contains(c.Note, "合并") {
		t.Errorf("cash and bank cashier are one merged post: %+v", c)
	}
	if tr := postByTitle(t, d, "实习财务"); tr.Employment != model.EmployIntern {
		t.Errorf("实习财务 employment %v", tr.Employment)
	}
}

func TestServiceStation(t *testing.T) {
	d, f, _ := figures(t, "service-station")
	head := postByTitle(t, d, "站长")
	if len(head.Duties) != 14 {
		t.Errorf("站长 has %d duties, the manual lists 14", len(head.Duties))
	}
	// 报告上级: 服务管理部.
	svc := unitByName(t, d, "服务管理部")
	var mgr model.Position
	for _, p := range d.Positions {
		if p.ID == head.ReportsTo {
			mgr = p
		}
	}
	if mgr.Unit != svc.ID {
		t.Errorf("站长 reports to %+v, want the 服务管理部", mgr)
	}
	// 财务方面财务及备件管理员不接受站长的领导: a dotted line, not line management.
	clerk := postByTitle(t, d, "财务及备件管理员")
	if clerk.ReportsTo == head.ID || len(clerk.Dotted) != 1 || clerk.Dotted[0] != head.ID {
		t.Errorf("财务及备件管理员 reports to %d, dotted %v", clerk.ReportsTo, clerk.Dotted)
	}
	if got := f.Positions[head.ID].DirectReports; got != 1 {
		t.Errorf("站长 line reports %d (the technicians only)", got)
	}
}

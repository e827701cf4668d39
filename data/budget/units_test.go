package budget

import (
	"testing"

	"staffplan/data/model"
)

// TestUnitsByMonth: every unit month by month from its own posts, each
// post's figure rounded once, a unit's the sum of its posts' and the total
// the sum of the units', as the Budget tab shows them.
func TestUnitsByMonth(t *testing.T) {
	d := testPlan()
	jan := model.MonthOf(2027, 1)
	um := ProjectUnits(d, &d.Plan.Budget.Profile, jan, 3)
	if len(um.Units) != 2 || um.Units[0].Name != "公司" || um.Units[1].Name != "财务部" || um.Units[1].Depth != 1 {
		t.Fatalf("units %+v", um.Units)
	}
	co, fin := um.Units[0], um.Units[1]
	// 总经理: band middle 45,000 × 14.5 + base clamped to 35,811 × 38.7 % × 12
	// = 818,806.284 a year → 68,233.86 a month; the frozen 司机 costs nothing.
	if co.Months[0].PlanCost != 68233_86 || co.Months[0].Cost != 68233_86 || co.Months[0].Planned != 1 || co.Months[0].InPost != 1 {
		t.Errorf("公司 January %+v", co.Months[0])
	}
	// 会计 11,096 a month per FTE: 编制 2 → 22,192; 1.5 in post → 16,644,
	// 2.5 from February (赵六 starts). 出纳 (5,000 × 13 + base at the floor
	// 7,162 × 38.7 % × 12 + 300 × 12) ÷ 12 = 8,488.36; half in post 4,244.18.
	if got := fin.Months[0]; got.PlanCost != 22192_00+8488_36 || got.Cost != 16644_00+4244_18 || got.Planned != 3 || got.InPost != 2 {
		t.Errorf("财务部 January %+v", got)
	}
	if got := fin.Months[1]; got.Cost != 27740_00+4244_18 || got.InPost != 3 {
		t.Errorf("财务部 February %+v", got)
	}
	posts := um.Posts[fin.Unit]
	if len(posts) != 2 || posts[0].Title != "会计" || posts[0].Months[0].PlanCost != 22192_00 || posts[1].Months[0].Cost != 4244_18 {
		t.Errorf("财务部 posts %+v", posts)
	}
	for k := range 3 {
		var plan, cost Fen
		var planned, in float64
		for _, u := range um.Units {
			var pc, c Fen
			for _, p := range um.Posts[u.Unit] {
				pc += p.Months[k].PlanCost
				c += p.Months[k].Cost
			}
			if pc != u.Months[k].PlanCost || c != u.Months[k].Cost {
				t.Errorf("%s month %d: %v/%v is not the sum of its posts %v/%v", u.Name, k, u.Months[k].PlanCost, u.Months[k].Cost, pc, c)
			}
			plan += u.Months[k].PlanCost
			cost += u.Months[k].Cost
			planned += u.Months[k].Planned
			in += u.Months[k].InPost
		}
		if um.Total.Months[k].PlanCost != plan || um.Total.Months[k].Cost != cost || um.Total.Months[k].Planned != planned || um.Total.Months[k].InPost != in {
			t.Errorf("total month %d %+v, rows add up to %v %v %v %v", k, um.Total.Months[k], plan, cost, planned, in)
		}
	}
	var sum Fen
	for _, m := range fin.Months {
		sum += m.Cost
	}
	if fin.Cost != sum || um.Total.PlanCost != co.PlanCost+fin.PlanCost {
		t.Errorf("sums over the months: %v vs %v; total %v", fin.Cost, sum, um.Total.PlanCost)
	}
}

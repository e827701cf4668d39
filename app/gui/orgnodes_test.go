package gui

import (
	"strings"
	"testing"

	"staffplan/app/core"
	"staffplan/widgets/orgchart"
)

func TestPositionNodesCarryFiguresStylesAndHolders(t *testing.T) {
	u := newTestUI(t)
	nodes := core.PositionNodes(u.data, u.fig, u.units)
	if len(nodes) != len(u.data.Positions) {
		t.Fatalf("%d boxes for %d posts", len(nodes), len(u.data.Positions))
	}
	if _, err := orgchart.NewModel(nodes); err != nil {
		t.Fatalf("the chart refuses the nodes: %v", err)
	}
	by := map[string]orgchart.Node{}
	for _, n := range nodes {
		by[n.Title] = n
	}
	if n := by["副总经理"]; n.Style != orgchart.Dashed || n.Parent != core.ChartPostID(u.postByTitle(t, "总经理").ID) {
		t.Errorf("副总经理 %+v should be dashed under 总经理", n)
	}
	if n := by["门卫兼保安"]; n.Style != orgchart.Vacancy || !strings.Contains(n.Lines[0], "vacant 1") {
		t.Errorf("门卫兼保安 %+v", n)
	}
	if n := by["仓管"]; n.Subtitle != "生产部" || len(n.Dotted) != 1 || n.Dotted[0] != core.ChartPostID(u.postByTitle(t, "财务部经理").ID) {
		t.Errorf("仓管 %+v should show its dotted line to 财务部经理", n)
	}
	if n := by["保洁员"]; n.Badge == "" || !strings.Contains(n.Lines[1], "郑桂兰") {
		t.Errorf("保洁员 is held 兼任: %+v", n)
	}
	if n := by["班组长"]; n.Lines[1] != "唐亮、韩冰、+2" {
		t.Errorf("班组长 holders line %q, want two names then +2", n.Lines[1])
	}
}

func TestUnitNodesShowDirectAndTotal(t *testing.T) {
	u := newTestUI(t)
	nodes := core.UnitNodes(u.data, u.fig)
	if len(nodes) != 6 || nodes[0].Title != "康飞塑业" || nodes[0].Parent != "" {
		t.Fatalf("unit boxes %+v", nodes)
	}
	if !strings.Contains(nodes[0].Lines[0], "1 direct / 28 total") {
		t.Errorf("company line %q", nodes[0].Lines[0])
	}
	for _, n := range nodes {
		if n.Title == "财务部" && !strings.Contains(strings.Join(n.Lines, "|"), "仓管") {
			t.Errorf("财务部 box should carry its note: %v", n.Lines)
		}
	}
}

package core

import (
	"math"
	"strconv"
	"strings"

	"staffplan/data/model"
	"staffplan/widgets/orgchart/chartdoc"
)

// ChartPostID is a post's chart node id. Chart node ids are "p" or "u" and
// the record id, as in the outline.
func ChartPostID(id model.ID) string { return "p" + strconv.FormatUint(uint64(id), 10) }
func chartUnitID(id model.ID) string { return "u" + strconv.FormatUint(uint64(id), 10) }

// holdersLine names up to two holders, then "+N"; 兼任 holders are marked,
// with their total share when it is past full time.
func holdersLine(hs []model.Holder, total map[model.ID]float64) string {
	var names []string
	for i, h := range hs {
		if i == 2 {
			names = append(names, "+"+strconv.Itoa(len(hs)-2))
			break
		}
		n := h.Name
		if t := total[h.Person]; model.OverFullTime(t) {
			n += X("chart.over_mark", "(c {{.fte}})", map[string]any{"fte": FormatFTE(t)})
		} else if h.Concurrent {
			n += X("chart.concurrent_mark", "(c)")
		}
		names = append(names, n)
	}
	return strings.Join(names, "、")
}

// PositionNodes is the positions view: one box per post, linked by
// reports-to, with dotted lines to dotted-line managers.
func PositionNodes(d *model.PlanData, f *model.Figures, units map[model.ID]*model.Unit) []chartdoc.Node {
	total := make(map[model.ID]float64, len(d.People))
	for _, a := range d.Assignments {
		total[a.Person] += a.FTE
	}
	return PositionNodesWith(d, f, units, total)
}

// PositionNodesWith is PositionNodes with each person's total share given
// (summed in assignment order), as the window keeps it: summing 100,000
// assignments again was a seventh of redrawing a large chart.
func PositionNodesWith(d *model.PlanData, f *model.Figures, units map[model.ID]*model.Unit, total map[model.ID]float64) []chartdoc.Node {
	posts := d.PositionIndex()
	texts := newFigureTexts()
	nodes := make([]chartdoc.Node, 0, len(d.Positions))
	// Depth first from the roots, siblings in outline order, so the chart
	// reads like the outline. An explicit stack: chains can be deep.
	stack := append([]model.ID(nil), f.Reports[0]...)
	for i, j := 0, len(stack)-1; i < j; i, j = i+1, j-1 {
		stack[i], stack[j] = stack[j], stack[i]
	}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		nodes = append(nodes, positionNode(posts[id], f, units, total, texts))
		kids := f.Reports[id]
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
	return nodes
}

func positionNode(p *model.Position, f *model.Figures, units map[model.ID]*model.Unit, total map[model.ID]float64, texts *figureTexts) chartdoc.Node {
	id := p.ID
	pf := f.Positions[id]
	n := chartdoc.Node{ID: ChartPostID(id), Title: p.Title}
	if p.ReportsTo != 0 {
		n.Parent = ChartPostID(p.ReportsTo)
	}
	if u := units[p.Unit]; u != nil {
		n.Subtitle = u.Name
	}
	for _, m := range p.Dotted {
		n.Dotted = append(n.Dotted, ChartPostID(m))
	}
	switch {
	case !p.Counts():
		n.Style = chartdoc.Dashed
		n.Lines = append(n.Lines, StatusText(p.Status)+" · "+X("chart.planned", "planned {{.n}}", map[string]any{"n": FormatFTE(p.Planned)}))
	default:
		n.Lines = append(n.Lines, texts.figure(pf.Planned, pf.Actual))
		switch {
		case pf.Vacancy > 0.005:
			n.Style = chartdoc.Vacancy
		case pf.Vacancy < -0.005:
			n.Style = chartdoc.Over
		}
	}
	if line := holdersLine(pf.Holders, total); line != "" {
		n.Lines = append(n.Lines, line)
	}
	for _, h := range pf.Holders {
		if h.Concurrent {
			n.Badge = X("chart.concurrent_badge", "C")
		}
	}
	return n
}

// UnitNodes is the units view: departments with 编制 / 在岗, direct and
// total.
func UnitNodes(d *model.PlanData, f *model.Figures) []chartdoc.Node {
	byID := d.UnitIndex()
	nodes := make([]chartdoc.Node, 0, len(d.Units))
	var visit func(parent model.ID)
	visit = func(parent model.ID) {
		for _, id := range f.Children[parent] {
			u, uf := byID[id], f.Units[id]
			n := chartdoc.Node{ID: chartUnitID(id), Title: u.Name, Subtitle: UnitKindText(u.Kind)}
			if u.Parent != 0 {
				n.Parent = chartUnitID(u.Parent)
			}
			args := map[string]any{"pd": FormatFTE(uf.PlannedDirect), "pt": FormatFTE(uf.PlannedTotal),
				"ad": FormatFTE(uf.ActualDirect), "at": FormatFTE(uf.ActualTotal)}
			n.Lines = []string{
				X("chart.unit_planned", "planned {{.pd}} direct / {{.pt}} total", args),
				X("chart.unit_actual", "in post {{.ad}} direct / {{.at}} total", args),
			}
			if u.Note != "" {
				n.Lines = append(n.Lines, u.Note)
			}
			switch gap := uf.Vacancy(); {
			case gap > 0.005:
				n.Style = chartdoc.Vacancy
			case gap < -0.005:
				n.Style = chartdoc.Over
			}
			nodes = append(nodes, n)
			visit(id)
		}
	}
	visit(0)
	return nodes
}

// FigureTexts are figureText's sentences translated once, for the 10,000
// boxes of a large chart: translating took longer than making the box.
type figureTexts struct {
	line, vacant, over, full, none string
	// made are the lines made so far, by the bits of planned and actual:
	// most posts of a plan share a few.
	made map[[2]uint64]string
}

// Marks where the numbers go in a translated sentence.
const (
	markPlanned = "\x01"
	markActual  = "\x02"
	markGap     = "\x03"
)

func newFigureTexts() *figureTexts {
	return &figureTexts{
		line: X("fig.line", "planned {{.planned}} / in post {{.actual}} / {{.gap}}",
			map[string]any{"planned": markPlanned, "actual": markActual, "gap": markGap}),
		vacant: X("fig.vacant", "vacant {{.n}}", map[string]any{"n": markGap}),
		over:   X("fig.over", "over {{.n}}", map[string]any{"n": markGap}),
		full:   X("fig.full", "full"),
		none:   X("fig.none", "nothing planned"),
	}
}

// figure is FigureText(planned, actual).
func (t *figureTexts) figure(planned, actual float64) string {
	key := [2]uint64{math.Float64bits(planned), math.Float64bits(actual)}
	if s, ok := t.made[key]; ok {
		return s
	}
	if t.made == nil {
		t.made = map[[2]uint64]string{}
	}
	s := t.makeFigure(planned, actual)
	t.made[key] = s
	return s
}

func (t *figureTexts) makeFigure(planned, actual float64) string {
	var gap string
	switch r := math.Round((planned-actual)*100) / 100; {
	case math.Round(planned*100) == 0 && math.Round(actual*100) == 0:
		gap = t.none
	case r > 0:
		gap = strings.Replace(t.vacant, markGap, FormatFTE(r), 1)
	case r < 0:
		gap = strings.Replace(t.over, markGap, FormatFTE(-r), 1)
	default:
		gap = t.full
	}
	s := strings.Replace(t.line, markPlanned, FormatFTE(planned), 1)
	s = strings.Replace(s, markActual, FormatFTE(actual), 1)
	return strings.Replace(s, markGap, gap, 1)
}

package importer

import (
	"context"
	"testing"
)

// The preview's choice "only the first table": the second table lower
// down the sheet is left out, and a warning says where it starts.
func TestFirstTableOnlyLeavesTheSecondTableOut(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "两表.xlsx"), fixSheet{name: "需求", rows: [][]any{
		{"部门", "岗位", "编制", "备注"},
		{"财务部", "会计", 2, ""},
		{"生产部", "操作工", 10, ""},
		{},
		{"序号", "职位", "人数", "备注"},
		{1, "司机", 2, ""},
		{2, "保安", 3, ""},
	}})
	w := mustRead(t, path, nil)
	p, err := Prepare(context.Background(), w, nil, &PreviewOptions{FirstTableOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]float64{}
	for _, q := range p.Positions {
		titles[q.Title] = q.Planned
	}
	if len(titles) != 2 || titles["会计"] != 2 || titles["操作工"] != 10 {
		t.Errorf("only the first table: posts %v, want 会计 2 and 操作工 10", titles)
	}
	left := false
	for _, w := range p.Warnings {
		if w.Key == KeySecondTableLeftOut && w.Args["row"] == 5 {
			left = true
		}
	}
	if !left {
		t.Errorf("no warning that the table at row 5 is left out: %v", p.Warnings)
	}
	// The default still imports both.
	p, err = Prepare(context.Background(), w, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Positions) != 4 {
		t.Errorf("both tables: %d posts, want 4", len(p.Positions))
	}
}

// Package apptest holds the test helpers the window's and the command
// line's tests share (app/gui and app/cli).
package apptest

import (
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"staffplan/app/core"
	"staffplan/data/importer"
)

// WriteRoster writes a small roster the way HR files look: a title row, a
// header with an ID-card column the planner must not keep, and Excel dates.
func WriteRoster(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	sh := "花名册"
	f.SetSheetName("Sheet1", sh)
	_ = f.SetSheetRow(sh, "A1", &[]any{"康飞塑业员工花名册"})
	_ = f.MergeCell(sh, "A1", "F1")
	_ = f.SetSheetRow(sh, "A2", &[]any{"工号", "姓名", "部门", "岗位", "入职日期", "身份证号"})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		_ = f.SetSheetRow(sh, cell, &r)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// PanickingReader stands in for the workbook reader for one test: it
// panics as a reader with a bug would.
func PanickingReader(t *testing.T) {
	t.Helper()
	core.ReadWorkbook = func(context.Context, string, *importer.Options) (*importer.Workbook, error) {
		var rows [][]string
		_ = rows[len(rows)] // index out of range, as a reader with a bug would
		return nil, nil
	}
	t.Cleanup(func() { core.ReadWorkbook = importer.Read })
}

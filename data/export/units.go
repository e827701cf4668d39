package export

import (
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

// KindUnits is the org structure: one row per unit.
const KindUnits = "units"

// unitsHeaders are headings the importer reads as an org structure with
// codes: the unit's code (部门编码), its path from the top and its note.
var unitsHeaders = map[string][]string{
	"zh": {"部门编码", "部门路径", "备注"},
	"en": {"Unit code", "Department path", "Note"},
}

// UnitsWorkbook writes the org structure (组织架构): every unit with its
// code, its path from the top (公司/销售部/华东组) and its note, parents
// before children in the plan's order. Imported back, into a new plan or
// the same one, it gives the same units with the same codes; a unit
// renamed since is still found by its code.
func UnitsWorkbook(w io.Writer, d *model.PlanData, opt Options) error {
	lang := opt.Lang
	if lang != "en" {
		lang = "zh"
	}
	sheet := "组织架构"
	if lang == "en" {
		sheet = "Units"
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	headers := unitsHeaders[lang]
	if err := f.SetSheetRow(sheet, "A1", &headers); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", cellName(len(headers), 1), head); err != nil {
		return err
	}
	units := d.UnitIndex()
	children := map[model.ID][]*model.Unit{}
	for i := range d.Units {
		u := &d.Units[i]
		children[u.Parent] = append(children[u.Parent], u)
	}
	for _, c := range children {
		sort.SliceStable(c, func(i, j int) bool {
			if c[i].Order != c[j].Order {
				return c[i].Order < c[j].Order
			}
			return c[i].ID < c[j].ID
		})
	}
	row := 2
	var walk func(parent model.ID, depth int) error
	walk = func(parent model.ID, depth int) error {
		if depth > 64 {
			return nil // a plan's validation refuses loops; never recurse without end
		}
		for _, u := range children[parent] {
			vals := []any{u.Code, strings.Join(model.UnitPathIn(units, u.ID), "/"), u.Note}
			if err := f.SetSheetRow(sheet, cellName(1, row), &vals); err != nil {
				return err
			}
			row++
			if err := walk(u.ID, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(0, 0); err != nil {
		return err
	}
	for i, wd := range []float64{14, 40, 30} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return writeBook(f, w)
}

package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"staffplan/data/i18n"
	"staffplan/data/model"
)

// KindTemplate is the empty roster for filling in.
const KindTemplate = "template"

// templateHeaders are headings the importer recognises without remapping.
func templateHeaders(lang string) []string {
	t := func(key string) string { return i18n.T(lang, key, nil) }
	return []string{t("export.template.col.emp_no"), t("export.template.col.name"), t("export.template.col.department"),
		t("export.template.col.position"), t("export.template.col.grade"), t("export.template.col.start"),
		t("export.template.col.status"), t("export.template.col.employment")}
}

// templateInstructions is the instructions sheet, a line a row.
func templateInstructions(lang string) []string {
	t := func(key string) string { return i18n.T(lang, key, nil) }
	return []string{t("export.template.help.title"), t("export.template.help.1"), t("export.template.help.2"),
		t("export.template.help.3"), t("export.template.help.4"), t("export.template.help.5")}
}

// templateRows is how many rows get drop-downs and formats.
const templateRows = 1000

// TemplateWorkbook writes an empty roster to fill in: the headings the
// importer recognises, drop-down lists of the plan's departments and posts
// and of the status and employment values, dates formatted as dates, and an
// instructions sheet. Filled in and dropped back, it imports as it is.
func TemplateWorkbook(w io.Writer, d *model.PlanData, opt Options) error {
	lang := exportLang(opt.Lang)
	l := labelsFor(lang)
	f := excelize.NewFile()
	defer f.Close()
	roster := l.rosterSheet
	if err := f.SetSheetName("Sheet1", roster); err != nil {
		return err
	}
	headers := templateHeaders(lang)
	if err := f.SetSheetRow(roster, "A1", &headers); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(roster, "A1", cellName(len(headers), 1), head); err != nil {
		return err
	}
	widths := []float64{12, 10, 30, 20, 8, 12, 10, 12}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(roster, col, col, wd); err != nil {
			return err
		}
	}
	// Text for 工号 so leading zeros survive; a date format for 入职日期.
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("yyyy-mm-dd")})
	if err != nil {
		return err
	}
	last := templateRows + 1
	if err := f.SetCellStyle(roster, "A2", cellName(1, last), text); err != nil {
		return err
	}
	if err := f.SetCellStyle(roster, "F2", cellName(6, last), date); err != nil {
		return err
	}
	if err := f.SetPanes(roster, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	// The lists live on their own (hidden) sheet: drop-downs written
	// inline are limited to 255 characters.
	const lists = "lists"
	if _, err := f.NewSheet(lists); err != nil {
		return err
	}
	units := d.UnitIndex()
	var paths []string
	for _, u := range d.Units {
		paths = append(paths, strings.Join(model.UnitPathIn(units, u.ID), "/"))
	}
	sort.Strings(paths)
	seen := map[string]bool{}
	var posts []string
	for _, p := range d.Positions {
		if !seen[p.Title] {
			seen[p.Title] = true
			posts = append(posts, p.Title)
		}
	}
	sort.Strings(posts)
	columns := []struct {
		values []string
		target string // the roster column it feeds
	}{{paths, "C"}, {posts, "D"}, {l.personStatus, "G"}, {l.employ, "H"}}
	for i, c := range columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		for j, v := range c.values {
			if err := f.SetCellStr(lists, fmt.Sprintf("%s%d", col, j+1), v); err != nil {
				return err
			}
		}
		if len(c.values) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", c.target, c.target, last)
		dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$1:$%s$%d", lists, col, col, len(c.values)))
		if err := f.AddDataValidation(roster, dv); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(lists, false); err != nil {
		return err
	}

	instructions := templateInstructions(lang)
	help := instructions[0]
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	for i, line := range instructions {
		if err := f.SetCellStr(help, fmt.Sprintf("A%d", i+1), line); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(help, "A", "A", 110); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return writeBook(f, w)
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

func strPtr(s string) *string { return &s }

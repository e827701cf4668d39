package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

// KindTemplate is the empty roster for filling in.
const KindTemplate = "template"

// templateHeaders are headings the importer recognises without remapping.
var templateHeaders = map[string][]string{
	"zh": {"工号", "姓名", "部门", "岗位", "职级", "入职日期", "在职状态", "用工形式"},
	"en": {"Employee ID", "Name", "Department", "Position", "Grade", "Start date", "Status", "Employment type"},
}

// templateChoices are the values of the status and employment drop-downs,
// as the importer reads them.
var templateChoices = map[string][2][]string{
	"zh": {{"在职", "试用期", "离职"}, {"全职", "兼职", "劳务派遣", "实习", "退休返聘"}},
	"en": {{"active", "probation", "left"}, {"full-time", "part-time", "agency", "intern", "retiree rehired"}},
}

var templateInstructions = map[string][]string{
	"zh": {
		"填写说明",
		"1. 在“花名册”表中每行填写一人;同一人兼任两个岗位时,每个岗位各占一行。",
		"2. 部门、岗位、在职状态、用工形式请从下拉列表中选择;部门按“公司/部门/班组”的路径填写。",
		"3. 入职日期按 2024-03-01 的格式填写。",
		"4. 不要填写身份证号、银行账号、电话、住址等个人信息:规划不需要,导入时也不会保存。",
		"5. 填好后把文件拖到程序窗口上,或用“文件 › 导入…”,检查预览后确认。",
	},
	"en": {
		"How to fill in",
		"1. One person per row on the roster sheet; someone holding two posts gets one row per post.",
		"2. Choose the department, post, status and employment type from the drop-down lists; departments are paths such as Company/Department/Team.",
		"3. Write start dates as 2024-03-01.",
		"4. Leave out ID numbers, bank accounts, phone numbers and addresses: planning does not need them and the import never stores them.",
		"5. Drop the filled-in file onto the program's window, or use File › Import…, check the preview and confirm.",
	},
}

// templateRows is how many rows get drop-downs and formats.
const templateRows = 1000

// TemplateWorkbook writes an empty roster to fill in: the headings the
// importer recognises, drop-down lists of the plan's departments and posts
// and of the status and employment values, dates formatted as dates, and an
// instructions sheet. Filled in and dropped back, it imports as it is.
func TemplateWorkbook(w io.Writer, d *model.PlanData, opt Options) error {
	lang := opt.Lang
	if lang != "en" {
		lang = "zh"
	}
	l := labelsFor(lang)
	f := excelize.NewFile()
	defer f.Close()
	roster := l.rosterSheet
	if err := f.SetSheetName("Sheet1", roster); err != nil {
		return err
	}
	headers := templateHeaders[lang]
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
	choices := templateChoices[lang]
	columns := []struct {
		values []string
		target string // the roster column it feeds
	}{{paths, "C"}, {posts, "D"}, {choices[0], "G"}, {choices[1], "H"}}
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

	help := templateInstructions[lang][0]
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	for i, line := range templateInstructions[lang] {
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

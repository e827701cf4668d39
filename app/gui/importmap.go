package gui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/importer"
	"staffplan/data/model"
)

// The mapping step of the import preview: the user shows the program what
// a file holds when detection cannot tell. It works on the workbook the
// preview shows and prepares the preview again after every choice.

// gridRows and gridCols bound the first rows shown as a grid and the
// columns listed for mapping: enough for the headings of any real form,
// few enough that a 16,384-column row does not build 16,384 widgets.
const (
	gridRows = 50
	gridCols = 200
)

// sheetRoleList are what the user can say a sheet is, in the order listed.
// RoleUnits stands for both units roles: it becomes RoleDepts beside a
// people sheet.
var sheetRoleList = []importer.Role{importer.RolePeople, importer.RoleUnits, importer.RoleStaffing, importer.RoleSkip}

// RoleText names what a sheet is read as, in the interface language.
func RoleText(r importer.Role) string {
	switch r {
	case importer.RolePeople:
		return lang.X("import.role.people", "people")
	case importer.RoleUnits, importer.RoleDepts:
		return lang.X("import.role.units", "units (departments)")
	case importer.RoleStaffing:
		return lang.X("import.role.staffing", "posts (staffing table)")
	}
	return lang.X("import.role.ignore", "ignore this sheet")
}

// mapFieldList are the fields a column can be given: ignore first, then
// every field of importer.FieldNames, then the meanings only detection
// gives (so a detected one shows as chosen).
func mapFieldList() []importer.Field {
	out := []importer.Field{importer.FieldIgnore}
	for _, n := range importer.FieldNames {
		if f, ok := importer.FieldByName(n); ok && f != importer.FieldIgnore {
			out = append(out, f)
		}
	}
	return append(out, importer.FieldParentDept, importer.FieldVacancy, importer.FieldHead, importer.FieldSeq, importer.FieldPersonal)
}

// mapStep holds the widgets of the mapping step.
type mapStep struct {
	ip     *importPreview
	fields []importer.Field
	cur    *importer.Sheet
	hint   *widget.Label
	sheet  *widget.Select
	role   *widget.Select
	header *widget.Select
	grid   *widget.Table
	cols   *container.Scroll
	// colSel[i] is the Select of column i of the sheet shown.
	colSel []*widget.Select
	// roles are the sheet roles the user chose, by sheet name; the others
	// follow detection.
	roles    map[string]importer.Role
	updating bool // set while widgets are filled in, so no choice is made
}

// mappable reports whether a failed preview is one the mapping step can
// put right: no header found, or nothing of a kind to import.
func mappable(err error) bool {
	var p *model.Problem
	return errors.As(err, &p) && (strings.HasPrefix(p.Key, importer.KeyNoHeader) || strings.HasPrefix(p.Key, importer.KeyEmpty))
}

// hasRows reports whether any sheet has a row with text: a file with
// none has nothing to map, and its message is the answer.
func hasRows(wb *importer.Workbook) bool {
	for _, s := range wb.Sheets {
		for _, row := range s.Rows {
			for _, c := range row {
				if strings.TrimSpace(c) != "" {
					return true
				}
			}
		}
	}
	return false
}

// mappingStep builds the mapping step for the preview's workbook.
func (ip *importPreview) mappingStep() fyne.CanvasObject {
	ms := &mapStep{ip: ip, fields: mapFieldList(), roles: map[string]importer.Role{}}
	ip.step = ms
	ms.hint = widget.NewLabel(lang.X("import.map.hint",
		"The program could not tell what this file holds. Pick the row with the headings (or “no header row”), say what each sheet is, and choose what each column means; the preview follows every choice."))
	ms.hint.Wrapping = fyne.TextWrapWord
	ms.hint.Importance = widget.WarningImportance
	ms.hint.Hide()

	var names []string
	for _, s := range ip.wb.Sheets {
		names = append(names, s.Name)
	}
	ms.sheet = widget.NewSelect(names, func(name string) {
		if ms.updating {
			return
		}
		ms.showSheet(ip.wb.Sheet(name))
	})
	ms.role = widget.NewSelect(nil, func(string) {
		if ms.updating || ms.cur == nil {
			return
		}
		ms.roles[ms.cur.Name] = sheetRoleList[ms.role.SelectedIndex()]
		ms.changed()
	})
	for _, r := range sheetRoleList {
		ms.role.Options = append(ms.role.Options, RoleText(r))
	}
	ms.header = widget.NewSelect(nil, func(string) {
		if ms.updating || ms.cur == nil {
			return
		}
		i := ms.header.SelectedIndex() - 1 // entry 0 is "no header row"
		if i < -1 {
			return
		}
		if i >= min(len(ms.cur.Rows), gridRows) {
			i = ms.cur.HeaderRow // the extra entry for a header below the grid
		}
		ms.setHeaderRow(i)
	})
	ms.header.PlaceHolder = lang.X("import.map.header_pick", "(choose)")

	ms.grid = widget.NewTableWithHeaders(
		func() (int, int) {
			if ms.cur == nil {
				return 0, 0
			}
			return min(len(ms.cur.Rows), gridRows), gridWidth(ms.cur)
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text := ""
			if s := ms.cur; s != nil && id.Row < len(s.Rows) && id.Col < len(s.Rows[id.Row]) {
				text = s.Rows[id.Row][id.Col]
			}
			// The header row stands out, so the user sees what was picked:
			// in colour and bold (CJK fonts often have no bold face).
			imp := widget.MediumImportance
			if ms.cur != nil && id.Row == ms.cur.HeaderRow {
				imp = widget.HighImportance
			}
			if l.Importance != imp {
				l.Importance = imp
				l.TextStyle.Bold = imp == widget.HighImportance
				l.Refresh()
			}
			l.SetText(text)
		})
	ms.grid.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Row < 0 && id.Col >= 0:
			l.SetText(importer.ColumnName(id.Col))
		case id.Col < 0 && id.Row >= 0:
			l.SetText(fmt.Sprint(id.Row + 1))
		default:
			l.SetText("")
		}
	}
	for i := range gridCols {
		ms.grid.SetColumnWidth(i, 96)
	}
	ms.cols = container.NewVScroll(widget.NewForm())

	first := mainSheet(ip.wb)
	if first != nil {
		ms.showSheet(first)
	}
	top := container.NewVBox(ms.hint,
		container.NewGridWithColumns(3,
			labelled(lang.X("import.map.sheet", "Sheet"), ms.sheet),
			labelled(lang.X("import.map.role", "This sheet holds"), ms.role),
			labelled(lang.X("import.map.header_row", "Header row"), ms.header)))
	split := container.NewHSplit(ms.grid, ms.cols)
	split.Offset = 0.58
	return container.NewBorder(top, nil, nil, nil, split)
}

// labelled puts a label before a widget, the widget taking the room left.
func labelled(text string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(text), nil, o)
}

// gridWidth is how many columns the grid shows: the widest of the rows
// shown, at most gridCols.
func gridWidth(s *importer.Sheet) int {
	w := 0
	for i, row := range s.Rows {
		if i >= gridRows {
			break
		}
		w = max(w, len(row))
	}
	return min(max(w, len(s.Columns)), gridCols)
}

// showSheet fills the step's widgets for sheet s.
func (ms *mapStep) showSheet(s *importer.Sheet) {
	ms.cur = s
	ms.updating = true
	defer func() { ms.updating = false }()
	ms.sheet.SetSelected(s.Name)
	ms.refreshRole()
	opts := []string{lang.X("import.map.no_header", "no header row")}
	for i := range min(len(s.Rows), gridRows) {
		opts = append(opts, lang.X("import.map.row", "row {{.n}}", map[string]any{"n": i + 1}))
	}
	if s.HeaderRow >= gridRows {
		opts = append(opts, lang.X("import.map.row", "row {{.n}}", map[string]any{"n": s.HeaderRow + 1}))
	}
	ms.header.Options = opts
	switch {
	case s.HeaderRow >= gridRows:
		ms.header.SetSelectedIndex(len(opts) - 1)
	case s.HeaderRow >= 0:
		ms.header.SetSelectedIndex(s.HeaderRow + 1)
	case s.HasColumns():
		ms.header.SetSelectedIndex(0)
	default:
		ms.header.ClearSelected()
	}
	ms.header.Refresh()
	ms.refreshColumns()
	ms.grid.Refresh()
	// Headings sit in the first rows; the header row stands out.
	ms.grid.ScrollToTop()
	ms.grid.ScrollToLeading()
}

// refreshRole shows what the sheet shown is read as.
func (ms *mapStep) refreshRole() {
	if ms.cur == nil {
		return
	}
	was := ms.updating
	ms.updating = true
	r := ms.cur.Role
	if r == importer.RoleDepts {
		r = importer.RoleUnits
	}
	for i, x := range sheetRoleList {
		if x == r {
			ms.role.SetSelectedIndex(i)
		}
	}
	ms.updating = was
}

// refreshColumns lists the sheet's columns, each with a Select of its
// meaning.
func (ms *mapStep) refreshColumns() {
	s := ms.cur
	form := widget.NewForm()
	ms.colSel = nil
	var labels []string
	for _, f := range ms.fields {
		labels = append(labels, FieldText(f))
	}
	if !s.HasColumns() {
		l := widget.NewLabel(lang.X("import.map.pick_header_first", "Pick the header row, or “no header row”, to list the columns."))
		l.Wrapping = fyne.TextWrapWord
		form.Append("", l)
	} else {
		for i := range min(len(s.Columns), gridCols) {
			i := i
			sel := widget.NewSelect(labels, nil)
			for j, f := range ms.fields {
				if f == s.Mapping.Field(i) {
					sel.SetSelectedIndex(j)
				}
			}
			sel.OnChanged = func(string) {
				if ms.updating {
					return
				}
				ms.setField(i, ms.fields[sel.SelectedIndex()])
			}
			ms.colSel = append(ms.colSel, sel)
			form.Append(columnLabel(s, i), sel)
		}
	}
	ms.cols.Content = form
	ms.cols.Refresh()
}

// columnLabel names a column by its letter and heading; without a
// heading, by its first value, so the user can tell the columns apart.
func columnLabel(s *importer.Sheet, i int) string {
	c := s.Columns[i]
	text := c.Header
	if text == "" {
		for _, row := range s.Rows[s.HeaderRow+1:] {
			if i < len(row) && strings.TrimSpace(row[i]) != "" {
				text = lang.X("import.map.eg", "e.g. {{.value}}", map[string]any{"value": row[i]})
				break
			}
		}
	}
	if r := []rune(text); len(r) > 18 {
		text = string(r[:17]) + "…"
	}
	if c.Confidence > 0 && s.HeaderRow >= 0 {
		return fmt.Sprintf("%s %s (%d%%)", importer.ColumnName(i), text, int(c.Confidence*100+0.5))
	}
	return strings.TrimSpace(importer.ColumnName(i) + " " + text)
}

// setHeaderRow makes row i (0-based) the sheet's header, or none for -1,
// brings back a mapping remembered for those headings, and prepares again.
func (ms *mapStep) setHeaderRow(i int) {
	s := ms.cur
	if i < 0 {
		s.SetNoHeader()
	} else {
		s.SetHeaderRow(i)
		ms.ip.u.applyRememberedSheet(s)
	}
	ms.changed()
	ms.updating = true
	ms.refreshColumns()
	ms.updating = false
	ms.grid.Refresh()
}

// setField gives column i the field f; a field other than ignore belongs
// to one column, so another column that had it is ignored from now on.
func (ms *mapStep) setField(i int, f importer.Field) {
	s := ms.cur
	m := append(importer.Mapping(nil), s.Mapping...)
	for len(m) <= i {
		m = append(m, importer.FieldIgnore)
	}
	moved := false
	if f != importer.FieldIgnore {
		for j := range m {
			if j != i && m[j] == f {
				m[j], moved = importer.FieldIgnore, true
			}
		}
	}
	m[i] = f
	s.SetMapping(m)
	if s.HeaderRow >= 0 {
		ms.ip.u.rememberMapping(s)
	}
	if moved {
		ms.updating = true
		for j, sel := range ms.colSel {
			if m.Field(j) == importer.FieldIgnore && sel.SelectedIndex() != 0 {
				sel.SetSelectedIndex(0)
			}
		}
		ms.updating = false
	}
	ms.changed()
}

// changed settles the sheets' roles and the workbook's kind after a
// choice, and prepares the preview again.
func (ms *mapStep) changed() {
	ms.ip.change(func() {
		ms.settleRoles()
		ms.ip.refreshKind()
		ms.refreshRole()
	})
}

// settleRoles works the roles out again: detection's for the sheets the
// user said nothing about (after the kind the user chose, if any), the
// user's for the others; the workbook's kind follows from the roles.
func (ms *mapStep) settleRoles() {
	w := ms.ip.wb
	if ms.ip.kindChosen != importer.KindUnknown {
		w.SetKind(ms.ip.kindChosen)
	} else {
		w.DetectKind()
	}
	if len(ms.roles) == 0 {
		return
	}
	people := false
	for _, s := range w.Sheets {
		if r, ok := ms.roles[s.Name]; ok {
			s.Role = r
		}
		people = people || s.Role == importer.RolePeople
	}
	has := map[importer.Role]bool{}
	for _, s := range w.Sheets {
		if s.Role == importer.RoleUnits || s.Role == importer.RoleDepts {
			// Beside people, a units sheet is the table their ids refer to.
			s.Role = importer.RoleUnits
			if people {
				s.Role = importer.RoleDepts
			}
		}
		has[s.Role] = true
	}
	switch {
	case people && has[importer.RoleDepts]:
		w.Kind = importer.KindPeopleDepts
	case people:
		w.Kind = importer.KindRoster
	case has[importer.RoleStaffing]:
		w.Kind = importer.KindStaffing
	case has[importer.RoleUnits]:
		w.Kind = importer.KindOrg
	default:
		w.Kind = importer.KindUnknown
	}
}

// refreshHint shows the hint once the preview could not be worked out;
// it stays, so the widgets below do not jump under the user's mouse.
func (ms *mapStep) refreshHint() {
	if ms.ip.prepErr != nil && mappable(ms.ip.prepErr) {
		ms.hint.Show()
	}
}

// importChoices are the preview's questions that only some files raise:
// how to read a headcount written as a range, and whether to import a
// sheet's further tables.
type importChoices struct {
	box    *fyne.Container
	ranges *widget.Select
	tables *widget.Select
	rangeR fyne.CanvasObject
	tableR fyne.CanvasObject
	// rangeAsked and tableAsked: the question was raised once, so it stays.
	rangeAsked, tableAsked bool
}

func (ip *importPreview) choicesRow() fyne.CanvasObject {
	c := &importChoices{}
	ip.choices = c
	lower, upper := lang.X("import.range.lower", "lower bound"), lang.X("import.range.upper", "upper bound")
	c.ranges = widget.NewSelect([]string{lower, upper}, func(v string) {
		if v == "" || (v == upper) == ip.opts.RangeUpper {
			return
		}
		ip.change(func() { ip.opts.RangeUpper = v == upper })
	})
	c.ranges.SetSelected(lower)
	both, first := lang.X("import.tables.both", "import both"), lang.X("import.tables.first", "only the first")
	c.tables = widget.NewSelect([]string{both, first}, func(v string) {
		if v == "" || (v == first) == ip.opts.FirstTableOnly {
			return
		}
		ip.change(func() { ip.opts.FirstTableOnly = v == first })
	})
	c.tables.SetSelected(both)
	c.rangeR = labelled(lang.X("import.range", "Headcount as a range (1-2人):"), c.ranges)
	c.tableR = labelled(lang.X("import.tables", "Second table on a sheet:"), c.tables)
	// Side by side: the grid below needs the height.
	c.box = container.NewGridWithColumns(2, c.rangeR, c.tableR)
	return c.box
}

// refreshChoices shows the questions the preview raises; a question once
// asked stays, so the user can take the answer back.
func (ip *importPreview) refreshChoices() {
	c := ip.choices
	if c == nil {
		return
	}
	c.rangeAsked = c.rangeAsked || ip.opts.RangeUpper
	c.tableAsked = c.tableAsked || ip.opts.FirstTableOnly
	for _, w := range ip.p.Warnings {
		c.rangeAsked = c.rangeAsked || w.Key == importer.KeyApprox
		c.tableAsked = c.tableAsked || w.Key == importer.KeySecondTable || w.Key == importer.KeySecondTableLeftOut
	}
	showIf(c.rangeR, c.rangeAsked)
	showIf(c.tableR, c.tableAsked)
	showIf(c.box, c.rangeAsked || c.tableAsked)
}

func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// refreshKind shows the workbook's kind in the kind Select without
// choosing one.
func (ip *importPreview) refreshKind() {
	if ip.kind == nil {
		return
	}
	ip.kindUpdating = true
	defer func() { ip.kindUpdating = false }()
	for i, k := range importKindList {
		if k == ip.wb.Kind {
			ip.kind.SetSelectedIndex(i)
			return
		}
	}
	ip.kind.ClearSelected()
}

// kindPicked is the user's choice of what the whole file holds: the
// sheets' roles follow it again.
func (ip *importPreview) kindPicked(k importer.Kind) {
	if ip.kindUpdating {
		return
	}
	ip.change(func() {
		ip.kindChosen = k
		ip.wb.SetKind(k)
		if ms := ip.step; ms != nil {
			ms.roles = map[string]importer.Role{}
			ms.refreshRole()
		}
	})
}

// emptyPreview stands for a preview that could not be worked out: it
// shows no figures and cannot be committed.
func emptyPreview(wb *importer.Workbook) *importer.Preview {
	return &importer.Preview{File: wb.Path, Name: wb.Name, Kind: wb.Kind}
}

// applyRememberedSheet is applyRememberedMapping for one sheet whose
// header row the user picked.
func (u *UI) applyRememberedSheet(s *importer.Sheet) {
	wb := &importer.Workbook{Sheets: []*importer.Sheet{s}}
	u.applyRememberedMapping(wb)
	s.SetMapping(s.Mapping) // the sheet's kind follows the mapping
}

// showPrepErr puts the reason the preview could not be worked out in
// place of its figures.
func (ip *importPreview) showPrepErr() {
	ip.refreshChoices()
	if ip.step != nil {
		ip.step.refreshHint()
	}
	if ip.prepErr == nil {
		return
	}
	ip.summary.SetText(core.ErrText(ip.prepErr))
	ip.problems.SetText("✖ " + core.ErrText(ip.prepErr))
}

// notYet answers Import while there is nothing to import: the message,
// then the preview again, with the user's choices kept.
func (ip *importPreview) notYet() {
	u := ip.u
	d := u.errorDialog(fmt.Errorf("%s", lang.X("import.not_yet", "Nothing can be imported yet: {{.reason}}",
		map[string]any{"reason": core.ErrText(ip.prepErr)})))
	d.SetOnClosed(func() {
		u.pendingImport = ip
		u.setTitle()
		ip.d.Show()
	})
	u.showDismissable(d)
}

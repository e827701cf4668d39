package gui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/importer"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
)

// FieldText names a column meaning in the interface language.
func FieldText(f importer.Field) string {
	switch f {
	case importer.FieldName:
		return lang.X("field.name", "name")
	case importer.FieldEmpNo:
		return lang.X("field.emp_no", "emp. no.")
	case importer.FieldDept:
		return lang.X("field.dept", "department")
	case importer.FieldDeptPath:
		return lang.X("field.dept_path", "department path")
	case importer.FieldDept1:
		return lang.X("field.dept1", "department level 1")
	case importer.FieldDept2:
		return lang.X("field.dept2", "department level 2")
	case importer.FieldDept3:
		return lang.X("field.dept3", "department level 3")
	case importer.FieldDept4:
		return lang.X("field.dept4", "team")
	case importer.FieldDept5:
		return lang.X("field.dept5", "unit level 5")
	case importer.FieldDept6:
		return lang.X("field.dept6", "unit level 6")
	case importer.FieldDept7:
		return lang.X("field.dept7", "unit level 7")
	case importer.FieldDept8:
		return lang.X("field.dept8", "unit level 8")
	case importer.FieldDept9:
		return lang.X("field.dept9", "unit level 9")
	case importer.FieldPositionCode:
		return lang.X("field.position_code", "post code (not stored)")
	case importer.FieldFamilyName:
		return lang.X("field.family_name", "family name")
	case importer.FieldGivenName:
		return lang.X("field.given_name", "given name")
	case importer.FieldStartDate:
		return lang.X("field.start_date", "expected start date")
	case importer.FieldLeaveDate:
		return lang.X("field.leave_date", "leaving date")
	case importer.FieldVacancy:
		return lang.X("field.vacancy", "vacancies (not stored)")
	case importer.FieldDeptID:
		return lang.X("field.dept_id", "department id")
	case importer.FieldParentID:
		return lang.X("field.parent_dept_id", "parent department id")
	case importer.FieldParentDept:
		return lang.X("field.parent_dept", "parent department")
	case importer.FieldPosition:
		return lang.X("field.position", "post")
	case importer.FieldReportsTo:
		return lang.X("field.reports_to", "reports to")
	case importer.FieldHireDate:
		return lang.X("field.hire_date", "hire date")
	case importer.FieldStatus:
		return lang.X("field.status", "status")
	case importer.FieldEmployment:
		return lang.X("field.employment", "employment type")
	case importer.FieldGrade:
		return lang.X("field.grade", "grade")
	case importer.FieldPlanned:
		return lang.X("field.planned", "planned headcount")
	case importer.FieldFTE:
		return lang.X("field.fte", "FTE share of the post")
	case importer.FieldActual:
		return lang.X("field.actual", "in post (not stored)")
	case importer.FieldNote:
		return lang.X("field.note", "note")
	case importer.FieldHead:
		return lang.X("field.head", "head of unit")
	case importer.FieldPay:
		return lang.X("field.pay", "monthly pay (a roster's: the post's median, not stored per person)")
	case importer.FieldSeq:
		return lang.X("field.seq", "row number (not stored)")
	case importer.FieldPersonal:
		return lang.X("field.personal", "personal data (never stored)")
	}
	return lang.X("field.ignore", "ignore")
}

// KindText names what a file holds.
func KindText(k importer.Kind) string {
	switch k {
	case importer.KindRoster:
		return lang.X("kind.roster", "roster (people with department and post)")
	case importer.KindStaffing:
		return lang.X("kind.staffing", "staffing table (department · post · headcount)")
	case importer.KindOrg:
		return lang.X("kind.org", "org structure (units and parents)")
	case importer.KindPeopleDepts:
		return lang.X("kind.people_depts", "people and departments sheets")
	}
	return lang.X("kind.unknown", "not recognised")
}

// actionText names what the import does to a row; the last sample column.
func actionText(a string) string {
	switch importer.Action(a) {
	case importer.ActionNew:
		return lang.X("import.action.new", "new")
	case importer.ActionUpdated:
		return lang.X("import.action.updated", "updated")
	case importer.ActionUnchanged:
		return lang.X("import.action.unchanged", "unchanged")
	}
	return a
}

var importKindList = []importer.Kind{importer.KindRoster, importer.KindStaffing, importer.KindOrg, importer.KindPeopleDepts}

// Dropped handles files dropped onto the window: each is imported in turn.
func (u *UI) Dropped(uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	u.ImportFiles(paths)
}

// ImportFiles imports files one after another, each with its own preview.
func (u *UI) ImportFiles(paths []string) {
	if len(paths) == 0 {
		// The last file is done with (imported, cancelled or refused): a
		// database still without plans asks again how to begin.
		u.offerFirstStart()
		return
	}
	u.closeFirstStart()
	u.editor.confirmLeave(func() {
		u.importFile(paths[0], "", func() { u.ImportFiles(paths[1:]) })
	})
}

func (u *UI) importDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			u.offerFirstStart()
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		u.ImportFiles([]string{path})
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".xls"}))
	u.showFileDialog(d)
}

// progressDialog shows a bar with Cancel once work has taken a second, so
// quick files show nothing at all. Without a cancel func it shows a busy
// bar and no button.
type progressDialog struct {
	d      dialog.Dialog
	bar    *widget.ProgressBar
	shown  bool
	done   bool
	cancel context.CancelFunc
	do     func(func()) // the window's fyne.Do
}

func (u *UI) newProgress(title string, cancel context.CancelFunc) *progressDialog {
	p := &progressDialog{bar: widget.NewProgressBar(), cancel: cancel, do: u.do}
	if cancel == nil {
		p.d = dialog.NewCustomWithoutButtons(title, widget.NewProgressBarInfinite(), u.win)
	} else {
		p.d = dialog.NewCustom(title, lang.X("btn.cancel", "Cancel"), p.bar, u.win)
		p.d.SetOnClosed(func() {
			if !p.done {
				cancel()
			}
		})
	}
	time.AfterFunc(time.Second, func() {
		u.do(func() {
			if !p.done {
				p.shown = true
				p.d.Show()
			}
		})
	})
	return p
}

// update is called from the worker goroutine.
func (p *progressDialog) update(done, total int) {
	p.do(func() {
		if total > 0 {
			p.bar.SetValue(float64(done) / float64(total))
		}
	})
}

// finish closes the dialog; call on the UI goroutine.
func (p *progressDialog) finish() {
	p.done = true
	if p.shown {
		p.d.Hide()
	}
}

// importFile reads a file in the background, then shows its preview.
func (u *UI) importFile(path, password string, next func()) {
	ctx, cancel := context.WithCancel(context.Background())
	prog := u.newProgress(lang.X("dlg.reading", "Reading {{.file}}…", map[string]any{"file": core.BaseName(path)}), cancel)
	planID, data := u.planID, u.data
	// A roster dropped onto the untouched sample is the user's own company,
	// not more people for the demo one: it becomes a plan of its own.
	asNew := planID == 0 || u.untouchedSample()
	if asNew {
		planID = 0
	}
	failed := func(err error) {
		d := u.errorDialog(err)
		d.SetOnClosed(next)
		u.showDismissable(d)
	}
	asError := func(r any) error { return importer.PanicProblem(r, path, "", 0, 0) }
	j := u.newJob(lang.X("job.read", "reading {{.file}}", map[string]any{"file": core.BaseName(path)}), prog.finish, asError, failed)
	j.run(func() {
		wb, err := core.ReadForImport(ctx, path, "", nil, password, prog.update)
		var preview *importer.Preview
		if err == nil {
			u.applyRememberedMapping(wb)
			preview, err = importer.Prepare(ctx, wb, existingFor(planID, data), &importer.PreviewOptions{Lang: core.Lang()})
		}
		j.show(func() {
			switch {
			case errors.Is(err, importer.ErrCancelled) || ctx.Err() != nil:
				next()
			case errors.Is(err, importer.ErrPassword): // also a wrong one: ask again
				u.askPassword(path, err, next)
			case err != nil && mappable(err) && hasRows(wb):
				// Detection found nothing it can import: the user shows
				// what the file holds, on the mapping step.
				u.showPreviewErr(wb, err, asNew, next)
			case err != nil:
				// Also on stderr: a log for support, and a signal tests wait on.
				fmt.Fprintf(os.Stderr, "import %s: %s\n%s", path, err, panicStack(err))
				d := u.errorDialog(err)
				d.SetOnClosed(next)
				u.showDismissable(d)
			default:
				u.showPreview(wb, preview, asNew, next)
			}
		})
	})
}

// existingFor is the plan an import merges into: none for an empty window.
func existingFor(planID model.ID, d *model.PlanData) *model.PlanData {
	if planID == 0 {
		return nil
	}
	return d
}

func (u *UI) askPassword(path string, cause error, next func()) {
	pw := widget.NewPasswordEntry()
	msg := widget.NewLabel(core.ErrText(cause))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(lang.X("dlg.password", "Password"), lang.X("btn.open", "Open"), lang.X("btn.cancel", "Cancel"),
		[]*widget.FormItem{widget.NewFormItem("", msg), widget.NewFormItem(lang.X("dlg.password", "Password"), pw)},
		func(ok bool) {
			if ok && pw.Text != "" {
				u.importFile(path, pw.Text, next)
				return
			}
			next()
		}, u.win)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
	u.win.Canvas().Focus(pw)
}

func mappingPrefKey(key string) string { return "mapping:" + key }

// applyRememberedMapping restores the user's column choices for files with
// the same headers.
func (u *UI) applyRememberedMapping(wb *importer.Workbook) {
	for _, s := range wb.Sheets {
		raw := u.app.Preferences().String(mappingPrefKey(s.MappingKey()))
		if raw == "" {
			continue
		}
		var m importer.Mapping
		if json.Unmarshal([]byte(raw), &m) == nil && len(m) == len(s.Mapping) {
			s.Mapping = m
		}
	}
}

func (u *UI) rememberMapping(s *importer.Sheet) {
	if b, err := json.Marshal(s.Mapping); err == nil {
		u.app.Preferences().SetString(mappingPrefKey(s.MappingKey()), string(b))
	}
}

// importPreview is the dialog that shows what an import will do.
type importPreview struct {
	u        *UI
	st       *store.Store // the database the preview was made for
	wb       *importer.Workbook
	p        *importer.Preview
	d        *dialog.ConfirmDialog
	summary  *widget.Label
	problems *widget.Label
	sample   *widget.Table
	markLeft *widget.Check
	// asNew makes the import a new plan named after the file instead of
	// merging it into the plan shown.
	asNew   bool
	newPlan *widget.Check
	next    func()

	// The mapping step and the questions some files raise (importmap.go).
	opts         importer.PreviewOptions
	prepErr      error // why the preview could not be worked out, if so
	step         *mapStep
	choices      *importChoices
	tabs         *container.AppTabs
	kind         *widget.Select
	kindChosen   importer.Kind // what the user said the file holds
	kindUpdating bool
}

// target is the plan the import goes into: 0 for a new plan.
func (ip *importPreview) target() model.ID {
	if ip.asNew {
		return 0
	}
	return ip.u.planID
}

// mainSheet is the sheet whose columns the mapping step shows.
func mainSheet(wb *importer.Workbook) *importer.Sheet {
	for _, s := range wb.Sheets {
		if s.Role != importer.RoleSkip && s.HeaderRow >= 0 {
			return s
		}
	}
	if len(wb.Sheets) > 0 {
		return wb.Sheets[0]
	}
	return nil
}

// showPreviewErr opens the preview of a file whose preview could not be
// worked out, on the mapping step.
func (u *UI) showPreviewErr(wb *importer.Workbook, err error, asNew bool, next func()) {
	u.openPreview(wb, emptyPreview(wb), err, asNew, next)
}

func (u *UI) showPreview(wb *importer.Workbook, p *importer.Preview, asNew bool, next func()) {
	u.openPreview(wb, p, nil, asNew, next)
}

func (u *UI) openPreview(wb *importer.Workbook, p *importer.Preview, prepErr error, asNew bool, next func()) {
	ip := &importPreview{u: u, st: u.st, wb: wb, p: p, next: next, asNew: asNew, prepErr: prepErr, opts: importer.PreviewOptions{Lang: core.Lang()}}
	ip.newPlan = widget.NewCheck(lang.X("import.as_new", "Import as a new plan named “{{.name}}”", map[string]any{"name": p.Name}), func(on bool) {
		if on != ip.asNew {
			ip.asNew = on
			ip.reprepare()
		}
	})
	ip.newPlan.SetChecked(asNew)
	if u.planID == 0 {
		ip.newPlan.Disable() // there is no plan to merge into
	}
	ip.summary = widget.NewLabel("")
	ip.summary.Wrapping = fyne.TextWrapWord
	ip.problems = widget.NewLabel("")
	ip.problems.Wrapping = fyne.TextWrapWord
	ip.markLeft = widget.NewCheck("", nil)
	ip.sample = widget.NewTableWithHeaders(
		func() (int, int) { return len(ip.p.Sample), len(ip.p.SampleHeader) + 1 }, // + the action
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			text := ""
			if id.Row < len(ip.p.Sample) && id.Col < len(ip.p.Sample[id.Row]) {
				text = ip.p.Sample[id.Row][id.Col]
				if id.Col == len(ip.p.SampleHeader) {
					text = actionText(text)
				}
			}
			l.SetText(text)
		})
	ip.sample.ShowHeaderColumn = false
	ip.sample.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	ip.sample.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		text := ""
		switch {
		case id.Col >= 0 && id.Col < len(ip.p.SampleHeader):
			text = FieldText(ip.p.SampleHeader[id.Col])
		case id.Col == len(ip.p.SampleHeader):
			text = lang.X("import.action", "change")
		}
		o.(*widget.Label).SetText(text)
	}
	for i := range 12 {
		ip.sample.SetColumnWidth(i, 110)
	}

	kind := widget.NewSelect(nil, nil)
	kind.PlaceHolder = lang.X("import.kind.pick", "(choose what the file holds)")
	ip.kind = kind
	for _, k := range importKindList {
		kind.Options = append(kind.Options, KindText(k))
	}
	ip.refreshKind()
	kind.OnChanged = func(string) {
		if i := kind.SelectedIndex(); i >= 0 {
			ip.kindPicked(importKindList[i])
		}
	}
	mapping := ip.mappingStep()
	top := container.NewVBox(
		widget.NewForm(widget.NewFormItem(lang.X("import.kind", "The file holds"), kind)),
		ip.newPlan, ip.summary, ip.choicesRow(), ip.markLeft)
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.X("import.tab.rows", "First rows"), ip.sample),
		container.NewTabItem(lang.X("import.tab.columns", "Sheets and columns"), mapping),
		container.NewTabItem(lang.X("import.tab.problems", "Problems"), container.NewVScroll(ip.problems)),
	)
	ip.tabs = tabs
	if prepErr != nil {
		tabs.SelectIndex(1)
	}
	body := container.NewBorder(top, nil, nil, nil, tabs)
	ip.d = dialog.NewCustomConfirm(lang.X("dlg.import", "Import {{.file}}", map[string]any{"file": core.BaseName(wb.Path)}),
		lang.X("btn.import", "Import"), lang.X("btn.cancel", "Cancel"), body, func(ok bool) {
			u.pendingImport = nil
			u.setTitle()
			if ok {
				ip.commit()
			} else {
				next()
			}
		}, u.win)
	ip.show()
	ip.d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 900), min(u.win.Canvas().Size().Height-40, 640)))
	ip.d.Show()
	// Keys typed while the preview is up go to the window, where Enter
	// confirms it; a widget that had focus (the chart, after a drop onto
	// it) would take them instead.
	u.win.Canvas().Unfocus()
	u.pendingImport = ip
	u.setTitle()
}

// show puts the preview's figures into the dialog.
func (ip *importPreview) show() {
	p := ip.p
	ip.summary.SetText(core.ImportSummaryText(p))
	var lines []string
	for _, e := range p.Errors {
		lines = append(lines, "✖ "+core.ErrText(e))
	}
	for _, w := range p.Warnings {
		lines = append(lines, "⚠ "+core.ErrText(w))
	}
	var personal []string
	for _, c := range p.Ignored {
		if c.Personal {
			personal = append(personal, c.Header)
		}
	}
	if len(personal) > 0 {
		lines = append(lines, lang.X("import.personal", "Personal data, not stored: {{.cols}}", map[string]any{"cols": strings.Join(personal, "、")}))
	}
	for _, s := range p.Skipped {
		lines = append(lines, fmt.Sprintf("%s!%d: %s", s.Sheet, s.Row, lang.X(s.Key, s.Reason)))
		if len(lines) > 300 {
			break
		}
	}
	if len(lines) == 0 {
		lines = []string{lang.X("import.no_problems", "No problems found.")}
	}
	ip.problems.SetText(strings.Join(lines, "\n"))
	if n := len(p.Missing); n > 0 {
		ip.markLeft.Text = lang.X("import.mark_left", "Mark the {{.n}} people no longer in the file as left", map[string]any{"n": n})
		ip.markLeft.Show()
		ip.markLeft.Refresh()
	} else {
		ip.markLeft.Hide()
	}
	ip.sample.Refresh()
	ip.showPrepErr()
}

// reprepare works the preview out again after the user changed the kind or
// a column's meaning.
func (ip *importPreview) reprepare() {
	u := ip.u
	opts := ip.opts
	p, err := importer.Prepare(context.Background(), ip.wb, existingFor(ip.target(), u.data), &opts)
	ip.prepErr = err
	if err != nil {
		// Nothing stale may be committed: the figures go, and Import says
		// why there is nothing to import.
		p = emptyPreview(ip.wb)
	}
	ip.p = p
	ip.show()
}

// change applies a change the user made to the kind or the mapping, then
// prepares the preview again. A panic in the change is shown as the
// preview's problem; the window stays up.
func (ip *importPreview) change(fn func()) {
	defer func() {
		if r := recover(); r != nil {
			ip.failed(importer.PanicProblem(r, ip.wb.Path, "", 0, 0))
		}
	}()
	fn()
	ip.reprepare()
}

// failed shows why the preview cannot be made, and leaves nothing that
// could be committed: the preview before no longer matches the mapping.
func (ip *importPreview) failed(err error) {
	ip.prepErr = err
	ip.p = emptyPreview(ip.wb)
	ip.show()
}

// commit writes the import as one transaction after a backup, then shows
// the result; Undo takes it back.
func (ip *importPreview) commit() {
	u := ip.u
	if ip.st != u.st {
		// Another database was opened under the preview, which matched the
		// file against a plan of the old one.
		u.jobDropped(lang.X("change.import", "import {{.file}}", map[string]any{"file": core.BaseName(ip.p.File)}), ip.st)
		return
	}
	if ip.prepErr != nil {
		ip.notYet()
		return
	}
	if !ip.p.OK() {
		var lines []string
		for _, e := range ip.p.Errors {
			lines = append(lines, core.ErrText(e))
		}
		d := u.errorDialog(fmt.Errorf("%s", lang.X("import.blocked", "Nothing was imported. Fix these in the file and try again:\n{{.errors}}",
			map[string]any{"errors": strings.Join(lines, "\n")})))
		d.SetOnClosed(ip.next)
		u.showDismissable(d)
		return
	}
	// A commit is one transaction: once it has begun it runs to the end, so
	// the progress dialog offers no cancel that could not keep its word.
	prog := u.newProgress(lang.X("dlg.importing", "Importing…"), nil)
	st, planID, preview := u.st, ip.target(), ip.p
	opt := &importer.CommitOptions{MarkMissingAsLeft: ip.markLeft.Checked}
	failed := func(err error) {
		d := u.errorDialog(err)
		d.SetOnClosed(ip.next)
		u.showDismissable(d)
	}
	asError := func(r any) error { return importer.PanicProblem(r, preview.File, "", 0, 0) }
	label := lang.X("change.import", "import {{.file}}", map[string]any{"file": core.BaseName(preview.File)})
	j := u.newJob(label, prog.finish, asError, failed)
	j.run(func() {
		ch, err := ops.ImportCommit(st, planID, preview, opt)
		j.show(func() {
			if err != nil {
				d := u.errorDialog(err)
				d.SetOnClosed(ip.next)
				u.showDismissable(d)
				return
			}
			if ch != nil {
				ch.Label = label
			}
			u.hist.Push(ch)
			if ch != nil && ch.PlanID != u.planID {
				u.ShowPlan(ch.PlanID)
				u.outline.openAll()
			} else {
				u.reload()
			}
			ip.next()
		})
	})
}

// ConfirmPendingImport commits the preview on screen, as its Import button
// does; the Enter key and tests use it.
func (u *UI) ConfirmPendingImport() bool {
	ip := u.pendingImport
	if ip == nil {
		return false
	}
	ip.d.Confirm() // runs the dialog's callback, as the button does
	return true
}

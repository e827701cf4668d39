package gui

import (
	"io"
	"net/url"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/export"
	"staffplan/data/export/pdfdoc"
	"staffplan/widgets/orgchart/chartdoc"
)

// chartScales are the tiled scales offered, in per cent of the window's
// 100 %; below about 55 % the body text falls under 6 pt and the dialog
// says so.
var chartScales = []string{"50%", "60%", "75%", "90%", "100%"}

// chartPDFDlg is the org chart's PDF dialog: paper, orientation, layout
// and tiled scale, with the page count, the reason a layout is refused
// and a preview of the pages, all updated as the choice changes.
type chartPDFDlg struct {
	u    *UI
	m    *chartdoc.Model
	base chartdoc.PDFOptions // the chart's collapsed branches and layout

	paper, scale   *keySelect
	orient, layout *keySelect // drop-downs: a focused radio button swallowed Enter and Escape
	status         *widget.Label
	preview        *canvas.Image
	pageLbl        *widget.Label
	prev, next     *widget.Button
	save           *widget.Button
	d              dialog.Dialog

	choice core.ChartPDF
	plan   *chartdoc.PDFPlan
	page   int
	gen    int // the choice a plan in the works was made for
}

const previewW = 260

// chartPDFFromPlan opens the dialog for the plan's whole chart, as the
// export command draws it (the positions view).
func (u *UI) chartPDFFromPlan() {
	if u.planID == 0 {
		return
	}
	m, err := core.OrgChartModel(u.data)
	if err != nil {
		u.showError(err)
		return
	}
	u.chartPDFDialog(m, chartdoc.PDFOptions{Chart: chartdoc.Options{Compact: true}})
}

// chartPDFDialog opens the dialog for m with base's collapsed branches and
// chart layout.
func (u *UI) chartPDFDialog(m *chartdoc.Model, base chartdoc.PDFOptions) *chartPDFDlg {
	c := &chartPDFDlg{u: u, m: m, base: base}
	portrait, landscape := lang.X("chartpdf.portrait", "Portrait"), lang.X("chartpdf.landscape", "Landscape")
	c.paper = newKeySelect(u, []string{pdfdoc.A4, pdfdoc.A3}, func(string) { c.update() })
	c.orient = newKeySelect(u, []string{portrait, landscape}, func(string) { c.update() })
	names := make([]string, len(core.ChartLayouts))
	for i, l := range core.ChartLayouts {
		names[i] = core.ChartLayoutName(l)
	}
	c.layout = newKeySelect(u, names, func(string) { c.update() })
	c.scale = newKeySelect(u, chartScales, func(string) { c.update() })
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	c.preview = canvas.NewImageFromImage(nil)
	c.preview.FillMode = canvas.ImageFillContain
	c.preview.SetMinSize(fyne.NewSize(previewW, previewW*1.42))
	c.pageLbl = widget.NewLabel("")
	c.prev = widget.NewButton("<", func() { c.show(c.page - 1) })
	c.next = widget.NewButton(">", func() { c.show(c.page + 1) })
	c.save = widget.NewButton(lang.X("chartpdf.save", "Save PDF…"), c.saveAs)
	c.save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.X("chartpdf.paper", "Paper"), c.paper),
		widget.NewFormItem(lang.X("chartpdf.orientation", "Orientation"), c.orient),
		widget.NewFormItem(lang.X("chartpdf.layout", "Layout"), c.layout),
		widget.NewFormItem(lang.X("chartpdf.scale", "Scale (tiled)"), c.scale),
	)
	left := container.NewBorder(form, nil, nil, nil, c.status)
	right := container.NewBorder(nil, container.NewBorder(nil, nil, c.prev, c.next, container.NewCenter(c.pageLbl)), nil, nil, c.preview)
	cancel := widget.NewButton(lang.X("btn.cancel", "Cancel"), func() { c.d.Hide() })
	content := container.NewBorder(nil, container.NewHBox(cancel, c.save), nil, nil,
		container.NewHSplit(left, right))
	c.d = dialog.NewCustomWithoutButtons(lang.X("chartpdf.title", "Org chart as PDF"), content, u.win)
	c.d.Resize(fyne.NewSize(720, 520))
	// Set the defaults quietly, then plan once.
	c.gen = -1
	c.paper.SetSelected(pdfdoc.A4)
	c.orient.SetSelected(portrait)
	c.layout.SetSelected(core.ChartLayoutName(core.ChartLayoutTiled))
	c.scale.SetSelected("75%")
	c.gen = 0
	c.d.Show()
	u.onKeys(nil, c.d.Hide)
	c.update()
	return c
}

// read turns the widgets into the choice.
func (c *chartPDFDlg) read() core.ChartPDF {
	ch := core.ChartPDF{Paper: c.paper.Selected, Landscape: c.orient.Selected == lang.X("chartpdf.landscape", "Landscape")}
	for _, l := range core.ChartLayouts {
		if c.layout.Selected == core.ChartLayoutName(l) {
			ch.Layout = l
		}
	}
	for i, s := range chartScales {
		if c.scale.Selected == s {
			ch.Scale = []float64{0.5, 0.6, 0.75, 0.9, 1}[i]
		}
	}
	return ch
}

// update plans the pages for the current choice in the background and
// shows the count (or the reason for refusing) and the first page.
func (c *chartPDFDlg) update() {
	if c.gen < 0 {
		return // the defaults are being set
	}
	c.gen++
	gen := c.gen
	ch := c.read()
	if ch.Layout == core.ChartLayoutTiled || ch.Layout == core.ChartLayoutUnits {
		c.scale.Enable()
	} else {
		c.scale.Disable()
	}
	o, err := ch.Options(c.u.data, time.Now())
	if err != nil {
		c.refuse(err)
		return
	}
	o.Collapsed, o.Chart = c.base.Collapsed, c.base.Chart
	c.status.SetText(lang.X("chartpdf.planning", "Laying out the pages…"))
	c.save.Disable()
	failed := func(err error) { c.refuse(err) }
	j := c.u.newJob(lang.X("job.chart_pages", "laying out the chart's pages"), nil, core.InternalError, failed)
	j.run(func() {
		plan, err := chartdoc.PlanPDF(c.m, o)
		j.show(func() {
			if gen != c.gen {
				return // the choice changed meanwhile
			}
			if err != nil {
				c.refuse(err)
				return
			}
			c.choice, c.plan = ch, plan
			c.status.SetText(lang.X("chartpdf.pages", "{{.n}} pages", map[string]any{"n": len(plan.Pages)}))
			c.save.Enable()
			c.show(0)
		})
	})
}

func (c *chartPDFDlg) refuse(err error) {
	c.plan = nil
	text := core.ChartPDFErrText(err)
	if text == "" {
		text = core.ErrText(err)
	}
	c.status.SetText(text)
	c.save.Disable()
	c.preview.Image = nil
	c.preview.Refresh()
	c.pageLbl.SetText("")
	c.prev.Disable()
	c.next.Disable()
}

// show previews page k of the plan.
func (c *chartPDFDlg) show(k int) {
	if c.plan == nil || k < 0 || k >= len(c.plan.Pages) {
		return
	}
	c.page = k
	c.preview.Image = c.plan.Preview(k, previewW)
	c.preview.Refresh()
	label := lang.X("chartpdf.page", "Page {{.n}} of {{.total}}", map[string]any{"n": k + 1, "total": len(c.plan.Pages)})
	// A tile looks like a chart cut off at the sides: say which it is, as
	// its header on paper does.
	if tile := c.plan.TileLabel(k); tile != "" {
		label += " · " + tile
	}
	c.pageLbl.SetText(label)
	if k > 0 {
		c.prev.Enable()
	} else {
		c.prev.Disable()
	}
	if k+1 < len(c.plan.Pages) {
		c.next.Enable()
	} else {
		c.next.Disable()
	}
}

// saveAs asks where to save, then writes the file.
func (c *chartPDFDlg) saveAs() {
	u := c.u
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		c.write(path)
	}, u.win)
	save.SetFileName(export.DefaultFileName(core.ExportLabel(core.ExportOrgChart), u.data.Plan.Organisation, time.Now(), ".pdf"))
	u.showFileDialog(save)
}

// write writes the PDF in the background, a failed write leaving no half
// file, and opens it in the system's viewer, from which the user prints.
func (c *chartPDFDlg) write(path string) {
	u, plan := c.u, c.plan
	c.d.Hide()
	prog := u.newProgress(lang.X("dlg.exporting", "Saving…"), nil)
	j := u.newJob(lang.X("job.export", "saving {{.file}}", map[string]any{"file": core.BaseName(path)}), prog.finish, core.InternalError, u.showError)
	j.run(func() {
		err := core.ExportWriteErr(path, export.WriteFileAtomic(path, func(out io.Writer) error { return plan.WritePDF(out) }))
		j.show(func() {
			if err != nil {
				_ = os.Remove(path) // the empty file the save dialog made
				u.showError(err)
				return
			}
			u.openInViewer(path)
		})
	})
}

// openURL opens a URL with the system; tests replace it.
var openURL = func(a fyne.App, u *url.URL) error { return a.OpenURL(u) }

// openPrintInViewer opens a PDF made to print; where no viewer opens it
// says so, and that the PDF's folder is temporary (cleared after a day), so
// the user opens or copies it from there.
func (u *UI) openPrintInViewer(path string) {
	link, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil && u.app != nil {
		err = openURL(u.app, link)
	}
	if err != nil {
		u.showInfo(lang.X("dlg.print_no_viewer.title", "No PDF viewer"),
			lang.X("dlg.print_no_viewer", "No PDF viewer could be opened. The PDF is at {{.path}}, in a temporary folder cleared after a day: open it from there to print, or copy it to keep it.",
				map[string]any{"path": path}))
	}
}

// openInViewer opens a written file with the system's viewer; where that
// fails it says where the file is.
func (u *UI) openInViewer(path string) {
	saved := lang.X("dlg.exported", "Saved to {{.path}}.", map[string]any{"path": path})
	link, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil && u.app != nil {
		err = openURL(u.app, link)
	}
	if err != nil {
		u.showInfo(lang.X("dlg.saved", "Saved"), saved)
	}
}

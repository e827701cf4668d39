package core

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"staffplan/data/calc"
	"staffplan/data/export"
	"staffplan/data/model"
	"staffplan/widgets/orgchart/chartdoc"
)

// Export kinds, as named on the command line.
const (
	ExportStaffing     = "staffing"
	ExportRoster       = "roster"
	ExportDescriptions = "descriptions"
	ExportOrgChart     = "orgchart"
	ExportTemplate     = "template"
	ExportUnits        = "units" // the org structure with unit codes
	ExportCalc         = "calc"
	ExportBudget       = "budget"
)

// ExportWriter returns the writer for a kind and a file extension, or an
// error naming what is supported.
// The calculator report needs the plan's rules and drivers, as sheet;
// omitLeft leaves people who have left out of the roster. Warnings about a
// file that is written anyway (no Chinese font for a PNG) go to warn, a
// line each.
func ExportWriter(kind, ext string, d *model.PlanData, sheet *calc.Sheet, lang2 string, omitLeft bool, warn io.Writer) (func(io.Writer) error, error) {
	opt := export.Options{Lang: lang2, Date: time.Now(), OmitLeft: omitLeft}
	ext = strings.ToLower(ext)
	switch {
	case kind == ExportStaffing && ext == ".xlsx":
		return func(w io.Writer) error { return export.StaffingWorkbook(w, d, opt) }, nil
	case kind == ExportRoster && ext == ".xlsx":
		return func(w io.Writer) error { return export.RosterWorkbook(w, d, opt) }, nil
	case kind == ExportRoster && ext == ".csv":
		return func(w io.Writer) error { return export.RosterCSV(w, d, opt) }, nil
	case kind == ExportDescriptions && ext == ".xlsx":
		return func(w io.Writer) error { return export.DescriptionsWorkbook(w, d, opt) }, nil
	case kind == ExportCalc && ext == ".xlsx" && sheet != nil:
		return func(w io.Writer) error { return export.CalcReportWorkbook(w, d, sheet, opt) }, nil
	case kind == ExportBudget && ext == ".xlsx":
		// Twelve months from this one, as the Budget tab opens.
		from := model.MonthOfTime(time.Now())
		return func(w io.Writer) error { return export.BudgetWorkbook(w, d, from, 12, opt) }, nil
	case kind == ExportTemplate && ext == ".xlsx":
		return func(w io.Writer) error { return export.TemplateWorkbook(w, d, opt) }, nil
	case kind == ExportUnits && ext == ".xlsx":
		return func(w io.Writer) error { return export.UnitsWorkbook(w, d, opt) }, nil
	case kind == ExportOrgChart && (ext == ".png" || ext == ".svg"):
		m, err := chartdoc.NewModel(PositionNodes(d, model.Compute(d), d.UnitIndex()))
		if err != nil {
			return nil, err
		}
		o := chartdoc.ExportOptions{Title: d.Plan.Name, Date: time.Now().Format(time.DateOnly), Scale: 2,
			Layout: chartdoc.Options{Compact: true}}
		if ext == ".svg" {
			return func(w io.Writer) error { return chartdoc.WriteSVG(w, m, o) }, nil
		}
		return func(w io.Writer) error {
			err := chartdoc.WritePNG(w, m, o)
			if errors.Is(err, chartdoc.ErrNoCJKFont) {
				// The picture is written; only Chinese text may be missing.
				fmt.Fprintln(warn, X("export.no_cjk_font", "Some characters of the chart are in no font on this computer; they are missing from the PNG."))
				return nil
			}
			return err
		}, nil
	}
	return nil, errors.New(X("err.export_kind",
		"Cannot export {{.kind}} as {{.ext}}. Choose staffing (.xlsx), roster (.xlsx or .csv), descriptions (.xlsx), calc (.xlsx), template (.xlsx), budget (.xlsx), units (.xlsx), orgchart (.png, .svg or .pdf) or pdf (.pdf, the whole plan).",
		map[string]any{"kind": kind, "ext": ext}))
}

// ExportLabel is the part of a default file name that says what it holds.
func ExportLabel(kind string) string {
	switch kind {
	case ExportOrgChart:
		return X("export.label.orgchart", "org chart")
	case ExportStaffing:
		return export.KindLabel(export.KindStaffing, Lang())
	case ExportRoster:
		return export.KindLabel(export.KindRoster, Lang())
	case ExportTemplate:
		return X("export.label.template", "import template")
	case ExportUnits:
		return X("export.label.units", "org structure")
	case ExportCalc:
		return X("export.label.calc", "headcount calculation")
	case ExportBudget:
		return X("export.label.budget", "labour cost budget")
	}
	return export.KindLabel(export.KindDescriptions, Lang())
}

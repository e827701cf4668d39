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
	"staffplan/widgets/orgchart"
)

// Export kinds, as named on the command line.
const (
	ExportStaffing     = "staffing"
	ExportRoster       = "roster"
	ExportDescriptions = "descriptions"
	ExportOrgChart     = "orgchart"
	ExportTemplate     = "template"
	ExportCalc         = "calc"
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
	case kind == ExportTemplate && ext == ".xlsx":
		return func(w io.Writer) error { return export.TemplateWorkbook(w, d, opt) }, nil
	case kind == ExportOrgChart && (ext == ".png" || ext == ".svg"):
		m, err := orgchart.NewModel(PositionNodes(d, model.Compute(d), d.UnitIndex()))
		if err != nil {
			return nil, err
		}
		o := orgchart.ExportOptions{Title: d.Plan.Name, Date: time.Now().Format(time.DateOnly), Scale: 2,
			Layout: orgchart.Options{Compact: true}}
		if ext == ".svg" {
			return func(w io.Writer) error { return orgchart.WriteSVG(w, m, o) }, nil
		}
		return func(w io.Writer) error {
			err := orgchart.WritePNG(w, m, o)
			if errors.Is(err, orgchart.ErrNoCJKFont) {
				// The picture is written; only Chinese text may be missing.
				fmt.Fprintln(warn, X("export.no_cjk_font", "Some characters of the chart are in no font on this computer; they are missing from the PNG."))
				return nil
			}
			return err
		}, nil
	}
	return nil, errors.New(X("err.export_kind",
		"Cannot export {{.kind}} as {{.ext}}. Choose staffing (.xlsx), roster (.xlsx or .csv), descriptions (.xlsx), calc (.xlsx), template (.xlsx), orgchart (.png, .svg or .pdf) or pdf (.pdf, the whole plan).",
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
	case ExportCalc:
		return X("export.label.calc", "headcount calculation")
	}
	return export.KindLabel(export.KindDescriptions, Lang())
}

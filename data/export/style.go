package export

import (
	"io"
	"slices"

	"github.com/xuri/excelize/v2"
)

// role is what a cell is for; it decides font, fill, border and alignment.
type role uint8

const (
	roleTitle role = iota
	roleHeader
	roleText      // bordered, wrapped, left
	roleCenter    // bordered, centred (序号, merged 部门)
	roleCenterTop // the merged 部门 continuing at the top of a page
	roleNum       // bordered number
	roleMuted     // bordered number that does not count (暂不设置)
	roleSubText   // subtotal label
	roleSubNum    // subtotal number
	roleTotText   // grand total label
	roleTotNum    // grand total number
	roleLabel     // description form: field name
	roleSection   // description form: section heading
	roleLink      // hyperlink text
	roleSubtitle  // right-aligned line under a title
)

type styleKey struct {
	role role
	dec  int  // decimals for numbers
	tone int8 // 1 vacancy (red), -1 over establishment (amber)
}

// styles creates each distinct style once per workbook.
type styles struct {
	f     *excelize.File
	cache map[styleKey]int
}

func newStyles(f *excelize.File) *styles {
	return &styles{f: f, cache: map[styleKey]int{}}
}

var numFormats = [...]string{"0", "0.0", "0.00"}

const (
	fontName    = "宋体" // what the source documents use; Calc and Excel substitute if absent
	headerFill  = "D9E1F2"
	subFill     = "F2F2F2"
	totalFill   = "E2EFDA"
	labelFill   = "F2F2F2"
	sectionFill = "D9E1F2"
)

// thinBorder is the grey frame of every table cell.
var thinBorder = []excelize.Border{
	{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
	{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
}

func (s *styles) get(k styleKey) (int, error) {
	if id, ok := s.cache[k]; ok {
		return id, nil
	}
	thin := thinBorder
	st := &excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 11},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    thin,
	}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	num := func() {
		f := numFormats[min(k.dec, len(numFormats)-1)]
		st.CustomNumFmt = &f
		st.Alignment.Horizontal = "center"
		switch k.tone {
		case 1:
			st.Font.Color = "C00000"
		case -1:
			st.Font.Color = "B45F06"
		}
	}
	switch k.role {
	case roleTitle:
		st.Font.Size, st.Font.Bold = 16, true
		st.Alignment.Horizontal = "center"
		st.Border = nil
	case roleSubtitle:
		st.Alignment.Horizontal = "right"
		st.Border = nil
	case roleHeader:
		st.Font.Bold = true
		st.Fill = fill(headerFill)
		st.Alignment.Horizontal = "center"
	case roleText:
	case roleCenter:
		st.Alignment.Horizontal = "center"
	case roleCenterTop:
		st.Alignment.Horizontal, st.Alignment.Vertical = "center", "top"
	case roleNum:
		num()
	case roleMuted:
		num()
		st.Font.Color, st.Font.Italic = "808080", true
	case roleSubText:
		st.Font.Bold = true
		st.Fill = fill(subFill)
	case roleSubNum:
		num()
		st.Font.Bold = true
		st.Fill = fill(subFill)
	case roleTotText:
		st.Font.Bold = true
		st.Fill = fill(totalFill)
		st.Alignment.Horizontal = "center"
	case roleTotNum:
		num()
		st.Font.Bold = true
		st.Fill = fill(totalFill)
	case roleLabel:
		st.Font.Bold = true
		st.Fill = fill(labelFill)
		st.Alignment.Horizontal = "center"
	case roleSection:
		st.Font.Bold = true
		st.Fill = fill(sectionFill)
	case roleLink:
		st.Font.Color, st.Font.Underline = "0563C1", "single"
		st.Border = nil
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	s.cache[k] = id
	return id, nil
}

// tone colours a vacancy figure the way the outline does.
func tone(v float64) int8 {
	switch v = roundTo(v, 2); {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// pageSetup prepares a sheet for printing on A4: fit to one page wide
// (and to one page tall when onePage), repeated title rows, and a footer
// with the plan name and page numbers.
func pageSetup(f *excelize.File, sheet string, l *labels, plan string, landscape, onePage bool, titleRows int) error {
	size, orient := 9, "portrait" // 9 is A4 in SpreadsheetML
	if landscape {
		orient = "landscape"
	}
	one, tall := 1, 0 // 0 tall: as many pages as needed
	if onePage {
		tall = 1
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &tall,
	}); err != nil {
		return err
	}
	m := func(v float64) *float64 { return &v }
	centre := true
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: m(0.5), Right: m(0.5), Top: m(0.6), Bottom: m(0.7), Header: m(0.3), Footer: m(0.3),
		Horizontally: &centre,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&L" + footerText(plan) + "&R" + l.footerPage,
	}); err != nil {
		return err
	}
	if titleRows > 0 {
		return f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: "'" + quoteSheet(sheet) + "'!$1:$" + itoa(titleRows), Scope: sheet,
		})
	}
	return nil
}

// writeBook writes f after declaring every sheet's used range. excelize
// leaves <dimension ref="A1"> on every sheet, and readers that trust it
// (openpyxl in read-only mode, some importers) then see a single cell.
// Streamed sheets are skipped: their range is set before streaming starts.
func writeBook(f *excelize.File, w io.Writer, streamed ...string) error {
	for _, sheet := range f.GetSheetList() {
		if slices.Contains(streamed, sheet) {
			continue
		}
		ref, err := usedRange(f, sheet)
		if err != nil {
			return err
		}
		if err := f.SetSheetDimension(sheet, ref); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// usedRange is "A1:<last column><last row>" over the cells with a value
// and the merged ranges, or "A1" for an empty sheet.
func usedRange(f *excelize.File, sheet string) (string, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return "", err
	}
	lastRow, lastCol := 0, 0
	for i, r := range rows {
		if len(r) > 0 {
			lastRow = i + 1
			lastCol = max(lastCol, len(r))
		}
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return "", err
	}
	for _, m := range merges {
		c, r, err := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err != nil {
			return "", err
		}
		lastRow, lastCol = max(lastRow, r), max(lastCol, c)
	}
	return rangeRef(lastCol, lastRow)
}

// rangeRef is "A1:<col><row>" for a sheet of cols columns and rows rows.
func rangeRef(cols, rows int) (string, error) {
	if cols < 1 || rows < 1 {
		return "A1", nil
	}
	end, err := excelize.CoordinatesToCellName(cols, rows)
	if err != nil {
		return "", err
	}
	if end == "A1" {
		return "A1", nil
	}
	return "A1:" + end, nil
}

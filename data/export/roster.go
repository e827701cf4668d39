package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

// rosterLine is one row of the roster: a person in one post. A person with
// no post has one line with the post fields empty; a person holding two
// posts (兼任) has two.
type rosterLine struct {
	person *model.Person
	post   *postInfo // nil when the person holds no post
	fte    float64
}

// postInfo is what every roster line of a post repeats, worked out once.
type postInfo struct {
	title, unitPath string
}

// rosterLines walks the people in plan order, calling fn for each line.
func rosterLines(d *model.PlanData, fn func(rosterLine) error) error {
	units := d.UnitIndex()
	// Posts share unit paths, so each path is joined once per unit.
	paths := make(map[model.ID]string, len(d.Units))
	posts := make(map[model.ID]*postInfo, len(d.Positions))
	for i := range d.Positions {
		p := &d.Positions[i]
		path, ok := paths[p.Unit]
		if !ok {
			path = strings.Join(model.UnitPathIn(units, p.Unit), "/")
			paths[p.Unit] = path
		}
		posts[p.ID] = &postInfo{title: p.Title, unitPath: path}
	}
	// Assignments grouped by person, keeping their order, without a map of
	// slices: count, then place.
	index := make(map[model.ID]int32, len(d.People))
	for i := range d.People {
		index[d.People[i].ID] = int32(i)
	}
	start := make([]int32, len(d.People)+1)
	for _, a := range d.Assignments {
		if i, ok := index[a.Person]; ok && posts[a.Position] != nil {
			start[i+1]++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	fill := append([]int32(nil), start[:len(d.People)]...)
	byPerson := make([]int32, start[len(d.People)])
	for ai, a := range d.Assignments {
		if i, ok := index[a.Person]; ok && posts[a.Position] != nil {
			byPerson[fill[i]] = int32(ai)
			fill[i]++
		}
	}
	for i := range d.People {
		p := &d.People[i]
		if start[i] == start[i+1] {
			if err := fn(rosterLine{person: p}); err != nil {
				return err
			}
			continue
		}
		for _, ai := range byPerson[start[i]:start[i+1]] {
			a := &d.Assignments[ai]
			if err := fn(rosterLine{person: p, post: posts[a.Position], fte: a.FTE}); err != nil {
				return err
			}
		}
	}
	return nil
}

func rosterHeader(l *labels) []string {
	return []string{l.empNo, l.name, l.unitPath, l.post, l.fte, l.grade, l.hire, l.status, l.employment}
}

// Roster column widths: text widths of typical values, CJK counted double.
var rosterWidths = []float64{10, 10, 30, 18, 7, 8, 12, 10, 10}

const rosterDateCol = 7

// rosterKeep picks the people of one roster sheet.
type rosterKeep func(*model.Person) bool

func stillHere(p *model.Person) bool { return p.Status != model.PersonLeft }
func hasLeft(p *model.Person) bool   { return p.Status == model.PersonLeft }

// RosterWorkbook writes the roster (花名册): one line per person and post
// with 工号, 姓名, unit path, post, FTE, 职级, 入职日期 (a date cell), 在职状态
// and 用工形式. People who have left are on a second sheet (离职), or left
// out with Options.OmitLeft, so the first sheet is the staff of today. It
// streams, so 100,000 people take little memory.
func RosterWorkbook(w io.Writer, d *model.PlanData, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	l := labelsFor(opt.Lang)
	if err := f.SetSheetName("Sheet1", l.rosterSheet); err != nil {
		return err
	}
	rs, err := newRosterStyles(f)
	if err != nil {
		return err
	}
	streamed := []string{l.rosterSheet}
	if err := rosterSheet(f, d, l, rs, l.rosterSheet, stillHere); err != nil {
		return err
	}
	if !opt.OmitLeft && slices.ContainsFunc(d.People, func(p model.Person) bool { return hasLeft(&p) }) {
		if _, err := f.NewSheet(l.leftSheet); err != nil {
			return err
		}
		if err := rosterSheet(f, d, l, rs, l.leftSheet, hasLeft); err != nil {
			return err
		}
		streamed = append(streamed, l.leftSheet)
	}
	f.SetActiveSheet(0)
	return writeBook(f, w, streamed...)
}

// rosterStyles are the styles every roster sheet shares.
type rosterStyles struct {
	hdr, date int
	fte       [len(numFormats)]int
}

func newRosterStyles(f *excelize.File) (*rosterStyles, error) {
	rs := &rosterStyles{}
	var err error
	if rs.hdr, err = newStyles(f).get(styleKey{role: roleHeader}); err != nil {
		return nil, err
	}
	dateFmt := "yyyy-mm-dd"
	if rs.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}}); err != nil {
		return nil, err
	}
	for i := range rs.fte {
		// Centred: right-aligned, "1" ran into the grade beside it ("1 M5").
		if rs.fte[i], err = f.NewStyle(&excelize.Style{CustomNumFmt: &numFormats[i],
			Alignment: &excelize.Alignment{Horizontal: "center"}}); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

// rosterSheet streams the lines of the people keep accepts into sheet.
func rosterSheet(f *excelize.File, d *model.PlanData, l *labels, rs *rosterStyles, sheet string, keep rosterKeep) error {
	// Page setup and the used range live in the worksheet parts the stream
	// writer copies when it starts; set after Flush they would be lost.
	if err := pageSetup(f, sheet, l, planTitle(d), true, false, 1); err != nil {
		return err
	}
	n := 1
	if err := rosterLines(d, func(rl rosterLine) error {
		if keep(rl.person) {
			n++
		}
		return nil
	}); err != nil {
		return err
	}
	ref, err := rangeRef(len(rosterWidths), n)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(sheet, ref); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, wd := range rosterWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	// Column styles give the date and whole-number FTE formats without a
	// style on every cell; fractional FTE cells carry their own.
	if err := sw.SetColStyle(rosterDateCol, rosterDateCol, rs.date); err != nil {
		return err
	}
	if err := sw.SetColStyle(5, 5, rs.fte[0]); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := rosterHeader(l)
	row := make([]any, len(head))
	for i, h := range head {
		row[i] = excelize.Cell{StyleID: rs.hdr, Value: h}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	// Status and employment words are boxed once instead of once per cell.
	statusVals := make([]any, len(l.personStatus))
	for i, s := range l.personStatus {
		statusVals[i] = s
	}
	employVals := make([]any, len(l.employ))
	for i, s := range l.employ {
		employVals[i] = s
	}
	type boxed struct{ title, path any }
	postVals := map[*postInfo]boxed{}
	n = 1
	err = rosterLines(d, func(rl rosterLine) error {
		p := rl.person
		if !keep(p) {
			return nil
		}
		n++
		clear(row)
		row[0], row[1] = strOrNil(p.EmpNo), strOrNil(p.Name)
		if rl.post != nil {
			b, ok := postVals[rl.post]
			if !ok {
				b = boxed{strOrNil(rl.post.title), strOrNil(rl.post.unitPath)}
				postVals[rl.post] = b
			}
			row[2], row[3] = b.path, b.title
			if dec := decimals(rl.fte); dec == 0 {
				row[4] = roundTo(rl.fte, 2)
			} else {
				row[4] = excelize.Cell{StyleID: rs.fte[dec], Value: roundTo(rl.fte, 2)}
			}
		}
		row[5] = strOrNil(p.Grade)
		if !p.HireDate.IsZero() {
			row[6] = excelDate(p.HireDate)
		}
		if int(p.Status) < len(statusVals) {
			row[7] = statusVals[p.Status]
		}
		if int(p.Employment) < len(employVals) {
			row[8] = employVals[p.Employment]
		}
		return sw.SetRow(cellA(n), row)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// strOrNil leaves empty text out of the sheet instead of writing empty cells.
func strOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// cellA is "A<row>", cheaper than excelize.CoordinatesToCellName.
func cellA(row int) string { return "A" + strconv.Itoa(row) }

// RosterCSV writes the roster as CSV in UTF-8 with a byte-order mark, which
// is what makes Excel on Chinese Windows read it as UTF-8 rather than GBK.
// Cells that a spreadsheet would run as a formula get a leading apostrophe.
// People who have left come after the others, or not at all with
// Options.OmitLeft.
func RosterCSV(w io.Writer, d *model.PlanData, opt Options) error {
	l := labelsFor(opt.Lang)
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	rec := rosterHeader(l)
	for i := range rec {
		rec[i] = neutralise(rec[i])
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	line := func(rl rosterLine) error {
		p := rl.person
		clear(rec)
		rec[0], rec[1] = p.EmpNo, p.Name
		if rl.post != nil {
			rec[2], rec[3] = rl.post.unitPath, rl.post.title
			rec[4] = fmtNum(rl.fte)
		}
		rec[5] = p.Grade
		if !p.HireDate.IsZero() {
			rec[6] = p.HireDate.Format("2006-01-02")
		}
		rec[7], rec[8] = l.personStatusText(p.Status), l.employText(p.Employment)
		for i := range rec {
			rec[i] = neutralise(rec[i])
		}
		return cw.Write(rec)
	}
	// One table: the staff of today first, then (unless left out) the
	// people who have left, so they are not mixed in.
	for _, keep := range []rosterKeep{stillHere, hasLeft} {
		if opt.OmitLeft && keep(&model.Person{Status: model.PersonLeft}) {
			continue
		}
		if err := rosterLines(d, func(rl rosterLine) error {
			if !keep(rl.person) {
				return nil
			}
			return line(rl)
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

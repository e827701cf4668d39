package importer

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"staffplan/data/importer/internal/xlsxfast"
)

// fastSheetBytes is the worksheet size (its XML unpacked, as the zip
// header declares it) from which a sheet is read with the fast reader
// instead of excelize. Measured with BenchmarkSheetReaders (rosters of 14
// columns, about 470 bytes of XML a row): excelize takes about ten times
// as long at every size, but below 1 MB (some 2,000 rows) that is under a
// quarter of a second, which nobody waits for; from there the saving
// grows to seconds. Most sheets people import are smaller and go through
// excelize, the well-kept library; large rosters take the fast path.
const fastSheetBytes = 1 << 20

// readXLSXBook reads the sheets of a workbook the fast reader opened,
// each large one with it and the others with excelize, which is opened
// only if a sheet needs it. fastOnly (for the tests) reads every sheet
// with the fast reader and gives errSlowPath when it declines one.
func readXLSXBook(ctx context.Context, w *Workbook, f *os.File, zr *zip.Reader, book *xlsxfast.Book, o *Options, fastOnly bool) error {
	base := filepath.Base(w.Path)
	want, err := chosenSheets(book, o, base)
	if err != nil {
		return err
	}
	var x *excelize.File
	defer func() {
		if x != nil {
			x.Close()
		}
	}()
	for _, ws := range want {
		var s *Sheet
		if fastOnly || o.fastAlways || ws.Size >= fastSheetBytes {
			left := o.cellsLeft
			s, err = readSheetFast(ctx, book, zr, ws, base, o)
			switch {
			case errors.Is(err, errSlowPath) && fastOnly:
				return err
			case errors.Is(err, errSlowPath):
				o.cellsLeft, s = left, nil // read again below
			case err != nil:
				return err
			}
		}
		byExcelize := s == nil
		if byExcelize {
			if x == nil {
				if x, err = openExcelize(f, zr, o, base); err != nil {
					return err
				}
			}
			if s, err = readXLSXSheet(ctx, x, zr, ws.Part, ws.Name, base, o); err != nil {
				return err
			}
		}
		s.Date1904 = book.Date1904()
		w.Sheets = append(w.Sheets, s)
		if testHook != nil {
			reader := "sheet.fast"
			if byExcelize {
				reader = "sheet.excelize"
			}
			testHook(reader, s.Name, len(s.Rows))
		}
	}
	return nil
}

// chosenSheets are the sheets to read: the visible ones, or those
// Options.Sheets names (in any case; each named as the option names it).
func chosenSheets(book *xlsxfast.Book, o *Options, base string) ([]xlsxfast.Sheet, error) {
	var want []xlsxfast.Sheet
	if o.Sheets == nil {
		for _, s := range book.Sheets() {
			if s.Visible() {
				want = append(want, s)
			}
		}
		return want, nil
	}
	for _, name := range o.Sheets {
		found := false
		for _, s := range book.Sheets() {
			if strings.EqualFold(s.Name, name) {
				s.Name, found = name, true
				want = append(want, s)
				break
			}
		}
		if !found {
			return nil, problem(KeyNoSheet, "{{.file}} has no sheet named {{.sheet}}.", "file", base, "sheet", name)
		}
	}
	return want, nil
}

// readSheetFast reads one sheet with the fast reader, within the cell
// budget; errSlowPath when it declines the sheet.
func readSheetFast(ctx context.Context, book *xlsxfast.Book, zr *zip.Reader, ws xlsxfast.Sheet, base string, o *Options) (*Sheet, error) {
	s := &Sheet{Name: ws.Name}
	total := sheetDimension(zr, ws.Part)
	if total > 0 {
		s.Rows = make([][]string, 0, min(total, 1<<18)) // within reason
	}
	visits := 0
	merges, err := book.ReadSheet(ctx, ws.Name, func(row int, cells []string) error {
		if err := o.spend(len(cells), ws.Name, row); err != nil {
			return err
		}
		for len(s.Rows) < row-1 {
			s.Rows = append(s.Rows, nil) // rows the file leaves out
		}
		s.Rows = append(s.Rows, cells)
		if testHook != nil {
			testHook("row", ws.Name, row)
		}
		if visits++; visits&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if o.Progress != nil {
				o.Progress(len(s.Rows), total)
			}
		}
		return nil
	})
	var pe *xlsxfast.PanicError
	var part *partError
	switch {
	case err == nil:
	case errors.Is(err, errSlowPath):
		return nil, errSlowPath
	case errors.As(err, &pe):
		p := PanicProblem(pe.Value, base, ws.Name, pe.Row, pe.Col-1)
		p.Args["stack"] = pe.Stack
		return nil, p
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return nil, cancelled(err)
	case errors.As(err, &part) && part.Part != ws.Part:
		return nil, partProblem(err, base) // the shared strings
	default:
		return nil, partProblem(sheetPartError(err, ws.Name), base)
	}
	s.Merges = merges
	if err := applyMerges(s, o); err != nil {
		return nil, partProblem(err, base)
	}
	if o.Progress != nil {
		o.Progress(len(s.Rows), len(s.Rows))
	}
	return s, nil
}

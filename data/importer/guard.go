package importer

import (
	"fmt"
	"runtime/debug"

	"staffplan/data/model"
)

// KeyInternal is the problem a panic inside the importer becomes: the
// program met a case it did not expect. Read, Prepare and Commit recover
// every panic into it, so a file that trips a bug is refused with a
// message instead of ending the program; nothing is changed.
const KeyInternal = "err.import.internal"

// ErrInternal matches the problem a recovered panic becomes.
var ErrInternal = &model.Problem{Key: KeyInternal}

// PanicProblem is the problem for a panic recovered while importing file
// (a path or a base name). sheet and row (1-based), col (0-based) say
// where, when known: sheet "" for the file as a whole, row 0 for the
// sheet as a whole, col < 0 for the row as a whole. The stack is kept in
// the problem's "stack" argument for a log; the message does not show it.
func PanicProblem(r any, file, sheet string, row, col int) *model.Problem {
	base := baseOf(file)
	detail := fmt.Sprint(r)
	stack := string(debug.Stack())
	switch {
	case sheet == "":
		return problem(KeyInternal, "{{.file}} could not be imported: the program met a case it does not handle ({{.detail}}). Nothing was changed.",
			"file", base, "detail", detail, "stack", stack)
	case row <= 0:
		return problem(KeyInternal+".sheet", "{{.file}}, sheet {{.sheet}}, could not be imported: the program met a case it does not handle ({{.detail}}). Nothing was changed.",
			"file", base, "sheet", sheet, "detail", detail, "stack", stack)
	case col < 0:
		return problem(KeyInternal+".row", "{{.file}}, sheet {{.sheet}}, row {{.row}}, could not be imported: the program met a case it does not handle ({{.detail}}). Nothing was changed.",
			"file", base, "sheet", sheet, "row", row, "detail", detail, "stack", stack)
	}
	return problem(KeyInternal+".cell", "{{.file}}, sheet {{.sheet}}, cell {{.cell}}, could not be imported: the program met a case it does not handle ({{.detail}}). Nothing was changed.",
		"file", base, "sheet", sheet, "row", row, "col", col, "cell", CellName(col, row), "detail", detail, "stack", stack)
}

func baseOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' || path[i] == '\\' {
			return path[i+1:]
		}
	}
	return path
}

// testHook, when set by a test, is called at the named points of reading
// and committing ("row" with the sheet and 1-based row, "sheet.fast" or
// "sheet.excelize" with the sheet read and its rows, "prepare",
// "prepare.row" with the sheet and row Prepare works on (0: the sheet as
// a whole), "commit"), so a test can make them panic or see which reader
// read a sheet.
var testHook func(point, sheet string, row int)

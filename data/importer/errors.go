package importer

import (
	"fmt"

	"staffplan/data/model"
)

// Error keys. Every error and warning this package reports is a
// *model.Problem whose Key is one of these, so the user interface can
// translate it; Args carry file, sheet, row, column, cell and value as the
// case needs. Match them with errors.Is against the sentinels below.
const (
	KeyTooLarge       = "err.import.too_large"       // file over Options.MaxFileSize
	KeyOldXLS         = "err.import.old_xls"         // BIFF .xls
	KeyNotSpreadsheet = "err.import.not_spreadsheet" // a renamed or unknown file
	KeyCorrupt        = "err.import.corrupt"         // truncated or damaged archive
	KeyPassword       = "err.import.password"        // encrypted, no password given
	KeyWrongPassword  = "err.import.password.wrong"  // encrypted, the password did not open it
	KeyZipBomb        = "err.import.zip_bomb"        // unpacks beyond Options.MaxUnzipSize
	KeyNoHeader       = "err.import.no_header"       // no sheet has a recognisable header
	KeyNoSheet        = "err.import.no_sheet"        // the sheet asked for does not exist
	KeyEmpty          = "err.import.empty"           // nothing to import
	KeyCancelled      = "err.import.cancelled"       // the context was cancelled
	KeyDuplicateEmpNo = "err.import.duplicate_empno"
	KeyReportsCycle   = "err.import.reports_cycle"
	KeyPlanInvalid    = "err.import.plan_invalid" // the merged plan breaks a model rule
	KeyStale          = "err.import.stale"        // the plan changed after the preview

	// Warnings (Preview.Warnings) and skip reasons (Preview.Skipped).
	KeyBadDate          = "warn.import.date"
	KeyBadNumber        = "warn.import.number"
	KeyAmbiguousDates   = "warn.import.date_order"
	KeyNoEmpNo          = "warn.import.no_empno"
	KeyNoName           = "warn.import.no_name"
	KeyNoUnit           = "warn.import.no_unit"
	KeyUnknownManager   = "warn.import.unknown_manager"
	KeyAmbiguousManager = "warn.import.ambiguous_manager"
	KeyManagerConflict  = "warn.import.manager_conflict"
	KeyUnknownDept      = "warn.import.unknown_dept"
	KeySubtotal         = "skip.import.subtotal"
	KeyBlankRow         = "skip.import.blank"
	KeyHeaderRepeat     = "skip.import.header_repeat"
	KeyUnknownValue     = "warn.import.value"
	KeyPersonalColumn   = "warn.import.personal_column" // a column of values shaped like personal data
	KeyPersonalValue    = "warn.import.personal_value"  // one such value, dropped; the key has the shape appended
	KeyPlaceholder      = "skip.import.placeholder"     // a sample row (示例) or the headings repeated
	KeySecondTable      = "warn.import.second_table"    // a second table lower down the sheet
	// KeySecondTableLeftOut: such a table, left out (PreviewOptions.FirstTableOnly).
	KeySecondTableLeftOut = "warn.import.second_table.left_out"
	KeyApprox             = "warn.import.approx"       // a headcount written as a range or approximation
	KeyPayMedian          = "warn.import.pay_median"   // a roster's pay column, turned into the posts' median pay
	KeyNoData             = "err.import.no_data"       // a blank form: rows with only serial numbers
	KeyMap                = "err.import.map"           // a mapping the user gave cannot be applied
	KeyTextTooLong        = "err.import.text_too_long" // a cell longer than its field takes

	// Skip reasons of rows a warning also reports: the list of skipped
	// rows translates them without arguments, so they are short phrases
	// of their own rather than the warning's text with {{.sheet}} in it.
	KeySkipNoName      = "skip.import.no_name"
	KeySkipBadDate     = "skip.import.date"
	KeySkipBadNumber   = "skip.import.number"
	KeySkipNoUnit      = "skip.import.no_unit"
	KeySkipPersonal    = "skip.import.personal_value"
	KeySkipPlaceholder = "skip.import.placeholder_row"
)

// Sentinels for errors.Is; a sentinel matches the more specific keys under
// it (ErrPassword matches a wrong password too).
var (
	ErrTooLarge       = &model.Problem{Key: KeyTooLarge}
	ErrOldXLS         = &model.Problem{Key: KeyOldXLS}
	ErrNotSpreadsheet = &model.Problem{Key: KeyNotSpreadsheet}
	ErrCorrupt        = &model.Problem{Key: KeyCorrupt}
	ErrPassword       = &model.Problem{Key: KeyPassword}
	ErrWrongPassword  = &model.Problem{Key: KeyWrongPassword}
	ErrZipBomb        = &model.Problem{Key: KeyZipBomb}
	ErrNoHeader       = &model.Problem{Key: KeyNoHeader}
	ErrNoSheet        = &model.Problem{Key: KeyNoSheet}
	ErrEmpty          = &model.Problem{Key: KeyEmpty}
	ErrCancelled      = &model.Problem{Key: KeyCancelled}
	ErrDuplicateEmpNo = &model.Problem{Key: KeyDuplicateEmpNo}
	ErrReportsCycle   = &model.Problem{Key: KeyReportsCycle}
	ErrPlanInvalid    = &model.Problem{Key: KeyPlanInvalid}
	ErrStale          = &model.Problem{Key: KeyStale}
)

func problem(key, text string, kv ...any) *model.Problem {
	args := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i].(string)] = kv[i+1]
	}
	return &model.Problem{Key: key, Text: text, Args: args}
}

// cellProblem is a problem located at a cell: the English text is prefixed
// with "sheet!A1: " so every message says where to look.
func cellProblem(key string, sheet string, row, col int, column, value, text string, kv ...any) *model.Problem {
	cell := CellName(col, row)
	kv = append(kv, "sheet", sheet, "row", row, "col", col, "cell", cell, "column", column, "value", value)
	return problem(key, "{{.sheet}}!{{.cell}}: "+text, kv...)
}

// rowProblem is a problem about a whole row ("sheet!12: ...").
func rowProblem(key string, sheet string, row int, text string, kv ...any) *model.Problem {
	kv = append(kv, "sheet", sheet, "row", row)
	return problem(key, "{{.sheet}}!{{.row}}: "+text, kv...)
}

// CellName returns the A1-style name of a cell; col is 0-based, row is the
// 1-based row number in the file.
func CellName(col, row int) string {
	return ColumnName(col) + fmt.Sprint(row)
}

// ColumnName returns the letters of a 0-based column index (0 → A, 26 → AA).
func ColumnName(col int) string {
	if col < 0 {
		return "?"
	}
	var b []byte
	for col >= 0 {
		b = append([]byte{byte('A' + col%26)}, b...)
		col = col/26 - 1
	}
	return string(b)
}

func cancelled(err error) error {
	return problem(KeyCancelled, "The import was cancelled.", "cause", err.Error())
}

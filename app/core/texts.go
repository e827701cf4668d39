package core

import (
	"fmt"
	"strings"

	"staffplan/data/calc"
	"staffplan/data/i18n"
	"staffplan/data/model"
)

// FigureText is "编制 9 / 在岗 8.5 / 缺编 0.5".
func FigureText(planned, actual float64) string {
	return X("fig.line", "planned {{.planned}} / in post {{.actual}} / {{.gap}}",
		map[string]any{"planned": FormatFTE(planned), "actual": FormatFTE(actual), "gap": GapText(planned, actual)})
}

// StatusText names a post status, from data/i18n's table like exports.
func StatusText(s model.PositionStatus) string { return i18n.PositionStatus(uiLang, s) }

// PersonStatusText names a person's status.
func PersonStatusText(s model.PersonStatus) string { return i18n.PersonStatus(uiLang, s) }

// EmploymentText names an employment type.
func EmploymentText(e model.EmploymentType) string { return i18n.Employment(uiLang, e) }

// UnitKindText names a unit kind.
func UnitKindText(k model.UnitKind) string { return i18n.UnitKind(uiLang, k) }

// BackupReasonText names why a backup was made: "before import".
func BackupReasonText(reason string) string { return i18n.BackupReason(uiLang, reason) }

// BasisText names a working-time basis with its figures, as shown wherever
// the basis is used.
func BasisText(b model.WorkBasis) string {
	return i18n.Basis(uiLang, b.Kind, FormatFTE(b.DaysPerMonth()), FormatFTE(b.HoursPerMonth()))
}

// QuantityText is the unit a calculator result of quantity q is counted in.
func QuantityText(q calc.Quantity) string { return calc.QuantityText(uiLang, q) }

// Pick is the entry for the interface language of a text that comes with
// the data in several languages (a template's title).
func Pick(m map[string]string) string { return i18n.Pick(m, uiLang) }

// SizeText is a file size as a backup list shows it: "1.5 MB".
func SizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// BaseName is the file name at the end of path, with either separator
// (a Windows path dropped on the window, or typed at a prompt).
func BaseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

package core

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"staffplan/data/model"
)

// FigureText is "编制 9 / 在岗 8.5 / 缺编 0.5".
func FigureText(planned, actual float64) string {
	return lang.X("fig.line", "planned {{.planned}} / in post {{.actual}} / {{.gap}}",
		map[string]any{"planned": FormatFTE(planned), "actual": FormatFTE(actual), "gap": GapText(planned, actual)})
}

// StatusText names a post status.
func StatusText(s model.PositionStatus) string {
	switch s {
	case model.StatusNotSetUp:
		return lang.X("status.not_set_up", "not set up yet")
	case model.StatusFrozen:
		return lang.X("status.frozen", "frozen")
	}
	return lang.X("status.active", "active")
}

// PersonStatusText names a person's status.
func PersonStatusText(s model.PersonStatus) string {
	switch s {
	case model.PersonProbation:
		return lang.X("person.probation", "on probation")
	case model.PersonLeft:
		return lang.X("person.left", "left")
	}
	return lang.X("person.active", "active")
}

// EmploymentText names an employment type.
func EmploymentText(e model.EmploymentType) string {
	switch e {
	case model.EmployPartTime:
		return lang.X("employ.part_time", "part-time")
	case model.EmployAgency:
		return lang.X("employ.agency", "agency")
	case model.EmployIntern:
		return lang.X("employ.intern", "intern")
	case model.EmployRetiree:
		return lang.X("employ.retiree", "retiree rehired")
	}
	return lang.X("employ.full_time", "full-time")
}

// UnitKindText names a unit kind.
func UnitKindText(k model.UnitKind) string {
	switch k {
	case model.UnitCompany:
		return lang.X("unitkind.company", "company")
	case model.UnitTeam:
		return lang.X("unitkind.team", "team")
	case model.UnitSiteOffice:
		return lang.X("unitkind.site", "site office")
	}
	return lang.X("unitkind.department", "department")
}

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

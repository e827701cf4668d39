package core

import (
	"strings"
	"testing"
	"time"

	"staffplan/data/export"
)

// TestExportFileNamesHaveNoSpaces: the proposed name of every kind needs
// no quoting on a command line in English ("…_org-chart_….pdf"), and the
// Chinese names stay as they read.
func TestExportFileNamesHaveNoSpaces(t *testing.T) {
	defer InitLang("en")
	date := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	kinds := []string{ExportStaffing, ExportRoster, ExportDescriptions, ExportOrgChart, ExportTemplate, ExportUnits, ExportCalc, ExportBudget}
	InitLang("en")
	for _, k := range kinds {
		name := export.DefaultFileName(ExportLabel(k), "康飞塑业", date, "xlsx")
		if strings.ContainsAny(name, " \t") {
			t.Errorf("%s: %q has a space", k, name)
		}
	}
	if got := export.DefaultFileName(ExportLabel(ExportOrgChart), "康飞塑业", date, "pdf"); got != "康飞塑业_org-chart_2026-12-01.pdf" {
		t.Errorf("org chart in English: %q", got)
	}
	InitLang("zh")
	if got := export.DefaultFileName(ExportLabel(ExportOrgChart), "康飞塑业", date, "pdf"); got != "康飞塑业_组织架构图_2026-12-01.pdf" {
		t.Errorf("org chart in Chinese: %q", got)
	}
}

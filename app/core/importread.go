package core

import (
	"context"

	"staffplan/data/importer"
)

// ImportKinds are the values of --kind.
var ImportKinds = map[string]importer.Kind{
	"roster": importer.KindRoster, "staffing": importer.KindStaffing,
	"org": importer.KindOrg, "people_depts": importer.KindPeopleDepts,
}

// ReadWorkbook reads a file for an import; tests replace it with a reader
// that fails in ways a real one should not.
var ReadWorkbook = importer.Read

// ReadForImport reads a file and settles its kind. Shared by the command and
// the window so both read files the same way.
func ReadForImport(ctx context.Context, path, kind string, sheets []string, password string, progress importer.Progress) (*importer.Workbook, error) {
	wb, err := ReadWorkbook(ctx, path, &importer.Options{Sheets: sheets, Password: password, Progress: progress})
	if err != nil {
		return nil, err
	}
	if kind != "" {
		wb.SetKind(ImportKinds[kind])
	}
	return wb, nil
}

// ImportSummaryText is the one-line account of what an import does.
func ImportSummaryText(p *importer.Preview) string {
	return X("import.summary",
		"{{.file}}: {{.people}} people ({{.created}} new, {{.updated}} updated, {{.unchanged}} unchanged, {{.missing}} no longer listed), {{.units}} new units, {{.posts}} posts created or changed, {{.skipped}} rows skipped",
		map[string]any{"file": BaseName(p.File), "people": len(p.People), "created": p.Created, "updated": p.Updated,
			"unchanged": p.Unchanged, "missing": len(p.Missing), "units": len(p.NewUnits), "posts": len(p.Positions),
			"skipped": len(p.Skipped)})
}

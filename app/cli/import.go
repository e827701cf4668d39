package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"staffplan/app/core"
	"staffplan/data/importer"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
)

// stringList collects a repeated flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func cmdImport(args []string, stdout, stderr io.Writer) (rerr error) {
	var file string
	// A panic while reading, mapping or committing becomes a message
	// naming the file; the commit is one transaction, rolled back.
	defer func() {
		if r := recover(); r != nil {
			rerr = importer.PanicProblem(r, file, "", 0, 0)
		}
	}()
	fs := newFlags("import", stderr)
	db := dbFlag(fs)
	plan := fs.String("plan", "", core.X("cli.flag.import_plan", "plan to import into (default: a new plan named after the file when the database is empty, else the first plan)"))
	var sheets stringList
	fs.Var(&sheets, "sheet", core.X("cli.flag.sheet", "read only this sheet (repeatable)"))
	kind := fs.String("kind", "", core.X("cli.flag.kind", "what the file holds: roster, staffing, org or people_depts (default: detected)"))
	headerRow := fs.Int("header-row", -1, core.X("cli.flag.header_row", "the row number of the headings in every sheet read; 0: the file has no header row (default: detected)"))
	var maps stringList
	fs.Var(&maps, "map", core.X("cli.flag.map", "COLUMN=FIELD: what a column means; COLUMN is a letter (A, B, … AA) or a heading, FIELD one of "+strings.Join(importer.FieldNames, " ")+" (repeatable)"))
	dry := fs.Bool("dry-run", false, core.X("cli.flag.dry_run", "show what would change, change nothing"))
	asJSON := fs.Bool("json", false, core.X("cli.flag.json", "print JSON"))
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fmt.Fprintln(stderr, core.X("cli.extra", "Unexpected argument {{.arg}}.", map[string]any{"arg": fs.Arg(0)}))
		return errUsage
	}
	if file == "" || *db == "" {
		fmt.Fprintln(stderr, core.X("cli.import_usage", "Usage: staffplan import FILE --db PATH [--plan NAME] [--sheet NAME ...] [--kind KIND] [--header-row N] [--map COLUMN=FIELD ...] [--dry-run] [--json]"))
		return errUsage
	}
	if _, ok := core.ImportKinds[*kind]; *kind != "" && !ok {
		fmt.Fprintln(stderr, core.X("cli.bad_kind", "--kind must be roster, staffing, org or people_depts."))
		return errUsage
	}
	var mo importer.MapOptions
	for _, m := range maps {
		cm, err := importer.ParseColumnMap(m)
		if err != nil {
			fmt.Fprintln(stderr, core.ErrText(err))
			return errUsage
		}
		mo.Maps = append(mo.Maps, cm)
	}
	if *headerRow < -1 {
		fmt.Fprintln(stderr, core.X("cli.bad_header_row", "--header-row must be a row number, or 0 for a file without a header row."))
		return errUsage
	}
	if *headerRow >= 0 {
		mo.HeaderRow = headerRow
	}
	wb, err := core.ReadForImport(context.Background(), file, "", sheets, "", nil)
	if err != nil {
		return err
	}
	mo.Kind = core.ImportKinds[*kind]
	if err := wb.ApplyMapping(mo); err != nil {
		return err
	}
	// A dry run opens read-only and treats a missing database as empty;
	// a real import that fails takes away a database it created.
	var st *store.Store
	var plans []model.Plan
	if _, serr := os.Stat(*db); !*dry || !errors.Is(serr, os.ErrNotExist) {
		nf := beforeCreate(*db)
		if *dry {
			st, err = store.OpenReadOnly(*db, nil)
		} else {
			st, err = openWrite(*db, stderr)
		}
		if err != nil {
			return err
		}
		defer func() {
			st.Close()
			if rerr != nil {
				nf.discard(st)
			}
		}()
		if plans, err = st.Plans(); err != nil {
			return err
		}
	}
	var planID model.ID
	var existing *model.PlanData
	if st == nil && *plan != "" {
		return errors.New(core.X("err.no_db", "There is no plan database at {{.path}}.", map[string]any{"path": *db}))
	}
	if *plan != "" || len(plans) > 0 {
		p, err := findPlan(st, *plan)
		if err != nil {
			return err
		}
		planID = p.ID
		if existing, err = st.LoadPlan(planID); err != nil {
			return err
		}
	}
	preview, err := importer.Prepare(context.Background(), wb, existing, &importer.PreviewOptions{Lang: core.Lang()})
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(stdout, preview.Summary()); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(stdout, core.ImportSummaryText(preview))
	}
	for _, w := range preview.Warnings {
		fmt.Fprintln(stderr, core.ErrText(w))
	}
	if !preview.OK() {
		var lines []string
		for _, e := range preview.Errors {
			lines = append(lines, core.ErrText(e))
		}
		return errors.New(strings.Join(lines, "\n"))
	}
	if *dry {
		return nil
	}
	ch, err := ops.ImportCommit(st, planID, preview, nil)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
	case ch == nil: // the plan already holds what the file says
		fmt.Fprintln(stdout, core.X("cli.import_nothing", "Nothing to change: the plan already holds what {{.file}} says.", map[string]any{"file": core.BaseName(file)}))
	default:
		fmt.Fprintln(stdout, core.X("cli.imported", "Imported into plan {{.id}}.", map[string]any{"id": ch.PlanID}))
	}
	return nil
}

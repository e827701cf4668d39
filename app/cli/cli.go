// Package cli is the staffing planner's command line: Main, the
// subcommands and their flags. It imports app/core and data/..., never the
// window (app/gui) nor a Fyne widget.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/data/template"
)

// errUsage marks bad command lines (exit 2).
var errUsage = errors.New("usage")

func usage(w io.Writer) {
	fmt.Fprint(w, core.X("cli.usage", `Usage:
  staffplan [--db PATH] [--lang zh|en]          open the window
  staffplan version                             print the version
  staffplan templates                           list plan templates
  staffplan new --template NAME --db PATH       create a plan from a template
  staffplan show --db PATH [--plan NAME] --json print a plan's figures
  staffplan import FILE --db PATH [--plan NAME] [--sheet NAME ...] [--kind KIND] [--dry-run] [--json]
                                                import a roster, staffing table or org structure
  staffplan export --db PATH [--plan NAME] --kind staffing|roster|descriptions|calc|template|units|orgchart --out FILE
                                                write an Excel, CSV, PNG or SVG file
  staffplan export --db PATH [--plan NAME] --kind pdf --out FILE.pdf [--parts chart,staffing,descriptions,cost] [--paper A4|A3] [--landscape] [--layout fit|tiled|units]
                                                the whole plan as one PDF, to print
  staffplan erlang --calls N --interval 30m --aht 180s --sl 0.8 --within 20s [--json]
                                                agents for a call queue (Erlang C; --patience for Erlang A)
  staffplan erlang --traffic 10 --blocking 0.02 [--json]   lines by Erlang B
  staffplan calc --db PATH [--plan NAME] [--driver KEY=VALUE ...] [--json] [--list-drivers]
                                                headcount from the plan's rules
  staffplan backups --db PATH                   list the automatic backups
  staffplan restore --db PATH --backup FILE     replace the database by a backup
  staffplan check --db PATH                     verify the whole file; exit 1 if anything is wrong
`))
	budgetUsage(w)
}

// RunCommand runs a subcommand and returns its exit code: 0 on success, 1
// on a user error (message on stderr, translated), 2 on bad usage.
func RunCommand(args []string, stdout, stderr io.Writer) (code int) {
	var err error
	// A panic in a command is a bug; the user gets a message and exit 1,
	// not a Go stack trace. Imports name their file (cmdImport).
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(stderr, core.ErrText(core.InternalError(r)))
			code = core.ExitUser
		}
	}()
	switch args[0] {
	case "version":
		fmt.Fprintf(stdout, "staffplan %s (build %d)\n", assets.Version, assets.Build)
		return core.ExitOK
	case "templates":
		err = cmdTemplates(args[1:], stdout, stderr)
	case "new":
		err = cmdNew(args[1:], stdout, stderr)
	case "show":
		err = cmdShow(args[1:], stdout, stderr)
	case "export":
		err = cmdExport(args[1:], stdout, stderr)
	case "import":
		err = cmdImport(args[1:], stdout, stderr)
	case "erlang":
		err = cmdErlang(args[1:], stdout, stderr)
	case "calc":
		err = cmdCalc(args[1:], stdout, stderr)
	case "backups":
		err = cmdBackups(args[1:], stdout, stderr)
	case "restore":
		err = cmdRestore(args[1:], stdout, stderr)
	case "check":
		err = cmdCheck(args[1:], stdout, stderr)
	case "budget":
		err = cmdBudget(args[1:], stdout, stderr)
	case "compare":
		err = cmdCompare(args[1:], stdout, stderr)
	case "profiles":
		err = cmdProfiles(args[1:], stdout, stderr)
	case "copy":
		err = cmdCopy(args[1:], stdout, stderr)
	case "help":
		usage(stdout)
		return core.ExitOK
	default:
		fmt.Fprintln(stderr, core.X("cli.unknown", "Unknown command {{.cmd}}.", map[string]any{"cmd": args[0]}))
		usage(stderr)
		return core.ExitUsage
	}
	switch {
	case err == nil:
		return core.ExitOK
	case errors.Is(err, errUsage):
		return core.ExitUsage
	default:
		fmt.Fprintln(stderr, core.ErrText(err))
		return core.ExitUser
	}
}

// dbFlag adds --db, the plan database, which every command that opens
// one takes.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", core.X("cli.flag.db", "plan database file (default: in your settings folder)"))
}

// planFlag adds --plan, for commands that work on one plan.
func planFlag(fs *flag.FlagSet) *string {
	return fs.String("plan", "", core.X("cli.flag.plan", "plan name or id (default: the first plan)"))
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags and rejects stray arguments and missing required ones.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer, required ...string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, core.X("cli.extra", "Unexpected argument {{.arg}}.", map[string]any{"arg": fs.Arg(0)}))
		return errUsage
	}
	for _, r := range required {
		if f := fs.Lookup(r); f == nil || f.Value.String() == "" {
			fmt.Fprintln(stderr, core.X("cli.missing", "--{{.flag}} is required.", map[string]any{"flag": r}))
			fs.Usage()
			return errUsage
		}
	}
	return nil
}

func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	name := fs.String("template", "", core.X("cli.flag.template", "template name (see `staffplan templates`)"))
	db := dbFlag(fs)
	if err := parse(fs, args, stderr, "template", "db"); err != nil {
		return err
	}
	info, err := template.Lookup(assets.Templates(), *name)
	if err != nil {
		return err
	}
	d, err := template.Load(assets.Templates(), *name)
	if err != nil {
		return err
	}
	// A new file that fails (a full disk) is taken away again, with the
	// folders made for it: a failed command leaves nothing behind.
	nf := beforeCreate(*db)
	st, err := openWrite(*db, stderr)
	if err != nil {
		return err
	}
	id, created, err := st.CreatePlan(d, "newplan")
	if err == nil {
		err = attachRules(st, id, created, info.Rules)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		nf.discard(st)
		return err
	}
	fmt.Fprintln(stdout, core.X("cli.created", "Created plan “{{.name}}” (id {{.id}}) in {{.path}}.",
		map[string]any{"name": d.Plan.Name, "id": id, "path": st.Path()}))
	return nil
}

// ShowJSON is what `staffplan show --json` prints.
type ShowJSON struct {
	Plan         string         `json:"plan"`
	PlanID       uint64         `json:"plan_id"`
	Organisation string         `json:"organisation"`
	People       int            `json:"people"`
	PeopleLeft   int            `json:"people_left"`
	Units        []UnitJSON     `json:"units"`
	Positions    []PositionJSON `json:"positions"`
}

// UnitJSON is one unit in ShowJSON, with its direct and total figures.
type UnitJSON struct {
	Name          string  `json:"name"`
	Path          string  `json:"path"`
	PlannedDirect float64 `json:"planned_direct"`
	PlannedTotal  float64 `json:"planned_total"`
	ActualDirect  float64 `json:"actual_direct"`
	ActualTotal   float64 `json:"actual_total"`
}

// PositionJSON is one post in ShowJSON.
type PositionJSON struct {
	Title     string   `json:"title"`
	Unit      string   `json:"unit"`
	Planned   float64  `json:"planned"`
	Actual    float64  `json:"actual"`
	Vacancy   float64  `json:"vacancy"`
	Status    string   `json:"status"`
	ReportsTo string   `json:"reports_to,omitempty"`
	Holders   []string `json:"holders,omitempty"`
}

var statusKeys = map[model.PositionStatus]string{
	model.StatusActive: "active", model.StatusNotSetUp: "not_set_up", model.StatusFrozen: "frozen"}

// findPlan picks the plan named name (or with that id); with no name, the
// only plan or else the first.
func findPlan(st *store.Store, name string) (model.Plan, error) {
	plans, err := st.Plans()
	if err != nil {
		return model.Plan{}, err
	}
	for _, p := range plans {
		if name == "" || p.Name == name || fmt.Sprint(p.ID) == name {
			return p, nil
		}
	}
	if name == "" {
		return model.Plan{}, errors.New(core.X("err.no_plans", "The database holds no plan."))
	}
	var names []string
	for _, p := range plans {
		names = append(names, p.Name)
	}
	return model.Plan{}, errors.New(core.X("err.unknown_plan", "There is no plan named {{.name}}. Plans: {{.plans}}",
		map[string]any{"name": name, "plans": strings.Join(names, ", ")}))
}

// openPlan opens an existing database read-only and loads one of its
// plans, for the commands that read a plan. It never creates or changes a
// file: a missing or empty path is an error, not a new database.
func openPlan(db, plan string) (*store.Store, *model.PlanData, error) {
	st, err := store.OpenReadOnly(db, nil)
	if err != nil {
		return nil, nil, err
	}
	p, err := findPlan(st, plan)
	if err == nil {
		var d *model.PlanData
		if d, err = st.LoadPlan(p.ID); err == nil {
			return st, d, nil
		}
	}
	st.Close()
	return nil, nil, err
}

// BuildShow derives the figures printed by `staffplan show`.
func BuildShow(d *model.PlanData) ShowJSON {
	f := model.Compute(d)
	units := d.UnitIndex()
	posts := d.PositionIndex()
	out := ShowJSON{Plan: d.Plan.Name, PlanID: uint64(d.Plan.ID), Organisation: d.Plan.Organisation,
		Units: []UnitJSON{}, Positions: []PositionJSON{}}
	for i := range d.People {
		if d.People[i].InPost() {
			out.People++
		} else {
			out.PeopleLeft++
		}
	}
	round := func(v float64) float64 { r, _ := core.ParseFTE(core.FormatFTE(v)); return r }
	var walk func(parent model.ID)
	walk = func(parent model.ID) {
		for _, id := range f.Children[parent] {
			uf := f.Units[id]
			out.Units = append(out.Units, UnitJSON{Name: units[id].Name,
				Path:          strings.Join(model.UnitPathIn(units, id), "/"),
				PlannedDirect: round(uf.PlannedDirect), PlannedTotal: round(uf.PlannedTotal),
				ActualDirect: round(uf.ActualDirect), ActualTotal: round(uf.ActualTotal)})
			for _, pid := range f.PostsIn[id] {
				p, pf := posts[pid], f.Positions[pid]
				pj := PositionJSON{Title: p.Title, Unit: units[id].Name, Planned: round(p.Planned),
					Actual: round(pf.Actual), Vacancy: round(pf.Vacancy), Status: statusKeys[p.Status]}
				if m := posts[p.ReportsTo]; m != nil {
					pj.ReportsTo = m.Title
				}
				for _, h := range pf.Holders {
					pj.Holders = append(pj.Holders, h.Name)
				}
				out.Positions = append(out.Positions, pj)
			}
			walk(id)
		}
	}
	walk(0)
	return out
}

func cmdShow(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("show", stderr)
	db := dbFlag(fs)
	plan := planFlag(fs)
	asJSON := fs.Bool("json", false, core.X("cli.flag.json", "print JSON"))
	if err := parse(fs, args, stderr, "db"); err != nil {
		return err
	}
	st, d, err := openPlan(*db, *plan)
	if err != nil {
		return err
	}
	defer st.Close()
	out := BuildShow(d)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(stdout, "%s — %s\n", out.Plan, core.X("cli.people", "{{.n}} people in post", map[string]any{"n": out.People}))
	for _, u := range out.Units {
		fmt.Fprintf(stdout, "%s\t%s\n", u.Path, core.FigureText(u.PlannedTotal, u.ActualTotal))
	}
	return nil
}

func cmdBackups(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("backups", stderr)
	db := dbFlag(fs)
	if err := parse(fs, args, stderr, "db"); err != nil {
		return err
	}
	// Backups of a damaged or deleted database may still be listed; a
	// folder or device is no database at all.
	fi, statErr := os.Stat(*db)
	if statErr == nil && !fi.Mode().IsRegular() {
		return &store.FileError{Path: *db, Err: store.ErrNotRegular}
	}
	list, err := store.ListBackups(*db)
	if err != nil {
		return err
	}
	if len(list) == 0 && errors.Is(statErr, os.ErrNotExist) {
		return errors.New(core.X("err.no_db", "There is no plan database at {{.path}}.", map[string]any{"path": *db}))
	}
	if len(list) == 0 && statErr == nil && fi.Size() == 0 {
		return &store.FileError{Path: *db, Err: store.ErrEmptyFile}
	}
	for _, b := range list {
		fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\n", b.Time.Local().Format("2006-01-02 15:04:05"), b.Reason, core.SizeText(b.Size), b.Path)
	}
	return nil
}

func cmdRestore(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("restore", stderr)
	db := dbFlag(fs)
	backup := fs.String("backup", "", core.X("cli.flag.backup", "backup file to restore (see `staffplan backups`)"))
	if err := parse(fs, args, stderr, "db", "backup"); err != nil {
		return err
	}
	// Replacing the file under a running window would lose its later
	// changes, so a database open elsewhere is refused. A damaged one may
	// be restored over.
	if cur, err := store.OpenReadOnly(*db, nil); err == nil {
		cur.Close()
	} else if errors.Is(err, store.ErrLocked) || errors.Is(err, store.ErrNotRegular) {
		return err
	}
	st, err := store.Restore(*db, *backup, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintln(stdout, core.X("cli.restored", "Restored {{.backup}} into {{.path}}; the replaced state was backed up first.",
		map[string]any{"backup": *backup, "path": st.Path()}))
	return nil
}

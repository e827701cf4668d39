package cli

import (
	"fmt"
	"io"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/calc"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/data/template"
)

// cmdTemplates lists the templates under their industry headings, one
// "name<TAB>title — description" line each, so `cut -f1` of the lines with
// a tab still gives the names.
func cmdTemplates(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("templates", stderr)
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	infos, err := template.List(assets.Templates())
	if err != nil {
		return err
	}
	for i, g := range template.Groups(infos) {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintln(stdout, core.X("cli.templates.group", "[{{.industry}}]", map[string]any{"industry": core.IndustryText(g.Industry)}))
		for _, in := range g.Templates {
			fmt.Fprintf(stdout, "%s\t%s — %s\n", in.Name, core.Pick(in.Title), core.Pick(in.Description))
		}
	}
	return nil
}

// attachRules stores the rule set a template names as the new plan's
// calculator sheet, so `staffplan calc` works on the plan at once. On
// failure the plan is taken away again (created is its change): the
// command leaves nothing half made.
func attachRules(st *store.Store, id model.ID, created *store.Change, name string) error {
	if name == "" {
		return nil
	}
	_, sheets, err := core.RuleSets()
	if err == nil && sheets[name] == nil {
		err = fmt.Errorf("%w: rule set %q", template.ErrUnknown, name)
	}
	if err == nil {
		s := sheets[name]
		sheet := &calc.Sheet{Title: s.Title, Description: s.Description, Drivers: s.Drivers, Rules: s.Rules}
		_, err = st.Update(id, "calc", func(tx *store.Tx) error { return calc.Save(tx, sheet) })
	}
	if err != nil && created != nil {
		if rerr := st.Revert(created); rerr != nil {
			return fmt.Errorf("%w (and the new plan could not be removed: %v)", err, rerr)
		}
	}
	return err
}

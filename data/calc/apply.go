package calc

import (
	"math"

	"staffplan/data/model"
)

// Quantity is what a rule's result counts. Only people are 编制; seats,
// lines and ratios (people per seat) are figures to read, never a post's
// headcount.
type Quantity string

// Quantities.
const (
	People Quantity = "people"
	Seats  Quantity = "seats"
	Lines  Quantity = "lines"
	Ratio  Quantity = "ratio" // people per seat, a factor
	// Total is people in all (a hospital's 编制总数, its 卫生技术人员): a
	// figure to hold the posts against, not one post's headcount.
	Total Quantity = "total"
)

// Quantities lists every quantity in display order.
var Quantities = []Quantity{People, Seats, Lines, Ratio, Total}

// QuantityOf returns what r's result counts: its Quantity, else lines for
// an Erlang B queue (it sizes lines, not agents), else people.
func (r *Rule) QuantityOf() Quantity {
	switch {
	case r.Quantity != "":
		return r.Quantity
	case r.Kind == KindQueue && r.Queue != nil && r.Queue.Blocking != 0:
		return Lines
	}
	return People
}

// IsPeople reports whether the result is a headcount that can be applied to
// a post: not a share check, and counting people.
func (r *Result) IsPeople() bool {
	return !r.IsCheck() && (r.Quantity == "" || r.Quantity == People)
}

// TargetKey identifies the post a target names, for conflicts and choices.
func TargetKey(t Target) string { return t.Unit + "\x00" + t.Position }

// Conflict is a post that several rules size with different figures. Rules
// and Required are in rule order; Chosen is the rule the user said governs
// the post, or "" while nobody has chosen.
type Conflict struct {
	Target   Target
	Rules    []string
	Names    []string
	Required []float64
	Chosen   string
}

// Conflicts lists the posts that more than one people rule sizes with
// different figures, in the order of their first rule. governing maps
// TargetKey to the chosen rule ID; a choice naming a rule that no longer
// targets the post is ignored.
func Conflicts(rows []Row, governing map[string]string) []Conflict {
	idx := map[string]int{}
	var out []Conflict
	for _, r := range rows {
		if r.Problem != nil || !r.IsPeople() || r.Target.Position == "" {
			continue
		}
		k := TargetKey(r.Target)
		i, ok := idx[k]
		if !ok {
			out = append(out, Conflict{Target: r.Target})
			i = len(out) - 1
			idx[k] = i
		}
		c := &out[i]
		c.Rules = append(c.Rules, r.RuleID)
		c.Names = append(c.Names, r.Result.ruleLabel())
		c.Required = append(c.Required, r.Required)
	}
	kept := out[:0]
	for _, c := range out {
		differ := false
		for _, v := range c.Required[1:] {
			if math.Abs(v-c.Required[0]) > 1e-9 {
				differ = true
			}
		}
		if !differ {
			continue
		}
		for _, id := range c.Rules {
			if governing[TargetKey(c.Target)] == id {
				c.Chosen = id
			}
		}
		kept = append(kept, c)
	}
	return kept
}

// ruleLabel names the rule of a result: its name, else its ID.
func (r *Result) ruleLabel() string {
	if r.Name != "" {
		return r.Name
	}
	return r.RuleID
}

// Change is one thing Apply to plan does: set the 编制 of an existing post
// (Post ≠ 0), or create the post Target names with 编制 To, in the unit
// Unit, or in a new unit named Target.Unit under Parent when Unit is 0.
type Change struct {
	RuleID string
	Name   string
	Target Target
	Post   model.ID
	Unit   model.ID
	Parent model.ID
	From   float64
	To     float64
}

// NewPost reports whether the change creates the post.
func (c *Change) NewPost() bool { return c.Post == 0 }

// NewUnit reports whether the change creates the post's unit too.
func (c *Change) NewUnit() bool { return c.Post == 0 && c.Unit == 0 }

// DefaultParent is the unit Apply puts new units under unless the user
// picks another: the plan's first top-level unit, or 0 for an empty plan.
func DefaultParent(d *model.PlanData) model.ID {
	var best *model.Unit
	for i := range d.Units {
		u := &d.Units[i]
		if u.Parent == 0 && (best == nil || u.Order < best.Order || (u.Order == best.Order && u.ID < best.ID)) {
			best = u
		}
	}
	if best == nil {
		return 0
	}
	return best.ID
}

// PlanApply lists what applying the rows to plan d changes: every people
// result whose target names one post whose 编制 differs, and every people
// result whose post the plan lacks (to be created). A post several rules
// size with different figures follows the rule governing chooses; while
// nobody has chosen it is left out, and the conflict is returned. New posts
// go in the unit their target names if one of that name is parent or below
// it (anywhere in the plan when parent is 0), else in a new unit of that
// name under parent. A post whose title matches several posts is left out.
func PlanApply(d *model.PlanData, rows []Row, governing map[string]string, parent model.ID) ([]Change, []Conflict) {
	conflicts := Conflicts(rows, governing)
	open := map[string]string{} // conflicted target → governing rule, "" if none
	for _, c := range conflicts {
		open[TargetKey(c.Target)] = c.Chosen
	}
	posts := map[model.ID]*model.Position{}
	for i := range d.Positions {
		posts[d.Positions[i].ID] = &d.Positions[i]
	}
	under := subtree(d, parent)
	unitByName := map[string]model.ID{}
	for _, u := range d.Units {
		if _, dup := unitByName[u.Name]; !dup && under[u.ID] {
			unitByName[u.Name] = u.ID
		}
	}
	var out []Change
	seen := map[string]bool{}
	for _, r := range rows {
		if r.Problem != nil || !r.IsPeople() || r.Target.Position == "" {
			continue
		}
		k := TargetKey(r.Target)
		if chosen, ok := open[k]; ok && chosen != r.RuleID {
			continue
		}
		if seen[k] {
			continue // equal figures from another rule: one change is enough
		}
		seen[k] = true
		ch := Change{RuleID: r.RuleID, Name: r.Result.ruleLabel(), Target: r.Target, To: r.Required}
		switch len(r.Positions) {
		case 0:
			ch.Parent = parent
			if r.Target.Unit == "" {
				if parent == 0 {
					continue // nowhere to put it
				}
				ch.Unit = parent
			} else {
				ch.Unit = unitByName[r.Target.Unit]
			}
		case 1:
			p := posts[r.Positions[0]]
			if p == nil || math.Abs(p.Planned-r.Required) <= 1e-9 {
				continue
			}
			ch.Post, ch.Unit, ch.From = p.ID, p.Unit, p.Planned
		default:
			continue
		}
		out = append(out, ch)
	}
	return out, conflicts
}

// subtree returns root and the units below it; every unit when root is 0.
func subtree(d *model.PlanData, root model.ID) map[model.ID]bool {
	in := map[model.ID]bool{}
	if root == 0 {
		for _, u := range d.Units {
			in[u.ID] = true
		}
		return in
	}
	kids := map[model.ID][]model.ID{}
	for _, u := range d.Units {
		kids[u.Parent] = append(kids[u.Parent], u.ID)
	}
	stack := []model.ID{root}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if in[id] {
			continue
		}
		in[id] = true
		stack = append(stack, kids[id]...)
	}
	return in
}

// PlanTx is the part of a storage transaction (a *store.Tx) ApplyChanges
// writes through.
type PlanTx interface {
	DocTx
	Position(id model.ID) (model.Position, error)
	PutPosition(p *model.Position) error
	PutUnit(u *model.Unit) error
}

// ApplyChanges carries out changes inside tx (one undoable step): sets the
// 编制 of existing posts, creates the posts and units the others name (a
// unit once, however many posts go in it) and records governing as the
// sheet's choices. New units are departments, or the company when the plan
// has no unit at all.
func ApplyChanges(tx PlanTx, changes []Change, governing map[string]string) error {
	made := map[model.ID]map[string]model.ID{} // parent → name → new unit
	for _, ch := range changes {
		if ch.Post != 0 {
			p, err := tx.Position(ch.Post)
			if err != nil {
				return err
			}
			p.Planned = ch.To
			if err := tx.PutPosition(&p); err != nil {
				return err
			}
			continue
		}
		unit := ch.Unit
		if unit == 0 {
			if made[ch.Parent] == nil {
				made[ch.Parent] = map[string]model.ID{}
			}
			if id, ok := made[ch.Parent][ch.Target.Unit]; ok {
				unit = id
			} else {
				nu := model.Unit{Name: ch.Target.Unit, Kind: model.UnitDepartment, Parent: ch.Parent}
				if ch.Parent == 0 {
					nu.Kind = model.UnitCompany
				}
				if err := tx.PutUnit(&nu); err != nil {
					return err
				}
				unit = nu.ID
				made[ch.Parent][ch.Target.Unit] = unit
			}
		}
		p := model.Position{Title: ch.Target.Position, Unit: unit, Planned: ch.To}
		if err := tx.PutPosition(&p); err != nil {
			return err
		}
	}
	if governing == nil {
		return nil
	}
	s, err := Load(tx)
	if err != nil {
		return err
	}
	s.Governing = map[string]string{}
	for k, id := range governing {
		if id != "" {
			s.Governing[k] = id
		}
	}
	return Save(tx, s)
}

package importer

import "staffplan/data/model"

// Summary is the outcome of an import in a form for JSON (the CLI's
// --json): what was read and what was, or would be, written.
type Summary struct {
	Kind           Kind            `json:"kind"`
	Sheets         []string        `json:"sheets"`
	HeaderRow      map[string]int  `json:"header_row"` // sheet → 1-based row
	Roles          map[string]Role `json:"roles"`      // sheet → what it was read as, "skipped" if left out
	People         int             `json:"people"`     // people created or changed, each once
	Units          int             `json:"units"`      // units created
	Positions      int             `json:"positions"`  // posts created or changed
	Created        int             `json:"created"`
	Updated        int             `json:"updated"`
	Unchanged      int             `json:"unchanged"`
	Skipped        []Skip          `json:"skipped"`
	IgnoredColumns []IgnoredColumn `json:"ignored_columns"`
}

// Summary sums up the preview.
func (p *Preview) Summary() Summary {
	s := Summary{Kind: p.Kind, Sheets: p.Sheets, HeaderRow: p.HeaderRows, People: p.peopleTouched(), Units: len(p.NewUnits),
		Positions: len(p.Positions), Created: p.Created, Updated: p.Updated, Unchanged: p.Unchanged,
		Skipped: p.Skipped, IgnoredColumns: p.Ignored}
	s.Roles = map[string]Role{}
	for name, r := range p.Roles {
		if r == RoleSkip {
			r = "skipped"
		}
		s.Roles[name] = r
	}
	if s.Sheets == nil {
		s.Sheets = []string{}
	}
	if s.Skipped == nil {
		s.Skipped = []Skip{}
	}
	if s.IgnoredColumns == nil {
		s.IgnoredColumns = []IgnoredColumn{}
	}
	return s
}

// peopleTouched counts the people the import creates or changes, each
// once: a person on two rows (two posts) is one, and so is a head an org
// structure names; people the file leaves as they were are not counted.
func (p *Preview) peopleTouched() int {
	seen := map[model.ID]bool{}
	for _, r := range p.People {
		if r.Action != ActionUnchanged {
			seen[r.Person.ID] = true
		}
	}
	if p.st != nil {
		for id := range p.st.newPeople {
			seen[id] = true
		}
	}
	return len(seen)
}

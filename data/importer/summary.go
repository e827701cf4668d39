package importer

// Summary is the outcome of an import in a form for JSON (the CLI's
// --json): what was read and what was, or would be, written.
type Summary struct {
	Kind           Kind            `json:"kind"`
	Sheets         []string        `json:"sheets"`
	HeaderRow      map[string]int  `json:"header_row"` // sheet → 1-based row
	Roles          map[string]Role `json:"roles"`      // sheet → what it was read as, "skipped" if left out
	People         int             `json:"people"`     // people read from the file
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
	s := Summary{Kind: p.Kind, Sheets: p.Sheets, HeaderRow: p.HeaderRows, People: len(p.People), Units: len(p.NewUnits),
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

package calc

import (
	"bytes"
	"encoding/json"
	"fmt"

	"staffplan/data/model"
)

// DocName is the name of the plan document (store.Tx.Doc) holding a plan's
// Sheet.
const DocName = "calc"

// Sheet is what a plan keeps for the calculator: its drivers, its rules and
// the scenarios saved for comparison. Rule templates use the same format,
// with a title and the source's own figures as Examples.
type Sheet struct {
	Title       map[string]string `json:"title,omitempty"` // by language, for templates
	Description map[string]string `json:"description,omitempty"`
	Drivers     []Driver          `json:"drivers"`
	Rules       []Rule            `json:"rules"`
	Scenarios   []Scenario        `json:"scenarios,omitempty"`
	// Governing records, by TargetKey, which rule the user chose to set
	// a post that several rules size differently.
	Governing map[string]string `json:"governing,omitempty"`
	Examples  []Example         `json:"examples,omitempty"`
}

// Scenario is a named copy of the drivers and the results they gave, so two
// can be compared side by side (初期 vs. 业务量翻倍).
type Scenario struct {
	Name    string   `json:"name"`
	Drivers []Driver `json:"drivers"`
	Results []Result `json:"results"`
}

// Example is a figure a source document gives for a rule with the sheet's
// drivers; template tests check the rules reproduce it. Exact is optional.
type Example struct {
	Rule     string   `json:"rule"`
	Required float64  `json:"required"`
	Exact    *float64 `json:"exact,omitempty"`
	InBand   *bool    `json:"in_band,omitempty"` // for share checks
	Note     string   `json:"note,omitempty"`
}

// Parse decodes a sheet; empty input is an empty sheet, so a plan without a
// calculator document needs no special case.
func Parse(b []byte) (*Sheet, error) {
	s := &Sheet{}
	if len(bytes.TrimSpace(b)) == 0 {
		return s, nil
	}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("calculator sheet: %w", err)
	}
	return s, nil
}

// ParseStrict is Parse that refuses unknown fields, for template files where
// a misspelt field would silently drop a parameter.
func ParseStrict(b []byte) (*Sheet, error) {
	s := &Sheet{}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(s); err != nil {
		return nil, fmt.Errorf("calculator sheet: %w", err)
	}
	return s, nil
}

// Marshal encodes the sheet as JSON.
func (s *Sheet) Marshal() ([]byte, error) { return json.Marshal(s) }

// DocTx is the part of a storage transaction (a *store.Tx) the sheet is
// read and written through; the calculator knows nothing of storage.
type DocTx interface {
	Doc(name string) ([]byte, error)
	PutDoc(name string, v []byte) error
}

// DocReader reads a plan's document outside a transaction (a *store.Store).
type DocReader interface {
	Doc(planID model.ID, name string) ([]byte, error)
}

// Load reads the plan's sheet inside an update.
func Load(tx DocTx) (*Sheet, error) {
	b, err := tx.Doc(DocName)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// LoadPlan reads the sheet of plan id.
func LoadPlan(s DocReader, id model.ID) (*Sheet, error) {
	b, err := s.Doc(id, DocName)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Save writes the sheet inside an update, so it is undone with the change.
func Save(tx DocTx, s *Sheet) error {
	b, err := s.Marshal()
	if err != nil {
		return err
	}
	return tx.PutDoc(DocName, b)
}

// Evaluate evaluates the sheet's rules with its drivers.
func (s *Sheet) Evaluate(basis model.WorkBasis) ([]Result, error) {
	return Evaluate(basis, s.Drivers, s.Rules)
}

// Snapshot evaluates the sheet and returns it as a scenario called name;
// rules with problems are kept with their problem.
func (s *Sheet) Snapshot(name string, basis model.WorkBasis) Scenario {
	res, _ := s.Evaluate(basis)
	return Scenario{Name: name, Drivers: append([]Driver(nil), s.Drivers...), Results: res}
}

// Comparison is one rule's figures in two scenarios.
type Comparison struct {
	RuleID   string   `json:"rule"`
	Target   Target   `json:"target"`
	Quantity Quantity `json:"quantity,omitempty"` // what the figures count
	A, B     float64  // required figures; 0 where the rule is missing or failed
	InA      bool     `json:"in_a"`
	InB      bool     `json:"in_b"`
	Delta    float64  `json:"delta"` // B − A
}

// Compare lines up two scenarios by rule, in a's order then b's extras.
func Compare(a, b Scenario) []Comparison {
	var out []Comparison
	idx := make(map[string]int)
	add := func(r Result, first bool) {
		i, ok := idx[r.RuleID]
		if !ok {
			out = append(out, Comparison{RuleID: r.RuleID, Target: r.Target, Quantity: r.Quantity})
			i = len(out) - 1
			idx[r.RuleID] = i
		}
		ok = r.Problem == nil
		if first {
			out[i].A, out[i].InA = r.Required, ok
		} else {
			out[i].B, out[i].InB = r.Required, ok
		}
	}
	for _, r := range a.Results {
		add(r, true)
	}
	for _, r := range b.Results {
		add(r, false)
	}
	for i := range out {
		if !out[i].InA {
			out[i].A = 0
		}
		if !out[i].InB {
			out[i].B = 0
		}
		out[i].Delta = out[i].B - out[i].A
	}
	return out
}

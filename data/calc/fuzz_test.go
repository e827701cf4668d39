package calc

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"staffplan/data/model"
)

// FuzzEvaluate feeds arbitrary sheets (and bases) to the evaluator: it must
// not panic, and every result is either finite figures or a problem.
func FuzzEvaluate(f *testing.F) {
	files, _ := filepath.Glob("../../assets/calc/*.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, uint8(0), 0.0)
		}
	}
	f.Add([]byte(`{"drivers":[{"key":"d","value":1}],"rules":[{"id":"a","kind":"relative","of":"a","factor":1}]}`), uint8(1), 0.0)
	f.Fuzz(func(t *testing.T, doc []byte, basis uint8, hours float64) {
		s, err := Parse(doc)
		if err != nil {
			return
		}
		if len(s.Rules) > 50 {
			s.Rules = s.Rules[:50]
		}
		for i := range s.Rules {
			// Keep each case quick: the queue maths is tested for size elsewhere.
			if q := s.Rules[i].Queue; q != nil && len(q.Profile) > 50 {
				q.Profile = q.Profile[:50]
			}
		}
		b := model.WorkBasis{Kind: model.BasisKind(basis % 3), Days: 21, Hours: hours}
		res, err := s.Evaluate(b)
		if len(res) != len(s.Rules) {
			t.Fatalf("%d results for %d rules", len(res), len(s.Rules))
		}
		failed := 0
		for _, r := range res {
			if r.Problem != nil {
				failed++
				if r.Problem.Error() == "" {
					t.Fatal("empty problem")
				}
				continue
			}
			for _, x := range []float64{r.Exact, r.ExactLow, r.ExactHigh, r.Required} {
				if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("rule %s: figures %+v", r.RuleID, r)
				}
			}
			if !r.IsCheck() && !r.Shared && r.Required != math.Trunc(r.Required) &&
				s.ruleByID(r.RuleID).Rounding.Mode != None {
				t.Fatalf("rule %s: required %g is not whole", r.RuleID, r.Required)
			}
			_ = Explain(r.Steps, "zh")
			_ = Explain(r.Steps, "en")
		}
		if (failed > 0) != (err != nil) {
			t.Fatalf("%d failed rules, error %v", failed, err)
		}
	})
}

func (s *Sheet) ruleByID(id string) *Rule {
	for i := range s.Rules {
		if s.Rules[i].ID == id {
			return &s.Rules[i]
		}
	}
	return &Rule{}
}

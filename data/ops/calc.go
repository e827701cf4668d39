package ops

import (
	"staffplan/data/calc"
	"staffplan/data/store"
)

// ApplyCalculator carries out the changes the calculator proposed
// (calc.PlanApply) and records the governing rule chosen for each target
// that several rules compute: posts get their 编制, missing posts and units
// are created (calc.ApplyChanges).
func ApplyCalculator(tx *store.Tx, changes []calc.Change, governing map[string]string) error {
	return calc.ApplyChanges(tx, changes, governing)
}

// EditCalcSheet changes the plan's calculator sheet (drivers, rules) as
// edit says, in the same undoable step as the transaction's other writes.
func EditCalcSheet(tx *store.Tx, edit func(s *calc.Sheet)) error {
	s, err := calc.Load(tx)
	if err != nil {
		return err
	}
	edit(s)
	return calc.Save(tx, s)
}

package core

import "staffplan/data/budget"

// BudgetText renders a step of the budget's arithmetic in the interface
// language (budget.Render takes it as its Translator).
func BudgetText(p budget.Piece) string { return X(p.Key, p.Text, p.Args) }

package calc

import "staffplan/data/i18n"

// quantityKeys is the table of labels of Quantity.
var quantityKeys = map[Quantity]string{
	People: "enum.quantity.people",
	Seats:  "enum.quantity.seats",
	Lines:  "enum.quantity.lines",
	Ratio:  "enum.quantity.ratio",
	Total:  "enum.quantity.total",
}

// QuantityText names the unit a result of quantity q is counted in ("个座席",
// "seats"); the empty quantity counts people.
func QuantityText(lang string, q Quantity) string {
	k, ok := quantityKeys[q]
	if !ok {
		k = quantityKeys[People]
	}
	return i18n.T(lang, k, nil)
}

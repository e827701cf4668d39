package calc

import "staffplan/data/i18n"

// quantityKeys is the table of labels of Quantity.
var quantityKeys = map[Quantity]i18n.Key{
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

// InLanguage returns a copy of a shipped rule set for the interface
// language lang: in English the rules and drivers take their English names
// (name_en, label_en, unit_en) where the file gives them. The copy keeps
// only the chosen names, so what the plan stores is what the user sees and
// edits.
func (s *Sheet) InLanguage(lang string) *Sheet {
	out := *s
	en := i18n.Norm(lang) == i18n.En
	out.Drivers = append([]Driver(nil), s.Drivers...)
	for i := range out.Drivers {
		d := &out.Drivers[i]
		if en && d.LabelEn != "" {
			d.Label = d.LabelEn
		}
		if en && d.UnitEn != "" {
			d.Unit = d.UnitEn
		}
		d.LabelEn, d.UnitEn = "", ""
	}
	out.Rules = append([]Rule(nil), s.Rules...)
	for i := range out.Rules {
		r := &out.Rules[i]
		if en && r.NameEn != "" {
			r.Name = r.NameEn
		}
		r.NameEn = ""
	}
	return &out
}

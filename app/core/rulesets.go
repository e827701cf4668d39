package core

import (
	"io/fs"
	"sort"
	"strings"

	"staffplan/assets"
	"staffplan/data/calc"
)

// RuleSets lists the rule templates shipped with the program.
func RuleSets() ([]string, map[string]*calc.Sheet, error) {
	files, err := fs.Glob(assets.CalcRules(), "*.json")
	if err != nil {
		return nil, nil, err
	}
	sheets := map[string]*calc.Sheet{}
	var names []string
	for _, f := range files {
		b, err := fs.ReadFile(assets.CalcRules(), f)
		if err != nil {
			return nil, nil, err
		}
		s, err := calc.Parse(b)
		if err != nil {
			return nil, nil, err
		}
		name := strings.TrimSuffix(f, ".json")
		names = append(names, name)
		sheets[name] = s
	}
	sort.Strings(names)
	return names, sheets, nil
}

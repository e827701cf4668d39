package budget

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/big"
	"path"
	"slices"
	"strings"

	"staffplan/data/model"
)

// Figure is one figure of a city profile with where it comes from; Set is
// false where no published figure was found, and the user fills it in.
type Figure struct {
	Value  string // as written in the file: yuan, or a percentage
	Set    bool
	Source string
}

// Profile is a shipped contribution profile (assets/budget/*.json): a
// city's bases and employer rates for a year, each with its source.
type Profile struct {
	Name   string
	Title  map[string]string // "zh", "en"
	Year   int               // 0 when unknown
	Source string            // in English, as Note
	Note   string
	// SourceZh and NoteZh are the same in Chinese, for the Chinese window.
	SourceZh, NoteZh string
	BaseFloor        Figure
	BaseCeiling      Figure
	Rates            [model.NumContributions]Figure
	// Maternity is kept apart where the source lists it apart; it counts
	// with medical, as the two were merged in 2019.
	Maternity Figure
}

// TitleIn returns the profile's title in lang ("zh…" or anything else for
// English).
func (p *Profile) TitleIn(lang string) string {
	if strings.HasPrefix(lang, "zh") && p.Title["zh"] != "" {
		return p.Title["zh"]
	}
	if p.Title["en"] != "" {
		return p.Title["en"]
	}
	return p.Name
}

// SourceIn returns where the profile's figures come from in lang ("zh…"
// or anything else for English).
func (p *Profile) SourceIn(lang string) string {
	if strings.HasPrefix(lang, "zh") && p.SourceZh != "" {
		return p.SourceZh
	}
	return p.Source
}

// NoteIn returns the profile's note in lang, as SourceIn.
func (p *Profile) NoteIn(lang string) string {
	if strings.HasPrefix(lang, "zh") && p.NoteZh != "" {
		return p.NoteZh
	}
	return p.Note
}

// Complete reports whether every figure is known.
func (p *Profile) Complete() bool {
	if !p.BaseFloor.Set || !p.BaseCeiling.Set {
		return false
	}
	for _, r := range p.Rates {
		if !r.Set {
			return false
		}
	}
	return true
}

// Contribution turns the profile into the plan's contribution profile;
// figures not found stay unset (rates NoRate, bases zero).
func (p *Profile) Contribution(lang string) model.ContributionProfile {
	c := model.ContributionProfile{Name: p.Name, Title: p.TitleIn(lang), Year: p.Year, Source: p.SourceIn(lang)}
	c.BaseFloor, _ = yuanFen(p.BaseFloor)
	c.BaseCeiling, _ = yuanFen(p.BaseCeiling)
	for i, f := range p.Rates {
		r, ok := percentRate(f)
		if !ok {
			c.Rates[i] = model.NoRate
			continue
		}
		if model.Contribution(i) == model.Medical {
			if m, ok := percentRate(p.Maternity); ok {
				r += m
			}
		}
		c.Rates[i] = r
	}
	return c
}

type fileFigure struct {
	Value  *string `json:"value"`
	Source string  `json:"source"`
}

type fileProfile struct {
	Name        string                `json:"name"`
	Title       map[string]string     `json:"title"`
	Year        *int                  `json:"year"`
	Source      string                `json:"source"`
	Note        string                `json:"note"`
	SourceZh    string                `json:"source_zh"`
	NoteZh      string                `json:"note_zh"`
	BaseFloor   fileFigure            `json:"base_floor"`
	BaseCeiling fileFigure            `json:"base_ceiling"`
	Rates       map[string]fileFigure `json:"rates"`
}

func figure(f fileFigure) Figure {
	if f.Value == nil {
		return Figure{Source: f.Source}
	}
	return Figure{Value: *f.Value, Set: true, Source: f.Source}
}

// exact parses a decimal figure exactly.
func exact(s string) (*big.Rat, bool) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok || r.Sign() < 0 || strings.ContainsAny(s, "/eE") {
		return nil, false
	}
	return r, true
}

func yuanFen(f Figure) (int64, bool) {
	if !f.Set {
		return 0, false
	}
	r, ok := exact(f.Value)
	if !ok {
		return 0, false
	}
	r.Mul(r, big.NewRat(100, 1))
	if !r.IsInt() || !r.Num().IsInt64() || r.Num().Int64() > model.MaxFen {
		return 0, false
	}
	return r.Num().Int64(), true
}

func percentRate(f Figure) (model.Rate, bool) {
	if !f.Set {
		return 0, false
	}
	r, ok := exact(f.Value)
	if !ok {
		return 0, false
	}
	r.Mul(r, big.NewRat(model.RateScale/100, 1))
	if !r.IsInt() || !r.Num().IsInt64() || r.Num().Int64() > model.RateScale {
		return 0, false
	}
	return model.Rate(r.Num().Int64()), true
}

// ParseProfile reads one profile file; name is the file's name for
// messages. A figure that is not a plain decimal (or is out of range) is
// an error, not a guess.
func ParseProfile(name string, b []byte) (*Profile, error) {
	var f fileProfile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := &Profile{Name: f.Name, Title: f.Title, Source: f.Source, Note: f.Note,
		SourceZh: f.SourceZh, NoteZh: f.NoteZh,
		BaseFloor: figure(f.BaseFloor), BaseCeiling: figure(f.BaseCeiling)}
	if f.Year != nil {
		p.Year = *f.Year
	}
	if p.Name == "" {
		return nil, fmt.Errorf("%s: a profile needs a name", name)
	}
	for k, v := range f.Rates {
		i := slices.IndexFunc(contribNames[:], func(n [2]string) bool { return n[0] == k })
		switch {
		case k == "maternity":
			p.Maternity = figure(v)
		case i < 0:
			return nil, fmt.Errorf("%s: unknown rate %q", name, k)
		default:
			p.Rates[i] = figure(v)
		}
	}
	for _, fig := range []Figure{p.BaseFloor, p.BaseCeiling} {
		if _, ok := yuanFen(fig); fig.Set && !ok {
			return nil, fmt.Errorf("%s: the base %q is not an amount in yuan", name, fig.Value)
		}
	}
	for _, fig := range append(p.Rates[:], p.Maternity) {
		if _, ok := percentRate(fig); fig.Set && !ok {
			return nil, fmt.Errorf("%s: the rate %q is not a percentage from 0 to 100", name, fig.Value)
		}
	}
	c := p.Contribution("en")
	if err := model.CheckContributionProfile(&c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// LoadProfiles reads every *.json profile of fsys, by name.
func LoadProfiles(fsys fs.FS) ([]*Profile, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	var out []*Profile
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		p, err := ParseProfile(path.Base(n), b)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Profile) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

package budget

import (
	"strings"
	"text/template"
)

// Piece is one step of the arithmetic behind a figure. Key names its
// translation; Text is the English text as a template over Args, as
// model.Problem does, so the interface renders it in either language.
type Piece struct {
	Key  string
	Text string
	Args map[string]any
}

func piece(key, text string, kv ...string) Piece {
	args := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i]] = kv[i+1]
	}
	return Piece{Key: key, Text: text, Args: args}
}

// English renders the piece in English.
func (p Piece) English() string {
	t, err := template.New(p.Key).Parse(p.Text)
	if err != nil {
		return p.Text
	}
	var b strings.Builder
	if err := t.Execute(&b, p.Args); err != nil {
		return p.Text
	}
	return b.String()
}

// Translator renders a piece in the interface language: its key, with its
// English text as the fallback, and its arguments.
type Translator func(p Piece) string

// Render joins the pieces, each rendered by tr (English when tr is nil),
// with "; " as the calculator's arithmetic reads.
func Render(pieces []Piece, tr Translator) string {
	parts := make([]string, len(pieces))
	for i, p := range pieces {
		if tr == nil {
			parts[i] = p.English()
		} else {
			parts[i] = tr(p)
		}
	}
	return strings.Join(parts, "; ")
}

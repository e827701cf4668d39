package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Picker chooses one of many options with a search box: it looks like a
// select, and tapping it opens a pop-up where typing narrows the list. It
// suits lists too long for a plain drop-down, such as every post of a plan.
type Picker struct {
	widget.BaseWidget

	// OnChanged is called with the new index when the user picks.
	OnChanged func(index int)
	// PlaceHolder is shown when nothing is chosen.
	PlaceHolder string
	// SearchHint is the placeholder of the search box.
	SearchHint string

	options  []string
	selected int
	// build makes the options when first needed (SetOptionsFunc).
	build func() []string

	button  *widget.Button
	popUp   *widget.PopUp
	search  *widget.Entry
	list    *widget.List
	matches []int
}

// NewPicker returns a picker over options with nothing chosen.
func NewPicker(options []string, onChanged func(int)) *Picker {
	p := &Picker{options: options, selected: -1, OnChanged: onChanged}
	p.button = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), p.open)
	p.button.Alignment = widget.ButtonAlignLeading
	p.button.IconPlacement = widget.ButtonIconTrailingText
	p.ExtendBaseWidget(p)
	p.update()
	return p
}

// SetOptions replaces the options and clears the choice.
func (p *Picker) SetOptions(options []string) {
	p.build = nil
	p.options = options
	p.selected = -1
	p.update()
}

// SetOptionsFunc replaces the options with those build makes, made when
// they are first needed (the pop-up opens, or they are read or picked), and
// clears the choice. A list of every person of a large plan so costs
// nothing until someone opens it.
func (p *Picker) SetOptionsFunc(build func() []string) {
	p.build = build
	p.options = nil
	p.selected = -1
	p.update()
}

func (p *Picker) ensure() {
	if b := p.build; b != nil {
		p.build = nil
		p.options = b()
	}
}

// Options returns the options.
func (p *Picker) Options() []string {
	p.ensure()
	return p.options
}

// SetSelectedIndex chooses an option without calling OnChanged.
func (p *Picker) SetSelectedIndex(i int) {
	if i >= 0 {
		p.ensure()
	}
	if i < -1 || i >= len(p.options) {
		i = -1
	}
	p.selected = i
	p.update()
}

// SelectedIndex returns the chosen index, or -1.
func (p *Picker) SelectedIndex() int { return p.selected }

// Selected returns the chosen option's text, or "".
func (p *Picker) Selected() string {
	if p.selected < 0 {
		return ""
	}
	return p.options[p.selected]
}

func (p *Picker) update() {
	if p.selected >= 0 {
		p.button.SetText(p.options[p.selected])
	} else {
		p.button.SetText(p.PlaceHolder)
	}
}

// Filter narrows the pop-up list to options containing every word of text.
func (p *Picker) Filter(text string) {
	p.ensure()
	words := strings.Fields(strings.ToLower(text))
	p.matches = p.matches[:0]
	for i, o := range p.options {
		lo := strings.ToLower(o)
		ok := true
		for _, w := range words {
			if !strings.Contains(lo, w) {
				ok = false
				break
			}
		}
		if ok {
			p.matches = append(p.matches, i)
		}
	}
	if p.list != nil {
		p.list.UnselectAll()
		p.list.Refresh()
	}
}

// Matches returns the indexes currently listed in the pop-up.
func (p *Picker) Matches() []int { return p.matches }

// Pick chooses option index as if the user had tapped it in the pop-up.
func (p *Picker) Pick(index int) {
	p.ensure()
	if p.popUp != nil {
		p.popUp.Hide()
	}
	if index < 0 || index >= len(p.options) {
		return
	}
	p.selected = index
	p.update()
	if p.OnChanged != nil {
		p.OnChanged(index)
	}
}

func (p *Picker) open() {
	p.ensure()
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil {
		return
	}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(p.SearchHint)
	p.list = widget.NewList(func() int { return len(p.matches) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.options[p.matches[i]]) })
	p.list.OnSelected = func(i widget.ListItemID) { p.Pick(p.matches[i]) }
	p.search.OnChanged = p.Filter
	p.search.OnSubmitted = func(string) {
		if len(p.matches) > 0 {
			p.Pick(p.matches[0])
		}
	}
	p.Filter("")
	p.popUp = widget.NewPopUp(container.NewBorder(p.search, nil, nil, nil, p.list), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p)
	size := fyne.NewSize(max(p.Size().Width, 320), 320)
	p.popUp.ShowAtPosition(pos.AddXY(0, p.Size().Height))
	p.popUp.Resize(size)
	c.Focus(p.search)
}

// Open shows the pop-up, as a tap does.
func (p *Picker) Open() { p.open() }

// CreateRenderer implements fyne.Widget.
func (p *Picker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.button)
}

package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/i18n"
)

// placeName translates the names Fyne's file dialog gives its places. Fyne
// 2.7 shows them as English literals ("Home", "Computer", "Documents"…),
// not through its translations, so a Chinese interface showed them in
// English; its buttons ("Cancel", "Open", "Save") do go through lang and
// are translated by the Fyne keys in our translation files.
func placeName(name string) string {
	if k, ok := placeKeys[name]; ok {
		return core.X(k, name)
	}
	return name
}

// placeKeys is the table of the file dialog's place names.
var placeKeys = map[string]i18n.Key{
	"Home": "filedlg.home", "Computer": "filedlg.computer", "App Files": "filedlg.app_files",
	"Desktop": "filedlg.desktop", "Documents": "filedlg.documents", "Downloads": "filedlg.downloads",
	"Music": "filedlg.music", "Pictures": "filedlg.pictures", "Videos": "filedlg.videos", "Movies": "filedlg.movies",
}

// showFileDialog shows a file dialog with its places list in the interface
// language: the list's item update is wrapped to translate each name as it
// is drawn, so scrolling and refreshes keep the translation.
//
// It opens at most of the window: at Fyne's smallest size it lists four
// names at a time, and finding a roster among them was a long scroll.
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	if s := u.win.Canvas().Size(); s.Width > 0 {
		d.Resize(fyne.NewSize(min(s.Width-60, 960), min(s.Height-60, 680)))
	}
	d.Show()
	pop, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	for _, l := range findLists(pop.Content) {
		update := l.UpdateItem
		if update == nil {
			continue
		}
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			if c, ok := item.(*fyne.Container); ok {
				for _, o := range c.Objects {
					if lbl, ok := o.(*widget.Label); ok {
						if t := placeName(lbl.Text); t != lbl.Text {
							lbl.SetText(t)
						}
					}
				}
			}
		}
		l.Refresh()
	}
}

// findLists returns the lists among the containers and splits of o.
func findLists(o fyne.CanvasObject) []*widget.List {
	switch x := o.(type) {
	case *widget.List:
		return []*widget.List{x}
	case *fyne.Container:
		var out []*widget.List
		for _, c := range x.Objects {
			out = append(out, findLists(c)...)
		}
		return out
	case *container.Split:
		return append(findLists(x.Leading), findLists(x.Trailing)...)
	}
	return nil
}

// Command staffplan is the Staffing Planner: a window by default, or a
// subcommand for scripting (see `staffplan help`).
package main

import (
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"staffplan/app"
	"staffplan/assets"
)

func main() {
	os.Exit(app.Main(os.Args[1:], func() fyne.App { return fyneapp.NewWithID(assets.AppID) }, os.Stdout, os.Stderr))
}

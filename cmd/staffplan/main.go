// Command staffplan is the Staffing Planner: a window by default, or a
// subcommand for scripting (see `staffplan help`).
package main

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"staffplan/app/cli"
	"staffplan/app/gui"
	"staffplan/assets"
)

func main() {
	// The command line (--lang, subcommands, help, --db) is cli's; it
	// knows nothing of the window and calls back here to open it.
	window := func(db string) int {
		return gui.Run(func() fyne.App { return app.NewWithID(assets.AppID) }, db, os.Stderr)
	}
	os.Exit(cli.Main(os.Args[1:], window, os.Stdout, os.Stderr))
}

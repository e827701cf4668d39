package cli

import (
	"errors"
	"flag"
	"io"
	"strings"

	"staffplan/app/core"
)

// Main runs the program with the command-line arguments (without the
// program name). A subcommand runs and returns; otherwise window opens the
// window on the --db path (empty: the default place) and runs it until
// quit. The command line knows nothing of the window: cmd/staffplan passes
// gui.Run.
func Main(args []string, window func(db string) int, stdout, stderr io.Writer) int {
	langFlag := ""
	// --lang may come before a subcommand; pull it out first.
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				langFlag = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			langFlag = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	core.InitLang(langFlag)
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		return RunCommand(rest, stdout, stderr)
	}
	fs := flag.NewFlagSet("staffplan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return core.ExitOK
		}
		usage(stderr)
		return core.ExitUsage
	}
	return window(*db)
}

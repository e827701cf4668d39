package core

import (
	"fmt"
	"io"

	"staffplan/data/store"
)

// NoteFixedMode says so when opening a database made it private.
func NoteFixedMode(st *store.Store, stderr io.Writer) {
	if st.FixedMode != 0 {
		fmt.Fprintln(stderr, X("cli.mode_fixed", "{{.path}} could be read by other users (mode {{.mode}}); it is now private to you (0600).",
			map[string]any{"path": st.Path(), "mode": fmt.Sprintf("%04o", uint32(st.FixedMode))}))
	}
}

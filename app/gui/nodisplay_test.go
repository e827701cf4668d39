package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"staffplan/app/core"
)

func TestCLINoDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	db := filepath.Join(t.TempDir(), "plans.db")
	var errb strings.Builder
	core.InitLang("en")
	code := Run(func() fyne.App { t.Fatal("the app was made without a display"); return nil }, db, &errb)
	if code != core.ExitUser || !strings.Contains(errb.String(), "No display was found") {
		t.Errorf("exit %d, %q", code, errb.String())
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a database was created")
	}
}

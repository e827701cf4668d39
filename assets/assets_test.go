package assets

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// The About box shows Version; a release built by `fyne package` stamps the
// root FyneApp.toml. Both must name the same version.
func TestVersionMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	get := func(key string) string {
		m := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*"?([^"\n]+)"?\s*$`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("FyneApp.toml has no %s", key)
		}
		return string(m[1])
	}
	if v := get("Version"); v != Version {
		t.Errorf("FyneApp.toml Version %q, assets.Version %q", v, Version)
	}
	if v := get("Build"); v != strconv.Itoa(Build) {
		t.Errorf("FyneApp.toml Build %q, assets.Build %d", v, Build)
	}
	if v := get("ID"); v != AppID {
		t.Errorf("FyneApp.toml ID %q, assets.AppID %q", v, AppID)
	}
}

package orgchart

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"testing"
)

// The PNG must not depend on the computer's fonts: a chart of Chinese and
// Latin names renders to the same pixels with the system's font folders
// and with none at all.
func TestExportPNGSameWithoutSystemFonts(t *testing.T) {
	nodes := smallNodes()
	nodes[2].Lines = []string{"Zhang Wei (HR), 编制 2 / 在岗 1"}
	m := mustModel(t, nodes)
	render := func() []byte {
		t.Helper()
		var b bytes.Buffer
		if err := WritePNG(&b, m, ExportOptions{Title: "康飞 组织架构图 Org chart", Date: "2026-12-01", Scale: 1.5}); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&b)
		if err != nil {
			t.Fatal(err)
		}
		return img.(*image.RGBA).Pix
	}
	with := render()
	savedDirs := FallbackFontDirs
	FallbackFontDirs = nil
	t.Cleanup(func() { FallbackFontDirs = savedDirs })
	without := render()
	if !bytes.Equal(with, without) {
		t.Fatal("the PNG differs when the system's fonts cannot be found")
	}
}

// A wide character that no font has (here a private-use one) is reported,
// and the image is written anyway.
func TestExportPNGReportsCharacterInNoFont(t *testing.T) {
	saved := FallbackFontDirs
	FallbackFontDirs = nil
	t.Cleanup(func() { FallbackFontDirs = saved })
	nodes := smallNodes()
	nodes[1].Title = "财务\uE000"
	var b bytes.Buffer
	if err := WritePNG(&b, mustModel(t, nodes), ExportOptions{}); !errors.Is(err, ErrNoCJKFont) {
		t.Fatalf("err %v, want ErrNoCJKFont", err)
	}
	if _, err := png.Decode(&b); err != nil {
		t.Fatalf("image not written: %v", err)
	}
}

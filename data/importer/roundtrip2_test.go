package importer

import (
	"bytes"
	"os"
	"testing"

	"staffplan/assets"
	"staffplan/data/export"
	"staffplan/data/template"
)

// The staffing table exported in either language imports back with the
// same posts and total 编制.
func TestStaffingExportRoundTrip(t *testing.T) {
	src, err := template.Load(assets.Templates(), "kangfei")
	if err != nil {
		t.Fatal(err)
	}
	want := figuresOf(src)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.StaffingWorkbook(&buf, src, export.Options{Lang: lang}); err != nil {
				t.Fatal(err)
			}
			out := tempPath(t, "staffing-"+lang+".xlsx")
			if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			d, p := importNew(t, out, nil)
			got := figuresOf(d)
			if got.posts != want.posts || got.planned != want.planned {
				t.Errorf("figures %+v, want %d posts, %v planned; warnings %v skipped %v", got, want.posts, want.planned, p.Warnings, p.Skipped)
			}
		})
	}
}

package cli

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"staffplan/app/internal/apptest"
	"staffplan/data/importer"
)

// TestCLIImportJSONCountsPeople: "people" in `import --json` is the people
// the import creates or changes, each once: not the rows read (a person
// holding two posts has two rows) and not the people left as they were.
func TestCLIImportJSONCountsPeople(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.db")
	importJSON := func(file string) importer.Summary {
		t.Helper()
		code, out, errs := run(t, "import", file, "--db", db, "--json")
		if code != 0 {
			t.Fatalf("import %s: %d %s", filepath.Base(file), code, errs)
		}
		var sum importer.Summary
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return sum
	}
	first := filepath.Join(dir, "v1.xlsx")
	apptest.WriteRoster(t, first, [][]any{
		{"A001", "王一", "生产部", "班组长", "2019-03-01", ""},
		{"A001", "王一", "质检部", "质检员", "2019-03-01", ""}, // a second post (兼任)
		{"A002", "李二", "生产部", "操作工", "2020-05-06", ""},
	})
	if sum := importJSON(first); sum.People != 2 {
		t.Errorf("first import: people %d, want 2 (3 rows, 2 people); %+v", sum.People, sum)
	}
	second := filepath.Join(dir, "v2.xlsx")
	apptest.WriteRoster(t, second, [][]any{
		{"A001", "王一", "生产部", "班组长", "2019-03-01", ""},
		{"A001", "王一", "质检部", "质检员", "2019-03-01", ""},
		{"A002", "李二", "生产部", "班组长", "2020-05-06", ""}, // moved
		{"A003", "张三", "生产部", "操作工", "2021-07-08", ""}, // new
	})
	if sum := importJSON(second); sum.People != 2 || sum.Created != 1 || sum.Updated != 1 {
		t.Errorf("second import: people %d created %d updated %d, want 2, 1, 1; %+v", sum.People, sum.Created, sum.Updated, sum)
	}
}

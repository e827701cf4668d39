package importer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"staffplan/data/model"
)

// TestPrepareNamesSheetAndRowOfAPanic: a panic while Prepare works on a
// row becomes a problem naming the file, the sheet and that row, for a
// roster and for a staffing table, not only the file.
func TestPrepareNamesSheetAndRowOfAPanic(t *testing.T) {
	files := map[string]string{
		"花名册": writeXLSX(t, tempPath(t, "坏名单.xlsx"), fixSheet{name: "花名册", rows: [][]any{
			{"工号", "姓名", "部门"}, {"E1", "甲", "财务部"}, {"E2", "乙", "财务部"}, {"E3", "丙", "财务部"},
		}}),
		"编制": writeXLSX(t, tempPath(t, "坏名单.xlsx"), fixSheet{name: "编制", rows: [][]any{
			{"部门", "岗位", "编制"}, {"财务部", "会计", 2}, {"财务部", "出纳", 1}, {"生产部", "操作工", 9},
		}}),
	}
	for sheet, path := range files {
		w := mustRead(t, path, nil)
		panicAt(t, "prepare.row", 3)
		_, err := Prepare(context.Background(), w, nil, nil)
		testHook = nil
		var pr *model.Problem
		if !errors.Is(err, ErrInternal) || !errors.As(err, &pr) {
			t.Fatalf("%s: err = %v, want ErrInternal", sheet, err)
		}
		if pr.Args["sheet"] != sheet || pr.Args["row"] != 3 {
			t.Errorf("%s: problem %s %v, want sheet %s row 3", sheet, pr.Key, pr.Args["sheet"], sheet)
		}
		msg := err.Error()
		for _, want := range []string{"坏名单.xlsx", sheet, "row 3", "made to panic"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: %q does not name %q", sheet, msg, want)
			}
		}
	}
}

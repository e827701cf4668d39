package gui

import (
	"bytes"
	"os"
	"testing"
	"time"

	"staffplan/data/model"
	"staffplan/data/store"
)

// File › Restore backup preselects the newest backup that passes the
// check, not simply the newest: that one may be damaged too.
func TestRestoreDialogOffersNewestGoodBackup(t *testing.T) {
	u := newTestUI(t)
	if _, err := u.st.Backup("import"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	if _, err := u.st.Update(u.planID, "add", func(tx *store.Tx) error {
		return tx.PutUnit(&model.Unit{Name: "临时测试部", Kind: model.UnitDepartment, Parent: u.data.Units[0].ID})
	}); err != nil {
		t.Fatal(err)
	}
	newest, err := u.st.Backup("import")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(newest)
	i := bytes.Index(b, []byte("临时测试部"))
	if i < 0 {
		t.Fatal("unit not in the newest backup")
	}
	b[i] ^= 0x01
	os.WriteFile(newest, b, 0o600)

	u.restoreDialog()
	tapButton(t, u.win.Canvas(), "Restore")
	d, err := u.st.LoadPlan(u.planID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range d.Units {
		if x.Name == "临时测试部" {
			t.Fatal("restored the current state or the damaged backup, not the newest good one")
		}
	}
}

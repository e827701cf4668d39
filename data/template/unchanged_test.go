package template

import (
	"path/filepath"
	"testing"

	"staffplan/assets"
	"staffplan/data/store"
)

func TestUnchangedTellsTheUntouchedSampleFromAnEditedOne(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sample, err := Load(assets.Templates(), "kangfei")
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := st.CreatePlan(sample, "newplan")
	if err != nil {
		t.Fatal(err)
	}
	stored := func() bool {
		d, err := st.LoadPlan(id)
		if err != nil {
			t.Fatal(err)
		}
		return Unchanged(d, assets.Templates(), "kangfei")
	}
	if !stored() {
		t.Fatal("the sample just created from the template is not recognised as unchanged")
	}
	if d, _ := st.LoadPlan(id); Unchanged(d, assets.Templates(), "finance") {
		t.Error("the 康飞 sample is taken for the finance template")
	}
	d, _ := st.LoadPlan(id)
	post := d.Positions[3]
	ch, err := st.Update(id, "edit", func(tx *store.Tx) error {
		p, err := tx.Position(post.ID)
		if err != nil {
			return err
		}
		p.Planned++
		return tx.PutPosition(&p)
	})
	if err != nil {
		t.Fatal(err)
	}
	if stored() {
		t.Error("a plan with one post's headcount changed still counts as the untouched sample")
	}
	if err := st.Revert(ch); err != nil {
		t.Fatal(err)
	}
	if !stored() {
		t.Error("after undoing the only edit the plan is the sample again")
	}
	_, err = st.Update(id, "rename", func(tx *store.Tx) error {
		p, err := tx.Plan()
		if err != nil {
			return err
		}
		p.Name = "我的公司"
		return tx.PutPlan(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	if stored() {
		t.Error("a renamed plan still counts as the untouched sample")
	}
}

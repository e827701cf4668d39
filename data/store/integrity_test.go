package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// rawUpdate changes the file behind the store's back, as damage would.
func rawUpdate(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// closedPlan writes samplePlan to a new file and closes it.
func closedPlan(t *testing.T) (string, model.ID, *model.PlanData) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plans.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.CreatePlan(samplePlan(), "newplan")
	if err != nil {
		t.Fatal(err)
	}
	d := load(t, s, id)
	s.Close()
	return path, id, d
}

func loadErr(path string, id model.ID) error {
	s, err := OpenReadOnly(path, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = s.LoadPlan(id)
	return err
}

func subOf(tx *bolt.Tx, id model.ID, k kind) *bolt.Bucket {
	return tx.Bucket(planBucketName(id)).Bucket(subBucket[k])
}

// A changed value, a record moved to another key and a record gone are all
// refused by name, where before the first two decoded as other figures and
// the last dropped a holder without a word.
func TestRecordDamageRefused(t *testing.T) {
	cases := []struct {
		name, want string
		damage     func(tx *bolt.Tx, id model.ID, d *model.PlanData) error
	}{
		{"value changed", "assignment", func(tx *bolt.Tx, id model.ID, d *model.PlanData) error {
			b := subOf(tx, id, kindAssignment)
			key := itob(d.Assignments[0].ID)
			v := clone(b.Get(key))
			v[len(v)-sealSize-2] ^= 0x40 // inside the FTE
			return b.Put(key, v)
		}},
		{"record under another key", "person", func(tx *bolt.Tx, id model.ID, d *model.PlanData) error {
			b := subOf(tx, id, kindPerson)
			key := itob(d.People[0].ID)
			v := clone(b.Get(key))
			if err := b.Delete(key); err != nil {
				return err
			}
			return b.Put(itob(d.People[0].ID+1000), v)
		}},
		{"record gone", "assignment records found", func(tx *bolt.Tx, id model.ID, d *model.PlanData) error {
			return subOf(tx, id, kindAssignment).Delete(itob(d.Assignments[1].ID))
		}},
		{"plan record gone", "no plan record", func(tx *bolt.Tx, id model.ID, d *model.PlanData) error {
			return tx.Bucket(bucketPlans).Delete(itob(id))
		}},
		{"documents renamed", "unknown entry", func(tx *bolt.Tx, id model.ID, d *model.PlanData) error {
			_, err := tx.Bucket(planBucketName(id)).CreateBucket([]byte("dpcs"))
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path, id, d := closedPlan(t)
			rawUpdate(t, path, func(tx *bolt.Tx) error { return c.damage(tx, id, d) })
			// The raw write moved the file on past the noted last save.
			err := loadErr(path, id)
			if err == nil {
				s, _ := OpenReadOnly(path, nil)
				_, err = s.Plans()
				s.Close()
			}
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v, want ErrCorrupt naming %q", err, c.want)
			}
			problems, err := Verify(path, nil)
			if err != nil || len(problems) == 0 {
				t.Fatalf("Verify: %v, %v", problems, err)
			}
		})
	}
}

func TestValueRangeRefusedOnWrite(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	p := d.Positions[0]
	p.Planned = 7.9e28
	_, err := s.Update(id, "x", func(tx *Tx) error { return tx.PutPosition(&p) })
	if !errors.Is(err, ErrValueRange) {
		t.Fatalf("err %v", err)
	}
	u := d.Units[0]
	u.Name = "a\x01b"
	if _, err := s.Update(id, "x", func(tx *Tx) error { return tx.PutUnit(&u) }); !errors.Is(err, ErrValueRange) {
		t.Fatalf("control character stored: %v", err)
	}
	bad := samplePlan()
	bad.People[0].Name = "\xff\xfe"
	if _, _, err := s.CreatePlan(bad, "x"); !errors.Is(err, ErrValueRange) {
		t.Fatalf("invalid UTF-8 stored: %v", err)
	}
	mustEqual(t, "plan", load(t, s, id), d)
}

// downgrade turns a schema-2 file into the schema-1 layout: no checksums,
// no digests, format byte 1.
func downgrade(t *testing.T, path string, extra func(tx *bolt.Tx) error) {
	t.Helper()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		strip := func(b *bolt.Bucket, k kind) error {
			type kv struct{ k, v []byte }
			var out []kv
			_ = b.ForEach(func(key, v []byte) error {
				if v == nil {
					return nil
				}
				body := clone(v[:len(v)-sealSize])
				if k != kindEmpNo {
					body[0] = legacyFormat
				}
				out = append(out, kv{clone(key), body})
				return nil
			})
			for _, x := range out {
				if err := b.Put(x.k, x.v); err != nil {
					return err
				}
			}
			return nil
		}
		if err := strip(tx.Bucket(bucketPlans), kindPlan); err != nil {
			return err
		}
		err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if !strings.HasPrefix(string(name), "plan/") {
				return nil
			}
			if err := b.Delete(keyDigest); err != nil {
				return err
			}
			for k := kindUnit; k < numKinds; k++ {
				if sb := b.Bucket(subBucket[k]); sb != nil {
					if err := strip(sb, k); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keySchema, binary.BigEndian.AppendUint32(nil, 1)); err != nil {
			return err
		}
		if extra != nil {
			return extra(tx)
		}
		return nil
	})
}

func TestMigrateToChecksums(t *testing.T) {
	path, id, want := closedPlan(t)
	s, _ := Open(path, nil)
	if _, err := s.Update(id, "doc", func(tx *Tx) error { return tx.PutDoc("calc", []byte("{}")) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	downgrade(t, path, nil)
	legacy := readFile(t, path)

	// Read-only: read as it is, nothing written.
	ro, err := OpenReadOnly(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ro.LoadPlan(id)
	ro.Close()
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "schema-1 plan read as it is", got, want)
	mustUnchanged(t, path, legacy)

	// A schema-1 file could hold a control character in a name.
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		b := subOf(tx, id, kindUnit)
		u := want.Units[0]
		u.Name = "康飞\x07塑业"
		v := encodeUnit(&u)
		v[0] = legacyFormat
		return b.Put(itob(u.ID), v)
	})

	s, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bs, _ := s.Backups()
	if len(bs) != 1 || bs[0].Reason != "migrate" {
		t.Fatalf("backups %+v", bs)
	}
	mustEqual(t, "migrated plan", load(t, s, id), want) // the control character cleaned away
	if doc, err := s.Doc(id, "calc"); err != nil || string(doc) != "{}" {
		t.Fatalf("doc %q, %v", doc, err)
	}
	// Records now carry checksums.
	if _, err := s.Update(id, "edit", func(tx *Tx) error {
		p, err := tx.PersonByEmpNo("A001")
		if err != nil {
			return err
		}
		p.Grade = "G9"
		return tx.PutPerson(&p)
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if problems, err := Verify(path, nil); err != nil || len(problems) != 0 {
		t.Fatalf("Verify after migration: %v, %v", problems, err)
	}
	if v := schemaOf(t, path); v != SchemaVersion {
		t.Errorf("schema %d", v)
	}
}

// newerMeta returns the offset of the meta page with the higher txid.
func newerMeta(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m0, ok0 := readMeta(f, 0)
	m1, ok1 := readMeta(f, int64(m0.pageSize))
	if !ok0 || !ok1 {
		t.Fatal("meta pages unreadable")
	}
	if m1.txid > m0.txid {
		return int64(m0.pageSize)
	}
	return 0
}

func TestOlderThanLastSave(t *testing.T) {
	path, id, _ := closedPlan(t)
	s, _ := Open(path, nil)
	if _, err := s.Backup("import"); err != nil {
		t.Fatal(err)
	}
	d := load(t, s, id)
	p := d.People[0]
	p.Grade = "G8"
	if _, err := s.Update(id, "edit", func(tx *Tx) error { return tx.PutPerson(&p) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b := readFile(t, path)
	b[newerMeta(t, path)+pageHeaderSize+20] ^= 0xff // the root page id of the newer meta
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func(string, *Options) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		s, err := open(path, nil)
		if err == nil {
			s.Close()
			t.Fatalf("%s opened a file one save back", name)
		}
		var oe *OlderError
		if !errors.Is(err, ErrOlderThanLastSave) || !errors.As(err, &oe) || oe.SavedTx != oe.FileTx+1 {
			t.Fatalf("%s: %v", name, err)
		}
	}
	mustUnchanged(t, path, b)
	if problems, _ := Verify(path, nil); len(problems) == 0 || !errors.Is(problems[0], ErrOlderThanLastSave) {
		t.Errorf("Verify: %v", problems)
	}
	good, ok, err := NewestGoodBackup(path, nil)
	if err != nil || !ok {
		t.Fatalf("no good backup: %v", err)
	}
	s, err = Restore(path, good.Path, nil)
	if err != nil {
		t.Fatalf("restoring the newest good backup: %v", err)
	}
	s.Close()
}

func TestNewestGoodBackupSkipsDamaged(t *testing.T) {
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	opt := &Options{Now: func() time.Time { now = now.Add(time.Second); return now }}
	s, id := withPlan(t)
	s.opt.Now = opt.Now
	older, err := s.Backup("import")
	if err != nil {
		t.Fatal(err)
	}
	newer, err := s.Backup("import")
	if err != nil {
		t.Fatal(err)
	}
	_ = id
	// Damage one record of the newest backup.
	rawUpdate(t, newer, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPlans)
		k, v := b.Cursor().First()
		v = clone(v)
		v[2] ^= 1
		return b.Put(clone(k), v)
	})
	good, ok, err := NewestGoodBackup(s.Path(), nil)
	if err != nil || !ok || good.Path != older {
		t.Fatalf("got %+v %v %v, want %s", good, ok, err, older)
	}
	if _, err := Restore(s.Path()+".other", newer, nil); !errors.Is(err, ErrCorrupt) {
		t.Errorf("restore of the damaged backup: %v", err)
	}
}

// Reading opens never create or change anything.
func TestOpenReadOnlyCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "sub", "plans.db")
	if _, err := OpenReadOnly(missing, nil); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("missing: %v", err)
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	if _, err := OpenReadOnly(empty, nil); !errors.Is(err, ErrEmptyFile) {
		t.Fatalf("empty: %v", err)
	}
	if _, err := Verify(empty, nil); !errors.Is(err, ErrEmptyFile) {
		t.Fatalf("Verify empty: %v", err)
	}
	fi, _ := os.Stat(empty)
	if fi.Size() != 0 || fi.Mode().Perm() != 0o644 {
		t.Errorf("empty file now %d bytes, mode %v", fi.Size(), fi.Mode())
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("folder holds %v", es)
	}
}

func TestNotRegularRefusedBeforeOpen(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, path := range []string{fifo, os.DevNull, t.TempDir()} {
		done := make(chan error, 3)
		go func() {
			_, err := Open(path, nil)
			done <- err
			_, err = OpenReadOnly(path, nil)
			done <- err
			_, err = Verify(path, nil)
			done <- err
		}()
		for i := 0; i < 3; i++ {
			select {
			case err := <-done:
				if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), path) {
					t.Errorf("%s: %v", path, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%s: open blocked", path)
			}
		}
	}
}

func TestFailedOpenLeavesNoFolders(t *testing.T) {
	dir := t.TempDir()
	// Deep enough that making the folders fails part-way (the path grows
	// past PATH_MAX), as a mistyped long path did.
	p := dir
	for i := 0; i < 24; i++ {
		p = filepath.Join(p, strings.Repeat("d", 200))
	}
	if _, err := Open(filepath.Join(p, "plans.db"), nil); err == nil {
		t.Fatal("opened")
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("left behind: %v", es)
	}
}

func TestOpenMakesFilePrivate(t *testing.T) {
	path, _, _ := closedPlan(t)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 || s.FixedMode != 0o644 {
		t.Errorf("mode %v, FixedMode %v", fi.Mode().Perm(), s.FixedMode)
	}
}

func TestStaleTempsRemoved(t *testing.T) {
	path, _, _ := closedPlan(t)
	bdir := filepath.Join(filepath.Dir(path), "backups")
	os.MkdirAll(bdir, 0o700)
	stale := filepath.Join(bdir, ".plans-20250101-000000.000-import.db.123.tmp")
	fresh := filepath.Join(bdir, ".plans-20250101-000001.000-import.db.456.tmp")
	other := filepath.Join(bdir, ".notes-x.db.1.tmp")
	for _, f := range []string{stale, fresh, other} {
		os.WriteFile(f, []byte("partial"), 0o600)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	os.Chtimes(other, old, old)
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale backup temporary kept")
	}
	for _, f := range []string{fresh, other} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s removed", f)
		}
	}
}

// A branch page pointing back at itself made bbolt's cursor descend until
// memory ran out; the page walk refuses it before bbolt maps the file.
func TestPageCycleRefused(t *testing.T) {
	path := smallDB(t)
	b := readFile(t, path)
	ps := 4096
	found := false
	for id := 2; (id+1)*ps <= len(b) && !found; id++ {
		p := b[id*ps:]
		if binary.LittleEndian.Uint64(p) == uint64(id) && binary.LittleEndian.Uint16(p[8:]) == pageBranch {
			binary.LittleEndian.PutUint64(p[pageHeaderSize+8:], uint64(id))
			found = true
		}
	}
	if !found {
		t.Fatal("no branch page in the test database")
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func(string, *Options) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		s, err := open(path, nil)
		if err == nil {
			s.Close()
			t.Fatalf("%s opened a file whose page tree loops", name)
		}
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "reached twice") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Verify(path, nil); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Verify: %v", err)
	}
	mustUnchanged(t, path, b)
}

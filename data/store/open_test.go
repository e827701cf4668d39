package store

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

const helperEnv = "STAFFPLAN_STORE_HELPER_DB"

// TestHelperProcess is not a test: TestLockOtherProcess runs the test binary
// again with it, to hold the database open from another process.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process for TestLockOtherProcess")
	}
	s, err := Open(path, nil)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin) // hold the lock until the parent lets go
	s.Close()
	os.Exit(0)
}

func TestLockOtherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plans.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		_ = cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "ready" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	start := time.Now()
	s, err := Open(path, nil)
	if err == nil {
		s.Close()
		t.Fatal("second process opened a locked database")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("got %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v to report the lock", d)
	}
	if err.Error() != "this plan database is already open in another window" {
		t.Errorf("message %q", err)
	}
	// Restore must not replace a database another window holds.
	if _, err := Restore(path, path, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("Restore over a locked database: %v", err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	s, err = Open(path, nil)
	if err != nil {
		t.Fatalf("open after the other process closed: %v", err)
	}
	s.Close()
}

func TestLockSameProcess(t *testing.T) {
	s := openTemp(t, nil)
	start := time.Now()
	_, err := Open(s.Path(), &Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("got %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}

// smallDB writes a closed database holding the sample plan plus enough
// people to span many pages.
func smallDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plans.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := samplePlan()
	for i := range 3000 {
		d.People = append(d.People, model.Person{ID: model.ID(1000 + i), Name: fmt.Sprintf("员工%d", i), EmpNo: fmt.Sprintf("E%05d", i)})
	}
	if _, _, err := s.CreatePlan(d, "x"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenCorrupt(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	real := readFile(t, smallDB(t))
	if len(real) < 8*4096 {
		t.Fatalf("test database only %d bytes", len(real))
	}
	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()

	files := map[string][]byte{
		"random.db":    random,
		"text.db":      []byte("name,empno\n张三,A001\n"),
		"short.db":     []byte("x"),
		"truncated.db": real[:len(real)/2],
		"headonly.db":  real[:3*4096],
		"foreign.db":   readFile(t, foreign),
	}
	// Damaged first meta page, second intact: still a database, opens.
	onemeta := append([]byte(nil), real...)
	onemeta[20] ^= 0xff
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(path, nil)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("got %v, want ErrCorrupt", err)
			}
			mustUnchanged(t, path, content)
			if _, err := os.Stat(filepath.Join(dir, "backups")); err == nil {
				t.Error("a backup was made of a file that is not a plan database")
			}
		})
	}
	t.Run("one meta page damaged", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "plans.db")
		if err := os.WriteFile(path, onemeta, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if ps, err := s.Plans(); err != nil || len(ps) != 1 {
			t.Fatalf("plans %v, %v", ps, err)
		}
	})
	t.Run("empty file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "plans.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	})
}

// TestDamagedPages overwrites data pages of a valid file: opening may work,
// but reading must report ErrCorrupt rather than crash or return garbage,
// and the file must stay as it was.
func TestDamagedPages(t *testing.T) {
	t.Run("all data pages", func(t *testing.T) {
		path := smallDB(t)
		b := readFile(t, path)
		for i := 4 * 4096; i < len(b); i++ {
			b[i] = 0xA5
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, nil)
		if err == nil {
			defer s.Close()
			var ps []model.Plan
			if ps, err = s.Plans(); err == nil {
				_, err = s.LoadPlan(ps[0].ID)
			}
		}
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("got %v, want ErrCorrupt", err)
		}
		mustUnchanged(t, path, b)
	})
	t.Run("people pages", func(t *testing.T) {
		path := smallDB(t)
		// Find the root page of the people bucket and wreck it.
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		var root, pageSize int
		var plan model.ID
		_ = db.View(func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketPlans).Cursor().First()
			plan = btoi(k)
			root = int(tx.Bucket(planBucketName(plan)).Bucket(subBucket[kindPerson]).Root())
			pageSize = tx.DB().Info().PageSize
			return nil
		})
		db.Close()
		if root == 0 {
			t.Fatal("people bucket is inline")
		}
		b := readFile(t, path)
		for i := root * pageSize; i < (root+1)*pageSize; i++ {
			b[i] = byte(i * 7)
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, nil)
		if errors.Is(err, ErrCorrupt) {
			// The page walk before bbolt maps the file refuses it at once.
			mustUnchanged(t, path, b)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.LoadPlan(plan); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("got %v, want ErrCorrupt", err)
		}
		_, err = s.Update(plan, "x", func(tx *Tx) error {
			_, err := tx.PersonByEmpNo("E00001")
			return err
		})
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("got %v, want ErrCorrupt", err)
		}
		mustUnchanged(t, path, b)
	})
}

func setSchema(t *testing.T, path string, v uint32, extra func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keySchema, binary.BigEndian.AppendUint32(nil, v)); err != nil {
			return err
		}
		if extra != nil {
			return extra(tx)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func schemaOf(t *testing.T, path string) uint32 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v uint32
	_ = db.View(func(tx *bolt.Tx) error {
		v = binary.BigEndian.Uint32(tx.Bucket(bucketMeta).Get(keySchema))
		return nil
	})
	return v
}

func TestNewerSchema(t *testing.T) {
	path := smallDB(t)
	setSchema(t, path, SchemaVersion+1, nil)
	before := readFile(t, path)
	_, err := Open(path, nil)
	var se *SchemaError
	if !errors.As(err, &se) || se.File != SchemaVersion+1 || se.Supported != SchemaVersion {
		t.Fatalf("got %#v", err)
	}
	if !errors.Is(err, ErrNewerSchema) {
		t.Error("not ErrNewerSchema")
	}
	msg := err.Error()
	if !strings.Contains(msg, fmt.Sprint(SchemaVersion+1)) || !strings.Contains(msg, fmt.Sprint(SchemaVersion)) {
		t.Errorf("message %q does not name both versions", msg)
	}
	mustUnchanged(t, path, before)
	if bs, _ := ListBackups(path); len(bs) != 0 {
		t.Error("backup made")
	}
}

func TestOlderSchemaMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plans.db")
	setSchema(t, path, 0, func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket(bucketPlans)
		return err
	})
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := s.Backups()
	if err != nil || len(bs) != 1 || bs[0].Reason != "migrate" {
		t.Fatalf("backups %+v, %v", bs, err)
	}
	if v := schemaOf(t, bs[0].Path); v != 0 {
		t.Errorf("backup has schema %d, want the old 0", v)
	}
	if _, _, err := s.CreatePlan(samplePlan(), "x"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if v := schemaOf(t, path); v != SchemaVersion {
		t.Errorf("schema now %d", v)
	}
	// A second open has nothing to migrate and makes no backup.
	s, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if bs, _ := ListBackups(path); len(bs) != 1 {
		t.Errorf("%d backups", len(bs))
	}
}

func TestNewDatabaseNoBackup(t *testing.T) {
	s := openTemp(t, nil)
	if bs, _ := s.Backups(); len(bs) != 0 {
		t.Errorf("new database backed up: %v", bs)
	}
	s.Close()
	if v := schemaOf(t, s.Path()); v != SchemaVersion {
		t.Errorf("schema %d", v)
	}
}

package cli

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"staffplan/app/core"
	"staffplan/data/calc"
	"staffplan/data/store"
)

func TestCLIErlangCMatchesTheReference(t *testing.T) {
	code, out, errs := run(t, "erlang", "--calls", "100", "--interval", "30m", "--aht", "180s",
		"--sl", "0.8", "--within", "20s", "--max-occupancy", "0.85", "--shrinkage", "0.3", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]float64
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"traffic_erlangs": 10, "agents": 14, "staff": 20, "wait_probability": 0.1741319,
		"service_level": 0.88835, "asa_seconds": 7.836, "occupancy": 0.7142857}
	for k, w := range want {
		if math.Abs(got[k]-w) > 0.0005 {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
	// A tighter occupancy cap needs 15 agents and 22 staff.
	_, out, _ = run(t, "erlang", "--calls", "100", "--interval", "1800", "--aht", "180",
		"--sl", "0.8", "--within", "20", "--max-occupancy", "0.70", "--shrinkage", "0.3", "--json")
	_ = json.Unmarshal([]byte(out), &got)
	if got["agents"] != 15 || got["staff"] != 22 {
		t.Errorf("occupancy 0.70: %v agents, %v staff", got["agents"], got["staff"])
	}
	// 13 agents give 79.6 %.
	_, out, _ = run(t, "erlang", "--calls", "100", "--interval", "30m", "--aht", "180s", "--agents", "13",
		"--sl", "0.8", "--within", "20s", "--json")
	_ = json.Unmarshal([]byte(out), &got)
	if math.Abs(got["service_level"]-0.796) > 0.0005 {
		t.Errorf("13 agents: service level %v", got["service_level"])
	}
}

func TestCLIErlangAAndB(t *testing.T) {
	_, out, _ := run(t, "erlang", "--traffic", "10", "--blocking", "0.02", "--json")
	var b map[string]float64
	_ = json.Unmarshal([]byte(out), &b)
	if b["lines"] != 17 || b["blocking"] > 0.02 || len(b) != 2 {
		t.Errorf("Erlang B: %v", b)
	}
	_, out, _ = run(t, "erlang", "--calls", "100", "--interval", "30m", "--aht", "180s",
		"--sl", "0.8", "--within", "20s", "--patience", "5m", "--json")
	var a map[string]float64
	_ = json.Unmarshal([]byte(out), &a)
	if _, ok := a["abandon_probability"]; !ok || a["agents"] > 14 || a["agents"] < 1 {
		t.Errorf("Erlang A: %v", a)
	}
}

// The command: 14 agents with 5 min patience, answered within 20 s.
// pyworkforce's abandonment test gives 0.916792; 0.8547 would be 1 − P(wait).
func TestCLIErlangAServiceLevelWithin(t *testing.T) {
	code, out, errs := run(t, "erlang", "--calls", "100", "--interval", "30m", "--aht", "180s",
		"--agents", "14", "--patience", "5m", "--within", "20s", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var a map[string]float64
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	for k, w := range map[string]float64{"service_level": 0.916792, "wait_probability": 0.14526,
		"abandon_probability": 0.013984, "within_seconds": 20, "asa_seconds": 4.1951} {
		if math.Abs(a[k]-w) > 5e-5 {
			t.Errorf("%s = %v, want %v", k, a[k], w)
		}
	}
	_, out, _ = run(t, "erlang", "--calls", "100", "--interval", "30m", "--aht", "180s",
		"--agents", "14", "--patience", "5m", "--within", "20s")
	if !strings.Contains(out, "0.9168") || !strings.Contains(out, "20 s") || !strings.Contains(out, "0.0140") {
		t.Errorf("text output: %s", out)
	}
}

func TestCLIErlangUsage(t *testing.T) {
	for _, args := range [][]string{
		{"erlang", "--calls", "100"},
		{"erlang", "--calls", "100", "--interval", "30m", "--aht", "180s"},
		{"erlang", "--calls", "100", "--interval", "30m", "--aht", "180s", "--sl", "1.5", "--within", "20s"},
		{"erlang", "--calls", "100", "--interval", "0", "--aht", "180s", "--asa", "20s"},
		{"erlang", "--traffic", "10"},
		{"erlang", "--interval", "soon"},
	} {
		if code, _, _ := run(t, args...); code != core.ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// sheetDB makes a database whose plan carries the named rule set.
func sheetDB(t *testing.T, name string) (string, *calc.Sheet) {
	t.Helper()
	_, sheets, err := core.RuleSets()
	if err != nil {
		t.Fatal(err)
	}
	s := sheets[name]
	db := filepath.Join(t.TempDir(), "c.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	st, err := store.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	plans, _ := st.Plans()
	if _, err := st.Update(plans[0].ID, "rules", func(tx *store.Tx) error { return calc.Save(tx, s) }); err != nil {
		t.Fatal(err)
	}
	return db, s
}

// Every figure the source documents give, as the rule sets record them,
// comes out of `staffplan calc` too.
func TestCLICalcReproducesTheSources(t *testing.T) {
	names, _, err := core.RuleSets()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range names {
		db, s := sheetDB(t, name)
		code, out, errs := run(t, "--lang", "en", "calc", "--db", db, "--json")
		if code != 0 {
			t.Fatalf("%s: %d %s", name, code, errs)
		}
		var rows []calcRowJSON
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		by := map[string]calcRowJSON{}
		for _, r := range rows {
			by[r.Rule] = r
			if r.Explanation == "" && r.Error == "" {
				t.Errorf("%s/%s has no explanation", name, r.Rule)
			}
		}
		for _, ex := range s.Examples {
			if ex.InBand != nil {
				continue // share checks print in or out of band, not a count
			}
			r, ok := by[ex.Rule]
			if !ok {
				t.Errorf("%s: no row for %s", name, ex.Rule)
				continue
			}
			// Sources print two decimals where a rule keeps the fraction.
			if math.Abs(r.Required-ex.Required) > 0.005 {
				t.Errorf("%s/%s: required %v, the source says %v", name, ex.Rule, r.Required, ex.Required)
			}
			checked++
		}
		if name == "call-centre" && (by["seats"].Quantity != "seats" || by["per_seat"].Quantity != "ratio" ||
			by["trunk_lines"].Quantity != "lines" || by["agents_erlang"].Quantity != "people") {
			t.Errorf("call-centre quantities: %+v", by)
		}
	}
	if checked < 10 {
		t.Errorf("only %d worked examples checked", checked)
	}
}

func TestCLICalcDriversOverrideAndList(t *testing.T) {
	db, _ := sheetDB(t, "call-centre")
	code, out, _ := run(t, "calc", "--db", db, "--list-drivers", "--json")
	var ds []driverJSON
	if code != 0 || json.Unmarshal([]byte(out), &ds) != nil || len(ds) == 0 {
		t.Fatalf("list drivers: %d %q", code, out)
	}
	for _, d := range ds {
		if d.Key == "" || d.Label == "" {
			t.Errorf("driver %+v lacks key or label", d)
		}
	}
	_, out, _ = run(t, "--lang", "zh", "calc", "--db", db, "--driver", "subscribers=270000", "--json")
	var rows []calcRowJSON
	_ = json.Unmarshal([]byte(out), &rows)
	for _, r := range rows {
		if r.Rule == "seats" {
			if r.Required != 13 || !strings.Contains(r.Explanation, "270000 ÷ 20000 = 13.5") || !strings.Contains(r.Explanation, "向下取整") {
				t.Errorf("seats with 270000 subscribers: %v %q", r.Required, r.Explanation)
			}
		}
	}
	if code, _, errs := run(t, "--lang", "en", "calc", "--db", db, "--driver", "nope=1"); code != core.ExitUser || !strings.Contains(errs, "nope") {
		t.Errorf("unknown driver: %d %q", code, errs)
	}
	if code, _, _ := run(t, "calc", "--db", db, "--driver", "seats"); code != core.ExitUsage {
		t.Errorf("bad --driver: %d", code)
	}
	core.InitLang("en")
}

// The calculator report carries the drivers, the basis and each result with
// its arithmetic, as the pane shows them.
func TestCLIExportCalcReport(t *testing.T) {
	db, s := sheetDB(t, "call-centre")
	out := filepath.Join(t.TempDir(), "calc.xlsx")
	if code, _, errs := run(t, "--lang", "zh", "export", "--db", db, "--kind", "calc", "--out", out); code != 0 {
		t.Fatalf("export calc: %s", errs)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 {
		t.Fatalf("sheets %v", sheets)
	}
	drivers, _ := f.GetRows(sheets[1])
	if !strings.Contains(drivers[1][0], "165.33") || len(drivers) != 4+len(s.Drivers) {
		t.Errorf("drivers sheet %q", drivers)
	}
	rows, _ := f.GetRows(sheets[0])
	found := false
	for _, r := range rows[3:] {
		if len(r) > 9 && r[2] == "座席" {
			found = true
			if r[4] != "6" || r[5] != "个座席" || !strings.Contains(r[9], "130000 ÷ 20000 = 6.5") || !strings.Contains(r[9], "向下取整") {
				t.Errorf("座席 row %q", r)
			}
		}
	}
	if !found || len(rows) != 3+len(s.Rules) {
		t.Errorf("results sheet has %d rows for %d rules", len(rows)-3, len(s.Rules))
	}
	core.InitLang("en")
}

// The exported roster keeps people who have left apart, on a sheet of their
// own, or leaves them out with --omit-left.
func TestCLIExportRosterLeft(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	for _, c := range []struct {
		args   []string
		sheets string
	}{{nil, "[花名册 离职]"}, {[]string{"--omit-left"}, "[花名册]"}} {
		out := filepath.Join(t.TempDir(), "roster.xlsx")
		args := append([]string{"--lang", "zh", "export", "--db", db, "--kind", "roster", "--out", out}, c.args...)
		if code, _, errs := run(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(f.GetSheetList()); got != c.sheets {
			t.Errorf("%v: sheets %s, want %s", c.args, got, c.sheets)
		}
		rows, _ := f.GetRows("花名册")
		for _, r := range rows {
			if len(r) > 7 && r[7] == "离职" {
				t.Errorf("%v: %q has left but is on the roster", c.args, r)
			}
		}
		f.Close()
	}
}

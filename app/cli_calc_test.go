package app

import (
	"encoding/json"
	"math"
	"testing"
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

func TestCLIErlangUsage(t *testing.T) {
	for _, args := range [][]string{
		{"erlang", "--calls", "100"},
		{"erlang", "--calls", "100", "--interval", "30m", "--aht", "180s"},
		{"erlang", "--calls", "100", "--interval", "30m", "--aht", "180s", "--sl", "1.5", "--within", "20s"},
		{"erlang", "--calls", "100", "--interval", "0", "--aht", "180s", "--asa", "20s"},
		{"erlang", "--traffic", "10"},
		{"erlang", "--interval", "soon"},
	} {
		if code, _, _ := run(t, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

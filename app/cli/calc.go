package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"staffplan/app/core"
	"staffplan/data/calc"
)

// durationFlag reads "30m", "180s" or a plain number of seconds.
type durationFlag struct {
	seconds float64
	set     bool
}

func (d *durationFlag) String() string {
	if !d.set {
		return ""
	}
	return strconv.FormatFloat(d.seconds, 'f', -1, 64) + "s"
}

func (d *durationFlag) Set(s string) error {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		d.seconds, d.set = f, true
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return errors.New(core.X("cli.bad_duration", "{{.value}} is not a duration such as 30m or 180s", map[string]any{"value": s}))
	}
	d.seconds, d.set = v.Seconds(), true
	return nil
}

// numberFlag is a float flag that knows whether it was given.
type numberFlag struct {
	v   float64
	set bool
}

func (n *numberFlag) String() string {
	if !n.set {
		return ""
	}
	return strconv.FormatFloat(n.v, 'f', -1, 64)
}

func (n *numberFlag) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return err
	}
	n.v, n.set = f, true
	return nil
}

// erlangBJSON is what `erlang --traffic --blocking --json` prints.
type erlangBJSON struct {
	Lines    int     `json:"lines"`
	Blocking float64 `json:"blocking"`
}

// erlangJSON is what `erlang --calls … --json` prints.
type erlangJSON struct {
	Traffic      float64  `json:"traffic_erlangs"`
	Agents       int      `json:"agents"`
	Staff        int      `json:"staff"`
	WaitProb     float64  `json:"wait_probability"`
	ServiceLevel float64  `json:"service_level"`
	Within       float64  `json:"within_seconds"`
	ASA          float64  `json:"asa_seconds"`
	Occupancy    float64  `json:"occupancy"`
	AbandonProb  *float64 `json:"abandon_probability,omitempty"`
}

func cmdErlang(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("erlang", stderr)
	var calls, traffic, blocking, sl, maxWait, maxOcc, shrink numberFlag
	var interval, aht, within, asa, patience durationFlag
	fs.Var(&calls, "calls", core.X("cli.flag.calls", "calls offered in one interval"))
	fs.Var(&interval, "interval", core.X("cli.flag.interval", "interval length, e.g. 30m"))
	fs.Var(&aht, "aht", core.X("cli.flag.aht", "average handle time, e.g. 180s"))
	fs.Var(&sl, "sl", core.X("cli.flag.sl", "service level target as a fraction, e.g. 0.8 (with --within)"))
	fs.Var(&within, "within", core.X("cli.flag.within", "answer time of the service level, e.g. 20s"))
	fs.Var(&asa, "asa", core.X("cli.flag.asa", "target average speed of answer, e.g. 120s"))
	fs.Var(&maxWait, "max-wait-probability", core.X("cli.flag.max_wait", "target probability that a call waits, e.g. 0.15"))
	fs.Var(&maxOcc, "max-occupancy", core.X("cli.flag.max_occupancy", "highest agent occupancy, e.g. 0.85"))
	fs.Var(&shrink, "shrinkage", core.X("cli.flag.shrinkage", "share of paid time not on the phones, e.g. 0.3"))
	fs.Var(&patience, "patience", core.X("cli.flag.patience", "mean caller patience, e.g. 5m (uses Erlang A)"))
	agents := fs.Int("agents", 0, core.X("cli.flag.agents", "evaluate this many agents instead of searching"))
	fs.Var(&traffic, "traffic", core.X("cli.flag.traffic", "offered traffic in erlangs (Erlang B, with --blocking)"))
	fs.Var(&blocking, "blocking", core.X("cli.flag.blocking", "highest blocking probability, e.g. 0.02 (Erlang B)"))
	asJSON := fs.Bool("json", false, core.X("cli.flag.json", "print JSON"))
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	usageErr := func(msg string) error {
		fmt.Fprintln(stderr, msg)
		return errUsage
	}
	if traffic.set || blocking.set {
		if !traffic.set || !blocking.set || traffic.v < 0 || blocking.v <= 0 || blocking.v >= 1 {
			return usageErr(core.X("cli.erlang_b_usage", "Erlang B needs --traffic (0 or more) and --blocking (between 0 and 1)."))
		}
		lines, b, ok := calc.LinesFor(traffic.v, blocking.v)
		if !ok {
			return errors.New(core.X("err.calc.lines", "No number of lines reaches that blocking."))
		}
		if *asJSON {
			return writeJSON(stdout, erlangBJSON{Lines: lines, Blocking: b})
		}
		fmt.Fprintln(stdout, core.X("cli.erlang_b", "{{.lines}} lines, blocking {{.b}}", map[string]any{"lines": lines, "b": strconv.FormatFloat(b, 'f', 4, 64)}))
		return nil
	}
	if !calls.set || !interval.set || !aht.set {
		return usageErr(core.X("cli.erlang_usage", "Erlang C needs --calls, --interval and --aht, and one target: --sl with --within, --asa, or --max-wait-probability."))
	}
	q := calc.QueueSpec{Calls: calls.v, Interval: interval.seconds, AHT: aht.seconds,
		MaxOccupancy: maxOcc.v, Shrinkage: shrink.v, Patience: patience.seconds}
	// --within is the answer time of the service level reported, whatever
	// the target: without it only calls answered at once would count.
	q.Within = within.seconds
	targets := 0
	if sl.set {
		targets++
		q.Target, q.SL = calc.TargetServiceLevel, sl.v
	}
	if asa.set {
		targets++
		q.Target, q.ASA = calc.TargetASA, asa.seconds
	}
	if maxWait.set {
		targets++
		q.Target, q.MaxWaitProb = calc.TargetWaitProb, maxWait.v
	}
	if *agents <= 0 && targets != 1 {
		return usageErr(core.X("cli.erlang_usage", "Erlang C needs --calls, --interval and --aht, and one target: --sl with --within, --asa, or --max-wait-probability."))
	}
	if bad := checkQueue(&q, maxOcc.set); bad != "" {
		fmt.Fprintln(stderr, core.X("cli.erlang_bad", "--{{.flag}} is out of range.", map[string]any{"flag": bad}))
		return errUsage
	}
	var st calc.QueueStats
	if *agents > 0 {
		st = q.Evaluate(*agents)
	} else {
		var ok bool
		if st, ok = q.Solve(); !ok {
			return errors.New(core.X("err.calc.no_agents", "No number of agents can meet that target."))
		}
	}
	out := erlangJSON{Traffic: st.Traffic, Agents: st.Agents, Staff: st.Staff, WaitProb: st.WaitProb,
		ServiceLevel: st.ServiceLevel, Within: st.Within, ASA: st.ASA, Occupancy: st.Occupancy}
	if q.Patience > 0 {
		ab := st.AbandonProb
		out.AbandonProb = &ab
	}
	if *asJSON {
		return writeJSON(stdout, out)
	}
	line := core.X("cli.erlang_c",
		"traffic {{.a}} erlangs: {{.agents}} agents, {{.staff}} staff; service level {{.sl}} within {{.within}} s, ASA {{.asa}} s, P(wait) {{.pw}}, occupancy {{.occ}}",
		map[string]any{"a": ff(st.Traffic, 3), "agents": st.Agents, "staff": st.Staff, "sl": ff(st.ServiceLevel, 4),
			"within": strconv.FormatFloat(st.Within, 'f', -1, 64), "asa": ff(st.ASA, 2), "pw": ff(st.WaitProb, 4), "occ": ff(st.Occupancy, 4)})
	if q.Patience > 0 {
		line += core.X("cli.erlang_abandon", ", abandoned {{.ab}}", map[string]any{"ab": ff(st.AbandonProb, 4)})
	}
	fmt.Fprintln(stdout, line)
	return nil
}

// checkQueue names the first flag whose value cannot work, or "".
func checkQueue(q *calc.QueueSpec, occSet bool) string {
	fin := func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
	switch {
	case !fin(q.Calls) || q.Calls < 0:
		return "calls"
	case !fin(q.Interval) || q.Interval <= 0:
		return "interval"
	case !fin(q.AHT) || q.AHT <= 0:
		return "aht"
	case q.Target == calc.TargetServiceLevel && (q.SL <= 0 || q.SL >= 1):
		return "sl"
	case !fin(q.Within) || q.Within < 0:
		return "within"
	case q.Target == calc.TargetASA && (!fin(q.ASA) || q.ASA <= 0):
		return "asa"
	case q.Target == calc.TargetWaitProb && (q.MaxWaitProb <= 0 || q.MaxWaitProb >= 1):
		return "max-wait-probability"
	case occSet && (q.MaxOccupancy <= 0 || q.MaxOccupancy > 1):
		return "max-occupancy"
	case q.Shrinkage < 0 || q.Shrinkage >= 1:
		return "shrinkage"
	case !fin(q.Patience) || q.Patience < 0:
		return "patience"
	}
	return ""
}

func ff(f float64, prec int) string { return strconv.FormatFloat(f, 'f', prec, 64) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// calcRowJSON is one line of `staffplan calc --json`.
type calcRowJSON struct {
	Rule        string   `json:"rule"`
	Unit        string   `json:"unit"`
	Position    string   `json:"position"`
	Exact       float64  `json:"exact"`
	ExactLow    *float64 `json:"exact_low,omitempty"`
	ExactHigh   *float64 `json:"exact_high,omitempty"`
	Required    float64  `json:"required"`
	Quantity    string   `json:"quantity"` // people, seats, lines or ratio: only people are 编制
	Planned     float64  `json:"planned"`
	Actual      float64  `json:"actual"`
	Gap         float64  `json:"gap"`
	Explanation string   `json:"explanation"`
	Error       string   `json:"error,omitempty"`
}

// driverJSON is one line of `staffplan calc --list-drivers`.
type driverJSON struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Unit  string  `json:"unit"`
	Value float64 `json:"value"`
}

// driverFlags collects repeated --driver KEY=VALUE.
type driverFlags map[string]float64

func (d driverFlags) String() string { return "" }

func (d driverFlags) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if !ok || err != nil || strings.TrimSpace(k) == "" {
		return errors.New(core.X("cli.bad_driver", "--driver wants KEY=VALUE, such as beds=400"))
	}
	d[strings.TrimSpace(k)] = f
	return nil
}

func cmdCalc(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("calc", stderr)
	db := dbFlag(fs)
	plan := planFlag(fs)
	drivers := driverFlags{}
	fs.Var(drivers, "driver", core.X("cli.flag.driver", "set a driver for this run, KEY=VALUE (repeatable)"))
	list := fs.Bool("list-drivers", false, core.X("cli.flag.list_drivers", "print the plan's drivers"))
	asJSON := fs.Bool("json", false, core.X("cli.flag.json", "print JSON"))
	if err := parse(fs, args, stderr, "db"); err != nil {
		return err
	}
	st, d, err := openPlan(*db, *plan)
	if err != nil {
		return err
	}
	defer st.Close()
	sheet, err := calc.LoadPlan(st, d.Plan.ID)
	if err != nil {
		return err
	}
	for k, v := range drivers {
		found := false
		for i := range sheet.Drivers {
			if sheet.Drivers[i].Key == k {
				sheet.Drivers[i].Value, found = v, true
			}
		}
		if !found {
			return errors.New(core.X("err.unknown_driver", "The plan has no driver {{.key}}.", map[string]any{"key": k}))
		}
	}
	if *list {
		out := []driverJSON{}
		for _, dr := range sheet.Drivers {
			out = append(out, driverJSON{Key: dr.Key, Label: dr.Label, Unit: dr.Unit, Value: dr.Value})
		}
		if *asJSON {
			return writeJSON(stdout, out)
		}
		for _, dr := range out {
			fmt.Fprintf(stdout, "%s\t%s\t%s %s\n", dr.Key, dr.Label, strconv.FormatFloat(dr.Value, 'f', -1, 64), dr.Unit)
		}
		return nil
	}
	results, _ := sheet.Evaluate(d.Plan.Basis) // problems stay with their rows
	rows := calc.Join(d, nil, results)
	out := []calcRowJSON{}
	for _, r := range rows {
		j := calcRowJSON{Rule: r.RuleID, Unit: r.Target.Unit, Position: r.Target.Position, Exact: r.Exact,
			Required: r.Required, Quantity: string(r.Quantity), Planned: r.Planned, Actual: r.Actual, Gap: r.Gap,
			Explanation: calc.Explain(r.Steps, core.Lang())}
		if r.IsCheck() {
			j.Quantity = "share"
		}
		if r.Range {
			lo, hi := r.ExactLow, r.ExactHigh
			j.ExactLow, j.ExactHigh = &lo, &hi
		}
		if r.Problem != nil {
			j.Error = core.ErrText(r.Problem)
		}
		if j.Position == "" {
			j.Position = r.Target.Category
		}
		out = append(out, j)
	}
	if *asJSON {
		return writeJSON(stdout, out)
	}
	for _, j := range out {
		line := j.Explanation
		if j.Error != "" {
			line = j.Error
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", j.Unit, j.Position, line)
	}
	return nil
}

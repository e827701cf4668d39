package calc

import (
	"math"
	"testing"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.9g, want %.9g (±%g)", what, got, want, tol)
	}
}

// reference is REFERENCE §8: 100 calls per 30 minutes, 180 s, 80 % in 20 s.
func reference() QueueSpec {
	return QueueSpec{Calls: 100, Interval: 1800, AHT: 180, Target: TargetServiceLevel, SL: 0.8, Within: 20,
		MaxOccupancy: 0.85, Shrinkage: 0.3}
}

func TestErlangCReference(t *testing.T) {
	q := reference()
	near(t, "traffic", q.Traffic(), 10, 1e-12)
	st, ok := q.Solve()
	if !ok || st.Agents != 14 || st.Staff != 20 {
		t.Fatalf("agents %d staff %d ok %v, want 14 and 20", st.Agents, st.Staff, ok)
	}
	near(t, "P(wait)", st.WaitProb, 0.1741319, 5e-8)
	near(t, "service level", st.ServiceLevel, 0.88835, 5e-6)
	near(t, "ASA", st.ASA, 7.836, 5e-4)
	near(t, "occupancy", st.Occupancy, 0.7142857, 5e-8)
	near(t, "staff exact", st.StaffExact, 20, 1e-9)
	fewer := q.Evaluate(13)
	near(t, "SL with 13", fewer.ServiceLevel, 0.796, 5e-4)
	if q.meets(fewer) {
		t.Error("13 agents meet the target")
	}

	q.MaxOccupancy = 0.70
	st, ok = q.Solve()
	if !ok || st.Agents != 15 || st.Staff != 22 {
		t.Fatalf("occupancy 0.70: agents %d staff %d, want 15 and 22", st.Agents, st.Staff)
	}
}

func TestErlangCOtherTargets(t *testing.T) {
	q := reference()
	q.MaxOccupancy = 0
	q.Target, q.ASA = TargetASA, 7.836+1e-3
	if st, _ := q.Solve(); st.Agents != 14 {
		t.Errorf("ASA target: %d agents", st.Agents)
	}
	q.Target, q.MaxWaitProb = TargetWaitProb, 0.175
	if st, _ := q.Solve(); st.Agents != 14 {
		t.Errorf("wait probability target: %d agents", st.Agents)
	}
	q.MaxWaitProb = 0.17
	if st, _ := q.Solve(); st.Agents != 15 {
		t.Errorf("wait probability 0.17: %d agents", st.Agents)
	}
}

func TestErlangB(t *testing.T) {
	near(t, "B(1, 1)", ErlangB(1, 1), 0.5, 1e-15)
	near(t, "B(0, 5)", ErlangB(0, 5), 1, 0)
	n, b, ok := LinesFor(10, 0.02)
	if !ok || n != 17 {
		t.Fatalf("lines %d ok %v, want 17", n, ok)
	}
	if b > 0.02 {
		t.Errorf("blocking %g", b)
	}
	near(t, "B(16, 10)", ErlangB(16, 10), 0.0223, 5e-5)
	if ErlangB(16, 10) <= 0.02 {
		t.Error("16 lines already meet 2 %")
	}
}

// Large systems stay finite: no factorials, no powers.
func TestQueueLarge(t *testing.T) {
	for _, a := range []float64{1000, 5000} {
		q := QueueSpec{Calls: a * 1800 / 180, Interval: 1800, AHT: 180, Target: TargetServiceLevel, SL: 0.8, Within: 20}
		st, ok := q.Solve()
		if !ok || st.Agents <= int(a) || st.Agents > int(a)+200 {
			t.Fatalf("%g erlangs: %d agents, ok %v", a, st.Agents, ok)
		}
		for _, v := range []float64{st.WaitProb, st.ServiceLevel, st.ASA, st.Occupancy} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("%g erlangs: figures %+v", a, st)
			}
		}
		if st.ServiceLevel < 0.8 {
			t.Errorf("%g erlangs: SL %g", a, st.ServiceLevel)
		}
	}
	for _, n := range []int{1, 100, 5000, 10_000, 20_000} {
		for _, a := range []float64{0.5, 10, 4999.5, 5000, 10_000} {
			b, c := ErlangB(n, a), ErlangC(n, a)
			if math.IsNaN(b) || math.IsNaN(c) || b < 0 || b > 1 || c < 0 || c > 1 || c < b {
				t.Fatalf("B(%d, %g) = %g, C = %g", n, a, b, c)
			}
		}
	}
	if n, _, ok := LinesFor(5000, 0.01); !ok || n < 5000 {
		t.Errorf("lines for 5000 erlangs: %d %v", n, ok)
	}
}

func TestQueueProperties(t *testing.T) {
	// More agents never lower the service level.
	for _, a := range []float64{0.3, 2.5, 10, 47.2, 300} {
		q := QueueSpec{Calls: a * 1800 / 240, Interval: 1800, AHT: 240, Within: 30}
		prev := -1.0
		for n := 0; n < int(a)+60; n++ {
			sl := q.Evaluate(n).ServiceLevel
			if sl < prev-1e-12 || math.IsNaN(sl) {
				t.Fatalf("a=%g: SL %g with %d agents < %g with fewer", a, sl, n, prev)
			}
			prev = sl
		}
		q.Patience = 120
		prev = -1
		for n := 0; n < int(a)+30; n++ {
			sl := q.Evaluate(n).ServiceLevel
			if sl < prev-1e-9 || math.IsNaN(sl) {
				t.Fatalf("Erlang A a=%g: SL %g with %d agents < %g with fewer", a, sl, n, prev)
			}
			prev = sl
		}
	}
	// More calls never need fewer agents, for every kind of target.
	for _, target := range []TargetKind{TargetServiceLevel, TargetASA, TargetWaitProb} {
		for _, patience := range []float64{0, 200} {
			q := QueueSpec{Interval: 900, AHT: 200, Target: target, SL: 0.85, Within: 15, ASA: 10,
				MaxWaitProb: 0.2, MaxOccupancy: 0.9, Patience: patience}
			prev := 0
			for calls := 0.0; calls <= 600; calls += 7 {
				q.Calls = calls
				st, ok := q.Solve()
				if !ok || st.Agents < prev {
					t.Fatalf("%s patience %g: %g calls need %d agents, fewer calls needed %d", target, patience, calls, st.Agents, prev)
				}
				prev = st.Agents
			}
		}
	}
}

// With patience far beyond the wait, Erlang A agrees with Erlang C; with
// short patience callers abandon and fewer agents reach the target.
func TestErlangA(t *testing.T) {
	c := reference()
	a := c
	a.Patience = 1e8
	for n := 11; n <= 16; n++ {
		sc, sa := c.Evaluate(n), a.Evaluate(n)
		near(t, "P(wait) A vs C", sa.WaitProb, sc.WaitProb, 2e-3)
		near(t, "SL A vs C", sa.ServiceLevel, sc.ServiceLevel, 2e-3)
		near(t, "ASA A vs C", sa.ASA, sc.ASA, 0.05)
	}
	a.Patience = 60
	st, ok := a.Solve()
	if !ok || st.Agents > 14 || st.AbandonProb <= 0 || st.AbandonProb >= 0.2 {
		t.Fatalf("patience 60 s: %+v", st)
	}
	// Overloaded: 5 agents for 10 erlangs is a stable queue with abandonment.
	o := a.Evaluate(5)
	if o.AbandonProb < 0.4 || o.ServiceLevel > 0.4 || math.IsNaN(o.ASA) {
		t.Fatalf("overloaded: %+v", o)
	}
	// Big and patient still finishes and stays finite.
	big := QueueSpec{Calls: 5000 * 1800 / 180.0, Interval: 1800, AHT: 180, Target: TargetServiceLevel, SL: 0.8,
		Within: 20, Patience: 300}
	st, ok = big.Solve()
	if !ok || st.Agents > 5100 || math.IsNaN(st.ServiceLevel) {
		t.Fatalf("5000 erlangs with abandonment: %+v %v", st, ok)
	}
}

func TestQueueUnreachable(t *testing.T) {
	q := reference()
	// Far enough out, C underflows to 0 and SL reads 1.0 exactly: that
	// must not count as meeting a 100 % target.
	q.SL = 1
	if _, ok := q.Solve(); ok {
		t.Fatal("a service level of 100 % was reached")
	}
	q.Target, q.ASA = TargetASA, 0
	if _, ok := q.Solve(); ok {
		t.Fatal("an ASA of 0 s was reached")
	}
	q.Target, q.MaxWaitProb = TargetWaitProb, 0
	if _, ok := q.Solve(); ok {
		t.Fatal("a wait probability of 0 was reached")
	}
}

func BenchmarkAgents1000Intervals(b *testing.B) {
	specs := make([]QueueSpec, 1000)
	for i := range specs {
		// A day's shape: 20 to 380 calls per half hour, 4 to 38 erlangs.
		calls := 200 + 180*math.Sin(float64(i)/1000*2*math.Pi)
		specs[i] = QueueSpec{Calls: calls, Interval: 1800, AHT: 180, Target: TargetServiceLevel, SL: 0.8,
			Within: 20, MaxOccupancy: 0.85, Shrinkage: 0.3}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range specs {
			if _, ok := specs[i].Solve(); !ok {
				b.Fatal("unreachable")
			}
		}
	}
}

func BenchmarkAgents5000Erlangs(b *testing.B) {
	q := QueueSpec{Calls: 5000 * 1800 / 180.0, Interval: 1800, AHT: 180, Target: TargetServiceLevel, SL: 0.8, Within: 20}
	for b.Loop() {
		if st, ok := q.Solve(); !ok || math.IsNaN(st.ServiceLevel) {
			b.Fatal(st)
		}
	}
}

// pyworkforce's Erlang A regression case (queuing/tests/test_abandonment.py):
// 100 calls per 30 min, 3 min handle time, 5 min mean patience, 14 agents,
// answered within 20 s. Its service level counts a waiting caller as
// answered only when an agent takes the call within 20 s before the caller
// hangs up; 1 − P(wait) (0.8547) is the share answered at once.
func TestErlangAPublishedCase(t *testing.T) {
	q := QueueSpec{Calls: 100, Interval: 1800, AHT: 180, Within: 20, Patience: 300}
	st := q.Evaluate(14)
	near(t, "P(wait)", st.WaitProb, 0.14526, 5e-6)
	near(t, "P(abandon)", st.AbandonProb, 0.013984, 5e-7)
	near(t, "occupancy", st.Occupancy, 0.704297, 5e-7)
	near(t, "ASA", st.ASA, 0.069919*60, 5e-5)
	near(t, "service level within 20 s", st.ServiceLevel, 0.916792, 5e-7)
	if st.Within != 20 {
		t.Errorf("the figures do not say which answer time the service level counts: %g", st.Within)
	}
	// Without a threshold only callers answered at once count.
	q.Within = 0
	near(t, "service level within 0 s", q.Evaluate(14).ServiceLevel, 1-0.14526, 5e-6)
}

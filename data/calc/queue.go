package calc

import (
	"math"
)

// Queueing maths for call centres. No factorials or powers appear anywhere:
// Erlang B comes from the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)),
// whose terms stay in [0, 1], and everything else is derived from it, so the
// results are finite for tens of thousands of agents and erlangs.

// maxExtraAgents bounds the search above ⌈traffic⌉; a target not met by then
// is reported as unreachable instead of looping on.
const maxExtraAgents = 100_000

// maxQueueTerms bounds the queue lengths Erlang A sums over, and
// maxQueueWork the steps of its service-level sum, so an evaluation stays
// well under a second whatever the input.
const (
	maxQueueTerms = 200_000
	maxQueueWork  = 50_000_000
)

// ErlangB returns the blocking probability of lines lines offered traffic
// erlangs (M/M/c/c). It is 1 for no lines and 0 for no traffic.
func ErlangB(lines int, traffic float64) float64 {
	if traffic <= 0 {
		if lines <= 0 {
			return 1
		}
		return 0
	}
	b := 1.0
	for k := 1; k <= lines; k++ {
		b = traffic * b / (float64(k) + traffic*b)
	}
	return b
}

// erlangCFromB turns Erlang B into Erlang C (the probability of waiting in
// M/M/c): C = n·B / (n − a·(1 − B)). It is 1 when n ≤ a (the queue grows
// without bound).
func erlangCFromB(n int, a, b float64) float64 {
	if a <= 0 {
		return 0
	}
	if float64(n) <= a {
		return 1
	}
	c := float64(n) * b / (float64(n) - a*(1-b))
	return math.Min(1, math.Max(0, c))
}

// ErlangC returns the probability that a call waits with agents agents and
// traffic erlangs (M/M/c).
func ErlangC(agents int, traffic float64) float64 {
	return erlangCFromB(agents, traffic, ErlangB(agents, traffic))
}

// LinesFor returns the fewest lines whose Erlang B blocking is at most
// blocking, and that blocking. The search is monotone because B falls as
// lines are added.
func LinesFor(traffic, blocking float64) (lines int, b float64, ok bool) {
	if traffic <= 0 {
		return 0, 0, true
	}
	b = 1.0
	limit := int(math.Ceil(traffic)) + maxExtraAgents
	for k := 1; k <= limit; k++ {
		b = traffic * b / (float64(k) + traffic*b)
		if b <= blocking {
			return k, b, true
		}
	}
	return 0, b, false
}

// TargetKind names what a queue must achieve.
type TargetKind string

// Queue targets.
const (
	TargetServiceLevel TargetKind = "service_level" // SL of calls answered within Within seconds
	TargetASA          TargetKind = "asa"           // average speed of answer at most ASA seconds
	TargetWaitProb     TargetKind = "wait_probability"
)

// QueueSpec describes one interval of a call queue. Times are in seconds.
type QueueSpec struct {
	Calls    float64 // calls offered in the interval
	Interval float64 // length of the interval
	AHT      float64 // average handle time

	Target      TargetKind
	SL          float64 // fraction, for TargetServiceLevel
	Within      float64 // answer time for the service level
	ASA         float64 // for TargetASA
	MaxWaitProb float64 // for TargetWaitProb

	MaxOccupancy float64 // (0, 1]; 0 means no limit
	Shrinkage    float64 // [0, 1)
	Patience     float64 // mean patience; > 0 switches to Erlang A
}

// Traffic returns the offered load in erlangs: calls × AHT ÷ interval.
func (q *QueueSpec) Traffic() float64 { return q.Calls * q.AHT / q.Interval }

// QueueStats are the figures of a queue with a given number of agents.
type QueueStats struct {
	Traffic      float64 `json:"traffic_erlangs"`
	Agents       int     `json:"agents"`
	StaffExact   float64 `json:"staff_exact"` // agents ÷ (1 − shrinkage)
	Staff        int     `json:"staff"`       // ⌈StaffExact⌉
	WaitProb     float64 `json:"wait_probability"`
	ServiceLevel float64 `json:"service_level"`  // share answered within Within seconds
	Within       float64 `json:"within_seconds"` // the answer time ServiceLevel counts
	ASA          float64 `json:"asa_seconds"`
	Occupancy    float64 `json:"occupancy"`
	AbandonProb  float64 `json:"abandon_probability,omitempty"` // Erlang A only
	Lines        int     `json:"lines,omitempty"`               // Erlang B only
	Blocking     float64 `json:"blocking,omitempty"`            // Erlang B only

	tooBig bool // Erlang A needed more work than maxQueueWork
}

// queueStats evaluates n agents. b is Erlang B for n (callers searching
// upward carry it along); it is ignored for Erlang A.
func (q *QueueSpec) stats(n int, b float64) QueueStats {
	a := q.Traffic()
	st := QueueStats{Traffic: a, Agents: n, Within: q.Within}
	switch {
	case a <= 0:
		st.ServiceLevel = 1
	case q.Patience > 0:
		ea := erlangA(n, q.Calls/q.Interval, 1/q.AHT, 1/q.Patience, q.Within)
		st.WaitProb, st.ServiceLevel, st.ASA, st.AbandonProb = ea.wait, ea.sl, ea.meanWait, ea.abandon
		st.tooBig = ea.tooBig
		if n > 0 {
			st.Occupancy = a * (1 - ea.abandon) / float64(n)
		}
	case float64(n) <= a:
		// Without abandonment the queue grows for ever: nobody is
		// answered in time and the wait has no finite mean.
		st.WaitProb, st.ServiceLevel, st.ASA = 1, 0, math.Inf(1)
		if n > 0 {
			st.Occupancy = 1
		}
	default:
		c := erlangCFromB(n, a, b)
		gap := float64(n) - a
		st.WaitProb = c
		st.ServiceLevel = 1 - c*math.Exp(-gap*q.Within/q.AHT)
		st.ASA = c * q.AHT / gap
		st.Occupancy = a / float64(n)
	}
	st.StaffExact = float64(n) / (1 - q.Shrinkage)
	st.Staff = int(math.Ceil(snap(st.StaffExact)))
	return st
}

// meets reports whether st satisfies the target and the occupancy cap.
func (q *QueueSpec) meets(st QueueStats) bool {
	if q.MaxOccupancy > 0 && st.Occupancy > q.MaxOccupancy {
		return false
	}
	switch q.Target {
	case TargetASA:
		return st.ASA <= q.ASA
	case TargetWaitProb:
		return st.WaitProb <= q.MaxWaitProb
	}
	return st.ServiceLevel >= q.SL
}

// reachable rejects targets only a rounding error could meet: the service
// level and the wait probability approach but never reach 1 and 0, and the
// average speed of answer never reaches 0, however many agents answer.
func (q *QueueSpec) reachable() bool {
	switch q.Target {
	case TargetASA:
		return q.ASA > 0
	case TargetWaitProb:
		return q.MaxWaitProb > 0
	}
	return q.SL < 1
}

// TooBig reports whether Erlang A gave up because the queue was too large
// to evaluate in reasonable time; the figures are then the worst case.
func (s QueueStats) TooBig() bool { return s.tooBig }

// Evaluate returns the figures for exactly agents agents.
func (q *QueueSpec) Evaluate(agents int) QueueStats {
	if q.Patience > 0 {
		return q.stats(agents, 0)
	}
	return q.stats(agents, ErlangB(agents, q.Traffic()))
}

// Solve finds the fewest agents meeting the target. For Erlang C it counts
// up from ⌈traffic⌉, carrying Erlang B along so each step costs O(1); the
// figures only improve as agents are added, so the first success is the
// answer. Erlang A can need fewer agents than the traffic (callers hang up),
// so it bisects over [0, ⌈traffic⌉ + limit] instead, relying on the same
// monotonicity. ok is false when no number of agents up to the limit will do.
func (q *QueueSpec) Solve() (st QueueStats, ok bool) {
	if !q.reachable() {
		return st, false
	}
	a := q.Traffic()
	if a <= 0 {
		st = q.stats(0, 0)
		return st, q.meets(st)
	}
	limit := int(math.Ceil(a)) + maxExtraAgents
	if q.Patience > 0 {
		lo, hi := 0, limit // lo fails or is 0, hi is tested below
		// Calls are offered, so at least one agent is needed: zero agents
		// is never evaluated (its "mean wait" is just the patience).
		top := q.stats(hi, 0)
		if top.tooBig || !q.meets(top) {
			return top, false
		}
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			st := q.stats(mid, 0)
			if st.tooBig {
				return st, false
			}
			if q.meets(st) {
				hi = mid
			} else {
				lo = mid
			}
		}
		return q.stats(hi, 0), true
	}
	n := int(math.Ceil(a))
	b := ErlangB(n, a)
	for ; n <= limit; n++ {
		if n > 0 && float64(n) > a {
			if st = q.stats(n, b); q.meets(st) {
				return st, true
			}
		}
		b = a * b / (float64(n+1) + a*b)
	}
	return st, false
}

// erlangAResult holds the figures of M/M/n+M.
type erlangAResult struct {
	wait, abandon, sl, meanWait float64
	tooBig                      bool
}

// erlangA evaluates the M/M/n+M queue (Palm; Garnett, Mandelbaum and Reiman
// 2002): arrivals at rate lambda, service at mu per agent, each waiting
// caller hangs up at rate theta (1 ÷ mean patience).
//
// The state is the number of callers N. Relative to π(n) = 1:
//
//	Σ_{k<n} π(k) = 1/B(n, λ/μ) − 1     (Erlang B, from its recursion)
//	π(n+j)       = Π_{i=1..j} λ / (nμ + iθ)
//
// The tail terms are summed as logarithms and normalised with log-sum-exp,
// so neither side overflows; the sum stops once the terms fall below e^−50
// of the largest. Then P(wait) = P(N ≥ n), P(abandon) = θ·E[(N−n)⁺] / λ,
// and the mean wait of all callers is E[(N−n)⁺] / λ (Little).
//
// The service level counts abandoned calls as failures: it is P(N < n)
// plus, for a caller arriving with j ahead, the probability of reaching an
// agent within t seconds before hanging up. With i callers ahead the queue
// ahead shrinks at nμ + iθ and the caller leaves at θ; that absorbing chain
// is solved by uniformisation (a Poisson-weighted sum of its jump chain),
// which involves only probabilities in [0, 1].
func erlangA(n int, lambda, mu, theta, t float64) erlangAResult {
	var r erlangAResult
	a := lambda / mu
	if lambda <= 0 {
		r.sl = 1
		return r
	}
	// log of Σ_{k<n} π(k)/π(n) = log(1/B − 1).
	logBelow := math.Inf(-1)
	if n > 0 {
		b := ErlangB(n, a)
		if b == 0 {
			// So many agents that nobody waits, to double precision.
			r.sl = 1
			return r
		}
		logBelow = math.Log1p(-b) - math.Log(b)
	}
	nmu := float64(n) * mu
	logs := []float64{0}
	maxLog, cur := 0.0, 0.0
	converged := false
	for i := 1; i <= maxQueueTerms; i++ {
		step := math.Log(lambda / (nmu + float64(i)*theta))
		cur += step
		logs = append(logs, cur)
		maxLog = math.Max(maxLog, cur)
		if step < 0 && cur < maxLog-50 {
			converged = true
			break
		}
	}
	if !converged {
		// The queue is longer than we model (patience far beyond the
		// handle time with too few agents): report the worst case, which
		// no target accepts, rather than a truncated distribution.
		r.wait, r.abandon, r.meanWait = 1, 1, math.Inf(1)
		return r
	}
	logTail := logSumExp(logs, maxLog)
	logTotal := logAdd(logBelow, logTail)
	below := math.Exp(logBelow - logTotal)
	pi := make([]float64, len(logs))
	var queue float64
	for j, l := range logs {
		pi[j] = math.Exp(l - logTotal)
		queue += float64(j) * pi[j]
	}
	r.wait = math.Min(1, math.Max(0, 1-below))
	r.meanWait = queue / lambda
	r.abandon = math.Min(1, theta*queue/lambda)
	within, ok := waitServedWithin(pi, nmu, theta, t)
	if !ok {
		r.sl, r.tooBig = 0, true
		return r
	}
	r.sl = below + within
	r.sl = math.Min(1, math.Max(0, r.sl))
	return r
}

// waitServedWithin returns Σ_j pi[j]·P(a caller with j ahead reaches an
// agent within t before hanging up), by uniformisation at rate Λ, the
// largest total rate of the chain.
func waitServedWithin(pi []float64, nmu, theta, t float64) (float64, bool) {
	if t <= 0 || nmu <= 0 {
		return 0, true
	}
	J := len(pi) - 1
	rate := nmu + float64(J+1)*theta
	lt := rate * t
	if (lt+12*math.Sqrt(lt)+31)*float64(J+1) > maxQueueWork {
		return 0, false
	}
	// h[i]: probability of being served within k jumps with i ahead.
	h := make([]float64, J+1)
	next := make([]float64, J+1)
	var sum, weight float64
	kmax := int(lt + 12*math.Sqrt(lt) + 30)
	for k := 0; k <= kmax; k++ {
		w := math.Exp(-lt + float64(k)*math.Log(lt) - lgamma(float64(k)+1))
		if k == 0 {
			w = math.Exp(-lt)
		}
		var m float64
		for j, p := range pi {
			m += p * h[j]
		}
		sum += w * m
		weight += w
		if weight > 1-1e-15 && k > int(lt) {
			break
		}
		for i := 0; i <= J; i++ {
			down := nmu + float64(i)*theta
			ahead := 1.0 // i == 0: the next service is this caller's
			if i > 0 {
				ahead = h[i-1]
			}
			next[i] = (down*ahead + (rate-down-theta)*h[i]) / rate
		}
		h, next = next, h
	}
	return sum, true
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

func logAdd(x, y float64) float64 {
	if math.IsInf(x, -1) {
		return y
	}
	if math.IsInf(y, -1) {
		return x
	}
	m := math.Max(x, y)
	return m + math.Log(math.Exp(x-m)+math.Exp(y-m))
}

func logSumExp(xs []float64, m float64) float64 {
	var s float64
	for _, x := range xs {
		s += math.Exp(x - m)
	}
	return m + math.Log(s)
}

// snap rounds values within rounding noise of a whole number to it, so
// 0.1 × 30 = 3.0000000000000004 does not round up to 4.
func snap(x float64) float64 {
	r := math.Round(x)
	if math.Abs(x-r) <= 1e-9*math.Max(1, math.Abs(x)) {
		return r
	}
	return x
}

package model

import "math"

// CountPeople is the one definition of how many people a plan has: everyone
// not marked as left (在职, including those on probation and those not yet
// given a post) who is not still expected to start (待入职). The status
// bar and `staffplan show` count this way.
func CountPeople(people []Person) int {
	n := 0
	for i := range people {
		if people[i].CountsToday() {
			n++
		}
	}
	return n
}

// fteEpsilon absorbs the float error of shares that add up to one.
const fteEpsilon = 1e-9

// PersonFTE returns how much of a full-time post person works in all her
// assignments together.
func PersonFTE(assignments []Assignment, person ID) float64 {
	total := 0.0
	for _, a := range assignments {
		if a.Person == person {
			total += a.FTE
		}
	}
	return total
}

// OverFullTime reports whether a total share is more than one full-time
// post (兼任 past 100 %), which the roster and the form flag.
func OverFullTime(total float64) bool { return total > 1+fteEpsilon }

// FullTime reports whether a person with this total has no time left for
// another post.
func FullTime(total float64) bool { return total >= 1-0.001 }

// DefaultSplitShare is the share offered for a new post when a person who
// already has n posts splits her time: an equal part of a full-time post,
// 0.5 beside one other post.
func DefaultSplitShare(n int) float64 { return 1 / float64(n+1) }

// SplitTime is what "split her time" means when a person takes on another
// post at share: the new post gets share, and her current assignments are
// scaled down in proportion so that all of them together are exactly one
// full-time post (1.0 beside 0.5 becomes 0.5 + 0.5; 0.6 + 0.4 beside 0.5
// becomes 0.3 + 0.2 + 0.5). It returns her current assignments with their
// new FTE, in the same order. A share that is not more than 0 and less than
// 1 leaves nothing for the other posts and is refused.
func SplitTime(current []Assignment, share float64) ([]Assignment, error) {
	if !Finite(share) || share <= 0 || share >= 1 {
		return nil, problem("err.split_share", "To split her time the new post's share must be more than 0 and less than 1, such as 0.5.")
	}
	total := 0.0
	for _, a := range current {
		total += a.FTE
	}
	out := make([]Assignment, len(current))
	copy(out, current)
	if total <= 0 {
		return out, nil
	}
	scale := (1 - share) / total
	for i := range out {
		out[i].FTE = out[i].FTE * scale
		// Shares are shown with two decimals; keep the stored value exact
		// where it is a round number so 0.5 does not become 0.49999….
		if r := math.Round(out[i].FTE*1e6) / 1e6; math.Abs(r-out[i].FTE) < fteEpsilon {
			out[i].FTE = r
		}
	}
	return out, nil
}

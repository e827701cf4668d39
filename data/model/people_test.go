package model

import (
	"errors"
	"math"
	"testing"
)

func TestSplitTimeScalesCurrentPostsToOneFullTime(t *testing.T) {
	cases := []struct {
		current []float64
		share   float64
		want    []float64
	}{
		{[]float64{1}, 0.5, []float64{0.5}},
		{[]float64{1}, 0.3, []float64{0.7}},
		{[]float64{0.6, 0.4}, 0.5, []float64{0.3, 0.2}},
		{[]float64{1.2}, 0.4, []float64{0.6}}, // already over: brought back to 1 in all
	}
	for _, c := range cases {
		var cur []Assignment
		for i, f := range c.current {
			cur = append(cur, Assignment{ID: ID(i + 1), Person: 7, Position: ID(10 + i), FTE: f})
		}
		got, err := SplitTime(cur, c.share)
		if err != nil {
			t.Fatalf("%v + %v: %v", c.current, c.share, err)
		}
		total := c.share
		for i, a := range got {
			if math.Abs(a.FTE-c.want[i]) > 1e-9 || a.ID != cur[i].ID || a.Position != cur[i].Position {
				t.Errorf("%v + %v: assignment %d = %+v, want FTE %v", c.current, c.share, i, a, c.want[i])
			}
			total += a.FTE
		}
		if math.Abs(total-1) > 1e-9 || OverFullTime(total) {
			t.Errorf("%v + %v: total %v, want exactly one full-time post", c.current, c.share, total)
		}
		if cur[0].FTE != c.current[0] {
			t.Error("SplitTime changed its input")
		}
	}
	for _, bad := range []float64{0, 1, 1.5, -0.2, math.NaN()} {
		if _, err := SplitTime([]Assignment{{FTE: 1}}, bad); err == nil {
			t.Errorf("share %v accepted", bad)
		} else if p := (*Problem)(nil); !errors.As(err, &p) || p.Key != "err.split_share" {
			t.Errorf("share %v: %v is not a translatable problem", bad, err)
		}
	}
	if DefaultSplitShare(1) != 0.5 {
		t.Errorf("beside one post the offered share is %v", DefaultSplitShare(1))
	}
}

func TestPersonFTEAndCountPeople(t *testing.T) {
	as := []Assignment{{Person: 1, FTE: 1}, {Person: 1, FTE: 0.5}, {Person: 2, FTE: 0.5}}
	if got := PersonFTE(as, 1); got != 1.5 || !OverFullTime(got) {
		t.Errorf("person 1 works %v", got)
	}
	if got := PersonFTE(as, 2); got != 0.5 || OverFullTime(got) || FullTime(got) {
		t.Errorf("person 2 works %v", got)
	}
	people := []Person{{ID: 1}, {ID: 2, Status: PersonLeft}, {ID: 3, Status: PersonProbation}, {ID: 4}}
	if n := CountPeople(people); n != 3 {
		t.Errorf("CountPeople %d, want 3 (everyone but who left, with or without a post)", n)
	}
}

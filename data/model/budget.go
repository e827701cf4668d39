package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month counted from year 0 (year×12 + month−1), so
// months subtract and compare as numbers. Zero means "no month".
type Month int32

// MonthOf returns the month of year y and month m (1–12).
func MonthOf(y int, m time.Month) Month { return Month(y*12 + int(m) - 1) }

// MonthOfTime returns the calendar month t falls in; zero for a zero time.
func MonthOfTime(t time.Time) Month {
	if t.IsZero() {
		return 0
	}
	return MonthOf(t.Year(), t.Month())
}

// Year returns the month's year.
func (m Month) Year() int { return int(m) / 12 }

// Mon returns the month of the year, 1–12.
func (m Month) Mon() time.Month { return time.Month(int(m)%12 + 1) }

// String writes the month as 2027-03, or "" for no month.
func (m Month) String() string {
	if m <= 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year(), int(m.Mon()))
}

// First returns the first day of the month, in UTC.
func (m Month) First() time.Time { return time.Date(m.Year(), m.Mon(), 1, 0, 0, 0, 0, time.UTC) }

// ParseMonth reads 2027-03, 2027-3, 2027/03 or 2027年3月.
func ParseMonth(s string) (Month, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "月")
	for _, sep := range []string{"-", "/", "年", "."} {
		if y, m, ok := strings.Cut(s, sep); ok {
			yi, err1 := strconv.Atoi(strings.TrimSpace(y))
			mi, err2 := strconv.Atoi(strings.TrimSpace(m))
			if err1 != nil || err2 != nil || yi < 1800 || yi > 2500 || mi < 1 || mi > 12 {
				return 0, false
			}
			return MonthOf(yi, time.Month(mi)), true
		}
	}
	return 0, false
}

// DefaultMonthsPaid is the months paid a year when a post does not say
// (in hundredths of a month, as Position.MonthsPaid).
const DefaultMonthsPaid = 1200

// ChangeKind is what a planned change does to its post.
type ChangeKind uint8

// Planned change kinds.
const (
	ChangePlanned ChangeKind = iota // 编制 becomes Planned
	ChangeStatus                    // the status becomes Status (frozen from a month, set up from a month)
)

// ChangeKinds lists every planned change kind.
var ChangeKinds = []ChangeKind{ChangePlanned, ChangeStatus}

// PlannedChange is a change to a post that takes effect from a month on:
// "编制 from 2 to 4 from 2027-03", "frozen from 2027-09".
type PlannedChange struct {
	From    Month
	Kind    ChangeKind
	Planned float64        // ChangePlanned: the new 编制
	Status  PositionStatus // ChangeStatus: the new status
}

// Rate is an employer contribution rate in millionths (16 % = 160000): exact
// for every rate a city publishes (they go to 0.01 % or 0.001 %).
type Rate int32

// NoRate marks a rate the profile does not know: shown as missing, counted
// as zero, so the user sees that it must be filled in.
const NoRate Rate = -1

// RateScale is how many Rate units make one (100 %).
const RateScale = 1_000_000

// Set reports whether the rate is known.
func (r Rate) Set() bool { return r >= 0 }

// Contribution names the five employer contributions (五险一金 without the
// maternity insurance, merged into medical in 2019).
type Contribution uint8

// Contributions, in the order they are shown.
const (
	Pension Contribution = iota
	Medical
	Unemployment
	Injury
	HousingFund
	NumContributions
)

// ContributionProfile is the employer's side of 五险一金 in one city and
// year: a rate per contribution and the bounds of the contribution base
// (缴费基数下限/上限, in fen; zero for not set). The zero profile is "no
// profile": no contributions are counted, and the arithmetic says so.
// Cities publish new figures every year, usually from July.
type ContributionProfile struct {
	Name        string // a shipped profile's name ("beijing"), or "" for a custom one
	Title       string
	Year        int // the year the figures apply to; 0 when unknown
	Source      string
	Rates       [NumContributions]Rate
	BaseFloor   int64 // fen
	BaseCeiling int64 // fen
}

// Empty reports whether the profile has no figures at all.
func (p *ContributionProfile) Empty() bool {
	if p.BaseFloor != 0 || p.BaseCeiling != 0 {
		return false
	}
	for _, r := range p.Rates {
		if r > 0 {
			return false
		}
	}
	return true
}

// Budget is what a plan needs for its cost beyond the posts' pay: the
// contribution profile and the yearly revenue (fen; zero for none) that
// 人工成本占比 is taken of.
type Budget struct {
	Profile ContributionProfile
	Revenue int64
}

// Pending reports whether the person is expected but has not started
// (待入职): not in post today, counted by the projection from the start.
func (p *Person) Pending() bool { return !p.ExpectedStart.IsZero() && p.Status != PersonLeft }

// Leaving reports whether the person is expected to leave (待离职).
func (p *Person) Leaving() bool { return !p.ExpectedLeave.IsZero() && p.Status != PersonLeft }

// InPostIn reports whether the person is in post in month m, which counts
// when she is in post on its first day: started by then (or with no expected
// start) and not gone yet (an expected leaving date after the first).
func (p *Person) InPostIn(m Month) bool {
	if p.Status == PersonLeft {
		return false
	}
	from, until := p.Span()
	return (from == 0 || m >= from) && (until == 0 || m < until)
}

// Span returns the first month the person counts in (0: from always) and
// the first month she no longer does (0: never), by the rule of InPostIn.
// Dates are calendar dates: only their year, month and day are read.
func (p *Person) Span() (from, until Month) {
	firstOnOrAfter := func(t time.Time) Month {
		m := MonthOf(t.Year(), t.Month())
		if t.Day() > 1 {
			m++
		}
		return m
	}
	if !p.ExpectedStart.IsZero() {
		from = firstOnOrAfter(p.ExpectedStart)
	}
	if !p.ExpectedLeave.IsZero() {
		// Gone from the first month whose first day is on or after the
		// leaving date: leaving on 31 March still counts in March.
		until = firstOnOrAfter(p.ExpectedLeave)
	}
	return from, until
}

// PlannedIn returns the post's 编制 and status in month m after its planned
// changes (in order of month; changes of the same month in list order), and
// whether the post exists then (its own and its unit's start month).
func (p *Position) PlannedIn(m Month) (planned float64, status PositionStatus, exists bool) {
	planned, status = p.Planned, p.Status
	if p.Starts != 0 && m < p.Starts {
		return 0, status, false
	}
	// The latest change of each kind due by m wins (later in the list on a
	// tie), so the list need not be sorted and nothing is allocated.
	var lastP, lastS Month = -1, -1
	for _, c := range p.Changes {
		if c.From > m {
			continue
		}
		switch c.Kind {
		case ChangePlanned:
			if c.From >= lastP {
				lastP, planned = c.From, c.Planned
			}
		case ChangeStatus:
			if c.From >= lastS {
				lastS, status = c.From, c.Status
			}
		}
	}
	return planned, status, true
}

// Package model holds the staffing plan: units, positions, people and
// assignments, the figures derived from them and the rules that keep them
// consistent. It knows nothing of storage or of the user interface.
package model

import (
	"math"
	"time"
)

// ID identifies a record within a database. Zero means "none".
type ID uint64

// BasisKind names a working-time basis.
type BasisKind uint8

// Working-time bases. Basis2025 is the default because 人社部发〔2025〕2号
// repealed the 2008 notice on 2025-01-01.
const (
	Basis2025 BasisKind = iota
	Basis2008
	BasisCustom
)

// WorkBasis is the monthly working time used to turn hours of cover into
// people. Days and Hours are only read when Kind is BasisCustom.
type WorkBasis struct {
	Kind  BasisKind
	Days  float64
	Hours float64
}

// DaysPerMonth returns the working days in a month on this basis.
func (b WorkBasis) DaysPerMonth() float64 {
	switch b.Kind {
	case Basis2008:
		return 20.83
	case BasisCustom:
		return b.Days
	}
	return 20.67
}

// HoursPerMonth returns the standard working hours in a month on this basis.
func (b WorkBasis) HoursPerMonth() float64 {
	switch b.Kind {
	case Basis2008:
		return 166.64
	case BasisCustom:
		return b.Hours
	}
	return 165.33
}

// Plan is one staffing plan. A database holds several.
type Plan struct {
	ID           ID
	Name         string
	Organisation string
	Effective    time.Time // zero when not set
	Notes        string
	Basis        WorkBasis
	Budget       Budget
}

// UnitKind is what sort of organisational unit a Unit is.
type UnitKind uint8

// Unit kinds.
const (
	UnitCompany UnitKind = iota
	UnitDepartment
	UnitTeam
	UnitSiteOffice
)

// UnitKinds lists every unit kind in display order.
var UnitKinds = []UnitKind{UnitCompany, UnitDepartment, UnitTeam, UnitSiteOffice}

// Unit is an organisational unit (组织单元).
type Unit struct {
	ID     ID
	Name   string
	Kind   UnitKind
	Parent ID // zero for a top-level unit
	Order  int
	Note   string
	Starts Month // the unit is set up from this month; zero: it exists now
	// Code is the unit's code (部门编码) as an import gave it or the user typed
	// it, so a later file that names units by code finds them after a rename.
	Code string
}

// PositionStatus says whether a post is in force.
type PositionStatus uint8

// Position statuses.
const (
	StatusActive   PositionStatus = iota
	StatusNotSetUp                // 暂不设置: planned, not yet set up
	StatusFrozen
)

// PositionStatuses lists every position status in display order.
var PositionStatuses = []PositionStatus{StatusActive, StatusNotSetUp, StatusFrozen}

// EmploymentType is a 用工形式.
type EmploymentType uint8

// Employment types.
const (
	EmployFullTime EmploymentType = iota
	EmployPartTime
	EmployAgency
	EmployIntern
	EmployRetiree
)

// EmploymentTypes lists every employment type in display order.
var EmploymentTypes = []EmploymentType{EmployFullTime, EmployPartTime, EmployAgency, EmployIntern, EmployRetiree}

// Requirements are the 任职要求 of a post.
type Requirements struct {
	Education    string
	Years        float64
	Certificates string
	Other        string
}

// Position is a post (岗位). It exists whether or not anyone holds it.
type Position struct {
	ID         ID
	Title      string
	Unit       ID
	ReportsTo  ID
	Dotted     []ID
	Grade      string
	Planned    float64 // 编制, in FTE
	Status     PositionStatus
	Employment EmploymentType
	Shift      string
	SalaryMin  float64
	SalaryMax  float64
	Mission    string
	Duties     []string
	Req        Requirements
	Note       string
	Order      int

	// Pay of the post, never of a person: MonthlyPay and Allowances are
	// fen a month (MonthlyPay zero: the middle of the salary band);
	// MonthsPaid is hundredths of a month (zero: 12 months; 13.5 is 1350).
	MonthlyPay int64
	MonthsPaid int32
	Allowances int64
	Starts     Month // a new post from this month; zero: it exists now
	Changes    []PlannedChange
	// Turnover is the expected share of the holders leaving a year, in
	// basis points (1500 = 15 %): the projection adds replacement hires.
	Turnover int32
}

// Counts reports whether the post's 编制 counts toward totals and gaps:
// posts not yet set up and frozen posts keep their figure on record only.
func (p *Position) Counts() bool { return p.Status == StatusActive }

// PersonStatus is a person's 在职状态.
type PersonStatus uint8

// Person statuses.
const (
	PersonActive PersonStatus = iota
	PersonProbation
	PersonLeft
)

// PersonStatuses lists every person status in display order.
var PersonStatuses = []PersonStatus{PersonActive, PersonProbation, PersonLeft}

// Person is someone on the roster. Only what planning needs is kept.
type Person struct {
	ID         ID
	EmpNo      string // 工号, the stable key when present
	Name       string
	HireDate   time.Time
	Status     PersonStatus
	Employment EmploymentType
	Grade      string
	// ExpectedStart (待入职) and ExpectedLeave (待离职) are dates the
	// projection counts from and to; today's figures do not count someone
	// not yet started.
	ExpectedStart time.Time
	ExpectedLeave time.Time
}

// InPost reports whether the person counts as 在岗.
func (p *Person) InPost() bool { return p.Status != PersonLeft }

// CountsToday reports whether the person counts in today's figures (在岗):
// in post and not still expected (待入职).
func (p *Person) CountsToday() bool { return p.InPost() && p.ExpectedStart.IsZero() }

// Assignment places a person in a post with a share of their time.
type Assignment struct {
	ID       ID
	Person   ID
	Position ID
	FTE      float64
}

// PlanData is a whole plan in memory.
type PlanData struct {
	Plan        Plan
	Units       []Unit
	Positions   []Position
	People      []Person
	Assignments []Assignment
}

// Finite reports whether f is a usable number.
func Finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// UnitIndex maps unit ids to the units of d. The pointers point into d, so
// the index is valid while d.Units is not appended to.
func (d *PlanData) UnitIndex() map[ID]*Unit {
	m := make(map[ID]*Unit, len(d.Units))
	for i := range d.Units {
		m[d.Units[i].ID] = &d.Units[i]
	}
	return m
}

// PositionIndex maps post ids to the posts of d, like UnitIndex.
func (d *PlanData) PositionIndex() map[ID]*Position {
	m := make(map[ID]*Position, len(d.Positions))
	for i := range d.Positions {
		m[d.Positions[i].ID] = &d.Positions[i]
	}
	return m
}

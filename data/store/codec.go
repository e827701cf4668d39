package store

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"staffplan/data/model"
)

// recordFormat is the leading byte of every encoded record. A change of
// layout bumps it together with the schema version, so a migration can tell
// old records from new ones. Format 2 is format 1 with a checksum at the end
// (seal.go).
const recordFormat = 2

// Time flags. Dates are whole seconds almost always, so nanoseconds are only
// written when present; the location is kept as UTC or local so a calendar
// date parsed as UTC (time.DateOnly) comes back on the same day.
const (
	timeSet   = 1 << 0
	timeUTC   = 1 << 1
	timeNanos = 1 << 2
)

// enc appends fields to a byte slice.
type enc struct{ b []byte }

func newEnc(size int) *enc {
	e := &enc{b: make([]byte, 0, size)}
	e.b = append(e.b, recordFormat)
	return e
}

func (e *enc) uint(x uint64) { e.b = binary.AppendUvarint(e.b, x) }
func (e *enc) int(x int64)   { e.b = binary.AppendVarint(e.b, x) }
func (e *enc) id(x model.ID) { e.uint(uint64(x)) }
func (e *enc) byte(x uint8)  { e.b = append(e.b, x) }

func (e *enc) float(x float64) {
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(x))
}

func (e *enc) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *enc) time(t time.Time) {
	if t.IsZero() {
		e.byte(0)
		return
	}
	flags := byte(timeSet)
	if t.Location() == time.UTC {
		flags |= timeUTC
	}
	ns := t.Nanosecond()
	if ns != 0 {
		flags |= timeNanos
	}
	e.byte(flags)
	e.int(t.Unix())
	if ns != 0 {
		e.uint(uint64(ns))
	}
}

// dec reads fields; after the first error every read returns a zero value,
// so callers check once at the end instead of after every field.
type dec struct {
	b   []byte
	bad bool
}

// newDec checks the format byte.
func newDec(b []byte) *dec {
	d := &dec{b: b}
	if len(b) == 0 || b[0] != recordFormat {
		d.bad = true
		return d
	}
	d.b = b[1:]
	return d
}

func (d *dec) uint() uint64 {
	if d.bad {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *dec) int() int64 {
	if d.bad {
		return 0
	}
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *dec) id() model.ID { return model.ID(d.uint()) }

// small reads a uvarint that must fit a uint8 (the model's enums).
func (d *dec) small() uint8 {
	x := d.uint()
	if x > math.MaxUint8 {
		d.bad = true
		return 0
	}
	return uint8(x)
}

func (d *dec) byte() uint8 {
	if d.bad || len(d.b) < 1 {
		d.bad = true
		return 0
	}
	x := d.b[0]
	d.b = d.b[1:]
	return x
}

func (d *dec) float() float64 {
	if d.bad || len(d.b) < 8 {
		d.bad = true
		return 0
	}
	x := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return x
}

// str copies the bytes, so the result never points into bolt's memory map.
func (d *dec) str() string {
	n := d.uint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) skipStr() {
	n := d.uint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return
	}
	d.b = d.b[n:]
}

// count reads a slice length. Every item takes at least one byte, so a count
// larger than what is left is garbage and must not drive an allocation.
func (d *dec) count() int {
	n := d.uint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *dec) time() time.Time {
	flags := d.byte()
	if flags == 0 || d.bad {
		return time.Time{}
	}
	if flags&^(timeSet|timeUTC|timeNanos) != 0 || flags&timeSet == 0 {
		d.bad = true
		return time.Time{}
	}
	sec := d.int()
	var ns uint64
	if flags&timeNanos != 0 {
		ns = d.uint()
		if ns >= 1e9 {
			d.bad = true
		}
	}
	if d.bad {
		return time.Time{}
	}
	t := time.Unix(sec, int64(ns))
	if flags&timeUTC != 0 {
		t = t.UTC()
	}
	return t
}

// done reports garbage: a failed read or bytes left over.
func (d *dec) done(what string) error {
	if d.bad || len(d.b) != 0 {
		return fmt.Errorf("%w: undecodable %s record", ErrCorrupt, what)
	}
	return nil
}

func encodePlan(p *model.Plan) []byte {
	e := newEnc(48 + len(p.Name) + len(p.Organisation) + len(p.Notes))
	e.str(p.Name)
	e.str(p.Organisation)
	e.time(p.Effective)
	e.str(p.Notes)
	e.uint(uint64(p.Basis.Kind))
	e.float(p.Basis.Days)
	e.float(p.Basis.Hours)
	encodeBudget(e, &p.Budget)
	return e.b
}

func decodePlan(b []byte, p *model.Plan) error {
	d := newDec(b)
	p.Name = d.str()
	p.Organisation = d.str()
	p.Effective = d.time()
	p.Notes = d.str()
	p.Basis.Kind = model.BasisKind(d.small())
	p.Basis.Days = d.float()
	p.Basis.Hours = d.float()
	if d.more() {
		decodeBudget(d, &p.Budget)
	}
	if err := d.done("plan"); err != nil {
		return err
	}
	if f := badPlan(p); f != "" {
		return rangeErr(f)
	}
	return nil
}

func encodeUnit(u *model.Unit) []byte {
	e := newEnc(24 + len(u.Name) + len(u.Note))
	e.str(u.Name)
	e.uint(uint64(u.Kind))
	e.id(u.Parent)
	e.int(int64(u.Order))
	e.str(u.Note)
	e.int(int64(u.Starts))
	e.str(u.Code)
	return e.b
}

func decodeUnit(b []byte, u *model.Unit) error {
	d := newDec(b)
	u.Name = d.str()
	u.Kind = model.UnitKind(d.small())
	u.Parent = d.id()
	u.Order = int(d.int())
	u.Note = d.str()
	if d.more() {
		u.Starts = model.Month(d.int())
		u.Code = d.str()
	}
	if err := d.done("unit"); err != nil {
		return err
	}
	if f := badUnit(u); f != "" {
		return rangeErr(f)
	}
	return nil
}

// unitParent reads only the parent, for tree walks and scans.
func unitParent(b []byte) (model.ID, error) {
	d := newDec(b)
	d.skipStr()
	d.small()
	p := d.id()
	if d.bad {
		return 0, fmt.Errorf("%w: undecodable unit record", ErrCorrupt)
	}
	return p, nil
}

func encodePosition(p *model.Position) []byte {
	size := 96 + len(p.Title) + len(p.Grade) + len(p.Shift) + len(p.Mission) + len(p.Note) +
		len(p.Req.Education) + len(p.Req.Certificates) + len(p.Req.Other) + 10*len(p.Dotted)
	for _, s := range p.Duties {
		size += len(s) + 2
	}
	e := newEnc(size)
	e.str(p.Title)
	e.id(p.Unit)
	e.id(p.ReportsTo)
	e.uint(uint64(len(p.Dotted)))
	for _, id := range p.Dotted {
		e.id(id)
	}
	e.str(p.Grade)
	e.float(p.Planned)
	e.uint(uint64(p.Status))
	e.uint(uint64(p.Employment))
	e.str(p.Shift)
	e.float(p.SalaryMin)
	e.float(p.SalaryMax)
	e.str(p.Mission)
	e.uint(uint64(len(p.Duties)))
	for _, s := range p.Duties {
		e.str(s)
	}
	e.str(p.Req.Education)
	e.float(p.Req.Years)
	e.str(p.Req.Certificates)
	e.str(p.Req.Other)
	e.str(p.Note)
	e.int(int64(p.Order))
	encodePay(e, p)
	return e.b
}

func decodePosition(b []byte, p *model.Position) error {
	d := newDec(b)
	p.Title = d.str()
	p.Unit = d.id()
	p.ReportsTo = d.id()
	p.Dotted = d.ids()
	p.Grade = d.str()
	p.Planned = d.float()
	p.Status = model.PositionStatus(d.small())
	p.Employment = model.EmploymentType(d.small())
	p.Shift = d.str()
	p.SalaryMin = d.float()
	p.SalaryMax = d.float()
	p.Mission = d.str()
	if n := d.count(); n > 0 {
		p.Duties = make([]string, n)
		for i := range p.Duties {
			p.Duties[i] = d.str()
		}
	} else {
		p.Duties = nil
	}
	p.Req.Education = d.str()
	p.Req.Years = d.float()
	p.Req.Certificates = d.str()
	p.Req.Other = d.str()
	p.Note = d.str()
	p.Order = int(d.int())
	if d.more() {
		decodePay(d, p)
	}
	if err := d.done("position"); err != nil {
		return err
	}
	if f := badPosition(p); f != "" {
		return rangeErr(f)
	}
	return nil
}

func (d *dec) ids() []model.ID {
	n := d.count()
	if n == 0 {
		return nil
	}
	ids := make([]model.ID, n)
	for i := range ids {
		ids[i] = d.id()
	}
	return ids
}

// positionRefs reads only the references of a post, for walks and scans.
func positionRefs(b []byte) (unit, reportsTo model.ID, dotted []model.ID, err error) {
	d := newDec(b)
	d.skipStr()
	unit = d.id()
	reportsTo = d.id()
	dotted = d.ids()
	if d.bad {
		return 0, 0, nil, fmt.Errorf("%w: undecodable position record", ErrCorrupt)
	}
	return unit, reportsTo, dotted, nil
}

func encodePerson(p *model.Person) []byte {
	e := newEnc(24 + len(p.EmpNo) + len(p.Name) + len(p.Grade))
	e.str(p.EmpNo)
	e.str(p.Name)
	e.time(p.HireDate)
	e.uint(uint64(p.Status))
	e.uint(uint64(p.Employment))
	e.str(p.Grade)
	e.time(p.ExpectedStart)
	e.time(p.ExpectedLeave)
	return e.b
}

func decodePerson(b []byte, p *model.Person) error {
	d := newDec(b)
	p.EmpNo = d.str()
	p.Name = d.str()
	p.HireDate = d.time()
	p.Status = model.PersonStatus(d.small())
	p.Employment = model.EmploymentType(d.small())
	p.Grade = d.str()
	if d.more() {
		p.ExpectedStart = d.time()
		p.ExpectedLeave = d.time()
	}
	if err := d.done("person"); err != nil {
		return err
	}
	if f := badPerson(p); f != "" {
		return rangeErr(f)
	}
	return nil
}

func encodeAssignment(a *model.Assignment) []byte {
	e := newEnc(28)
	e.id(a.Person)
	e.id(a.Position)
	e.float(a.FTE)
	return e.b
}

func decodeAssignment(b []byte, a *model.Assignment) error {
	d := newDec(b)
	a.Person = d.id()
	a.Position = d.id()
	a.FTE = d.float()
	if err := d.done("assignment"); err != nil {
		return err
	}
	if f := badAssignment(a); f != "" {
		return rangeErr(f)
	}
	return nil
}

// Schema 3 appends budget fields to the plan, unit, position and person
// records. The decoders read a record that ends before them (schema 2,
// opened read-only before the migration rewrote it) with those fields zero;
// the checksum, not the length, tells a damaged record from an old one.

// more reports whether fields follow, that is the record has the schema-3
// tail.
func (d *dec) more() bool { return !d.bad && len(d.b) > 0 }

func encodeBudget(e *enc, b *model.Budget) {
	c := &b.Profile
	e.str(c.Name)
	e.str(c.Title)
	e.int(int64(c.Year))
	e.str(c.Source)
	for _, r := range c.Rates {
		e.int(int64(r))
	}
	e.int(c.BaseFloor)
	e.int(c.BaseCeiling)
	e.int(b.Revenue)
}

func decodeBudget(d *dec, b *model.Budget) {
	c := &b.Profile
	c.Name = d.str()
	c.Title = d.str()
	c.Year = int(d.int32())
	c.Source = d.str()
	for i := range c.Rates {
		c.Rates[i] = model.Rate(d.int32())
	}
	c.BaseFloor = d.int()
	c.BaseCeiling = d.int()
	b.Revenue = d.int()
}

func encodePay(e *enc, p *model.Position) {
	e.int(p.MonthlyPay)
	e.int(int64(p.MonthsPaid))
	e.int(p.Allowances)
	e.int(int64(p.Starts))
	e.uint(uint64(len(p.Changes)))
	for _, c := range p.Changes {
		e.int(int64(c.From))
		e.uint(uint64(c.Kind))
		e.float(c.Planned)
		e.uint(uint64(c.Status))
	}
	e.int(int64(p.Turnover))
}

func decodePay(d *dec, p *model.Position) {
	p.MonthlyPay = d.int()
	p.MonthsPaid = d.int32()
	p.Allowances = d.int()
	p.Starts = model.Month(d.int32())
	if n := d.count(); n > 0 {
		p.Changes = make([]model.PlannedChange, n)
		for i := range p.Changes {
			c := &p.Changes[i]
			c.From = model.Month(d.int32())
			c.Kind = model.ChangeKind(d.small())
			c.Planned = d.float()
			c.Status = model.PositionStatus(d.small())
		}
	} else {
		p.Changes = nil
	}
	p.Turnover = d.int32()
}

// int32 reads a varint that must fit an int32.
func (d *dec) int32() int32 {
	x := d.int()
	if x < math.MinInt32 || x > math.MaxInt32 {
		d.bad = true
		return 0
	}
	return int32(x)
}

package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// bbolt checksums only its meta pages: a byte flipped in a data page reads
// back as a different value, key or page layout. So every value this
// package stores ends with a CRC-32C of its kind, its key and the rest of
// the value (a flipped key is caught as surely as a flipped value), and each
// plan keeps a digest (count and sum of those CRCs per kind) so a record
// that vanished, or a page that points at an older copy, is caught too.

const (
	sealSize = 4
	// legacyFormat is the record layout of schema 1, without a checksum.
	legacyFormat = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func recordCRC(k kind, key, body []byte) uint32 {
	c := crc32.Update(0, castagnoli, []byte{byte(k), byte(len(key))})
	c = crc32.Update(c, castagnoli, key)
	return crc32.Update(c, castagnoli, body)
}

// seal appends the checksum to an encoded value.
func seal(k kind, key, body []byte) []byte {
	return binary.LittleEndian.AppendUint32(body, recordCRC(k, key, body))
}

// sealOf returns the checksum stored in a sealed value.
func sealOf(v []byte) uint32 {
	if len(v) < sealSize {
		return 0
	}
	return binary.LittleEndian.Uint32(v[len(v)-sealSize:])
}

// unseal checks a stored value's checksum and returns it without. Values of
// a schema-1 file, read without migrating it (read-only), have none.
func unseal(k kind, key, v []byte, legacy bool) ([]byte, error) {
	if legacy {
		if k == kindEmpNo || (len(v) > 0 && v[0] == legacyFormat) {
			return v, nil
		}
		return nil, recordErr(k, key, "unknown record format")
	}
	if len(v) < sealSize+1 {
		return nil, recordErr(k, key, "record too short")
	}
	body := v[:len(v)-sealSize]
	if recordCRC(k, key, body) != sealOf(v) {
		return nil, recordErr(k, key, "checksum mismatch")
	}
	return body, nil
}

var kindNames = [numKinds]string{
	kindPlan: "plan", kindUnit: "unit", kindPosition: "position", kindPerson: "person",
	kindAssignment: "assignment", kindEmpNo: "employee number", kindDoc: "document",
}

// recordName names a record for messages: its kind and ID (or name).
func recordName(k kind, key []byte) string {
	switch k {
	case kindEmpNo, kindDoc:
		return kindNames[k] + " " + strconv.Quote(string(key))
	}
	if len(key) == 8 {
		return fmt.Sprintf("%s %d", kindNames[k], btoi(key))
	}
	return kindNames[k] + " " + strconv.Quote(string(key))
}

// recordErr is ErrCorrupt naming the record and what is wrong with it.
func recordErr(k kind, key []byte, what string) error {
	return fmt.Errorf("%w: %s: %s", ErrCorrupt, recordName(k, key), what)
}

// decodeRecord unseals v and decodes it, naming the record on failure.
func decodeRecord[T any](k kind, key, v []byte, legacy bool, x *T, decode func([]byte, *T) error) error {
	if v == nil {
		return recordErr(k, key, "missing")
	}
	body, err := unseal(k, key, v, legacy)
	if err != nil {
		return err
	}
	if legacy {
		// Same fields as today's layout; only the format byte differs.
		body = append([]byte{recordFormat}, body[1:]...)
	}
	if err := decode(body, x); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, recordName(k, key), stripCorrupt(err))
	}
	return nil
}

// stripCorrupt drops the ErrCorrupt prefix of a decoder error, which
// decodeRecord adds again in front of the record's name.
func stripCorrupt(err error) string {
	s := err.Error()
	p := ErrCorrupt.Error() + ": "
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

// Ranges a stored value must lie in. They are far beyond any real plan and
// only keep a damaged value (an FTE of 7.9e28) from being shown as a figure.
const (
	maxText     = 1 << 20 // bytes in one text field
	maxList     = 1 << 16 // dotted lines or duties of one post
	maxPlanned  = 1e6     // 编制 of one post
	maxSalary   = 1e12
	maxYears    = 1000
	maxBasis    = 1e4 // custom days or hours a month
	minYear     = 1800
	maxYear     = 2500
	maxEnumUnit = 3
)

// badText reports text that is not valid UTF-8, is too long, or holds a
// control character other than tab and line breaks.
func badText(s string) bool {
	if len(s) > maxText {
		return true
	}
	// One pass over the bytes: C0 controls and DEL are single bytes, and
	// C1 controls (U+0080–U+009F) are 0xC2 followed by 0x80–0x9F.
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' {
				return true
			}
		case c == 0x7f:
			return true
		case c >= 0x80:
			ascii = false
			if c == 0xc2 && i+1 < len(s) && s[i+1] <= 0x9f {
				return true
			}
		}
	}
	return !ascii && !utf8.ValidString(s)
}

func badNumber(x, lo, hi float64) bool { return math.IsNaN(x) || x < lo || x > hi }

func badDate(t time.Time) bool {
	return !t.IsZero() && (t.Year() < minYear || t.Year() > maxYear)
}

func badEnum[T ~uint8](x T, all []T) bool {
	for _, a := range all {
		if a == x {
			return false
		}
	}
	return true
}

// badPlan names the first field of p out of range, or "".
func badPlan(p *model.Plan) string {
	switch {
	case badText(p.Name):
		return "name"
	case badText(p.Organisation):
		return "organisation"
	case badText(p.Notes):
		return "notes"
	case badDate(p.Effective):
		return "effective date"
	case p.Basis.Kind > model.BasisCustom:
		return "working-time basis"
	case badNumber(p.Basis.Days, 0, maxBasis), badNumber(p.Basis.Hours, 0, maxBasis):
		return "working time"
	}
	return badBudget(&p.Budget)
}

func badUnit(u *model.Unit) string {
	switch {
	case badText(u.Name):
		return "name"
	case badText(u.Note):
		return "note"
	case badEnum(u.Kind, model.UnitKinds):
		return "kind"
	case badMonth(u.Starts):
		return "start month"
	case badText(u.Code):
		return "code"
	}
	return ""
}

func badPosition(p *model.Position) string {
	switch {
	case badText(p.Title):
		return "title"
	case badText(p.Grade), badText(p.Shift), badText(p.Mission), badText(p.Note),
		badText(p.Req.Education), badText(p.Req.Certificates), badText(p.Req.Other):
		return "text"
	case len(p.Dotted) > maxList, len(p.Duties) > maxList:
		return "list length"
	case badNumber(p.Planned, 0, maxPlanned):
		return "planned headcount"
	case badNumber(p.SalaryMin, 0, maxSalary), badNumber(p.SalaryMax, 0, maxSalary):
		return "salary"
	case badNumber(p.Req.Years, 0, maxYears):
		return "years of experience"
	case badEnum(p.Status, model.PositionStatuses):
		return "status"
	case badEnum(p.Employment, model.EmploymentTypes):
		return "employment type"
	}
	for _, d := range p.Duties {
		if badText(d) {
			return "duties"
		}
	}
	return badPay(p)
}

func badPerson(p *model.Person) string {
	switch {
	case badText(p.Name):
		return "name"
	case badText(p.EmpNo):
		return "employee number"
	case badText(p.Grade):
		return "grade"
	case badDate(p.HireDate):
		return "hire date"
	case badDate(p.ExpectedStart), badDate(p.ExpectedLeave):
		return "expected date"
	case badEnum(p.Status, model.PersonStatuses):
		return "status"
	case badEnum(p.Employment, model.EmploymentTypes):
		return "employment type"
	}
	return ""
}

func badAssignment(a *model.Assignment) string {
	if math.IsNaN(a.FTE) || a.FTE <= 0 || a.FTE > 1 {
		return "FTE"
	}
	return ""
}

// badMonth reports a month outside the years a date may have; zero is
// "no month".
func badMonth(m model.Month) bool {
	return m != 0 && (m < model.MonthOf(minYear, 1) || m > model.MonthOf(maxYear, 12))
}

func badMoney(x int64) bool { return x < 0 || x > model.MaxFen }

// badBudget names the first budget field of a plan out of range, or "".
func badBudget(b *model.Budget) string {
	c := &b.Profile
	switch {
	case badText(c.Name), badText(c.Title), badText(c.Source):
		return "contribution profile text"
	case c.Year != 0 && (c.Year < minYear || c.Year > maxYear):
		return "contribution profile year"
	case badMoney(c.BaseFloor), badMoney(c.BaseCeiling), badMoney(b.Revenue):
		return "contribution base"
	}
	for _, r := range c.Rates {
		if r < model.NoRate || r > model.RateScale {
			return "contribution rate"
		}
	}
	return ""
}

// badPay names the first pay or planned-change field of a post out of
// range, or "".
func badPay(p *model.Position) string {
	switch {
	case badMoney(p.MonthlyPay), badMoney(p.Allowances):
		return "pay"
	case p.MonthsPaid < 0 || p.MonthsPaid > model.MaxMonthsPaid:
		return "months paid"
	case p.Turnover < 0 || p.Turnover > model.MaxTurnover:
		return "turnover"
	case badMonth(p.Starts):
		return "start month"
	case len(p.Changes) > maxList:
		return "list length"
	}
	for _, c := range p.Changes {
		switch {
		case c.From == 0 || badMonth(c.From), badEnum(c.Kind, model.ChangeKinds),
			badNumber(c.Planned, 0, maxPlanned), badEnum(c.Status, model.PositionStatuses):
			return "planned change"
		}
	}
	return ""
}

// rangeErr is the decoder's error for a field out of range.
func rangeErr(field string) error {
	return fmt.Errorf("%w: %s out of range", ErrCorrupt, field)
}

// ErrValueRange refuses writing a value the store would not read back: text
// with control characters or invalid UTF-8, or a number beyond any real
// plan. Its Args name the record and the field.
var ErrValueRange = &model.Problem{Key: "err.value_range"}

func valueRange(name, field string) error {
	return &model.Problem{Key: ErrValueRange.Key,
		Text: "{{.name}}: the {{.field}} cannot be stored (out of range, or it holds control characters or invalid text).",
		Args: map[string]any{"name": name, "field": field}}
}

// digest is a plan's count and sum of record checksums per kind. Sums are
// additive, so a write adjusts it by the old and new values alone.
type digest [numKinds]struct{ n, sum uint64 }

var keyDigest = []byte("sum")

func (d *digest) add(k kind, v []byte, sign int) {
	if v == nil {
		return
	}
	if sign > 0 {
		d[k].n++
		d[k].sum += uint64(sealOf(v))
	} else {
		d[k].n--
		d[k].sum -= uint64(sealOf(v))
	}
}

func (d *digest) encode(planKey []byte) []byte {
	b := make([]byte, 1, 1+int(numKinds)*16+sealSize)
	b[0] = recordFormat
	for _, x := range d {
		b = binary.LittleEndian.AppendUint64(b, x.n)
		b = binary.LittleEndian.AppendUint64(b, x.sum)
	}
	return seal(kindPlan, append([]byte("sum/"), planKey...), b)
}

func readDigest(pb *bolt.Bucket, planKey []byte) (digest, error) {
	var d digest
	v := pb.Get(keyDigest)
	key := append([]byte("sum/"), planKey...)
	body, err := unseal(kindPlan, key, v, false)
	if err != nil || len(body) != 1+int(numKinds)*16 || body[0] != recordFormat {
		return d, fmt.Errorf("%w: plan %d: record digest damaged or missing", ErrCorrupt, btoi(planKey))
	}
	body = body[1:]
	for i := range d {
		d[i].n = binary.LittleEndian.Uint64(body[16*i:])
		d[i].sum = binary.LittleEndian.Uint64(body[16*i+8:])
	}
	return d, nil
}

// sumBucket counts and sums the records of one bucket into d.
func sumBucket(d *digest, k kind, b *bolt.Bucket) {
	if b == nil {
		return
	}
	c := b.Cursor()
	for key, v := c.First(); key != nil; key, v = c.Next() {
		if v != nil {
			d.add(k, v, 1)
		}
	}
}

// planDigest computes the digest of a plan's records as stored.
func planDigest(t *Tx) digest {
	var d digest
	d.add(kindPlan, t.b[kindPlan].Get(itob(t.plan)), 1)
	for k := kindUnit; k < numKinds; k++ {
		sumBucket(&d, k, t.b[k])
	}
	return d
}

// checkDigest compares the stored digest of t's plan with the records.
func checkDigest(t *Tx, got digest) error {
	want, err := readDigest(t.pb, itob(t.plan))
	if err != nil {
		return err
	}
	for k := range want {
		if want[k] != got[k] {
			return fmt.Errorf("%w: plan %d: %d %s records found where %d were saved, or some differ from what was saved",
				ErrCorrupt, t.plan, got[k].n, kindNames[k], want[k].n)
		}
	}
	return nil
}

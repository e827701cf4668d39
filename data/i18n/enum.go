package i18n

import (
	"strings"

	"staffplan/data/model"
)

// Key is a translation key. Tables of keys are typed []Key or map[…]Key,
// every key written out in full, so the key test finds them.
type Key = string

// Enum is the table of labels of one enumeration: Keys[v] is the
// translation key of value v.
type Enum struct {
	Keys []Key
}

// Label returns value v's label in lang; "" for a value the table lacks.
func (e Enum) Label(lang string, v int) string {
	if v < 0 || v >= len(e.Keys) {
		return ""
	}
	return T(lang, e.Keys[v], nil)
}

// Labels returns every label in lang, in value order (for drop-downs).
func (e Enum) Labels(lang string) []string {
	out := make([]string, len(e.Keys))
	for v := range e.Keys {
		out[v] = e.Label(lang, v)
	}
	return out
}

// Parse returns the value whose label, in either language, is text
// (ignoring case and spaces), so a file exported in one language imports
// in the other.
func (e Enum) Parse(text string) (int, bool) {
	n := fold(text)
	if n == "" {
		return 0, false
	}
	for _, lang := range []string{Zh, En} {
		for v := range e.Keys {
			if fold(e.Label(lang, v)) == n {
				return v, true
			}
		}
	}
	return 0, false
}

func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

// The enumerations of the model, indexed by their values.
var (
	PersonStatuses = Enum{Keys: []Key{
		model.PersonActive:    "enum.person_status.active",
		model.PersonProbation: "enum.person_status.probation",
		model.PersonLeft:      "enum.person_status.left",
	}}
	Employments = Enum{Keys: []Key{
		model.EmployFullTime: "enum.employment.full_time",
		model.EmployPartTime: "enum.employment.part_time",
		model.EmployAgency:   "enum.employment.agency",
		model.EmployIntern:   "enum.employment.intern",
		model.EmployRetiree:  "enum.employment.retiree",
	}}
	PositionStatuses = Enum{Keys: []Key{
		model.StatusActive:   "enum.position_status.active",
		model.StatusNotSetUp: "enum.position_status.not_set_up",
		model.StatusFrozen:   "enum.position_status.frozen",
	}}
	UnitKinds = Enum{Keys: []Key{
		model.UnitCompany:    "enum.unit_kind.company",
		model.UnitDepartment: "enum.unit_kind.department",
		model.UnitTeam:       "enum.unit_kind.team",
		model.UnitSiteOffice: "enum.unit_kind.site",
	}}
)

// PersonStatus names a person's status (在职, 试用期, 离职).
func PersonStatus(lang string, s model.PersonStatus) string {
	return PersonStatuses.Label(lang, int(s))
}

// Employment names an employment type (全职, 兼职, …).
func Employment(lang string, e model.EmploymentType) string {
	return Employments.Label(lang, int(e))
}

// PositionStatus names a post's status (正常, 暂不设置, 冻结).
func PositionStatus(lang string, s model.PositionStatus) string {
	return PositionStatuses.Label(lang, int(s))
}

// UnitKind names a kind of unit.
func UnitKind(lang string, k model.UnitKind) string {
	return UnitKinds.Label(lang, int(k))
}

// backupReasons are the reasons the store records for a backup.
var backupReasons = map[string]Key{
	"import":      "enum.backup_reason.import",
	"newplan":     "enum.backup_reason.newplan",
	"restore":     "enum.backup_reason.restore",
	"migrate":     "enum.backup_reason.migrate",
	"delete-plan": "enum.backup_reason.delete_plan",
}

// BackupReason names why a backup was made ("before import"); a reason the
// table lacks is returned as it is.
func BackupReason(lang, reason string) string {
	if k, ok := backupReasons[reason]; ok {
		return T(lang, k, nil)
	}
	return reason
}

// Basis names a working-time basis with its figures; days and hours are
// already formatted.
func Basis(lang string, k model.BasisKind, days, hours string) string {
	args := map[string]any{"days": days, "hours": hours}
	switch k {
	case model.Basis2008:
		return T(lang, "enum.basis.2008", args)
	case model.BasisCustom:
		return T(lang, "enum.basis.custom", args)
	}
	return T(lang, "enum.basis.2025", args)
}

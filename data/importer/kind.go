package importer

import "strings"

// Kind is what a workbook holds.
type Kind string

// Kinds of import.
const (
	KindUnknown     Kind = ""
	KindRoster      Kind = "roster"       // people with department and post
	KindStaffing    Kind = "staffing"     // 部门 · 岗位 · 人数/编制 · 备注
	KindOrg         Kind = "org"          // units with parents or paths
	KindPeopleDepts Kind = "people_depts" // a people sheet with dept_id and a departments sheet
)

// Role is what a sheet contributes to the import.
type Role string

// Roles of sheets. RoleSkip leaves a sheet out.
const (
	RoleSkip     Role = ""
	RolePeople   Role = "people"
	RoleDepts    Role = "departments" // dept_id + parent: the id table of KindPeopleDepts
	RoleStaffing Role = "staffing"
	RoleUnits    Role = "units"
)

// SheetMeaning is what a sheet's name says about the people on it.
type SheetMeaning string

// Sheet meanings, from names such as 离职员工, 实习生, 劳务派遣, 退休人员.
const (
	MeaningNone    SheetMeaning = ""
	MeaningLeft    SheetMeaning = "left"
	MeaningIntern  SheetMeaning = "intern"
	MeaningAgency  SheetMeaning = "agency"
	MeaningRetired SheetMeaning = "retired"
)

// MeaningOfName reads a sheet name: 离职 → people who left, 实习 →
// interns, 劳务派遣/派遣/外包 → agency staff, 退休 → retired.
func MeaningOfName(name string) SheetMeaning {
	n := strings.ToLower(Normalize(name))
	switch {
	case strings.Contains(n, "离职") || strings.Contains(n, "leaver") || strings.Contains(n, "resigned") || strings.Contains(n, "left"):
		return MeaningLeft
	case strings.Contains(n, "退休") || strings.Contains(n, "retire"):
		return MeaningRetired
	case strings.Contains(n, "实习") || strings.Contains(n, "intern"):
		return MeaningIntern
	case strings.Contains(n, "派遣") || strings.Contains(n, "外包") || strings.Contains(n, "agency"):
		return MeaningAgency
	}
	return MeaningNone
}

// Sheet is one sheet (or the whole of a text file). Rows[i] is row i+1
// of the file, as text, with merged cells filled in; numbers and dates are
// the cells' raw values (dates as Excel serials).
type Sheet struct {
	Name   string
	Rows   [][]string
	Merges []mergeRange
	// Date1904 says the workbook counts date serials from 1904 (old Mac
	// Excel), not from 1900.
	Date1904 bool

	// Meaning is taken from the sheet's name.
	Meaning SheetMeaning
	// HeaderRow is the 0-based index of the header in Rows, -1 if none.
	HeaderRow int
	// Columns are the header's columns as detected.
	Columns []Column
	// Mapping starts as detected; the caller may change it.
	Mapping Mapping
	// Kind is what this sheet alone looks like.
	Kind Kind
	// Role is the sheet's part in the import; RoleSkip leaves it out.
	Role Role

	// errorValues says the sheet is mostly formula errors (#REF!): a
	// check sheet whose references broke, not data.
	errorValues bool
}

// Headers returns the header texts.
func (s *Sheet) Headers() []string {
	h := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		h[i] = c.Header
	}
	return h
}

// MappingKey is MappingKey of the sheet's headers.
func (s *Sheet) MappingKey() string { return MappingKey(s.Headers()) }

// SetHeaderRow makes row i (0-based) the header and detects its columns
// and mapping again; i < 0 means the sheet has no header.
func (s *Sheet) SetHeaderRow(i int) {
	s.HeaderRow = -1
	s.Columns, s.Mapping = nil, nil
	if i < 0 || i >= len(s.Rows) {
		s.Kind = KindUnknown
		return
	}
	s.HeaderRow = i
	s.Columns = detectColumns(s.Rows[i])
	s.Mapping = MappingOf(s.Columns)
	refineMapping(s.Mapping, s.Columns)
	s.Kind = s.kindOf()
}

// SetMapping sets the mapping the user chose and works out the sheet's
// kind from it again.
func (s *Sheet) SetMapping(m Mapping) {
	s.Mapping = m
	s.Kind = s.kindOf()
}

func (s *Sheet) kindOf() Kind {
	if lookupSheet(s.Name) || s.errorValues {
		return KindUnknown
	}
	if !s.Mapping.Has(FieldEmpNo) && aboutOtherThings(s.Name, s.Columns, s.Mapping) {
		return KindUnknown
	}
	return sheetKind(s.Mapping)
}

// otherWords name what lists of customers, suppliers, products, orders,
// payments, projects, assets and students are about: headings with them that no
// field took, and the sheet's name, say the sheet is not staff.
var otherWords = []string{"客户", "供应商", "厂商", "产品", "商品", "物料", "原料", "合同", "订单", "付款", "支付", "收款", "金额", "价格",
	"单价", "售价", "费用", "发票", "项目", "楼栋", "门牌", "房号", "车牌", "车辆", "设备", "资产", "库存", "型号", "会员", "学生", "业主",
	"患者", "租户", "学籍", "学号", "家长", "宿舍", "customer", "client", "supplier", "vendor", "product", "item", "sku", "price", "amount", "invoice", "order",
	"contract", "project", "payment", "asset", "device", "model", "quantity", "qty"}

func hasOtherWord(s string) bool {
	s = strings.ToLower(s)
	for _, w := range otherWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// aboutOtherThings reports whether a sheet without a 工号 has as many
// headings about other things (客户类型, 合同金额, 供应商名称) as headings
// of known fields: a customer list has a name and a 工作单位, a payments
// list a 部门 and a 负责人, and neither is staff.
func aboutOtherThings(name string, cols []Column, m Mapping) bool {
	other := 0
	if hasOtherWord(Normalize(name)) {
		other++
	}
	known := map[Field]bool{}
	for i, c := range cols {
		switch f := m.Field(i); f {
		case FieldIgnore, FieldPersonal: // 学生联系电话 is someone else's phone
			if c.Header != "" && hasOtherWord(c.Header) {
				other++
			}
		case FieldSeq, FieldNote:
		default:
			known[f] = true
		}
	}
	return other > 0 && other >= len(known)
}

// lookupWords name sheets of drop-down lists, dictionaries and
// instructions, which are never read as people, units or posts.
var lookupWords = []string{"下拉", "选项", "字典", "说明", "填写", "填表", "须知", "示例", "样例", "参数", "枚举", "码表", "数据源", "数据验证",
	"lookup", "dictionary", "instruction", "readme", "help", "options", "dropdown", "list_of", "codes", "roles", "enum", "validation", "notes"}

func lookupSheet(name string) bool {
	n := strings.ToLower(Normalize(name))
	for _, w := range lookupWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// personish reports whether a mapping has a field only people have.
func personish(m Mapping) bool {
	// Not the grade: units sheets have levels too.
	for _, f := range []Field{FieldPosition, FieldHireDate, FieldStatus, FieldEmployment, FieldFTE,
		FieldFamilyName, FieldGivenName, FieldLeaveDate, FieldStartDate} {
		if m.Has(f) {
			return true
		}
	}
	return false
}

// staffSign reports whether a mapping has a field only staff have.
func staffSign(m Mapping) bool {
	return personish(m) || m.Has(FieldGrade) || m.Has(FieldReportsTo)
}

// refineMapping settles what the headers alone cannot: in a people sheet
// a bare "id" is the person's and a parent id is the manager's (org
// charts by id and parent id); in a sheet of units with parents, "name"
// names the unit and a manager's number is not a person of the roster.
func refineMapping(m Mapping, cols []Column) {
	idCol := -1
	for i, c := range cols {
		if m[i] == FieldDeptID && headerKey(c.Header) == "id" {
			idCol = i
		}
	}
	units := m.Has(FieldParentID) || m.Has(FieldParentDept)
	level := false
	for _, f := range levelFields {
		level = level || m.Has(f)
	}
	switch {
	case personish(m) || (m.Has(FieldName) && (m.Has(FieldReportsTo) || (level && !units))):
		if idCol >= 0 && !m.Has(FieldEmpNo) {
			m[idCol] = FieldEmpNo
		}
		if c := m.Col(FieldParentID); c >= 0 && !m.Has(FieldReportsTo) && !m.Has(FieldDeptID) {
			m[c] = FieldReportsTo
		}
	case units:
		for i, f := range m {
			switch f {
			case FieldName:
				if m.Has(FieldDept) || m.Has(FieldDeptPath) {
					m[i] = FieldIgnore
				} else {
					m[i] = FieldDept
				}
			case FieldEmpNo, FieldReportsTo:
				m[i] = FieldIgnore // the unit's manager, by number
			}
		}
	}
}

// detect finds the sheet's header, mapping and kind.
func (s *Sheet) detect() {
	s.Meaning = MeaningOfName(s.Name)
	row, _ := DetectHeader(s.Rows)
	s.errorValues = mostlyErrors(s.Rows, row)
	s.SetHeaderRow(row)
}

// mostlyErrors reports whether the header row and the rows below it (the
// first 50 are enough to tell) hold more error values than other values.
func mostlyErrors(rows [][]string, header int) bool {
	errs, vals := 0, 0
	for i := max(header, 0); i < len(rows) && i < max(header, 0)+51; i++ {
		for _, c := range rows[i] {
			switch {
			case c == "":
			case c[0] == '#' && isErrorValue(c):
				errs++
			default:
				vals++
			}
		}
	}
	return errs > 0 && errs >= vals
}

// sheetKind says what a mapping looks like.
func sheetKind(m Mapping) Kind {
	person := m.Has(FieldName) || m.Has(FieldEmpNo) || m.Has(FieldFamilyName) || m.Has(FieldGivenName)
	dept := false
	for _, f := range levelFields {
		dept = dept || m.Has(f)
	}
	switch {
	case person && m.Has(FieldDeptID) && !dept:
		return KindPeopleDepts
	case person && (dept || m.Has(FieldPosition) || m.Has(FieldDeptID)):
		return KindRoster
	case m.Has(FieldPosition) && m.Has(FieldPlanned):
		return KindStaffing
	case m.Has(FieldDeptID) && m.Has(FieldParentID):
		return KindOrg
	case dept && (m.Has(FieldParentDept) || m.Has(FieldDeptPath) || m.Has(FieldPlanned) || m.Has(FieldHead) ||
		m.Has(FieldDept2) || m.Has(FieldParentID)):
		return KindOrg
	case m.Has(FieldEmpNo) || (person && staffSign(m)):
		// A name alone (姓名, 性别, 年龄) may list anyone; a 工号, or a
		// name with a sign of staff, is a roster.
		return KindRoster
	}
	return KindUnknown
}

// detectAll detects every sheet and the kind of the workbook.
func detectAll(w *Workbook) {
	for _, s := range w.Sheets {
		s.detect()
	}
	w.DetectKind()
}

// DetectKind sets the workbook's Kind and every sheet's Role from the
// sheets' own kinds: a people sheet keyed by dept_id together with a
// sheet of dept_id and parent makes KindPeopleDepts; otherwise people
// win over staffing tables, and staffing tables over org structures.
func (w *Workbook) DetectKind() {
	var has = map[Kind]bool{}
	for _, s := range w.Sheets {
		has[s.Kind] = true
	}
	switch {
	case (has[KindPeopleDepts] || has[KindRoster]) && w.hasUnitTable():
		// A people sheet and a units sheet with ids or parents: the units
		// give the structure, the people refer to them.
		w.Kind = KindPeopleDepts
	case has[KindRoster] || has[KindPeopleDepts]:
		w.Kind = KindRoster
	case has[KindStaffing]:
		w.Kind = KindStaffing
	case has[KindOrg]:
		w.Kind = KindOrg
	default:
		w.Kind = KindUnknown
	}
	w.setRoles(w.Kind, false)
}

// hasUnitTable reports whether a sheet lists units by id or with parents.
func (w *Workbook) hasUnitTable() bool {
	for _, s := range w.Sheets {
		if s.Kind == KindOrg && (s.Mapping.Has(FieldDeptID) || s.Mapping.Has(FieldParentDept) || s.Mapping.Has(FieldParentID)) {
			return true
		}
	}
	return false
}

// SetKind sets the kind the user confirmed and chooses each sheet's role
// for it. The user's word lets in what detection doubted: a sheet with
// names and nothing else of staff is people when the user says the file
// is a roster.
func (w *Workbook) SetKind(k Kind) { w.setRoles(k, true) }

// plainKind is what the sheet's mapping looks like without the doubts of
// detection (a name alone, headings about other things); lookup sheets
// and sheets of error values stay out.
func (s *Sheet) plainKind() Kind {
	if lookupSheet(s.Name) || s.errorValues {
		return KindUnknown
	}
	m := s.Mapping
	if k := sheetKind(m); k != KindUnknown {
		return k
	}
	if m.Has(FieldName) || m.Has(FieldFamilyName) || m.Has(FieldGivenName) {
		return KindRoster
	}
	return KindUnknown
}

func (w *Workbook) setRoles(k Kind, chosen bool) {
	w.Kind = k
	for _, s := range w.Sheets {
		s.Role = RoleSkip
		sk := s.Kind
		if sk == KindUnknown && chosen {
			sk = s.plainKind()
		}
		switch k {
		case KindRoster:
			if sk == KindRoster || sk == KindPeopleDepts {
				s.Role = RolePeople
			}
		case KindPeopleDepts:
			switch sk {
			case KindPeopleDepts, KindRoster:
				s.Role = RolePeople
			case KindOrg:
				s.Role = RoleDepts
			}
		case KindStaffing:
			if sk == KindStaffing {
				s.Role = RoleStaffing
			}
		case KindOrg:
			if sk == KindOrg {
				s.Role = RoleUnits
			}
		}
	}
}

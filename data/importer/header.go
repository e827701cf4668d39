package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"

	"staffplan/data/i18n"
)

// Field is what a column means. The empty Field ignores the column.
type Field string

// Fields a column can be mapped to. FieldPersonal marks personal data
// (ID numbers, bank accounts, phone numbers...): it is never stored and is
// listed in the preview as ignored personal data.
const (
	FieldIgnore     Field = ""
	FieldSeq        Field = "seq" // 序号: recognised, not stored
	FieldName       Field = "name"
	FieldEmpNo      Field = "emp_no"
	FieldDept       Field = "dept"      // one department name (or a path, if it has separators)
	FieldDeptPath   Field = "dept_path" // "公司/销售部/华东区"
	FieldDept1      Field = "dept1"     // 一级部门
	FieldDept2      Field = "dept2"     // 二级部门
	FieldDept3      Field = "dept3"     // 三级部门
	FieldDept4      Field = "dept4"     // 四级部门 / 组别
	FieldDept5      Field = "dept5"     // unit levels 5–9, for deep structures mapped by hand
	FieldDept6      Field = "dept6"
	FieldDept7      Field = "dept7"
	FieldDept8      Field = "dept8"
	FieldDept9      Field = "dept9"
	FieldDeptID     Field = "dept_id"
	FieldParentID   Field = "parent_dept_id"
	FieldParentDept Field = "parent_dept" // 上级部门 by name
	FieldPosition   Field = "position"
	// FieldPositionCode is a post's code (岗位编码): read, not stored.
	FieldPositionCode Field = "position_code"
	// FieldFamilyName and FieldGivenName are a name split in two columns
	// (姓, 名; Last, First): joined into the name.
	FieldFamilyName Field = "family_name"
	FieldGivenName  Field = "given_name"
	// FieldStartDate is an expected start date (待入职): the hire date
	// when the file has no other.
	FieldStartDate Field = "start_date"
	// FieldLeaveDate is a leaving date: a person with one in the past has
	// left.
	FieldLeaveDate Field = "leave_date"
	// FieldVacancy is a vacancy count (缺编): worked out by the plan, so
	// recognised and not read.
	FieldVacancy    Field = "vacancy"
	FieldReportsTo  Field = "reports_to" // by 工号 or by name
	FieldHireDate   Field = "hire_date"
	FieldStatus     Field = "status"
	FieldEmployment Field = "employment"
	FieldGrade      Field = "grade"
	FieldPlanned    Field = "planned" // 编制 / 人数
	FieldFTE        Field = "fte"     // a person's share of a full-time post in this row's post
	FieldActual     Field = "actual"  // 在岗人数 in a staffing table: read, not stored
	FieldNote       Field = "note"
	FieldHead       Field = "head" // 负责人 of a unit
	FieldPersonal   Field = "personal"
	// FieldPay is a monthly pay (月薪, 基本工资, 薪资标准): a staffing
	// table's is the post's; a roster's is a person's, which only counts
	// toward the median pay of her post and is never stored.
	FieldPay Field = "pay"
)

// synonyms lists the header words of each field, normalised (see
// headerKey). An exact match is sure; a header that contains a synonym
// (入职日期(yyyy-mm-dd), 员工工号) is less so, and the longest synonym
// contained wins, so 上级部门 is a parent and not a department.
var synonyms = []struct {
	field Field
	words []string
}{
	{FieldSeq, []string{"序号", "编号序号", "no", "no.", "#", "行号", "seq"}},
	{FieldName, []string{"姓名", "员工姓名", "人员姓名", "职工姓名", "名字", "name", "fullname", "employeename", "staffname", "中文名", "业务员", "销售员", "成员", "employee", "personname", "displayname"}},
	{FieldEmpNo, []string{"工号", "员工编号", "员工工号", "人员编号", "职工编号", "员工号", "职工号", "emp_id", "empid", "employeeid", "employeeno", "employeenumber", "staffid", "staffno", "工卡号", "员工id", "empno", "emplno", "empnumber", "employeecode", "empcode", "staffnumber", "personid", "personnelnumber", "badge", "badgeid", "员工代码", "人员代码", "人员工号", "员工编码", "人员编码", "职工编码"}},
	{FieldDept, []string{"部门", "所属部门", "部门名称", "所在部门", "单位", "所属单位", "组织", "所属组织", "组织名称", "科室", "模块", "业务模块", "板块", "所属模块", "职能模块", "department", "dept", "departmentname", "deptname", "unit", "unitname", "org", "organization", "office", "team_name", "teamname", "hometeam", "orgname", "businessunit"}},
	{FieldDeptPath, []string{"部门路径", "组织路径", "部门全称", "部门全路径", "组织全称", "deptpath", "departmentpath", "orgpath"}},
	{FieldDept1, []string{"一级部门", "一级组织", "中心", "事业部", "大区", "所属大区", "区域", "所属区域", "片区", "dept1", "level1", "division", "region"}},
	{FieldDept2, []string{"二级部门", "二级组织", "dept2", "level2"}},
	{FieldDept3, []string{"三级部门", "三级组织", "dept3", "level3"}},
	{FieldDept4, []string{"四级部门", "组别", "小组", "班组", "所属小组", "战队", "所属战队", "团队", "所属团队", "team", "group", "dept4", "level4"}},
	{FieldDeptID, []string{"dept_id", "deptid", "部门id", "部门编号", "部门编码", "部门代码", "departmentid", "组织编码", "组织id", "orgid", "单位编码", "id", "unitid", "unitcode", "deptcode", "departmentcode", "teamid", "teamcode", "shortname", "简称", "部门简称"}},
	{FieldParentID, []string{"parent_dept_id", "parentdeptid", "parent_id", "parentid", "上级部门id", "上级部门编号", "上级部门编码", "上级组织编码", "上级id", "父部门id", "parent", "parentunit", "parentunitid", "parentcode", "parentunitcode", "parentteam", "上级单位编码"}},
	{FieldParentDept, []string{"上级部门", "上级组织", "上级单位", "父部门", "所属上级", "隶属部门", "parentdept", "parentdepartment", "parentname"}},
	{FieldPosition, []string{"岗位", "岗位名称", "职位", "职位名称", "职务", "岗位职务", "担任职务", "position", "title", "jobtitle", "job", "post", "role", "jobrole", "positionname", "positiontitle", "jobname", "designation", "岗位名", "职位名", "工种"}},
	{FieldPositionCode, []string{"岗位编码", "岗位编号", "岗位代码", "职位编码", "职位编号", "positioncode", "positionid", "jobcode", "jobid", "postcode"}},
	{FieldFamilyName, []string{"姓", "姓氏", "last", "lastname", "surname", "familyname"}},
	{FieldGivenName, []string{"名", "first", "firstname", "givenname", "forename"}},
	{FieldReportsTo, []string{"直属上级", "直接上级", "上级", "汇报对象", "汇报上级", "直属领导", "上级领导", "直线经理", "上级工号", "直属上级工号", "直属上级姓名", "reports_to", "reportsto", "manager", "managerid", "supervisor", "manager_id", "line manager", "linemanager", "managername", "supervisorid", "reportsto_id", "boss", "直属上级id", "上级编号",
		"区域经理", "大区经理", "大区总监", "战队长", "团队长", "队长"}},
	{FieldHireDate, []string{"入职日期", "入职时间", "到岗日期", "进公司日期", "入司日期", "入职", "start_date", "startdate", "hiredate", "hired", "joindate", "dateofjoining", "入厂日期", "dateofhire", "hiringdate", "joiningdate", "datejoined", "employmentdate"}},
	{FieldStartDate, []string{"预计入职日期", "待入职日期", "预计到岗日期", "预计入职时间", "拟入职日期", "expectedstartdate", "expectedstart"}},
	{FieldLeaveDate, []string{"离职日期", "离职时间", "离岗日期", "exitdate", "exit", "leavedate", "leavingdate", "terminationdate", "termdate", "dateofleaving", "separationdate", "enddate"}},
	{FieldStatus, []string{"在职状态", "员工状态", "人员状态", "状态", "在职情况", "status", "employeestatus"}},
	{FieldEmployment, []string{"用工形式", "员工类型", "用工类型", "人员类型", "雇佣类型", "合同类型", "员工性质", "employment", "employmenttype", "employeetype", "type", "contracttype"}},
	{FieldGrade, []string{"职级", "职等", "级别", "职级职等", "等级", "薪资等级", "薪酬等级", "工资等级", "薪级", "薪等", "grade", "level", "band", "joblevel"}},
	{FieldPlanned, []string{"编制", "编制人数", "人数", "人员数量", "定编", "定编人数", "岗位编制", "计划人数", "配置人数", "需求人数", "headcount", "planned", "establishment", "requiredheadcount", "plannedheadcount", "budgetedheadcount", "approvedheadcount"}},
	{FieldFTE, []string{"fte", "工作量", "投入比例", "工时占比", "占比", "折算人数"}},
	{FieldActual, []string{"在岗人数", "现有人数", "实有人数", "在职人数", "已入职", "已入职人数", "在岗", "actual", "filled", "filledpositions", "inpost", "incumbents", "actualheadcount"}},
	{FieldVacancy, []string{"缺编", "缺编人数", "空缺", "空缺人数", "待入职", "待入职人数", "待招聘", "vacancy", "vacancies", "vacancycount", "vacant", "vacant/over", "openings"}},
	{FieldNote, []string{"备注", "说明", "备注说明", "note", "notes", "remark", "remarks", "comment", "comments"}},
	{FieldPay, []string{"月薪", "基本工资", "薪资标准", "岗位工资", "工资", "薪资", "薪酬", "月工资", "工资标准", "薪酬标准", "标准工资", "基本月薪", "岗位薪资",
		"salary", "monthlysalary", "monthlypay", "basesalary", "basepay", "basicsalary", "pay"}},
	{FieldHead, []string{"负责人", "部门负责人", "部门主管", "主管", "部门经理", "head", "leader"}},
	{FieldPersonal, []string{
		"身份证", "身份证号", "身份证号码", "证件号", "证件号码", "证件类型", "护照", "idcard", "idno", "idnumber", "nationalid", "passport", "ssn",
		"银行", "银行卡", "银行卡号", "银行账号", "银行帐号", "开户行", "开户银行", "工资卡", "卡号", "账号", "帐号", "bankaccount", "iban",
		"手机", "手机号", "手机号码", "电话", "联系电话", "电话号码", "联系方式", "办公电话", "mobile", "phone", "tel", "telephone",
		"邮箱", "电子邮箱", "email", "e-mail", "微信", "qq",
		"地址", "住址", "家庭住址", "现住址", "通讯地址", "居住地址", "address", "homeaddress",
		"紧急联系人", "紧急联系人电话", "紧急联系电话", "emergencycontact",
		"民族", "政治面貌", "户籍", "户口", "户口所在地", "户口性质", "户籍地址", "籍贯", "婚姻", "婚姻状况", "婚否", "宗教", "宗教信仰",
		"出生日期", "出生年月", "生日", "年龄", "性别", "血型", "健康状况", "birthday", "dateofbirth", "age", "gender", "sex", "ethnicity",
		"社保", "社保账号", "公积金", "公积金账号", "年薪", "照片", "photo",
	}},
}

// noContain are synonyms matched only as the whole header: inside other
// headers they mean something else ("Last updated", "First day",
// "Employee count", "Unfilled").
var noContain = map[string]bool{"last": true, "first": true, "exit": true, "employee": true, "filled": true, "required": true}

// ownHeadings are the headings the program's own exports and import
// template write (data/export), by their translation keys: they are read
// as their field in either language, whatever the translation files say.
var ownHeadings = []struct {
	field Field
	keys  []i18n.Key
}{
	{FieldSeq, []i18n.Key{"export.col.no"}},
	{FieldEmpNo, []i18n.Key{"export.col.emp_no", "export.template.col.emp_no"}},
	{FieldName, []i18n.Key{"export.col.name", "export.template.col.name"}},
	{FieldDept, []i18n.Key{"export.col.unit", "export.col.unit_path", "export.template.col.department"}},
	{FieldPosition, []i18n.Key{"export.col.post", "export.template.col.position"}},
	{FieldPlanned, []i18n.Key{"export.col.planned"}},
	{FieldActual, []i18n.Key{"export.col.actual"}},
	{FieldVacancy, []i18n.Key{"export.col.vacancy"}},
	{FieldNote, []i18n.Key{"export.col.note"}},
	{FieldFTE, []i18n.Key{"export.col.fte"}},
	{FieldGrade, []i18n.Key{"export.col.grade", "export.template.col.grade"}},
	{FieldHireDate, []i18n.Key{"export.col.hire", "export.template.col.start"}},
	{FieldStatus, []i18n.Key{"export.col.status", "export.template.col.status"}},
	{FieldEmployment, []i18n.Key{"export.col.employment", "export.template.col.employment"}},
}

var (
	exactField = map[string]Field{}
	// containWords are the synonyms of two or more runes, longest first.
	containWords []struct {
		word  string
		field Field
	}
)

func init() {
	for _, s := range synonyms {
		for _, w := range s.words {
			k := headerKey(w)
			if _, dup := exactField[k]; !dup {
				exactField[k] = s.field
			}
			if utf8.RuneCountInString(k) >= 2 && (k[0] >= 0x80 || len(k) >= 4) && !noContain[k] {
				containWords = append(containWords, struct {
					word  string
					field Field
				}{k, s.field})
			}
		}
	}
	// The program's own headings are read as what they are, in both
	// languages, where no synonym already says so.
	for _, h := range ownHeadings {
		for _, k := range h.keys {
			for _, lang := range []string{i18n.Zh, i18n.En} {
				if hk := headerKey(i18n.T(lang, k, nil)); exactField[hk] == FieldIgnore {
					exactField[hk] = h.field
				}
			}
		}
	}
	slices.SortStableFunc(containWords, func(a, b struct {
		word  string
		field Field
	}) int {
		if len(a.word) != len(b.word) {
			return len(b.word) - len(a.word)
		}
		// On a tie personal data wins: storing it by mistake is worse
		// than ignoring a column the user can map back.
		if (a.field == FieldPersonal) != (b.field == FieldPersonal) {
			if a.field == FieldPersonal {
				return -1
			}
			return 1
		}
		return 0
	})
}

// headerKey normalises a header for matching: full-width folded, lower
// case, without spaces, underscores between letters kept, marks such as
// "*" (required) and a trailing "(单位)" dropped.
func headerKey(s string) string {
	s = strings.ToLower(Normalize(s))
	if i := strings.IndexAny(s, "(（"); i > 0 {
		s = s[:i]
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '*', '：', ':', '　', '\n', '\r', '\t', '"', '\'':
			return -1
		}
		return r
	}, s)
	return s
}

// punctKey drops the punctuation HR systems and data sets put between
// words ("Emp. no.", "employee_id", "first-name").
func punctKey(k string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '.', '_', '-', '/', '·', '#', ',', '、', '。':
			return -1
		}
		return r
	}, k)
}

// personalAnywhere are the personal-data words that mark a header
// personal wherever they appear in it, brackets included: 工号（身份证号）,
// 职级(手机). Pay words are left out: 薪资等级 is a grade, not a pay.
var personalAnywhere []string

func init() {
	for _, s := range synonyms {
		if s.field != FieldPersonal {
			continue
		}
		for _, w := range s.words {
			k := headerKey(w)
			if utf8.RuneCountInString(k) < 2 || (k[0] < 0x80 && len(k) < 5) {
				continue // "qq", "tel", "age": too short to find inside words
			}
			switch k {
			case "工资", "薪资", "薪酬", "salary", "基本工资", "月薪", "年薪", "照片", "photo",
				"idno", "idnumber": // "Employee ID Number" is the 工号

				continue
			}
			personalAnywhere = append(personalAnywhere, k)
		}
	}
}

// fullKey is headerKey without dropping a bracketed part.
func fullKey(s string) string {
	s = strings.ToLower(Normalize(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '*', '：', ':', '　', '\n', '\r', '\t', '"', '\'':
			return -1
		}
		return r
	}, s)
}

// MatchHeader returns the field a header means and how sure the match is
// (1 for an exact synonym, less for a contained one, 0 for none). A header
// that names personal data anywhere in it is personal, whatever else it
// says.
func MatchHeader(h string) (Field, float64) {
	k := headerKey(h)
	if k == "" {
		return FieldIgnore, 0
	}
	if fk := fullKey(h); utf8.RuneCountInString(fk) <= 40 {
		// An exact synonym (工卡号) is what it says; only its bracketed
		// remainder can still name personal data.
		if f, ok := exactField[k]; ok && f != FieldPersonal && strings.HasPrefix(fk, k) {
			fk = fk[len(k):]
		}
		for _, w := range personalAnywhere {
			if strings.Contains(fk, w) {
				if f, ok := exactField[k]; ok && f == FieldPersonal {
					return f, 1
				}
				return FieldPersonal, 0.9
			}
		}
	}
	if f, ok := exactField[k]; ok {
		return f, 1
	}
	if pk := punctKey(k); pk != k {
		if f, ok := exactField[pk]; ok {
			return f, 1
		}
	}
	if utf8.RuneCountInString(k) > 24 {
		return FieldIgnore, 0 // a title or a sentence, not a header
	}
	var words []string // the header's words, for English synonyms
	for _, c := range containWords {
		if strings.Contains(k, c.word) {
			if c.field == FieldName && !nameCompound(k, c.word) {
				continue // 标准中文名, 产品名称, "Model Name": not a person's
			}
			if c.word[0] < 0x80 {
				if words == nil {
					words = headerWords(h)
				}
				if !wordRun(words, c.word) {
					continue // "Unit Price" is a price, "Model Name" a model's
				}
			}
			// The more of the header the synonym covers, the surer.
			return c.field, 0.5 + 0.4*float64(len(c.word))/float64(len(k))
		}
	}
	return FieldIgnore, 0
}

// nameQualifiers are what may stand before 姓名 in a heading of the
// person's name; 客户姓名, 联系人姓名 name someone else.
var nameQualifiers = map[string]bool{"": true, "员工": true, "职工": true, "人员": true, "雇员": true, "教职工": true, "干部": true,
	"中文": true, "英文": true, "真实": true, "本人": true, "员工中文": true, "员工英文": true, "业务员": true, "销售员": true, "成员": true, "全": true}

// nameCompound reports whether header key k, which contains the name
// synonym w, is a person's name: a compound that is a name synonym itself
// ("Employee Full Name" ends in fullname), or 姓名 after a qualifier of the
// person's own (员工中文姓名). Bare name words inside other headings
// (标准中文名, "Model Name") are not.
func nameCompound(k, w string) bool {
	switch w {
	case "name", "名字", "中文名", "成员", "业务员", "销售员", "employee":
		return false
	case "姓名":
		i := strings.Index(k, w)
		return nameQualifiers[k[:i]] && (k[i+len(w):] == "" || nameQualifiers[k[i+len(w):]])
	}
	return true
}

// headerWords splits a header (before a bracketed part) into lower-case
// words: runs of letters and digits, split again where a lower-case
// letter meets an upper-case one (JobRole); other runes end a word.
func headerWords(h string) []string {
	h = Normalize(h)
	if i := strings.IndexAny(h, "(（"); i > 0 {
		h = h[:i]
	}
	var words []string
	var cur []rune
	prevLower := false
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range h {
		ascii := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		if !ascii {
			flush()
			prevLower = false
			continue
		}
		if r >= 'A' && r <= 'Z' && prevLower {
			flush()
		}
		cur = append(cur, r)
		prevLower = r >= 'a' && r <= 'z'
	}
	flush()
	return words
}

// wordRun reports whether English synonym w is some of the header's
// words run together, and counts only where it is the header's head
// noun, its last words ("Employee Status" is a status, "Unit Price" a
// price), or a compound of two words or more ("Employee ID Number").
func wordRun(words []string, w string) bool {
	w = punctKey(w)
	for i := range words {
		run := ""
		for j := i; j < len(words) && len(run) < len(w); j++ {
			run += words[j]
			if run == w {
				return j == len(words)-1 || j > i
			}
		}
	}
	return false
}

// Column is a column as detected: its header, the field it seems to mean
// and how sure that is (0–1).
type Column struct {
	Index      int
	Header     string
	Field      Field
	Confidence float64
}

// Personal reports whether the column holds personal data.
func (c Column) Personal() bool { return c.Field == FieldPersonal }

// maxHeaderScan is how many rows are searched for the header. Import
// templates put a title and long instructions above the headings (30 rows
// in some); matching 60 rows costs nothing next to reading the sheet.
const maxHeaderScan = 60

// DetectHeader finds the header among the first rows: the row that
// matches the most distinct fields (title rows, with one cell, and blank
// rows score nothing). It returns the 0-based row index, or -1 when no row
// names at least two known fields.
func DetectHeader(rows [][]string) (int, []Column) {
	best, bestScore := -1, 0.0
	var bestCols []Column
	for i := 0; i < len(rows) && i < maxHeaderScan; i++ {
		cols := detectColumns(rows[i])
		seen := map[Field]bool{}
		score := 0.0
		nonEmpty := 0
		for _, c := range cols {
			if c.Header != "" {
				nonEmpty++
			}
			if c.Field == FieldIgnore || seen[c.Field] {
				continue
			}
			seen[c.Field] = true
			w := c.Confidence
			if c.Field == FieldPersonal || c.Field == FieldSeq {
				w /= 2
			}
			score += w
		}
		// A merged title spread over the row repeats one text; it names
		// one field at most.
		if len(seen) < 2 || nonEmpty < 2 {
			continue
		}
		if score > bestScore+1e-9 {
			best, bestScore, bestCols = i, score, cols
		}
	}
	return best, bestCols
}

func detectColumns(row []string) []Column {
	cols := make([]Column, len(row))
	used := map[Field]int{}
	for i, raw := range row {
		h := collapseSpaces(Normalize(raw))
		f, conf := MatchHeader(h)
		if conf < 1 && f != FieldPersonal && strings.ContainsAny(raw, "\n\r") {
			if lf, lc := matchLines(raw); lc > conf {
				f, conf = lf, lc
			}
		}
		cols[i] = Column{Index: i, Header: h, Field: f, Confidence: conf}
		if f != FieldIgnore && f != FieldPersonal {
			used[f]++
		}
	}
	// Two columns claiming one field: keep the surer one; a second
	// 部门 column after a first reads as the next level.
	for f, n := range used {
		if n < 2 {
			continue
		}
		keep := -1
		for i, c := range cols {
			if c.Field == f && (keep < 0 || c.Confidence > cols[keep].Confidence) {
				keep = i
			}
		}
		for i := range cols {
			if i != keep && cols[i].Field == f {
				cols[i].Field, cols[i].Confidence = FieldIgnore, 0
			}
		}
	}
	return cols
}

// matchLines matches a heading written on several lines (岗位\n工种\n职称
// \n职务) line by line: the field most of its lines name exactly, surer
// the more lines name it, so that heading is surer of the post than
// 岗位\n系数 is.
func matchLines(raw string) (Field, float64) {
	count := map[Field]int{}
	lines := 0
	for _, l := range strings.FieldsFunc(raw, func(r rune) bool { return r == '\n' || r == '\r' }) {
		l = collapseSpaces(Normalize(l))
		if l == "" {
			continue
		}
		lines++
		if f, c := MatchHeader(l); c == 1 && f != FieldIgnore {
			count[f]++
		}
	}
	best, n := FieldIgnore, 0
	for f, c := range count {
		if c > n || (c == n && f < best) {
			best, n = f, c
		}
	}
	if n == 0 || lines < 2 {
		return FieldIgnore, 0
	}
	return best, 0.6 + 0.4*float64(n)/float64(lines)
}

// Mapping assigns a field to each column by index; FieldIgnore (or an
// index past the end) ignores the column. The caller may change it.
type Mapping []Field

// Field returns the field of column i.
func (m Mapping) Field(i int) Field {
	if i < 0 || i >= len(m) {
		return FieldIgnore
	}
	return m[i]
}

// Col returns the first column mapped to f, or -1.
func (m Mapping) Col(f Field) int {
	for i, x := range m {
		if x == f {
			return i
		}
	}
	return -1
}

// Has reports whether any column is mapped to f.
func (m Mapping) Has(f Field) bool { return m.Col(f) >= 0 }

// MappingOf is the detected mapping of columns.
func MappingOf(cols []Column) Mapping {
	m := make(Mapping, len(cols))
	for i, c := range cols {
		m[i] = c.Field
	}
	return m
}

// MappingKey is a stable key for a set of headers: files whose header rows
// read the same (after normalising) share a key, so the user interface can
// remember a mapping the user corrected.
func MappingKey(headers []string) string {
	h := sha256.New()
	for i := len(headers); i > 0 && headerKey(headers[i-1]) == ""; i-- {
		headers = headers[:i-1] // trailing blank headers do not count
	}
	for _, s := range headers {
		h.Write([]byte(headerKey(s)))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

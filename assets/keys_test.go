package assets

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// dynamicParts names, for each non-constant part of a composed key
// (KeyPersonalValue+"."+string(sh)), the type whose constants it takes:
// every one of them makes a key that needs a translation. A composed key
// with a part not listed here fails the test, so no key escapes the check.
var dynamicParts = map[string]struct{ dir, typ string }{
	"string(sh)":     {"../data/importer", "Shape"}, // the kinds of personal data
	"string(w.Kind)": {"../data/importer", "Kind"},  // what a file holds
}

// keySource is what the scan learnt of the program's Go files.
type keySource struct {
	fset     *token.FileSet
	consts   map[string]map[string][]string // dir → name → string values
	typed    map[string]map[string][]string // dir → type name → its non-empty string constants
	problems map[string]map[string]ast.Expr // dir → var name → its Problem's Key
	pkgDirs  map[string][]string            // package name → dirs
	keyFuncs map[string]map[string]int      // dir → function → index of its parameter called key
	skipFns  map[string]map[string]bool     // dir → functions that make a Skip of their key
	files    map[string][]*ast.File         // dir → files
	tables   map[string]bool                // variables and fields that are tables of keys ([]Key, map[…]Key)
}

func scanSource(t *testing.T, dirs ...string) *keySource {
	t.Helper()
	ks := &keySource{fset: token.NewFileSet(), consts: map[string]map[string][]string{}, typed: map[string]map[string][]string{},
		problems: map[string]map[string]ast.Expr{}, pkgDirs: map[string][]string{}, keyFuncs: map[string]map[string]int{}, skipFns: map[string]map[string]bool{}, files: map[string][]*ast.File{}, tables: map[string]bool{}}
	for _, root := range dirs {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(ks.fset, path, nil, 0)
			if err != nil {
				return err
			}
			dir := filepath.Dir(path)
			if len(ks.files[dir]) == 0 {
				ks.pkgDirs[f.Name.Name] = append(ks.pkgDirs[f.Name.Name], dir)
			}
			ks.files[dir] = append(ks.files[dir], f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	type candidate struct {
		dir  string
		decl *ast.FuncDecl
		i    int
	}
	var candidates []candidate
	for dir, files := range ks.files {
		ks.consts[dir] = map[string][]string{}
		ks.problems[dir] = map[string]ast.Expr{}
		ks.typed[dir] = map[string][]string{}
		ks.keyFuncs[dir] = map[string]int{}
		ks.skipFns[dir] = map[string]bool{}
		for _, f := range files {
			for _, decl := range f.Decls {
				switch decl := decl.(type) {
				case *ast.GenDecl:
					for _, spec := range decl.Specs {
						if ts, ok := spec.(*ast.TypeSpec); ok {
							if st, ok := ts.Type.(*ast.StructType); ok {
								for _, field := range st.Fields.List {
									if isKeyTable(field.Type) {
										for _, name := range field.Names {
											ks.tables[name.Name] = true
										}
									}
								}
							}
						}
						vs, ok := spec.(*ast.ValueSpec)
						if !ok {
							continue
						}
						for i, name := range vs.Names {
							if i < len(vs.Values) {
								if cl, ok := vs.Values[i].(*ast.CompositeLit); ok && isKeyTable(cl.Type) {
									ks.tables[name.Name] = true
								}
							}
						}
						for i, name := range vs.Names {
							if i >= len(vs.Values) {
								break
							}
							if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
								v, _ := strconv.Unquote(lit.Value)
								ks.consts[dir][name.Name] = append(ks.consts[dir][name.Name], v)
								if id, ok := vs.Type.(*ast.Ident); ok && v != "" {
									ks.typed[dir][id.Name] = append(ks.typed[dir][id.Name], v)
								}
							}
							if key := problemKey(vs.Values[i]); key != nil {
								ks.problems[dir][name.Name] = key
							}
						}
					}
				case *ast.FuncDecl:
					i := 0
					for _, field := range decl.Type.Params.List {
						for _, name := range field.Names {
							if id, ok := field.Type.(*ast.Ident); ok && id.Name == "string" && name.Name == "key" {
								candidates = append(candidates, candidate{dir, decl, i})
							}
							i++
						}
					}
				}
			}
		}
	}
	// A function takes a translation key when it makes a Problem or Skip
	// or passes its key on to one that does (cellProblem → problem).
	for changed := true; changed; {
		changed = false
		for _, c := range candidates {
			if _, done := ks.keyFuncs[c.dir][c.decl.Name.Name]; done {
				continue
			}
			makes := false
			ast.Inspect(c.decl.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CompositeLit:
					makes = makes || isProblemType(n.Type)
					if isSkipType(n.Type) {
						ks.skipFns[c.dir][c.decl.Name.Name] = true
					}
				case *ast.CallExpr:
					name := ""
					switch fn := n.Fun.(type) {
					case *ast.Ident:
						name = fn.Name
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					}
					_, ok := ks.keyFuncs[c.dir][name]
					makes = makes || ok || translates(n, "key")
				}
				return !makes
			})
			if makes {
				ks.keyFuncs[c.dir][c.decl.Name.Name] = c.i
				changed = true
			}
		}
	}
	return ks
}

// translates reports whether call is i18n.T or lang.X (T inside package
// i18n) given the identifier param as its key, or with param "" any key.
func translates(call *ast.CallExpr, param string) bool {
	i := keyArg(call)
	if i < 0 || i >= len(call.Args) {
		return false
	}
	id, ok := call.Args[i].(*ast.Ident)
	return param == "" || ok && id.Name == param
}

// keyArg is the index of the key among the arguments of a call of i18n.T
// (its second) or lang.X and core.X (their first), or -1 for other calls.
// A bare T is i18n's own, a bare X core's.
func keyArg(call *ast.CallExpr) int {
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok {
			switch {
			case x.Name == "i18n" && fn.Sel.Name == "T":
				return 1
			case (x.Name == "lang" || x.Name == "core") && fn.Sel.Name == "X":
				return 0 // Fyne's lang.X, and core.X: the same over data/i18n
			}
		}
	case *ast.Ident:
		if fn.Name == "T" {
			return 1
		}
		if fn.Name == "X" {
			return 0
		}
	}
	return -1
}

// isKeyTable reports whether e is the type of a table of keys: []Key or
// map[…]Key.
func isKeyTable(e ast.Expr) bool {
	switch ty := e.(type) {
	case *ast.ArrayType:
		return isKeyType(ty.Elt)
	case *ast.MapType:
		return isKeyType(ty.Value)
	}
	return false
}

// isKeyType reports whether e is Key or i18n.Key, the type of the
// elements of a table of translation keys.
func isKeyType(e ast.Expr) bool {
	switch ty := e.(type) {
	case *ast.Ident:
		return ty.Name == "Key"
	case *ast.SelectorExpr:
		x, ok := ty.X.(*ast.Ident)
		return ok && x.Name == "i18n" && ty.Sel.Name == "Key"
	}
	return false
}

// keyFuncLit returns the index of a function literal's string parameter
// called key when the literal passes it to i18n.T or lang.X (t :=
// func(key string) string { return i18n.T(lang, key, nil) }), else -1.
func keyFuncLit(e ast.Expr) int {
	fl, ok := e.(*ast.FuncLit)
	if !ok {
		return -1
	}
	i, at := 0, -1
	for _, field := range fl.Type.Params.List {
		for _, name := range field.Names {
			if id, ok := field.Type.(*ast.Ident); ok && id.Name == "string" && name.Name == "key" {
				at = i
			}
			i++
		}
	}
	if at < 0 {
		return -1
	}
	found := false
	ast.Inspect(fl.Body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && translates(c, "key") {
			found = true
		}
		return !found
	})
	if !found {
		return -1
	}
	return at
}

// isProblemType reports whether a composite literal's type is Problem or
// Skip, the two records that carry a translation key.
func isProblemType(e ast.Expr) bool {
	switch ty := e.(type) {
	case *ast.Ident:
		return ty.Name == "Problem" || ty.Name == "Skip"
	case *ast.SelectorExpr:
		return ty.Sel.Name == "Problem" || ty.Sel.Name == "Skip"
	}
	return false
}

// isSkipType reports whether a composite literal's type is Skip: a skipped
// row, whose reason the import dialog translates without arguments.
func isSkipType(e ast.Expr) bool {
	switch ty := e.(type) {
	case *ast.Ident:
		return ty.Name == "Skip"
	case *ast.SelectorExpr:
		return ty.Sel.Name == "Skip"
	}
	return false
}

// problemKey is the Key of &model.Problem{Key: ...}, or nil.
func problemKey(e ast.Expr) ast.Expr {
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = u.X
	}
	cl, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	for _, el := range cl.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Key" {
				return kv.Value
			}
		}
	}
	return nil
}

// eval returns the keys expr can be; forward is true for a key passed on
// from a parameter or field (checked where it was made); a problem is
// reported as a string.
func (ks *keySource) eval(dir string, e ast.Expr) (keys []string, forward bool, problem string) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			v, _ := strconv.Unquote(e.Value)
			return []string{v}, false, ""
		}
	case *ast.ParenExpr:
		return ks.eval(dir, e.X)
	case *ast.IndexExpr:
		// formulas[name], e.Keys[v]: a key from a table, checked where the
		// table is written.
		name := ""
		switch x := e.X.(type) {
		case *ast.Ident:
			name = x.Name
		case *ast.SelectorExpr:
			name = x.Sel.Name
		}
		if ks.tables[name] {
			return nil, true, ""
		}
	case *ast.Ident:
		if v, ok := ks.consts[dir][e.Name]; ok {
			return v, false, ""
		}
		if k, ok := ks.problems[dir][e.Name]; ok {
			return ks.eval(dir, k)
		}
		return nil, true, ""
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			// ErrX.Key: the key the sentinel was made with.
			if e.Sel.Name == "Key" {
				if k, ok := ks.problems[dir][x.Name]; ok {
					return ks.eval(dir, k)
				}
				for _, d := range ks.allDirs() {
					if k, ok := ks.problems[d][x.Name]; ok && ks.inPackage(d, x.Name) {
						return ks.eval(d, k)
					}
				}
				return nil, true, ""
			}
			// pkg.Const
			for _, d := range ks.pkgDirs[x.Name] {
				if v, ok := ks.consts[d][e.Sel.Name]; ok {
					return v, false, ""
				}
			}
		}
		return nil, true, ""
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			break
		}
		left, lf, lp := ks.evalPart(dir, e.X)
		right, rf, rp := ks.evalPart(dir, e.Y)
		if lp != "" || rp != "" {
			return nil, false, lp + rp
		}
		if lf || rf {
			return nil, false, "a composed key with a part that is not a constant: " + ks.text(e)
		}
		for _, l := range left {
			for _, r := range right {
				keys = append(keys, l+r)
			}
		}
		return keys, false, ""
	}
	return nil, false, "a key the scan cannot read: " + ks.text(e)
}

// evalPart is eval for a part of a composed key, where a dynamic part is
// looked up in dynamicParts.
func (ks *keySource) evalPart(dir string, e ast.Expr) ([]string, bool, string) {
	if dp, ok := dynamicParts[ks.text(e)]; ok {
		vals := ks.typed[dp.dir][dp.typ]
		if len(vals) == 0 {
			return nil, false, "dynamicParts names type " + dp.typ + " that has no string constants in " + dp.dir
		}
		return vals, false, ""
	}
	if _, ok := e.(*ast.CallExpr); ok {
		return nil, false, "a composed key with a part that is not a constant: " + ks.text(e) + " (add it to dynamicParts)"
	}
	return ks.eval(dir, e)
}

func (ks *keySource) allDirs() []string {
	var out []string
	for d := range ks.files {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

func (ks *keySource) inPackage(dir, name string) bool { _, ok := ks.problems[dir][name]; return ok }

func (ks *keySource) text(e ast.Expr) string {
	start, end := ks.fset.Position(e.Pos()), ks.fset.Position(e.End())
	for _, files := range ks.files {
		for _, f := range files {
			if ks.fset.Position(f.Pos()).Filename == start.Filename {
				b, err := readSource(start.Filename)
				if err == nil && end.Offset <= len(b) {
					return string(b[start.Offset:end.Offset])
				}
			}
		}
	}
	return "?"
}

var sourceCache = map[string][]byte{}

func readSource(path string) ([]byte, error) {
	if b, ok := sourceCache[path]; ok {
		return b, nil
	}
	b, err := readFileOS(path)
	sourceCache[path] = b
	return b, err
}

// usedKeys finds every translation key the program uses, with where: the
// first argument of lang.X, the argument of every function or method of
// the same package passed as its parameter called key (problem,
// cellProblem, rowProblem, fail, skipRow), and the Key of every Problem
// and Skip literal.
func usedKeys(t *testing.T, ks *keySource) (used, skips map[string]string) {
	t.Helper()
	used, skips = map[string]string{}, map[string]string{}
	add := func(dir string, e ast.Expr, skip bool) {
		keys, forward, problem := ks.eval(dir, e)
		pos := ks.fset.Position(e.Pos()).String()
		if problem != "" {
			t.Errorf("%s: %s", pos, problem)
			return
		}
		if forward {
			return
		}
		for _, k := range keys {
			if _, ok := used[k]; !ok {
				used[k] = pos
			}
			if _, ok := skips[k]; !ok && skip {
				skips[k] = pos
			}
		}
	}
	for dir, files := range ks.files {
		for _, f := range files {
			bareOK := map[string]bool{"i18n": true, "core": true}[f.Name.Name]
			closures := map[string]int{} // t := func(key string) …: t's key parameter
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for i, l := range n.Lhs {
						if id, ok := l.(*ast.Ident); ok && i < len(n.Rhs) {
							if at := keyFuncLit(n.Rhs[i]); at >= 0 {
								closures[id.Name] = at
							}
						}
					}
				case *ast.CallExpr:
					if len(n.Args) == 0 {
						break
					}
					if i := keyArg(n); i >= 0 && i < len(n.Args) {
						if id, bare := n.Fun.(*ast.Ident); !bare || bareOK && (id.Name == "T") == (f.Name.Name == "i18n") {
							add(dir, n.Args[i], false)
							return true
						}
					}
					name := ""
					switch fn := n.Fun.(type) {
					case *ast.SelectorExpr:
						name = fn.Sel.Name // a method: st.skipRow
					case *ast.Ident:
						name = fn.Name
						if i, ok := closures[name]; ok && i < len(n.Args) {
							add(dir, n.Args[i], false)
							return true
						}
					}
					if i, ok := ks.keyFuncs[dir][name]; ok && i < len(n.Args) {
						add(dir, n.Args[i], ks.skipFns[dir][name])
					}
				case *ast.CompositeLit:
					if isProblemType(n.Type) {
						if k := problemKey(n); k != nil {
							add(dir, k, isSkipType(n.Type))
						}
					}
					// A table of keys: []Key{…}, map[…]i18n.Key{…}.
					var elt ast.Expr
					switch ty := n.Type.(type) {
					case *ast.ArrayType:
						elt = ty.Elt
					case *ast.MapType:
						elt = ty.Value
					}
					if elt != nil && isKeyType(elt) {
						for _, e := range n.Elts {
							if kv, ok := e.(*ast.KeyValueExpr); ok {
								e = kv.Value
							}
							add(dir, e, false)
						}
					}
				}
				return true
			})
		}
	}
	return used, skips
}

// TestEveryUsedKeyIsTranslated: every key the code can show, composed
// ones (warn.import.value+".status", the personal-data kinds) and the
// import's skip reasons included, has an English and a Chinese text.
func TestEveryUsedKeyIsTranslated(t *testing.T) {
	ks := scanSource(t, "../app", "../widgets", "../data")
	used, skips := usedKeys(t, ks)
	if len(used) < 300 {
		t.Fatalf("found only %d keys; is the scan broken?", len(used))
	}
	for _, want := range []string{"warn.import.value.status", "warn.import.personal_value.mobile", "skip.import.subtotal", "err.calc.unknown_driver", "menu.export",
		// data/i18n's tables and the data packages' texts: enums, formulas, export labels
		"enum.person_status.probation", "enum.employment.retiree", "enum.quantity.seats", "enum.backup_reason.delete_plan", "enum.basis.2008",
		"calc.formula.cover.year", "calc.formula.or", "export.template.help.3", "export.calc.col.gap", "export.subtotal", "export.kind.roster"} {
		if _, ok := used[want]; !ok {
			t.Errorf("the scan missed %q", want)
		}
	}
	tr := map[string]map[string]string{}
	for _, name := range []string{"en", "zh_Hans"} {
		b, err := fs.ReadFile(Translations(), "translations/"+name+".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		tr[name] = m
	}
	var keys []string
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, name := range []string{"en", "zh_Hans"} {
			if _, ok := tr[name][k]; !ok {
				t.Errorf("%s: key %q has no %s translation", used[k], k, name)
			}
		}
	}
	// Both files have the same keys, and a key's texts the same
	// placeholders: Fyne's lang and data/i18n fill them from one set of
	// arguments.
	for k, e := range tr["en"] {
		z, ok := tr["zh_Hans"][k]
		if !ok {
			t.Errorf("key %q is in en.json but not in zh_Hans.json", k)
		} else if placeholderSet(e) != placeholderSet(z) {
			t.Errorf("key %q: placeholders differ: en %q, zh_Hans %q", k, e, z)
		}
	}
	for k := range tr["zh_Hans"] {
		if _, ok := tr["en"][k]; !ok {
			t.Errorf("key %q is in zh_Hans.json but not in en.json", k)
		}
	}
	// The list of skipped rows translates a skip's key with no arguments:
	// a text with {{.sheet}} would show "<no value>".
	if len(skips) < 5 {
		t.Fatalf("found only %d skip keys; is the scan broken?", len(skips))
	}
	for k, pos := range skips {
		for _, name := range []string{"en", "zh_Hans"} {
			if v := tr[name][k]; strings.Contains(v, "{{") {
				t.Errorf("%s: key %q names a skipped row, but its %s text needs arguments: %q", pos, k, name, v)
			}
		}
	}
}

var placeholderRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholderSet is the sorted names of a text's {{.name}} placeholders.
func placeholderSet(s string) string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return strings.Join(slices.Compact(out), ",")
}

func readFileOS(path string) ([]byte, error) { return os.ReadFile(path) }

// quotesChinese are the English texts that quote what Chinese files hold
// (headings such as 工号, a headcount written 1-2人): there the Chinese is
// what the user looks for in their file.
var quotesChinese = map[string]bool{
	"err.import.empty.roster": true, "err.import.map.syntax": true, "err.import.no_header.file": true,
	"err.import.no_header.sheet": true, "import.range": true, "warn.import.ambiguous_manager": true,
	"warn.import.no_empno.column": true, "warn.import.no_empno.row": true,
}

// TestEnglishTextsHaveNoChinese: the English interface shows no Chinese
// label, example or default ("read as 在职"), except where a text quotes a
// Chinese file.
func TestEnglishTextsHaveNoChinese(t *testing.T) {
	b, err := fs.ReadFile(Translations(), "translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	en := map[string]string{}
	if err := json.Unmarshal(b, &en); err != nil {
		t.Fatal(err)
	}
	for k, v := range en {
		han := strings.ContainsFunc(v, func(r rune) bool { return unicode.Is(unicode.Han, r) })
		if han && !quotesChinese[k] {
			t.Errorf("en.json %q is %q", k, v)
		}
		if !han && quotesChinese[k] {
			t.Errorf("en.json %q no longer quotes Chinese: take it off quotesChinese", k)
		}
	}
}

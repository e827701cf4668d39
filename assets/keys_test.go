package assets

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
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
}

func scanSource(t *testing.T, dirs ...string) *keySource {
	t.Helper()
	ks := &keySource{fset: token.NewFileSet(), consts: map[string]map[string][]string{}, typed: map[string]map[string][]string{},
		problems: map[string]map[string]ast.Expr{}, pkgDirs: map[string][]string{}, keyFuncs: map[string]map[string]int{}, skipFns: map[string]map[string]bool{}, files: map[string][]*ast.File{}}
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
						vs, ok := spec.(*ast.ValueSpec)
						if !ok {
							continue
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
					makes = makes || ok
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
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if len(n.Args) == 0 {
						break
					}
					name := ""
					switch fn := n.Fun.(type) {
					case *ast.SelectorExpr:
						if x, ok := fn.X.(*ast.Ident); ok && x.Name == "lang" && fn.Sel.Name == "X" {
							add(dir, n.Args[0], false)
							return true
						}
						name = fn.Sel.Name // a method: st.skipRow
					case *ast.Ident:
						name = fn.Name
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
	for _, want := range []string{"warn.import.value.status", "warn.import.personal_value.mobile", "skip.import.subtotal", "err.calc.unknown_driver", "menu.export"} {
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

func readFileOS(path string) ([]byte, error) { return os.ReadFile(path) }

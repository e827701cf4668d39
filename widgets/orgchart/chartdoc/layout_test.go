package chartdoc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

// randomTree builds n nodes breadth first, each manager getting 1..11
// reports (mean about 6), with box sizes varied like real content.
// smallNodes is a two-level chart with Chinese titles and holders:
//
//	ceo ─┬─ fin ── acc, cash
//	     └─ hr ─── rec
func smallNodes() []Node {
	return []Node{
		{ID: "ceo", Title: "总经理", Lines: []string{"编制 1 / 在岗 1", "张伟"}},
		{ID: "fin", Parent: "ceo", Title: "财务部经理", Subtitle: "财务部", Lines: []string{"王芳"}},
		{ID: "hr", Parent: "ceo", Title: "人力资源经理", Subtitle: "人力资源部", Style: Vacancy},
		{ID: "acc", Parent: "fin", Title: "会计", Lines: []string{"李娜"}, Style: Over},
		{ID: "cash", Parent: "fin", Title: "出纳", Style: Dashed, Dotted: []string{"hr"}},
		{ID: "rec", Parent: "hr", Title: "招聘专员", Lines: []string{"Anna Smith"}, Badge: "兼"},
	}
}

func randomTree(n int, seed uint64) ([]Node, []Size) {
	r := rand.New(rand.NewPCG(seed, 1))
	nodes := make([]Node, 0, n)
	sizes := make([]Size, 0, n)
	add := func(parent string) {
		id := fmt.Sprintf("n%d", len(nodes))
		nodes = append(nodes, Node{ID: id, Parent: parent, Title: "岗位 " + id})
		sizes = append(sizes, newSize(float32(80+r.IntN(140)), float32(36+r.IntN(60))))
	}
	add("")
	for q := 0; len(nodes) < n; q++ {
		k := 1 + r.IntN(11)
		for j := 0; j < k && len(nodes) < n; j++ {
			add(nodes[q].ID)
		}
	}
	return nodes, sizes
}

// shuffledForest is randomTree with some extra roots and wide managers, so
// compact blocks and forests are exercised.
func shuffledForest(n int, seed uint64) ([]Node, []Size) {
	r := rand.New(rand.NewPCG(seed, 2))
	nodes := make([]Node, 0, n)
	sizes := make([]Size, 0, n)
	for i := 0; i < n; i++ {
		parent := ""
		if i > 0 && r.IntN(40) != 0 {
			// Prefer recent nodes, sometimes a hub, so spans vary widely.
			j := r.IntN(i)
			if r.IntN(3) == 0 {
				j = r.IntN(min(i, 5))
			}
			parent = nodes[j].ID
		}
		id := fmt.Sprintf("f%d", i)
		nodes = append(nodes, Node{ID: id, Parent: parent, Title: id})
		sizes = append(sizes, newSize(float32(60+r.IntN(160)), float32(30+r.IntN(70))))
	}
	// A few managers with many reports that are all leaves (compact mode).
	for k := 0; k < 3; k++ {
		p := nodes[r.IntN(len(nodes))].ID
		for j := 7 + r.IntN(20); j > 0; j-- {
			id := fmt.Sprintf("f%d", len(nodes))
			nodes = append(nodes, Node{ID: id, Parent: p, Title: id})
			sizes = append(sizes, newSize(float32(60+r.IntN(160)), float32(30+r.IntN(70))))
		}
	}
	return nodes, sizes
}

func mustModel(t testing.TB, nodes []Node) *Model {
	t.Helper()
	m, err := NewModel(nodes)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type layoutCase struct {
	name      string
	opt       Options
	collapsed bool
}

var layoutCases = []layoutCase{
	{"topdown", Options{}, false},
	{"leftright", Options{Orientation: LeftRight}, false},
	{"compact", Options{Compact: true}, false},
	{"compact-n3-lr", Options{Compact: true, CompactThreshold: 3, Orientation: LeftRight}, false},
	{"topdown-collapsed", Options{}, true},
	{"compact-collapsed", Options{Compact: true, CompactThreshold: 4}, true},
}

func forEachRandomLayout(t *testing.T, f func(t *testing.T, m *Model, L *Layout, collapsed []bool)) {
	for _, lc := range layoutCases {
		for seed := uint64(1); seed <= 6; seed++ {
			gen := randomTree
			if seed%2 == 0 {
				gen = shuffledForest
			}
			nodes, sizes := gen(120+int(seed)*150, seed)
			m := mustModel(t, nodes)
			var collapsed []bool
			if lc.collapsed {
				r := rand.New(rand.NewPCG(seed, 9))
				collapsed = make([]bool, len(nodes))
				for i := range collapsed {
					collapsed[i] = r.IntN(8) == 0
				}
			}
			L := ComputeLayout(m, sizes, collapsed, lc.opt)
			t.Run(fmt.Sprintf("%s/seed=%d", lc.name, seed), func(t *testing.T) { f(t, m, L, collapsed) })
		}
	}
}

func TestLayoutNoOverlap(t *testing.T) {
	forEachRandomLayout(t, func(t *testing.T, m *Model, L *Layout, _ []bool) {
		var vis []int
		for i := range L.Boxes {
			if L.Visible[i] {
				vis = append(vis, i)
			}
		}
		sort.Slice(vis, func(a, b int) bool { return L.Boxes[vis[a]].X < L.Boxes[vis[b]].X })
		for a := 0; a < len(vis); a++ {
			ra := L.Boxes[vis[a]]
			for b := a + 1; b < len(vis) && L.Boxes[vis[b]].X < ra.X+ra.W; b++ {
				rb := L.Boxes[vis[b]]
				// Shrink a hair: float32 rounding may make neighbours
				// "touch" by 1e-4, which is not an overlap on screen.
				rb = Rect{rb.X + 0.01, rb.Y + 0.01, rb.W - 0.02, rb.H - 0.02}
				if ra.Intersects(rb) {
					t.Fatalf("boxes %s %v and %s %v overlap", m.Node(vis[a]).ID, ra, m.Node(vis[b]).ID, L.Boxes[vis[b]])
				}
			}
		}
	})
}

func TestLayoutParentsCentredAndBelow(t *testing.T) {
	forEachRandomLayout(t, func(t *testing.T, m *Model, L *Layout, collapsed []bool) {
		lr := L.Options.Orientation == LeftRight
		for p := 0; p < m.Len(); p++ {
			ks := m.ChildrenOf(p)
			if !L.Visible[p] || len(ks) == 0 || (collapsed != nil && collapsed[p]) {
				continue
			}
			pr := L.Boxes[p]
			f, l := L.Boxes[ks[0]], L.Boxes[ks[len(ks)-1]]
			pc, lo, hi := pr.X+pr.W/2, f.X, l.X+l.W
			if lr {
				pc, lo, hi = pr.Y+pr.H/2, f.Y, l.Y+l.H
			}
			if L.InColumn[ks[0]] {
				// A column block: the span runs from the first spine.
				lo -= L.Options.withDefaults().SiblingGap * compactIndent
				hi = lo
				for _, k := range ks {
					if lr {
						hi = max(hi, L.Boxes[k].Y+L.Boxes[k].H)
					} else {
						hi = max(hi, L.Boxes[k].X+L.Boxes[k].W)
					}
				}
			}
			if d := math.Abs(float64(pc - (lo+hi)/2)); d > 0.05 {
				t.Fatalf("%s not centred over its reports: centre %v, span %v..%v", m.Node(p).ID, pc, lo, hi)
			}
			for k, c := range ks {
				cr := L.Boxes[c]
				if (!lr && cr.Y < pr.Y+pr.H) || (lr && cr.X < pr.X+pr.W) {
					t.Fatalf("%s is not below its manager %s", m.Node(c).ID, m.Node(p).ID)
				}
				if k > 0 && !L.InColumn[c] {
					prev := L.Boxes[ks[k-1]]
					if (!lr && cr.X <= prev.X) || (lr && cr.Y <= prev.Y) {
						t.Fatalf("siblings %s, %s out of order", m.Node(ks[k-1]).ID, m.Node(c).ID)
					}
				}
			}
		}
	})
}

func TestLayoutLevelsAligned(t *testing.T) {
	forEachRandomLayout(t, func(t *testing.T, m *Model, L *Layout, _ []bool) {
		at := map[int32]float32{}
		for i := range L.Boxes {
			if !L.Visible[i] || L.InColumn[i] {
				continue
			}
			v := L.Boxes[i].Y
			if L.Options.Orientation == LeftRight {
				v = L.Boxes[i].X
			}
			if w, ok := at[L.Depth[i]]; ok && w != v {
				t.Fatalf("level %d at %v and %v", L.Depth[i], w, v)
			}
			at[L.Depth[i]] = v
		}
	})
}

func TestLayoutCompactColumns(t *testing.T) {
	forEachRandomLayout(t, func(t *testing.T, m *Model, L *Layout, collapsed []bool) {
		N := L.Options.withDefaults().CompactThreshold
		leaf := func(i int) bool { return m.NumChildren(i) == 0 || (collapsed != nil && collapsed[i]) }
		blocks := 0
		for p := 0; p < m.Len(); p++ {
			ks := m.ChildrenOf(p)
			if !L.Visible[p] || len(ks) == 0 || (collapsed != nil && collapsed[p]) {
				continue
			}
			want := L.Options.Compact && len(ks) > N
			for _, k := range ks {
				want = want && leaf(k)
			}
			for _, k := range ks {
				if L.InColumn[k] != want {
					t.Fatalf("%s: InColumn=%v, want %v", m.Node(k).ID, L.InColumn[k], want)
				}
			}
			if !want {
				continue
			}
			blocks++
			cols := map[float32]int{}
			for _, k := range ks {
				u := L.Boxes[k].X
				if L.Options.Orientation == LeftRight {
					u = L.Boxes[k].Y
				}
				cols[u]++
			}
			if len(cols) < 2 {
				t.Fatalf("%s: %d reports in %d column", m.Node(p).ID, len(ks), len(cols))
			}
			for u, c := range cols {
				if c > N {
					t.Fatalf("%s: column at %v holds %d > %d", m.Node(p).ID, u, c, N)
				}
			}
		}
		if L.Options.Compact && blocks == 0 {
			t.Fatal("no compact block in this tree: the test checks nothing")
		}
	})
}

func TestLayoutDeterministic(t *testing.T) {
	nodes, sizes := shuffledForest(3000, 42)
	for _, lc := range layoutCases {
		a := ComputeLayout(mustModel(t, nodes), sizes, nil, lc.opt)
		b := ComputeLayout(mustModel(t, nodes), sizes, nil, lc.opt)
		if !reflect.DeepEqual(a.Boxes, b.Boxes) || !reflect.DeepEqual(a.Segments, b.Segments) {
			t.Fatalf("%s: two runs differ", lc.name)
		}
	}
}

func TestLayoutSmallExact(t *testing.T) {
	nodes := []Node{{ID: "r"}, {ID: "a", Parent: "r"}, {ID: "b", Parent: "r"}, {ID: "c", Parent: "r"}}
	sz := []Size{{Width: 100, Height: 40}, {Width: 60, Height: 30}, {Width: 60, Height: 50}, {Width: 60, Height: 30}}
	L := ComputeLayout(mustModel(t, nodes), sz, nil, Options{SiblingGap: 10, LevelGap: 20})
	want := []Rect{{50, 0, 100, 40}, {0, 60, 60, 30}, {70, 60, 60, 50}, {140, 60, 60, 30}}
	// Boxes start half a gap in from the left edge of their slot.
	for i := range want {
		want[i].X += 5
	}
	if !reflect.DeepEqual(L.Boxes, want) {
		t.Fatalf("boxes %v, want %v", L.Boxes, want)
	}
	if L.Bounds.W != 205 || L.Bounds.H != 110 {
		t.Fatalf("bounds %v", L.Bounds)
	}
}

func TestLayoutCollapsedHidesAndCounts(t *testing.T) {
	nodes, sizes := randomTree(200, 3)
	m := mustModel(t, nodes)
	collapsed := make([]bool, m.Len())
	collapsed[1] = true
	L := ComputeLayout(m, sizes, collapsed, Options{})
	if int(L.Hidden[1]) != m.Descendants(1) || m.Descendants(1) == 0 {
		t.Fatalf("hidden %d, descendants %d", L.Hidden[1], m.Descendants(1))
	}
	for i := 0; i < m.Len(); i++ {
		if L.Visible[i] == (m.IsDescendant(i, 1) && i != 1) {
			t.Fatalf("node %d visible=%v", i, L.Visible[i])
		}
	}
}

func TestQueryMatchesBruteForce(t *testing.T) {
	nodes, sizes := shuffledForest(2000, 5)
	m := mustModel(t, nodes)
	for _, lc := range layoutCases[:3] {
		L := ComputeLayout(m, sizes, nil, lc.opt)
		r := rand.New(rand.NewPCG(7, 7))
		for k := 0; k < 50; k++ {
			view := Rect{r.Float32() * L.Bounds.W, r.Float32() * L.Bounds.H, 300 + r.Float32()*900, 200 + r.Float32()*600}
			got := map[int]bool{}
			L.Query(view, func(i int) { got[i] = true }, nil)
			for i := range L.Boxes {
				if L.Visible[i] && L.Boxes[i].Intersects(view) != got[i] {
					t.Fatalf("%s: box %d in view %v: query says %v", lc.name, i, view, got[i])
				}
			}
			segs := 0
			L.Query(view, nil, func(Segment) { segs++ })
			want := 0
			for _, s := range append(append([]Segment{}, L.Segments...), L.Dotted...) {
				if s.bounds().Intersects(view) {
					want++
				}
			}
			if segs != want {
				t.Fatalf("%s: %d segments in view, want %d", lc.name, segs, want)
			}
		}
	}
}

func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		nodes, sizes := randomTree(n, 1)
		m := mustModel(b, nodes)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			for b.Loop() {
				ComputeLayout(m, sizes, nil, Options{})
			}
		})
	}
}

func BenchmarkLayoutCompact(b *testing.B) {
	nodes, sizes := randomTree(10000, 1)
	m := mustModel(b, nodes)
	for b.Loop() {
		ComputeLayout(m, sizes, nil, Options{Compact: true})
	}
}

func BenchmarkNewModel(b *testing.B) {
	nodes, _ := randomTree(10000, 1)
	for b.Loop() {
		if _, err := NewModel(nodes); err != nil {
			b.Fatal(err)
		}
	}
}

func newSize(w, h float32) Size { return Size{w, h} }

package chartdoc

import "math"

// Orientation is the direction in which reports hang off their manager.
type Orientation int

const (
	// TopDown puts reports below their manager.
	TopDown Orientation = iota
	// LeftRight puts reports to the right of their manager.
	LeftRight
)

// DefaultCompactThreshold is the N used when Options.CompactThreshold is 0.
const DefaultCompactThreshold = 6

// Options control the layout.
type Options struct {
	Orientation Orientation
	// Compact stacks the reports of a manager in columns when it has more
	// than CompactThreshold direct reports and all of them are leaves
	// (collapsed boxes count as leaves). The number of columns is
	// max(2, ceil(k/N)) for k reports, and the reports fill the columns
	// top to bottom, left to right, ceil(k/columns) ≤ N per column, so the
	// reading order is the sibling order.
	Compact          bool
	CompactThreshold int
	// SiblingGap is the space between neighbouring boxes (default 16).
	SiblingGap float32
	// LevelGap is the space between a manager and its reports (default 40).
	LevelGap float32
}

func (o Options) withDefaults() Options {
	if o.CompactThreshold <= 0 {
		o.CompactThreshold = DefaultCompactThreshold
	}
	if o.SiblingGap <= 0 {
		o.SiblingGap = 16
	}
	if o.LevelGap <= 0 {
		o.LevelGap = 40
	}
	return o
}

// compactIndent is how far boxes in a compact column sit right of the
// column's connector spine, as a fraction of SiblingGap.
const compactIndent = 1.0

// Rect is an axis-aligned rectangle in chart coordinates.
type Rect struct{ X, Y, W, H float32 }

// Intersects reports whether r and o overlap (touching edges do not count).
func (r Rect) Intersects(o Rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// Contains reports whether the point (x, y) lies in r.
func (r Rect) Contains(x, y float32) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

func (r Rect) union(o Rect) Rect {
	if r.W == 0 && r.H == 0 {
		return o
	}
	x0, y0 := min(r.X, o.X), min(r.Y, o.Y)
	x1, y1 := max(r.X+r.W, o.X+o.W), max(r.Y+r.H, o.Y+o.H)
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

// Segment is one straight piece of connector.
type Segment struct {
	X1, Y1, X2, Y2 float32
	// Dotted marks a dotted-line (functional) reporting line.
	Dotted bool
}

func (s Segment) bounds() Rect {
	return Rect{min(s.X1, s.X2), min(s.Y1, s.Y2), abs32(s.X2-s.X1) + 1, abs32(s.Y2-s.Y1) + 1}
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// Layout is the result of ComputeLayout: where every visible box and
// connector goes. Slices indexed by node are in Model index order.
type Layout struct {
	Options Options
	// Boxes holds each visible node's rectangle; hidden nodes have a zero
	// rectangle.
	Boxes   []Rect
	Visible []bool
	// Depth is the level of each visible node, roots at 0.
	Depth []int32
	// Hidden counts the descendants hidden under each collapsed node.
	Hidden []int32
	// InColumn marks nodes stacked in a compact column.
	InColumn []bool
	// Bounds encloses every box and connector; its top-left is (0, 0).
	Bounds Rect
	// Segments are the solid reporting lines; Dotted the dotted ones.
	Segments []Segment
	Dotted   []Segment

	// Internal tree kept for viewport queries: ids in breadth-first order,
	// id 0 is a virtual super-root, children of t are first[t]..+nk[t].
	model    []int32 // node index, -1 for the root, -2 for a column block
	first    []int32
	nk       []int32
	sub      []Rect  // bounds of the subtree, its boxes and connectors
	blk      []int32 // block number of a block id
	members  []int32 // block number → start into blockMem
	blockMem []int32
	segLo    []int32 // node's own connector segments Segments[segLo:segHi]
	segHi    []int32
}

// ComputeLayout places the visible nodes of m. sizes gives each node's box
// size (by index); collapsed (by index, may be nil) hides the descendants
// of a node. It runs in time linear in the number of visible nodes and
// has no side effects.
func ComputeLayout(m *Model, sizes []Size, collapsed []bool, opt Options) *Layout {
	opt = opt.withDefaults()
	n := m.Len()
	L := &Layout{
		Options:  opt,
		Boxes:    make([]Rect, n),
		Visible:  make([]bool, n),
		Depth:    make([]int32, n),
		Hidden:   make([]int32, n),
		InColumn: make([]bool, n),
		segLo:    make([]int32, n),
		segHi:    make([]int32, n),
	}
	isCollapsed := func(i int32) bool { return collapsed != nil && collapsed[i] }
	leaf := func(i int32) bool { return m.first[i] == m.first[i+1] || isCollapsed(i) }
	// uv space: u is breadth (along siblings), v is depth.
	bu := func(i int32) float64 {
		if opt.Orientation == LeftRight {
			return float64(sizes[i].Height)
		}
		return float64(sizes[i].Width)
	}
	bv := func(i int32) float64 {
		if opt.Orientation == LeftRight {
			return float64(sizes[i].Width)
		}
		return float64(sizes[i].Height)
	}
	gapU, gapV := float64(opt.SiblingGap), float64(opt.LevelGap)
	indent := gapU * compactIndent
	N := opt.CompactThreshold

	// Build the internal tree breadth first so that children get
	// consecutive ids and every parent precedes its children.
	t := &tidy{}
	t.grow(n/4 + 16)
	t.add(-1, -1, -1)
	type block struct {
		cols, rows int
		colU       []float64 // column widths (box part)
		colV       []float64 // column heights
		w, h       float64
	}
	var blocks []block
	for q := 0; q < len(t.model); q++ {
		v := t.model[q]
		var ks []int32
		if v == -1 {
			ks = m.roots
		} else if v >= 0 && !isCollapsed(v) {
			ks = m.children(v)
		}
		t.first[q] = int32(len(t.model))
		d := t.depth[q] + 1
		if opt.Compact && len(ks) > N && allLeaves(ks, leaf) && v >= 0 {
			k := len(ks)
			cols := max(2, (k+N-1)/N)
			rows := (k + cols - 1) / cols
			cols = (k + rows - 1) / rows // no empty trailing column
			b := block{cols: cols, rows: rows, colU: make([]float64, cols), colV: make([]float64, cols)}
			for j, c := range ks {
				col := j / rows
				b.colU[col] = max(b.colU[col], bu(c))
				if j%rows != 0 {
					b.colV[col] += gapU / 2
				}
				b.colV[col] += bv(c)
			}
			for col := range cols {
				b.w += indent + b.colU[col]
				b.h = max(b.h, b.colV[col])
			}
			b.w += float64(cols-1) * gapU
			id := t.add(-2, d, int32(len(blocks)))
			t.w[id] = b.w + gapU
			t.bv[id] = b.h
			blocks = append(blocks, b)
			L.members = append(L.members, int32(len(L.blockMem)))
			L.blockMem = append(L.blockMem, ks...)
			t.nk[q] = 1
			continue
		}
		for _, c := range ks {
			id := t.add(c, d, -1)
			t.w[id] = bu(c) + gapU
			t.bv[id] = bv(c)
		}
		t.nk[q] = int32(len(ks))
	}
	L.members = append(L.members, int32(len(L.blockMem)))
	T := len(t.model)

	// Levels: each level is as deep as its deepest ordinary box, so that
	// boxes of one level line up; column blocks hang below their level.
	maxD := int32(0)
	for q := 1; q < T; q++ {
		maxD = max(maxD, t.depth[q])
	}
	levelV := make([]float64, maxD+2)
	for q := 1; q < T; q++ {
		if t.model[q] >= 0 {
			levelV[t.depth[q]] = max(levelV[t.depth[q]], t.bv[q])
		}
	}
	levelTop := make([]float64, maxD+2)
	for d := int32(1); d <= maxD+1; d++ {
		levelTop[d] = levelTop[d-1] + levelV[d-1] + gapV
	}
	t.alloc()
	t.y[0], t.h[0] = -1, 1
	for q := 1; q < T; q++ {
		d := t.depth[q]
		t.y[q] = levelTop[d]
		if t.model[q] >= 0 {
			t.h[q] = levelV[d] + gapV
		} else {
			t.h[q] = t.bv[q] + gapV
		}
	}
	t.run()

	// Output in uv, then map to xy.
	minU := math.Inf(1)
	for q := 1; q < T; q++ {
		minU = min(minU, t.x[q])
	}
	if T == 1 {
		minU = 0
	}
	toRect := func(u, v, w, h float64) Rect {
		if opt.Orientation == LeftRight {
			return Rect{float32(v), float32(u), float32(h), float32(w)}
		}
		return Rect{float32(u), float32(v), float32(w), float32(h)}
	}
	seg := func(u1, v1, u2, v2 float64) {
		if u1 == u2 && v1 == v2 {
			return
		}
		if opt.Orientation == LeftRight {
			u1, v1, u2, v2 = v1, u1, v2, u2
		}
		L.Segments = append(L.Segments, Segment{X1: float32(u1), Y1: float32(v1), X2: float32(u2), Y2: float32(v2)})
	}
	bu0 := make([]float64, T) // box left in u for each internal id
	for q := 1; q < T; q++ {
		bu0[q] = t.x[q] - minU + gapU/2
		v := t.model[q]
		if v >= 0 {
			L.Visible[v] = true
			L.Depth[v] = t.depth[q]
			L.Boxes[v] = toRect(bu0[q], t.y[q], bu(v), bv(v))
			if isCollapsed(v) {
				L.Hidden[v] = m.size[v] - 1
			}
			continue
		}
		b := blocks[t.blk[q]]
		mem := L.blockMem[L.members[t.blk[q]]:L.members[t.blk[q]+1]]
		u := bu0[q]
		vv := t.y[q]
		for j, c := range mem {
			col := j / b.rows
			if j%b.rows == 0 {
				if col > 0 {
					u += indent + b.colU[col-1] + gapU
				}
				vv = t.y[q]
			}
			L.Visible[c] = true
			L.InColumn[c] = true
			L.Depth[c] = t.depth[q]
			L.Boxes[c] = toRect(u+indent, vv, bu(c), bv(c))
			vv += bv(c) + gapU/2
		}
	}
	// Connectors: manager → bus halfway down the gap → each report.
	for q := 0; q < T; q++ {
		p := t.model[q]
		if p < 0 || t.nk[q] == 0 {
			continue
		}
		L.segLo[p] = int32(len(L.Segments))
		pc := bu0[q] + bu(p)/2
		pb := t.y[q] + bv(p)
		c0 := t.first[q]
		busV := t.y[c0] - gapV/2
		seg(pc, pb, pc, busV)
		if t.model[c0] >= 0 {
			lo, hi := pc, pc
			for c := c0; c < c0+t.nk[q]; c++ {
				cc := bu0[c] + bu(t.model[c])/2
				lo, hi = min(lo, cc), max(hi, cc)
				seg(cc, busV, cc, t.y[c])
			}
			seg(lo, busV, hi, busV)
		} else {
			b := blocks[t.blk[c0]]
			mem := L.blockMem[L.members[t.blk[c0]]:L.members[t.blk[c0]+1]]
			u := bu0[c0]
			lo, hi := pc, pc
			for col := 0; col < b.cols; col++ {
				lo, hi = min(lo, u), max(hi, u)
				last := min(len(mem), (col+1)*b.rows) - 1
				var endV float64
				for j := col * b.rows; j <= last; j++ {
					r := L.Boxes[mem[j]]
					rv, rh := float64(r.Y), float64(r.H)
					if opt.Orientation == LeftRight {
						rv, rh = float64(r.X), float64(r.W)
					}
					endV = rv + rh/2
					seg(u, endV, u+indent, endV)
				}
				seg(u, busV, u, endV)
				u += indent + b.colU[col] + gapU
			}
			seg(lo, busV, hi, busV)
		}
		L.segHi[p] = int32(len(L.Segments))
	}
	// Dotted lines run from the dotted manager's far edge to the node's
	// near edge, straight, so they read as different from reporting lines.
	for i := range m.dotted {
		if !L.Visible[i] {
			continue
		}
		for _, d := range m.dotted[i] {
			if !L.Visible[d] {
				continue
			}
			a, b := L.Boxes[d], L.Boxes[i]
			s := Segment{X1: a.X + a.W/2, Y1: a.Y + a.H, X2: b.X + b.W/2, Y2: b.Y, Dotted: true}
			if opt.Orientation == LeftRight {
				s = Segment{X1: a.X + a.W, Y1: a.Y + a.H/2, X2: b.X, Y2: b.Y + b.H/2, Dotted: true}
			}
			L.Dotted = append(L.Dotted, s)
		}
	}
	// Subtree bounds for viewport queries, children before parents.
	L.model, L.first, L.nk = t.model, t.first, t.nk
	L.sub = make([]Rect, T)
	for q := T - 1; q >= 1; q-- {
		v := t.model[q]
		var r Rect
		if v >= 0 {
			r = L.Boxes[v]
			for s := L.segLo[v]; s < L.segHi[v]; s++ {
				r = r.union(L.Segments[s].bounds())
			}
		} else {
			for _, c := range L.blockMem[L.members[t.blk[q]]:L.members[t.blk[q]+1]] {
				r = r.union(L.Boxes[c])
			}
		}
		for c := t.first[q]; c < t.first[q]+t.nk[q]; c++ {
			r = r.union(L.sub[c])
		}
		L.sub[q] = r
	}
	for c := t.first[0]; c < t.first[0]+t.nk[0]; c++ {
		L.sub[0] = L.sub[0].union(L.sub[c])
	}
	L.Bounds = Rect{0, 0, L.sub[0].X + L.sub[0].W, L.sub[0].Y + L.sub[0].H}
	for _, s := range L.Dotted {
		L.Bounds = L.Bounds.union(s.bounds())
	}
	L.blk = t.blk
	return L
}

func allLeaves(ks []int32, leaf func(int32) bool) bool {
	for _, c := range ks {
		if !leaf(c) {
			return false
		}
	}
	return true
}

// Query calls box for every visible node whose box intersects view and seg
// for every connector segment that does, pruning whole subtrees outside
// view, so the cost follows what is visible rather than the chart's size.
func (L *Layout) Query(view Rect, box func(i int), seg func(s Segment)) {
	if len(L.sub) == 0 {
		return
	}
	stack := []int32{0}
	for len(stack) > 0 {
		q := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if q != 0 && !L.sub[q].Intersects(view) {
			continue
		}
		switch v := L.model[q]; {
		case v >= 0:
			if L.Boxes[v].Intersects(view) && box != nil {
				box(int(v))
			}
			if seg != nil {
				for s := L.segLo[v]; s < L.segHi[v]; s++ {
					if L.Segments[s].bounds().Intersects(view) {
						seg(L.Segments[s])
					}
				}
			}
		case v == -2:
			for _, c := range L.blockMem[L.members[L.blk[q]]:L.members[L.blk[q]+1]] {
				if L.Boxes[c].Intersects(view) && box != nil {
					box(int(c))
				}
			}
		}
		for c := L.first[q] + L.nk[q] - 1; c >= L.first[q]; c-- {
			stack = append(stack, c)
		}
	}
	if seg != nil {
		for _, s := range L.Dotted {
			if s.bounds().Intersects(view) {
				seg(s)
			}
		}
	}
}

// HitTest returns the index of the visible node whose box contains (x, y),
// or -1.
func (L *Layout) HitTest(x, y float32) int {
	hit := -1
	L.Query(Rect{x, y, 0.001, 0.001}, func(i int) { hit = i }, nil)
	return hit
}

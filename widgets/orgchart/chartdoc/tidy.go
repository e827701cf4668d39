package chartdoc

// tidy implements A. van der Ploeg, "Drawing non-layered tidy trees in
// linear time" (Software: Practice and Experience 44(12), 2014): a
// Walker/Buchheim-style first walk whose contours follow the real vertical
// extent of each box, so boxes of different sizes pack tightly, and whose
// spacing of intermediate siblings is spread in O(1) per move.
//
// Nodes are ids in breadth-first order (parents before children, siblings
// consecutive), which lets both walks run as loops instead of recursion.
type tidy struct {
	model []int32 // node index, -1 super-root, -2 column block
	depth []int32
	blk   []int32
	first []int32
	nk    []int32

	w, h, y, bv                            []float64 // w, h include the gaps
	prelim, mod, shift, change, msel, mser []float64
	x                                      []float64
	tl, tr, el, er                         []int32

	iyl []iyl
}

// iyl is the paper's list of left siblings' indexes with their lowest y.
type iyl struct {
	lowY  float64
	index int32
	next  int32
}

func (t *tidy) grow(n int) {
	t.model = make([]int32, 0, n)
	t.depth = make([]int32, 0, n)
	t.blk = make([]int32, 0, n)
	t.first = make([]int32, 0, n)
	t.nk = make([]int32, 0, n)
	t.w = make([]float64, 0, n)
	t.bv = make([]float64, 0, n)
}

func (t *tidy) add(model, depth, blk int32) int32 {
	t.model = append(t.model, model)
	t.depth = append(t.depth, depth)
	t.blk = append(t.blk, blk)
	t.first = append(t.first, 0)
	t.nk = append(t.nk, 0)
	t.w = append(t.w, 0)
	t.bv = append(t.bv, 0)
	return int32(len(t.model) - 1)
}

// alloc sizes the per-node arrays once the tree is built.
func (t *tidy) alloc() {
	n := len(t.model)
	f := make([]float64, 9*n)
	t.h, t.y, t.prelim, t.mod, t.shift, t.change, t.msel, t.mser, t.x =
		f[:n], f[n:2*n], f[2*n:3*n], f[3*n:4*n], f[4*n:5*n], f[5*n:6*n], f[6*n:7*n], f[7*n:8*n], f[8*n:]
	p := make([]int32, 4*n)
	t.tl, t.tr, t.el, t.er = p[:n], p[n:2*n], p[2*n:3*n], p[3*n:]
	for i := range t.tl {
		t.tl[i], t.tr[i] = -1, -1
	}
}

// run computes x for every node; y and h must be set.
func (t *tidy) run() {
	n := int32(len(t.model))
	// First walk: children before parents, i.e. reverse breadth-first.
	for v := n - 1; v >= 0; v-- {
		t.firstWalk(v)
	}
	// Second walk: parents before children.
	modsum := make([]float64, n)
	for v := int32(0); v < n; v++ {
		modsum[v] += t.mod[v] // modsum[v] holds the parent's sum so far
		t.x[v] = t.prelim[v] + modsum[v]
		t.addChildSpacing(v)
		for c := t.first[v]; c < t.first[v]+t.nk[v]; c++ {
			modsum[c] = modsum[v]
		}
	}
}

func (t *tidy) bottom(v int32) float64 { return t.y[v] + t.h[v] }

func (t *tidy) firstWalk(v int32) {
	cs := t.nk[v]
	if cs == 0 {
		t.el[v], t.er[v] = v, v
		t.msel[v], t.mser[v] = 0, 0
		return
	}
	c0 := t.first[v]
	t.iyl = t.iyl[:0]
	ih := t.updateIYL(t.bottom(t.el[c0]), 0, -1)
	for i := int32(1); i < cs; i++ {
		// Lowest y while the extreme nodes still point into this subtree.
		minY := t.bottom(t.er[c0+i])
		t.separate(v, i, ih)
		ih = t.updateIYL(minY, i, ih)
	}
	cl := c0 + cs - 1
	t.prelim[v] = (t.prelim[c0]+t.mod[c0]+t.mod[cl]+t.prelim[cl]+t.w[cl])/2 - t.w[v]/2
	t.el[v], t.msel[v] = t.el[c0], t.msel[c0]
	t.er[v], t.mser[v] = t.er[cl], t.mser[cl]
}

func (t *tidy) separate(v, i, ih int32) {
	c0 := t.first[v]
	// Right contour of the left siblings and left contour of child i,
	// each with its sum of modifiers.
	sr := c0 + i - 1
	mssr := t.mod[sr]
	cl := c0 + i
	mscl := t.mod[cl]
	for sr >= 0 && cl >= 0 {
		if t.bottom(sr) > t.iyl[ih].lowY && t.iyl[ih].next >= 0 {
			ih = t.iyl[ih].next
		}
		dist := (mssr + t.prelim[sr] + t.w[sr]) - (mscl + t.prelim[cl])
		if dist > 0 {
			mscl += dist
			t.moveSubtree(v, i, t.iyl[ih].index, dist)
		}
		sy, cy := t.bottom(sr), t.bottom(cl)
		if sy <= cy {
			sr = t.nextRight(sr)
			if sr >= 0 {
				mssr += t.mod[sr]
			}
		}
		if sy >= cy {
			cl = t.nextLeft(cl)
			if cl >= 0 {
				mscl += t.mod[cl]
			}
		}
	}
	switch {
	case sr < 0 && cl >= 0:
		t.setLeftThread(v, i, cl, mscl)
	case sr >= 0 && cl < 0:
		t.setRightThread(v, i, sr, mssr)
	}
}

func (t *tidy) moveSubtree(v, i, si int32, dist float64) {
	c := t.first[v] + i
	t.mod[c] += dist
	t.msel[c] += dist
	t.mser[c] += dist
	if si != i-1 {
		// Spread the move over the siblings in between (applied later by
		// addChildSpacing).
		nr := float64(i - si)
		c0 := t.first[v]
		t.shift[c0+si+1] += dist / nr
		t.shift[c] -= dist / nr
		t.change[c] -= dist - dist/nr
	}
}

func (t *tidy) nextLeft(v int32) int32 {
	if t.nk[v] == 0 {
		return t.tl[v]
	}
	return t.first[v]
}

func (t *tidy) nextRight(v int32) int32 {
	if t.nk[v] == 0 {
		return t.tr[v]
	}
	return t.first[v] + t.nk[v] - 1
}

func (t *tidy) setLeftThread(v, i, cl int32, modsumcl float64) {
	c0 := t.first[v]
	li := t.el[c0]
	t.tl[li] = cl
	// Adjust mod so the sum of modifiers along the thread is right, and
	// prelim so the node itself does not move.
	diff := (modsumcl - t.mod[cl]) - t.msel[c0]
	t.mod[li] += diff
	t.prelim[li] -= diff
	t.el[c0], t.msel[c0] = t.el[c0+i], t.msel[c0+i]
}

func (t *tidy) setRightThread(v, i, sr int32, modsumsr float64) {
	c := t.first[v] + i
	ri := t.er[c]
	t.tr[ri] = sr
	diff := (modsumsr - t.mod[sr]) - t.mser[c]
	t.mod[ri] += diff
	t.prelim[ri] -= diff
	t.er[c], t.mser[c] = t.er[c-1], t.mser[c-1]
}

func (t *tidy) addChildSpacing(v int32) {
	d, modsumdelta := 0.0, 0.0
	for c := t.first[v]; c < t.first[v]+t.nk[v]; c++ {
		d += t.shift[c]
		modsumdelta += d + t.change[c]
		t.mod[c] += modsumdelta
	}
}

func (t *tidy) updateIYL(minY float64, i, ih int32) int32 {
	// Drop siblings hidden behind the new subtree, then prepend it.
	for ih >= 0 && minY >= t.iyl[ih].lowY {
		ih = t.iyl[ih].next
	}
	t.iyl = append(t.iyl, iyl{lowY: minY, index: i, next: ih})
	return int32(len(t.iyl) - 1)
}

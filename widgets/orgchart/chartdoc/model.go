// Package chartdoc is the org chart without a window: the tree of boxes
// (Model), its tidy-tree layout, the drawing of boxes and connectors, and
// the PNG, SVG and PDF writers. It imports no Fyne package, so the command
// line and app/core export charts without linking the toolkit's widgets;
// the widget staffplan/widgets/orgchart shows the same drawing on screen.
// It knows nothing of the plan model or the database: callers hand it
// plain Nodes.
package chartdoc

import (
	"errors"
	"fmt"
	"strings"
)

// Style selects how a box is accented.
type Style int

const (
	// Normal boxes have a plain border.
	Normal Style = iota
	// Vacancy boxes carry a red (theme error colour) accent.
	Vacancy
	// Over boxes carry an amber (theme warning colour) accent.
	Over
	// Dashed boxes have a dashed border: planned, not yet set up.
	Dashed
)

// Node is one box of the chart.
type Node struct {
	ID string
	// Parent is the ID of the box this one reports to; empty, or an ID not
	// in the model, makes the node a root.
	Parent   string
	Title    string
	Subtitle string
	// Lines are shown under the subtitle, e.g. "编制 1 / 在岗 1" or holders.
	Lines []string
	// Badge is a short text drawn in the top-right corner (e.g. "兼").
	Badge string
	Style Style
	// Dotted lists the IDs of dotted-line managers; unknown IDs are ignored.
	Dotted []string
}

// Model is an immutable tree of Nodes. Nodes are addressed by ID or by
// their index in the slice given to NewModel; siblings keep that order.
type Model struct {
	nodes  []Node
	index  map[string]int32
	parent []int32
	first  []int32 // children of i are kids[first[i]:first[i+1]]
	kids   []int32
	roots  []int32
	size   []int32 // subtree size including the node
	pre    []int32 // pre-order, roots in input order
	dotted [][]int32
}

// ErrCycle is returned by NewModel when parent links form a cycle.
var ErrCycle = errors.New("orgchart: parent links form a cycle")

// NewModel checks and indexes nodes. IDs must be unique and non-empty and
// parent links must not form a cycle. The slice is copied.
func NewModel(nodes []Node) (*Model, error) {
	n := len(nodes)
	m := &Model{
		nodes:  append([]Node(nil), nodes...),
		index:  make(map[string]int32, n),
		parent: make([]int32, n),
		first:  make([]int32, n+1),
		kids:   make([]int32, 0, n),
		size:   make([]int32, n),
	}
	for i, nd := range nodes {
		if nd.ID == "" {
			return nil, fmt.Errorf("orgchart: node %d has an empty ID", i)
		}
		if _, dup := m.index[nd.ID]; dup {
			return nil, fmt.Errorf("orgchart: duplicate ID %q", nd.ID)
		}
		m.index[nd.ID] = int32(i)
	}
	count := make([]int32, n+1)
	for i, nd := range nodes {
		p, ok := m.index[nd.Parent]
		if nd.Parent == "" || !ok {
			p = -1
			m.roots = append(m.roots, int32(i))
		} else {
			count[p+1]++
		}
		m.parent[i] = p
	}
	for i := 1; i <= n; i++ {
		count[i] += count[i-1]
	}
	copy(m.first, count)
	m.kids = m.kids[:n-len(m.roots)]
	fill := append([]int32(nil), count[:n]...)
	for i := range nodes {
		if p := m.parent[i]; p >= 0 {
			m.kids[fill[p]] = int32(i)
			fill[p]++
		}
	}
	// Pre-order from the roots; nodes never reached sit on a cycle.
	m.pre = make([]int32, 0, n)
	stack := make([]int32, 0, 64)
	for k := len(m.roots) - 1; k >= 0; k-- {
		stack = append(stack, m.roots[k])
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		m.pre = append(m.pre, v)
		ks := m.children(v)
		for k := len(ks) - 1; k >= 0; k-- {
			stack = append(stack, ks[k])
		}
	}
	if len(m.pre) != n {
		seen := make([]bool, n)
		for _, v := range m.pre {
			seen[v] = true
		}
		for i := range seen {
			if !seen[i] {
				return nil, fmt.Errorf("%w at %q", ErrCycle, nodes[i].ID)
			}
		}
	}
	for k := n - 1; k >= 0; k-- {
		v := m.pre[k]
		m.size[v]++
		if p := m.parent[v]; p >= 0 {
			m.size[p] += m.size[v]
		}
	}
	m.dotted = make([][]int32, n)
	for i, nd := range nodes {
		for _, d := range nd.Dotted {
			if j, ok := m.index[d]; ok && int(j) != i {
				m.dotted[i] = append(m.dotted[i], j)
			}
		}
	}
	return m, nil
}

func (m *Model) children(i int32) []int32 { return m.kids[m.first[i]:m.first[i+1]] }

// Len returns the number of nodes.
func (m *Model) Len() int { return len(m.nodes) }

// Index returns the index of the node with the given ID.
func (m *Model) Index(id string) (int, bool) {
	i, ok := m.index[id]
	return int(i), ok
}

// Node returns the node at index i.
func (m *Model) Node(i int) Node { return m.nodes[i] }

// Lookup returns the node with the given ID.
func (m *Model) Lookup(id string) (Node, bool) {
	i, ok := m.index[id]
	if !ok {
		return Node{}, false
	}
	return m.nodes[i], true
}

// Nodes returns a copy of the nodes in input order.
func (m *Model) Nodes() []Node { return append([]Node(nil), m.nodes...) }

// ParentOf returns the parent index of node i, or -1 for a root.
func (m *Model) ParentOf(i int) int { return int(m.parent[i]) }

// ChildrenOf returns the indexes of the children of node i in input order.
func (m *Model) ChildrenOf(i int) []int {
	ks := m.children(int32(i))
	out := make([]int, len(ks))
	for k, v := range ks {
		out[k] = int(v)
	}
	return out
}

// NumChildren returns how many direct reports node i has.
func (m *Model) NumChildren(i int) int { return int(m.first[i+1] - m.first[i]) }

// Roots returns the indexes of the roots in input order.
func (m *Model) Roots() []int {
	out := make([]int, len(m.roots))
	for k, v := range m.roots {
		out[k] = int(v)
	}
	return out
}

// PreOrder returns the node indexes in pre-order: each root in input
// order followed by its subtree, a manager before its reports.
func (m *Model) PreOrder() []int {
	out := make([]int, len(m.pre))
	for k, v := range m.pre {
		out[k] = int(v)
	}
	return out
}

// Descendants returns how many nodes are under node i (not counting i).
func (m *Model) Descendants(i int) int { return int(m.size[i]) - 1 }

// IsDescendant reports whether node d is node a or lies under it.
func (m *Model) IsDescendant(d, a int) bool {
	for v := int32(d); v >= 0; v = m.parent[v] {
		if int(v) == a {
			return true
		}
	}
	return false
}

// Search returns the IDs of nodes whose title, subtitle or lines contain
// query, ignoring case, in pre-order (top of the chart first). An empty
// query matches nothing.
func (m *Model) Search(query string) []string {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	var out []string
	for _, i := range m.pre {
		nd := &m.nodes[i]
		if containsFold(nd.Title, q) || containsFold(nd.Subtitle, q) {
			out = append(out, nd.ID)
			continue
		}
		for _, l := range nd.Lines {
			if containsFold(l, q) {
				out = append(out, nd.ID)
				break
			}
		}
	}
	return out
}

func containsFold(s, lowerQ string) bool { return strings.Contains(strings.ToLower(s), lowerQ) }

// WithParent returns a copy of the model in which child reports to
// newParent (empty for a root), keeping every other node and the order.
func (m *Model) WithParent(child, newParent string) (*Model, error) {
	i, ok := m.index[child]
	if !ok {
		return nil, fmt.Errorf("orgchart: unknown ID %q", child)
	}
	nodes := append([]Node(nil), m.nodes...)
	nodes[i].Parent = newParent
	return NewModel(nodes)
}

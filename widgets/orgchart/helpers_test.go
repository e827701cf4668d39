package orgchart

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"staffplan/widgets/orgchart/chartdoc"
)

// randomTree is a tree of n boxes, each with 1 to 11 reports, the same
// shape as chartdoc's test tree of that seed.
func randomTree(n int, seed uint64) ([]chartdoc.Node, []chartdoc.Size) {
	r := rand.New(rand.NewPCG(seed, 1))
	nodes := make([]chartdoc.Node, 0, n)
	sizes := make([]chartdoc.Size, 0, n)
	add := func(parent string) {
		id := fmt.Sprintf("n%d", len(nodes))
		nodes = append(nodes, chartdoc.Node{ID: id, Parent: parent, Title: "岗位 " + id})
		sizes = append(sizes, chartdoc.Size{Width: float32(80 + r.IntN(140)), Height: float32(36 + r.IntN(60))})
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

func mustModel(t testing.TB, nodes []chartdoc.Node) *chartdoc.Model {
	t.Helper()
	m, err := chartdoc.NewModel(nodes)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

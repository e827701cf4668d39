package store

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// bbolt trusts its pages: a branch page that points back at itself makes a
// cursor descend forever, growing its stack until memory runs out (a single
// flipped byte did that), and a damaged free-list count drives one huge
// allocation. So before bbolt maps a file, walk the page tree reachable
// from the meta page in use and refuse anything bbolt could not read safely:
// a page out of range, visited twice, nested too deep, with the wrong
// header, or with elements outside it.

const (
	pageBranch   = 0x01
	pageLeaf     = 0x02
	pageFreelist = 0x10
	bucketFlag   = 0x01
	elemSize     = 16
	bucketHdr    = 16
	maxDepth     = 64
)

type pageWalker struct {
	f       io.ReaderAt
	ps      uint64
	npages  uint64
	visited map[uint64]bool
}

func (w *pageWalker) bad(format string, a ...any) error {
	return fmt.Errorf("%w: damaged page tree: %s", ErrCorrupt, fmt.Sprintf(format, a...))
}

// page reads page id with its overflow pages.
func (w *pageWalker) page(id uint64) ([]byte, error) {
	if id < 2 || id >= w.npages {
		return nil, w.bad("page %d out of range", id)
	}
	if w.visited[id] {
		return nil, w.bad("page %d reached twice", id)
	}
	w.visited[id] = true
	hdr := make([]byte, pageHeaderSize)
	if _, err := w.f.ReadAt(hdr, int64(id*w.ps)); err != nil {
		return nil, w.bad("page %d unreadable", id)
	}
	if binary.LittleEndian.Uint64(hdr) != id {
		return nil, w.bad("page %d has the header of page %d", id, binary.LittleEndian.Uint64(hdr))
	}
	overflow := uint64(binary.LittleEndian.Uint32(hdr[12:]))
	if id+overflow >= w.npages {
		return nil, w.bad("page %d runs past the end", id)
	}
	for i := uint64(1); i <= overflow; i++ {
		if w.visited[id+i] {
			return nil, w.bad("page %d reached twice", id+i)
		}
		w.visited[id+i] = true
	}
	b := make([]byte, (overflow+1)*w.ps)
	if _, err := w.f.ReadAt(b, int64(id*w.ps)); err != nil {
		return nil, w.bad("page %d unreadable", id)
	}
	return b, nil
}

// tree walks the B+tree whose root is page id.
func (w *pageWalker) tree(id uint64, depth int) error {
	if depth > maxDepth {
		return w.bad("nested too deep at page %d", id)
	}
	p, err := w.page(id)
	if err != nil {
		return err
	}
	return w.node(p, id, depth)
}

// node checks one page's elements (p holds the whole page, header first)
// and walks what they point to.
func (w *pageWalker) node(p []byte, id uint64, depth int) error {
	flags := binary.LittleEndian.Uint16(p[8:])
	count := int(binary.LittleEndian.Uint16(p[10:]))
	if pageHeaderSize+count*elemSize > len(p) {
		return w.bad("page %d holds more elements than fit", id)
	}
	switch flags {
	case pageBranch:
		if count == 0 {
			return w.bad("branch page %d is empty", id)
		}
		for i := 0; i < count; i++ {
			e := pageHeaderSize + i*elemSize
			pos := uint64(binary.LittleEndian.Uint32(p[e:]))
			ksize := uint64(binary.LittleEndian.Uint32(p[e+4:]))
			if uint64(e)+pos+ksize > uint64(len(p)) {
				return w.bad("page %d: key outside the page", id)
			}
			if err := w.tree(binary.LittleEndian.Uint64(p[e+8:]), depth+1); err != nil {
				return err
			}
		}
	case pageLeaf:
		for i := 0; i < count; i++ {
			e := pageHeaderSize + i*elemSize
			eflags := binary.LittleEndian.Uint32(p[e:])
			pos := uint64(binary.LittleEndian.Uint32(p[e+4:]))
			ksize := uint64(binary.LittleEndian.Uint32(p[e+8:]))
			vsize := uint64(binary.LittleEndian.Uint32(p[e+12:]))
			start := uint64(e) + pos + ksize
			if start+vsize > uint64(len(p)) {
				return w.bad("page %d: value outside the page", id)
			}
			if eflags&^bucketFlag != 0 {
				return w.bad("page %d: unknown element flags", id)
			}
			if eflags&bucketFlag == 0 {
				continue
			}
			v := p[start : start+vsize]
			if len(v) < bucketHdr {
				return w.bad("page %d: short bucket header", id)
			}
			if root := binary.LittleEndian.Uint64(v); root != 0 {
				if err := w.tree(root, depth+1); err != nil {
					return err
				}
				continue
			}
			// An inline bucket: its one leaf page follows the header.
			inline := v[bucketHdr:]
			if len(inline) < pageHeaderSize || depth+1 > maxDepth {
				return w.bad("page %d: damaged inline bucket", id)
			}
			if binary.LittleEndian.Uint16(inline[8:]) != pageLeaf {
				return w.bad("page %d: inline bucket is not a leaf", id)
			}
			if err := w.node(inline, id, depth+1); err != nil {
				return err
			}
		}
	default:
		return w.bad("page %d is neither a branch nor a leaf", id)
	}
	return nil
}

// freelist checks the free-list page's count against its size.
func (w *pageWalker) freelist(id uint64) error {
	p, err := w.page(id)
	if err != nil {
		return err
	}
	if binary.LittleEndian.Uint16(p[8:]) != pageFreelist {
		return w.bad("page %d is not the free list", id)
	}
	count := uint64(binary.LittleEndian.Uint16(p[10:]))
	idx := uint64(0)
	if count == 0xFFFF {
		count, idx = binary.LittleEndian.Uint64(p[pageHeaderSize:]), 1
	}
	if (idx+count)*8 > uint64(len(p)-pageHeaderSize) {
		return w.bad("free list count %d does not fit its page", count)
	}
	for i := uint64(0); i < count; i++ {
		if x := binary.LittleEndian.Uint64(p[pageHeaderSize+(idx+i)*8:]); x < 2 || x >= w.npages {
			return w.bad("free list names page %d", x)
		}
	}
	return nil
}

// walkPages checks the pages reachable from meta m of the file f.
func walkPages(f *os.File, m boltMeta) error {
	w := &pageWalker{f: f, ps: uint64(m.pageSize), npages: m.pgid, visited: map[uint64]bool{}}
	if err := w.tree(m.root, 0); err != nil {
		return err
	}
	if m.freelist != noFreelist {
		return w.freelist(m.freelist)
	}
	return nil
}

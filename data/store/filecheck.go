package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's on-disk meta page, read here without bbolt so that a file which is
// not a database, or has been cut short, is refused before bbolt maps it:
// bbolt would otherwise touch pages past the end of the file (SIGBUS) or
// write to the file while opening it.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	noFreelist     = ^uint64(0)
	pageHeaderSize = 16
	metaSize       = 64 // magic … checksum, after the page header
	maxPageSize    = 1 << 24
)

type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
}

// readMeta reads and validates the meta page at off. bbolt writes it in the
// machine's byte order; every platform this program targets is little-endian.
func readMeta(f io.ReaderAt, off int64) (boltMeta, bool) {
	var buf [pageHeaderSize + metaSize]byte
	if _, err := f.ReadAt(buf[:], off); err != nil {
		return boltMeta{}, false
	}
	m := buf[pageHeaderSize:]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != le.Uint64(m[56:]) {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: le.Uint32(m[8:]),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		pgid:     le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
	}, true
}

// checkFile reports whether a non-empty file looks like an intact bbolt
// database: a valid meta page whose page count fits in the file. A missing
// or empty file passes; bbolt initialises those.
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	if size == 0 {
		return nil
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: not a regular file", ErrCorrupt)
	}
	m0, ok0 := readMeta(f, 0)
	var m1 boltMeta
	ok1 := false
	if ok0 {
		m1, ok1 = readMeta(f, int64(m0.pageSize))
	} else {
		// Same search as bbolt: the second meta page sits one page in, and
		// the page size is unknown when the first meta page is damaged.
		for i := 0; i <= 14 && !ok1; i++ {
			if off := int64(1024) << i; off < size {
				m1, ok1 = readMeta(f, off)
			}
		}
	}
	var m boltMeta
	switch {
	case ok0 && ok1:
		m = m0
		if m1.txid > m0.txid {
			m = m1
		}
	case ok0:
		m = m0
	case ok1:
		m = m1
	default:
		return fmt.Errorf("%w: no valid database header", ErrCorrupt)
	}
	ps := uint64(m.pageSize)
	if ps < 512 || ps > maxPageSize || m.pgid < 2 || m.root >= m.pgid ||
		(m.freelist != noFreelist && m.freelist >= m.pgid) {
		return fmt.Errorf("%w: inconsistent database header", ErrCorrupt)
	}
	if m.pgid > uint64(size)/ps {
		return fmt.Errorf("%w: the file is shorter than the database it holds", ErrCorrupt)
	}
	return walkPages(f, m)
}

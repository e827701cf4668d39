package xlsxfast

import (
	"io"
	"strings"
	"testing"
)

// TestPurlReader finds the Strict namespace address whatever the reads
// cut it into.
func TestPurlReader(t *testing.T) {
	text := strings.Repeat("x", 300) + "http://purl.oclc.org/ooxml/spreadsheetml/main" + strings.Repeat("y", 300)
	for _, chunk := range []int{1, 5, 12, 13, 14, 40, 1000} {
		for _, with := range []bool{true, false} {
			in := text
			if !with {
				in = strings.Replace(text, "purl.oclc", "purl-oclc", 1)
			}
			p := &purlReader{r: &chunkReader{s: in, n: chunk}}
			if _, err := io.Copy(io.Discard, p); err != nil {
				t.Fatal(err)
			}
			if p.found != with {
				t.Errorf("reads of %d bytes: found %v, want %v", chunk, p.found, with)
			}
		}
	}
}

// chunkReader returns at most n bytes a read.
type chunkReader struct {
	s string
	n int
}

func (c *chunkReader) Read(b []byte) (int, error) {
	if c.s == "" {
		return 0, io.EOF
	}
	k := copy(b[:min(len(b), c.n)], c.s)
	c.s = c.s[k:]
	return k, nil
}

package xlsxfast

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText  // raw text, entities not yet decoded
	tokCDATA // text taken as it is
)

// xmlScan is a pull tokenizer for the plain XML that spreadsheet programs
// write: elements, attributes, text, CDATA, the XML declaration. It is as
// strict as encoding/xml (names, attribute syntax, entities, characters,
// nesting), so that whatever it accepts reads as excelize reads it;
// comments, processing instructions and DTDs end the fast path. Tokens
// point into its buffer and are valid until the next call.
type xmlScan struct {
	r    io.Reader
	buf  []byte
	i, n int
	eof  bool
	err  error

	kind  tokKind
	name  []byte // local name, without any prefix
	qname []byte // qualified name of the last start tag, self-closing ones too
	attrs []xattr
	self  bool // the start tag closed itself
	text  []byte
	depth int // elements open, counting the one a start token opened

	stack []byte // names of the open elements, each followed by 0
	ends  []int

	// lenient skips comments, processing instructions and DTDs instead of
	// giving up on them, for scans that only look for some elements.
	lenient bool
	// merges, when set, collects the range of every <mergeCell>.
	merges *[]Range
}

// xattr is an attribute: local and qualified name, value still escaped.
type xattr struct{ key, qkey, val []byte }

func newXMLScan(r io.Reader) *xmlScan {
	return &xmlScan{r: r, buf: make([]byte, 256<<10)}
}

// fill reads more input, keeping buf[i:n]. It reports whether it got any.
func (s *xmlScan) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.i > 0 {
		s.n = copy(s.buf, s.buf[s.i:s.n])
		s.i = 0
	}
	if s.n == len(s.buf) {
		if len(s.buf) >= MaxToken {
			s.err = ErrTooLong
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.n])
		s.buf = nb
	}
	for {
		m, err := s.r.Read(s.buf[s.n:])
		s.n += m
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.err = err
		}
		if m > 0 || err != nil {
			return m > 0
		}
	}
}

// next reads the next token. It returns false at the end of input (with
// s.err nil only if every element was closed) or on an error.
func (s *xmlScan) next() bool {
	if s.kind == tokStart && s.self {
		// A self-closing tag is reported as a start, then an end.
		s.kind, s.self = tokEnd, false
		s.depth--
		return true
	}
	for {
		if s.i >= s.n && !s.fill() {
			s.kind = tokEOF
			if s.err == nil && s.depth > 0 {
				s.err = ErrDecline // elements left open
			}
			return false
		}
		if s.buf[s.i] != '<' {
			j := bytes.IndexByte(s.buf[s.i:s.n], '<')
			if j < 0 {
				if s.fill() {
					continue
				}
				if s.err != nil {
					return false
				}
				j = s.n - s.i // text at the very end
			}
			s.kind, s.text = tokText, s.buf[s.i:s.i+j]
			s.i += j
			if !validText(s.text, false) {
				s.err = ErrDecline
				return false
			}
			return true
		}
		ok, more := s.tag()
		if more {
			if s.fill() {
				continue
			}
			if s.err == nil {
				s.err = ErrDecline // a tag cut off by the end of the file
			}
			return false
		}
		if !ok {
			if s.err == nil {
				s.err = ErrDecline
			}
			return false
		}
		if s.kind != tokEOF {
			return true
		}
		// The XML declaration, or what a lenient scan skips.
	}
}

// tag parses the markup at buf[i] ('<'). more asks for more input.
func (s *xmlScan) tag() (ok, more bool) {
	b := s.buf[s.i:s.n]
	if len(b) < 2 {
		return false, true
	}
	switch b[1] {
	case '?':
		j := bytes.Index(b, []byte("?>"))
		if j < 0 {
			return false, true
		}
		if s.lenient {
			s.i += j + 2
			s.kind = tokEOF
			return true, false
		}
		if !bytes.HasPrefix(b, []byte("<?xml ")) {
			return false, false // another processing instruction
		}
		// encoding/xml reads the declaration by searching for "version="
		// and "encoding=" (procInst), not by parsing attributes.
		decl := string(b[6:j])
		if v := procInst("version", decl); v != "" && v != "1.0" {
			return false, false
		}
		if e := procInst("encoding", decl); e != "" && !strings.EqualFold(e, "utf-8") {
			return false, false // excelize converts other encodings
		}
		s.i += j + 2
		s.kind = tokEOF
		return true, false
	case '!':
		if !bytes.HasPrefix(b, []byte("<![CDATA[")) {
			if len(b) < 9 {
				return false, true
			}
			if !s.lenient {
				return false, false // comments and DTDs
			}
			end := []byte(">")
			if bytes.HasPrefix(b, []byte("<!--")) {
				end = []byte("-->")
			}
			j := bytes.Index(b[2:], end)
			if j < 0 {
				return false, true
			}
			s.i += 2 + j + len(end)
			s.kind = tokEOF
			return true, false
		}
		j := bytes.Index(b, []byte("]]>"))
		if j < 0 {
			return false, true
		}
		s.kind, s.text = tokCDATA, b[9:j]
		if !validText(s.text, true) {
			return false, false
		}
		s.i += j + 3
		return true, false
	case '/':
		j := bytes.IndexByte(b, '>')
		if j < 0 {
			return false, true
		}
		q := b[2:j]
		for len(q) > 0 && isSpace(q[len(q)-1]) {
			q = q[:len(q)-1]
		}
		if len(s.ends) == 0 {
			return false, false
		}
		from := 0
		if len(s.ends) > 1 {
			from = s.ends[len(s.ends)-2] + 1
		}
		if !bytes.Equal(q, s.stack[from:s.ends[len(s.ends)-1]]) {
			return false, false // closed by another element
		}
		s.stack = s.stack[:from]
		s.ends = s.ends[:len(s.ends)-1]
		s.kind, s.name = tokEnd, localName(q)
		s.depth--
		s.i += j + 1
		return true, false
	}
	// A start tag; '>' may appear inside quoted attribute values.
	var quote byte
	end := -1
	for k := 1; k < len(b) && end < 0; k++ {
		switch c := b[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			end = k
		}
	}
	if end < 0 {
		return false, true
	}
	body := b[1:end]
	s.self = len(body) > 0 && body[len(body)-1] == '/'
	if s.self {
		body = body[:len(body)-1]
	}
	k := 0
	for k < len(body) && !isSpace(body[k]) {
		k++
	}
	q := body[:k]
	if !validName(q) || !s.parseAttrs(body[k:]) {
		return false, false
	}
	s.kind, s.name, s.qname = tokStart, localName(q), q
	s.depth++
	if s.merges != nil && string(s.name) == "mergeCell" {
		// Recorded here, wherever the element sits, so every reader of
		// the sheet sees the same merges.
		if r, ok := mergeOf(s); ok {
			if len(*s.merges) >= MaxMerges {
				s.err = ErrTooManyMerges
				return false, false
			}
			*s.merges = append(*s.merges, r)
		}
	}
	if !s.self {
		s.stack = append(append(s.stack, q...), 0)
		s.ends = append(s.ends, len(s.stack)-1)
	}
	s.i += end + 1
	return true, false
}

// parseAttrs reads name="value" pairs as encoding/xml does, into s.attrs.
func (s *xmlScan) parseAttrs(b []byte) bool {
	s.attrs = s.attrs[:0]
	for {
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 {
			return true
		}
		k := 0
		for k < len(b) && b[k] != '=' && !isSpace(b[k]) {
			k++
		}
		key := b[:k]
		if !validName(key) {
			return false
		}
		b = b[k:]
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 || b[0] != '=' {
			return false
		}
		b = b[1:]
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
			return false
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return false
		}
		val := b[1 : 1+end]
		if bytes.IndexByte(val, '<') >= 0 || !validText(val, false) {
			return false
		}
		s.attrs = append(s.attrs, xattr{localName(key), key, val})
		b = b[end+2:]
	}
}

// attr returns the last attribute with this local name (excelize lets a
// later one win), still escaped.
func (s *xmlScan) attr(name string) ([]byte, bool) {
	for i := len(s.attrs) - 1; i >= 0; i-- {
		if string(s.attrs[i].key) == name {
			return s.attrs[i].val, true
		}
	}
	return nil, false
}

// eachAttr calls fn with the value of every attribute with this local
// name, in order.
func (s *xmlScan) eachAttr(name string, fn func(v []byte)) {
	for _, a := range s.attrs {
		if string(a.key) == name {
			fn(a.val)
		}
	}
}

// procInst is encoding/xml's reading of a parameter of the XML
// declaration: the text after the first `param=` that is followed by a
// quote, up to the matching quote.
func procInst(param, s string) string {
	param += "="
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || len(param)+k >= len(sub) {
			return ""
		}
		i += len(param) + k + 1
		if c := sub[len(param)+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// validName accepts the ASCII names encoding/xml accepts, with at most one
// colon; names with other characters take the slow path.
func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	colons := 0
	for i, c := range b {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', c == '_':
		case c == ':':
			if colons++; colons > 1 {
				return false
			}
		case i > 0 && ('0' <= c && c <= '9' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// localName strips a prefix, as encoding/xml does for "p:name" (but not
// for ":name" or "name:").
func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i > 0 && i < len(b)-1 {
		return b[i+1:]
	}
	return b
}

// validText reports whether encoding/xml would accept b as text: no "]]>"
// outside CDATA, known entities, and only characters XML allows.
func validText(b []byte, cdata bool) bool {
	plain := true
	for _, c := range b {
		if c < 0x20 || c >= 0x80 || c == '&' || c == ']' {
			plain = false
			break
		}
	}
	return plain || (cdata || !bytes.Contains(b, []byte("]]>"))) && scanXMLText(b, cdata, nil)
}

// entity is the character an entity reference (without & and ;) stands
// for, among those encoding/xml knows.
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	var n uint64
	var err error
	switch {
	case bytes.HasPrefix(name, []byte("#x")):
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	case bytes.HasPrefix(name, []byte("#")):
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	default:
		return 0, false
	}
	return rune(n), err == nil && validXMLChar(rune(n))
}

// xmlText decodes escaped XML text as encoding/xml does: the five named
// entities and character references, line ends made "\n". Anything it
// would refuse (unknown entities, characters XML does not allow, invalid
// UTF-8) gives ErrDecline.
func xmlText(b []byte, cdata bool) (string, error) {
	plain := true
	for _, c := range b {
		if c < 0x20 || c >= 0x80 || (c == '&' && !cdata) {
			plain = false
			break
		}
	}
	if plain {
		return string(b), nil
	}
	out := make([]byte, 0, len(b))
	if !scanXMLText(b, cdata, &out) {
		return "", ErrDecline
	}
	return string(out), nil
}

// scanXMLText walks escaped text as encoding/xml reads it, appending the
// decoded text to out unless out is nil. It reports false for text that
// encoding/xml refuses.
func scanXMLText(b []byte, cdata bool, out *[]byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '&' && !cdata:
			j := bytes.IndexByte(b[i:], ';')
			if j < 0 {
				return false
			}
			r, ok := entity(b[i+1 : i+j])
			if !ok {
				return false
			}
			if out != nil {
				*out = utf8.AppendRune(*out, r)
			}
			i += j + 1
		case c == '\r':
			if out != nil {
				*out = append(*out, '\n')
			}
			i++
			if i < len(b) && b[i] == '\n' {
				i++
			}
		case c < 0x80:
			if c < 0x20 && c != '\t' && c != '\n' {
				return false
			}
			if out != nil {
				*out = append(*out, c)
			}
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 || !validXMLChar(r) {
				return false
			}
			if out != nil {
				*out = append(*out, b[i:i+size]...)
			}
			i += size
		}
	}
	return true
}

// validXMLChar is the Char production of XML 1.0, which encoding/xml
// enforces.
func validXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// chardata reads the direct text of the element just opened, skipping any
// elements inside it, up to its end tag.
func (s *xmlScan) chardata() (string, error) {
	if s.kind == tokStart && s.self {
		s.next()
		return "", nil
	}
	start := s.depth
	var parts []string
	for s.next() {
		switch s.kind {
		case tokText, tokCDATA:
			if s.depth == start {
				t, err := xmlText(s.text, s.kind == tokCDATA)
				if err != nil {
					return "", err
				}
				parts = append(parts, t)
			}
		case tokEnd:
			if s.depth < start {
				if len(parts) == 1 {
					return parts[0], nil
				}
				return strings.Join(parts, ""), nil
			}
		}
	}
	return "", s.fail()
}

// skip reads past the end of the element just opened.
func (s *xmlScan) skip() error {
	if s.kind == tokStart && s.self {
		s.next()
		return nil
	}
	start := s.depth
	for s.next() {
		if s.kind == tokEnd && s.depth < start {
			return nil
		}
	}
	return s.fail()
}

// fail is the error after next returned false: the input's error, or
// ErrDecline for XML that ended early.
func (s *xmlScan) fail() error {
	if s.err != nil {
		return s.err
	}
	return ErrDecline
}

// stringItem reads a shared string item (<si>) or an inline string (<is>)
// the way excelize's xlsxSI.String does: the item's own <t>, then the <t>
// of each rich-text run; phonetic runs are left out; "_x000D_" escapes
// are decoded.
func (s *xmlScan) stringItem() (string, error) {
	if s.kind == tokStart && s.self {
		s.next()
		return "", nil
	}
	start := s.depth
	var (
		own   string
		runs  []string
		inRun bool
		runT  string
		flag  int // depth of an open attrValBool element
	)
	for s.next() {
		switch s.kind {
		case tokStart:
			if !typedAttrsOK(s) || (flag > 0 && s.depth > flag) {
				return "", ErrDecline
			}
			if k := typedAttrs[string(s.name)]; k["val"] == 'B' && !s.self {
				flag = s.depth
			}
			switch d := s.depth - start; {
			case d == 1 && string(s.name) == "t":
				t, err := s.chardata()
				if err != nil {
					return "", err
				}
				own = t // a second <t> replaces the first, as in excelize
			case d == 1 && string(s.name) == "r":
				inRun, runT = true, ""
			case d == 2 && inRun && string(s.name) == "t":
				t, err := s.chardata()
				if err != nil {
					return "", err
				}
				runT = t
			}
		case tokEnd:
			if flag > 0 && s.depth < flag {
				flag = 0
			}
			switch d := s.depth - start; {
			case d < 0:
				v := own
				if len(runs) > 0 {
					v = own + strings.Join(runs, "")
				}
				return bstrDecode(v), nil
			case d == 0 && inRun && string(s.name) == "r":
				runs = append(runs, runT)
				inRun = false
			}
		}
	}
	return "", s.fail()
}

// typedAttrs are the attributes excelize decodes into numbers or
// booleans inside string items and formulas; a value encoding/xml cannot
// parse fails excelize's decoding, so such a file takes the slow path.
// 'B' marks excelize's own attrValBool: not trimmed, and no child
// elements allowed.
var typedAttrs = map[string]map[string]byte{
	"charset":    {"val": 'i'},
	"family":     {"val": 'i'},
	"b":          {"val": 'B'},
	"i":          {"val": 'B'},
	"strike":     {"val": 'B'},
	"outline":    {"val": 'B'},
	"shadow":     {"val": 'B'},
	"condense":   {"val": 'B'},
	"extend":     {"val": 'B'},
	"sz":         {"val": 'f'},
	"color":      {"auto": 'b', "indexed": 'i', "theme": 'i', "tint": 'f'},
	"rPh":        {"sb": 'u', "eb": 'u'},
	"phoneticPr": {"fontId": 'i'},
	"f":          {"aca": 'b', "dt2D": 'b', "dtr": 'b', "del1": 'b', "del2": 'b', "ca": 'b', "bx": 'b', "si": 'i'},
	"sst":        {"count": 'i', "uniqueCount": 'i'},
}

// typedAttrsOK checks the start tag just read against typedAttrs, parsing
// as encoding/xml does (spaces trimmed; an empty value is zero).
func typedAttrsOK(s *xmlScan) bool {
	kinds, ok := typedAttrs[string(s.name)]
	if !ok {
		return true
	}
	for _, a := range s.attrs {
		k, ok := kinds[string(a.key)]
		if !ok || len(a.val) == 0 {
			continue
		}
		t, err := xmlText(a.val, false)
		if err != nil {
			return false
		}
		if t == "" {
			continue
		}
		if k == 'B' {
			// excelize's attrValBool parses the value as it is.
			if _, err := strconv.ParseBool(t); err != nil {
				return false
			}
			continue
		}
		t = strings.TrimSpace(t)
		switch k {
		case 'i':
			_, err = strconv.ParseInt(t, 10, 64)
		case 'u':
			_, err = strconv.ParseUint(t, 10, 32)
		case 'f':
			_, err = strconv.ParseFloat(t, 64)
		case 'b':
			_, err = strconv.ParseBool(t)
		}
		if err != nil {
			return false
		}
	}
	return true
}

var bstrRe = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrDecode undoes the "_xHHHH_" escapes Excel writes for characters XML
// cannot hold, as excelize does.
func bstrDecode(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range bstrRe.FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteByte('_')
			continue
		}
		v, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		b.WriteString(v)
	}
	b.WriteString(s[cursor:])
	return b.String()
}

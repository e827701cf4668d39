// Package xlsxfast reads the worksheets of an .xlsx workbook exactly as
// excelize's Rows().Columns() with RawCellValue reads them, cell for cell,
// but scans the XML as bytes instead of decoding it with encoding/xml,
// which is most of excelize's time and of its garbage: on a roster of
// 100,000 rows, about an eighth of the time and a thirtieth of the memory.
//
// It covers what spreadsheet programs commonly write: the package
// relationships, the workbook's sheet list, the shared string table, cell
// values (shared, inline and plain strings, numbers, booleans, errors,
// formulas with a cached value) and merged ranges. It takes only what it
// is sure of: any construct it does not handle exactly as excelize does
// (odd packages, comments, other encodings, malformed XML, unusual cell
// references, Strict namespaces) gives ErrDecline, and the caller reads
// that sheet with excelize. The importer uses it only for large sheets.
//
// The tests of staffplan/data/importer hold it to excelize's results: every
// fixture they write is read by both and compared cell for cell and merge
// for merge, fuzzing included (FuzzFastReader, FuzzFastReaderSST), and the
// files it must take or must decline are listed there.
//
// One difference is deliberate: it does not read parts a raw read does
// not need (styles, themes, document properties), so a workbook whose
// styles.xml is damaged reads where excelize refuses to open it.
package xlsxfast

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Errors a read fails with. ErrDecline leaves the sheet (or the workbook)
// to excelize; the others are final, the file is refused.
var (
	// ErrDecline: the file holds something the fast reader does not
	// handle exactly as excelize does.
	ErrDecline = errors.New("importer: workbook needs the full reader")
	// ErrUnzipBudget: the parts read unpack to more than MaxUnzipSize.
	ErrUnzipBudget = errors.New("importer: unpacked size over the limit")
	// ErrTooLong: one tag or text run is longer than MaxToken, far more
	// than a cell holds.
	ErrTooLong = errors.New("importer: text longer than any cell holds")
	// ErrTooManyMerges: a sheet lists more than MaxMerges merged ranges.
	ErrTooManyMerges = errors.New("importer: too many merged ranges")
)

const (
	// MaxToken bounds one tag or text run; a cell holds at most 32,767
	// characters, so a file with anything longer is refused (ErrTooLong).
	MaxToken = 4 << 20
	// MaxMerges bounds the merged ranges of one sheet; a real sheet has a
	// few hundred at most.
	MaxMerges = 1 << 18
)

// PartError is a part that could not be read to its end: the zip stream
// is damaged or the XML is malformed.
type PartError struct {
	Part string
	Err  error
}

func (e *PartError) Error() string { return e.Part + ": " + e.Err.Error() }
func (e *PartError) Unwrap() error { return e.Err }

// PanicError is a panic recovered while reading a sheet, with the row
// (1-based) and column (1-based, 0 for the row as a whole) being read.
type PanicError struct {
	Value    any
	Row, Col int
	Stack    string
}

func (e *PanicError) Error() string { return "xlsxfast: panic" }

// Range is a merged block, 0-based and inclusive.
type Range struct{ R0, C0, R1, C1 int }

// ParseRange reads a reference such as "A1:C3" as excelize does.
func ParseRange(ref string) (Range, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return Range{}, false
	}
	c0, r0, err1 := excelize.CellNameToCoordinates(a)
	c1, r1, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil || r1 < r0 || c1 < c0 {
		return Range{}, false
	}
	return Range{r0 - 1, c0 - 1, r1 - 1, c1 - 1}, true
}

// mainNS is the namespace excelize requires of the shared string table.
const mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// Options bound a read.
type Options struct {
	// MaxUnzipSize bounds what the workbook declares it unpacks to, and
	// what each part read actually unpacks to, whatever the headers say.
	MaxUnzipSize int64
}

// Sheet is a sheet as listed in xl/workbook.xml.
type Sheet struct {
	Name  string
	State string // "", "visible", "hidden" or "veryHidden"
	Part  string // the worksheet's part name, "" when it has none
	// Size is the worksheet's XML size, unpacked, as its zip header
	// declares it (0 without a part).
	Size uint64
}

// Visible reports whether the sheet is shown.
func (s Sheet) Visible() bool { return s.State == "" || s.State == "visible" }

// Book is a workbook opened for fast reading.
type Book struct {
	zr       *zip.Reader
	o        Options
	sheets   []Sheet
	date1904 bool

	sstRead bool
	sst     []string
	sstErr  error
}

// Open checks the package as excelize would open it and lists its sheets.
// ErrDecline means the workbook is left to excelize as a whole; a
// *PartError, a damaged part.
func Open(zr *zip.Reader, o Options) (*Book, error) {
	var declared uint64
	names := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		// excelize names a zip bomb; the sum is checked as it grows so
		// that it cannot wrap.
		if f.UncompressedSize64 > uint64(o.MaxUnzipSize) {
			return nil, ErrDecline
		}
		if declared += f.UncompressedSize64; declared > uint64(o.MaxUnzipSize) {
			return nil, ErrDecline
		}
		// excelize keeps the last of two entries with one name.
		n := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if names[n] {
			return nil, ErrDecline
		}
		names[n] = true
	}
	// excelize looks these parts up by their exact names.
	for _, name := range []string{"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		if zipFileExact(zr, name) == nil {
			return nil, ErrDecline
		}
	}
	var root struct {
		XMLName struct{} `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
		Rel     []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readZipXML(zr, "_rels/.rels", &root); err != nil {
		return nil, err
	}
	office := false
	for _, r := range root.Rel {
		if r.Type == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" {
			if strings.TrimPrefix(r.Target, "/") != "xl/workbook.xml" {
				return nil, ErrDecline
			}
			office = true
		}
	}
	if !office {
		return nil, ErrDecline
	}
	sheets, date1904, err := workbookSheets(zr)
	if err != nil {
		return nil, err
	}
	if len(sheets) == 0 {
		return nil, ErrDecline
	}
	// excelize skips sheets whose names it thinks invalid, and finds
	// sheets by name ignoring case, so with two alike it may read either.
	for i, s := range sheets {
		if !validSheetName(s.Name) {
			return nil, ErrDecline
		}
		for _, t := range sheets[:i] {
			if strings.EqualFold(s.Name, t.Name) {
				return nil, ErrDecline
			}
		}
	}
	return &Book{zr: zr, o: o, sheets: sheets, date1904: date1904}, nil
}

// Sheets lists the workbook's sheets in order, hidden ones too. With
// their names as excelize's GetSheetList gives them.
func (b *Book) Sheets() []Sheet { return append([]Sheet(nil), b.sheets...) }

// Date1904 reports the workbook's date system.
func (b *Book) Date1904() bool { return b.date1904 }

// ListSheets is Open's sheet list without the checks, for a caller that
// reads with excelize and needs each sheet's part; nil when the workbook
// part cannot be read.
func ListSheets(zr *zip.Reader) []Sheet {
	sheets, _, _ := workbookSheets(zr)
	return sheets
}

// ReadSheet reads the sheet named name (as Sheets gives it, in any case),
// calling visit with each row element in order: row is its 1-based
// number (rows the file leaves out are skipped, so row may jump) and cells
// its values, as excelize returns them (nil for a row without values).
// visit owns cells. It returns the sheet's merged ranges, or visit's
// error, ctx's error, ErrDecline (nothing visited must be kept), a
// *PartError for damage, one of the limit errors, or a *PanicError.
func (b *Book) ReadSheet(ctx context.Context, name string, visit func(row int, cells []string) error) ([]Range, error) {
	var ws *Sheet
	for i := range b.sheets {
		if strings.EqualFold(b.sheets[i].Name, name) {
			ws = &b.sheets[i]
			break
		}
	}
	if ws == nil || ws.Part == "" || zipFileExact(b.zr, ws.Part) == nil {
		return nil, ErrDecline
	}
	if !b.sstRead {
		b.sst, b.sstErr = readSST(b.zr, &unzipBudget{left: b.o.MaxUnzipSize})
		b.sstRead = true
	}
	if b.sstErr != nil {
		return nil, b.sstErr
	}
	return readSheet(ctx, b.zr, ws.Part, b.sst, &unzipBudget{left: b.o.MaxUnzipSize}, visit)
}

// CheckPart reads a part to its end with the tokenizer, which is as
// strict as encoding/xml in what it accepts, collecting the merged
// ranges, so that a damaged zip stream or malformed XML shows before
// excelize reads the part. doubt reports XML the tokenizer does not take
// (names outside ASCII, other encodings, and malformed XML alike): then
// the caller decides by reading as excelize does. A missing part is
// nothing to check.
func CheckPart(zr *zip.Reader, part string, limit int64) (merges []Range, doubt bool, err error) {
	f := zipFile(zr, part)
	if f == nil {
		return nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false, &PartError{part, err}
	}
	defer rc.Close()
	s := newXMLScan(budgetReader{rc, &unzipBudget{left: limit}})
	s.lenient = true
	s.merges = &merges
	for s.next() {
		// The scanner records the merges.
	}
	switch {
	case s.err == nil:
		return merges, false, nil
	case errors.Is(s.err, ErrDecline):
		return nil, true, nil
	case errors.Is(s.err, ErrUnzipBudget), errors.Is(s.err, ErrTooLong), errors.Is(s.err, ErrTooManyMerges):
		return nil, false, s.err
	}
	return nil, false, &PartError{part, s.err}
}

// readZipXML decodes a small part, then reads it to its end so that a
// damaged zip stream shows (a *PartError); XML it cannot decode is
// ErrDecline.
func readZipXML(zr *zip.Reader, name string, v any) error {
	f := zipFile(zr, name)
	if f == nil {
		return ErrDecline
	}
	rc, err := f.Open()
	if err != nil {
		return ErrDecline
	}
	defer rc.Close()
	r := &errReader{r: io.LimitReader(rc, 16<<20)}
	derr := xml.NewDecoder(r).Decode(v)
	if r.err == nil || r.err == io.EOF {
		if _, err := io.Copy(io.Discard, rc); err != nil {
			r.err = err
		} else {
			r.err = nil
		}
	}
	if r.err != nil {
		return &PartError{name, r.err}
	}
	if derr != nil {
		return ErrDecline
	}
	return nil
}

// errReader keeps the first error of the reader under it, so that a
// decoder's syntax error is told from a damaged stream.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(b []byte) (int, error) {
	n, err := e.r.Read(b)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// partPath resolves a workbook relationship's target to a part name, as
// excelize does.
func partPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(strings.ReplaceAll(target, "\\", "/")), "/")
	}
	return strings.TrimPrefix(path.Clean(strings.ReplaceAll("xl/"+target, "\\", "/")), "/")
}

// zipFile finds a part by name ignoring case, as excelize reads shared
// strings.
func zipFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// recovered turns a panic into a *PanicError.
func recovered(r any, row, col int) error {
	return &PanicError{Value: r, Row: row, Col: col, Stack: string(debug.Stack())}
}

// validSheetName is excelize's checkSheetName.
func validSheetName(name string) bool {
	n := 0
	for _, r := range name {
		n++
		if r > 0xFFFF {
			n++ // counted in UTF-16 units
		}
	}
	return name != "" && n <= excelize.MaxSheetNameLength && !strings.HasPrefix(name, "'") &&
		!strings.HasSuffix(name, "'") && !strings.ContainsAny(name, ":\\/?*[]")
}

// LimitReader reads r and fails with ErrUnzipBudget once more than limit
// bytes came out of it, whatever the zip headers claimed.
func LimitReader(r io.Reader, limit int64) io.Reader {
	return budgetReader{r, &unzipBudget{left: limit}}
}

// unzipBudget counts the bytes unpacked, whatever the zip headers claim.
type unzipBudget struct{ left int64 }

type budgetReader struct {
	r io.Reader
	b *unzipBudget
}

func (r budgetReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.b.left -= int64(n)
	if r.b.left < 0 {
		return n, ErrUnzipBudget
	}
	return n, err
}

// workbookSheets lists the sheets with their state and part, in order. It
// fails with ErrDecline for a workbook the fast reader leaves to
// excelize, and with a *PartError for a damaged part.
func workbookSheets(zr *zip.Reader) ([]Sheet, bool, error) {
	var wb struct {
		XMLName    struct{} `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
		WorkbookPr struct {
			Date1904 bool `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name    string `xml:"name,attr"`
			SheetID int    `xml:"sheetId,attr"` // as excelize decodes it, so a bad one fails here too
			State   string `xml:"state,attr"`
			RID     string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		XMLName struct{} `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
		Rel     []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readZipXML(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, false, err
	}
	if err := readZipXML(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, false, err
	}
	var out []Sheet
	for _, s := range wb.Sheets {
		part := ""
		for _, r := range rels.Rel {
			if r.ID == s.RID {
				part = partPath(r.Target)
				if strings.Contains(r.Target, "\\") {
					part = "" // excelize cleans the path before turning \\ into /
				}
			}
		}
		var size uint64
		if f := zipFileExact(zr, part); part != "" && f != nil {
			size = f.UncompressedSize64
		}
		out = append(out, Sheet{Name: s.Name, State: s.State, Part: part, Size: size})
	}
	return out, wb.WorkbookPr.Date1904, nil
}

// readSST reads xl/sharedStrings.xml (the name excelize reads) into a
// table of strings; a workbook without one has an empty table.
func readSST(zr *zip.Reader, budget *unzipBudget) ([]string, error) {
	f := zipFile(zr, "xl/sharedStrings.xml")
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, ErrDecline
	}
	defer rc.Close()
	// excelize rewrites Strict namespace addresses anywhere in the table,
	// text included; leave such tables to it.
	purl := &purlReader{r: budgetReader{rc, budget}}
	s := newXMLScan(purl)
	var out []string
	if !s.next() {
		return nil, ErrDecline
	}
	for s.kind == tokText {
		if !s.next() {
			return nil, ErrDecline
		}
	}
	// excelize decodes the table into a struct bound to the main namespace.
	if s.kind != tokStart || string(s.name) != "sst" || !inMainNS(s) || !typedAttrsOK(s) {
		return nil, ErrDecline
	}
	if v, ok := s.attr("uniqueCount"); ok {
		if n, err := strconv.Atoi(string(v)); err == nil && n > 0 && n < 1<<22 {
			out = make([]string, 0, n)
		}
	}
	for s.next() {
		switch {
		case s.kind == tokStart && s.depth == 1:
			return nil, ErrDecline // a second root, which excelize ignores
		case s.kind == tokStart && string(s.name) == "si":
			// excelize takes items below the root; for a table over
			// 16 MB, items at any depth.
			if s.depth != 2 {
				return nil, ErrDecline
			}
			v, err := s.stringItem()
			if err != nil {
				return nil, inPart(f.Name, slowOr(err))
			}
			out = append(out, v)
		}
	}
	if s.err != nil {
		return nil, inPart(f.Name, slowOr(s.err))
	}
	if purl.found {
		return nil, ErrDecline
	}
	return out, nil
}

// inPart names the part a damaged zip stream belongs to; ErrDecline and
// the limits pass as they are.
func inPart(part string, err error) error {
	switch {
	case errors.Is(err, ErrDecline), errors.Is(err, ErrUnzipBudget), errors.Is(err, ErrTooLong), errors.Is(err, ErrTooManyMerges):
		return err
	}
	return &PartError{part, err}
}

// inMainNS reports whether the start tag just read is in the spreadsheet
// namespace, by the xmlns declaration on the same tag.
func inMainNS(s *xmlScan) bool {
	// Not from the stack of open elements: a self-closing tag such as an
	// empty <sst .../> is never pushed on it.
	qname := s.qname
	want := "xmlns"
	if i := bytes.IndexByte(qname, ':'); i > 0 && i < len(qname)-1 {
		want = "xmlns:" + string(qname[:i])
	}
	for i := len(s.attrs) - 1; i >= 0; i-- {
		if string(s.attrs[i].qkey) == want {
			v, err := xmlText(s.attrs[i].val, false)
			return err == nil && v == mainNS
		}
	}
	return false
}

// slowOr keeps the errors of the input (a damaged zip stream, a part
// over the budget, a text too long) and turns every other into
// ErrDecline: XML the fast reader does not take is left to excelize,
// whose path checks it again.
func slowOr(err error) error {
	if err == nil || errors.Is(err, ErrDecline) {
		return ErrDecline
	}
	return err
}

// readSheet reads one worksheet, giving its rows to visit, as excelize
// returns them, and returning the merged ranges.
func readSheet(ctx context.Context, zr *zip.Reader, part string, sst []string, budget *unzipBudget, visit func(int, []string) error) (merges []Range, err error) {
	var prevRow, cellCol int
	defer func() {
		if r := recover(); r != nil {
			merges, err = nil, recovered(r, prevRow, cellCol)
		}
	}()
	f := zipFileExact(zr, part)
	rc, err := f.Open()
	if err != nil {
		return nil, ErrDecline
	}
	defer rc.Close()
	s := newXMLScan(budgetReader{rc, budget})
	s.merges = &merges
	var (
		inRows   = true // until </sheetData>
		haveRow  bool   // a <row> has started: cells belong to it
		cells    []string
		rowWidth = 16
		rowTags  int
	)
	flush := func() error {
		if haveRow {
			cellCol = 0 // a panic in visit is about the row
			return visit(prevRow, cells)
		}
		return nil
	}
	for s.next() {
		switch s.kind {
		case tokStart:
			name := string(s.name)
			switch {
			case name == "row" && !inRows:
				// excelize goes on finding rows after </sheetData>.
				return nil, ErrDecline
			case name == "row":
				if err := flush(); err != nil {
					return nil, err
				}
				num := prevRow + 1
				// excelize parses every attribute named r, stopping at a
				// bad one, and keeps the last.
				bad := false
				s.eachAttr("r", func(v []byte) {
					n, err := strconv.Atoi(string(v))
					if err != nil || n < 0 || n > excelize.TotalRows {
						bad = true
					} else if n != 0 {
						num = n
					}
				})
				if bad {
					return nil, ErrDecline
				}
				if num <= prevRow {
					return nil, ErrDecline // rows out of order
				}
				prevRow, haveRow, cellCol = num, true, 0
				if len(cells) > rowWidth {
					rowWidth = len(cells)
				}
				cells = nil
				// Counted by row elements, so rows far apart still stop
				// for a cancel.
				if rowTags++; rowTags&4095 == 0 {
					if err := ctx.Err(); err != nil {
						return nil, err
					}
				}
			case name == "c" && haveRow:
				col, val, keep, err := readCell(s, sst, cellCol)
				if err != nil {
					return nil, inPart(part, err)
				}
				cellCol = col
				if keep {
					if cells == nil {
						cells = make([]string, 0, rowWidth)
					}
					for len(cells) < col-1 {
						cells = append(cells, "")
					}
					cells = append(cells, val)
				}
			}
		case tokEnd:
			if inRows && string(s.name) == "sheetData" {
				if err := flush(); err != nil {
					return nil, err
				}
				haveRow, inRows = false, false
			}
		}
	}
	if s.err != nil {
		return nil, inPart(part, slowOr(s.err))
	}
	if inRows {
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return merges, nil
}

// readCell reads a <c> element as excelize's rowXMLHandler does: the
// column from its reference (or one past the previous cell), its value,
// and whether excelize keeps it (a value, or a formula).
func readCell(s *xmlScan, sst []string, prevCol int) (col int, val string, keep bool, err error) {
	col = prevCol + 1
	var typ string
	if v, ok := s.attr("r"); ok && len(v) > 0 {
		if col, ok = cellColumn(v); !ok {
			return 0, "", false, ErrDecline
		}
	}
	bad := false
	s.eachAttr("s", func(v []byte) {
		if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
			bad = true
		}
	})
	if bad {
		return 0, "", false, ErrDecline
	}
	if v, ok := s.attr("t"); ok {
		if typ, err = xmlText(v, false); err != nil {
			return 0, "", false, ErrDecline
		}
	}
	var (
		v, inline string
		hasF      bool
		hasIS     bool
	)
	if !(s.kind == tokStart && s.self) {
		start := s.depth
		for done := false; !done; {
			if !s.next() {
				return 0, "", false, slowOr(s.fail())
			}
			switch s.kind {
			case tokStart:
				switch string(s.name) {
				case "c":
					return 0, "", false, ErrDecline // a cell inside a cell
				case "v":
					if v, err = s.chardata(); err != nil {
						return 0, "", false, slowOr(err)
					}
				case "f":
					if !typedAttrsOK(s) {
						return 0, "", false, ErrDecline
					}
					hasF = true
					if err = s.skip(); err != nil {
						return 0, "", false, slowOr(err)
					}
				case "is":
					if hasIS {
						// excelize decodes a second <is> into the first.
						return 0, "", false, ErrDecline
					}
					hasIS = true
					if inline, err = s.stringItem(); err != nil {
						return 0, "", false, slowOr(err)
					}
				}
			case tokEnd:
				done = s.depth < start
			}
		}
	} else {
		s.next() // the end half of <c/>
	}
	switch typ {
	case "s":
		if v != "" {
			i, _ := strconv.Atoi(strings.TrimSpace(v)) // excelize reads a bad index as 0
			if i < 0 || i >= len(sst) {
				v = "" // excelize drops the cell
			} else {
				v = sst[i]
			}
		}
	case "inlineStr":
		if hasIS {
			v = inline
		}
	}
	return col, v, v != "" || hasF, nil
}

// cellColumn reads the column of a reference such as "AB12", as
// excelize.CellNameToCoordinates would, taking the common form quickly.
func cellColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for i < len(ref) && i < 3 && 'A' <= ref[i] && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row := 0
	digits := ref[i:]
	simple := i > 0 && len(digits) > 0 && len(digits) <= 7 && digits[0] != '0'
	for _, c := range digits {
		if c < '0' || c > '9' {
			simple = false
			break
		}
		row = row*10 + int(c-'0')
	}
	if simple && col <= excelize.MaxColumns && row <= excelize.TotalRows {
		return col, true
	}
	text, err := xmlText(ref, false)
	if err != nil {
		return 0, false
	}
	c, _, err := excelize.CellNameToCoordinates(text)
	return c, err == nil
}

// mergeOf reads the range of the <mergeCell> just opened.
func mergeOf(s *xmlScan) (Range, bool) {
	v, ok := s.attr("ref")
	if !ok {
		return Range{}, false
	}
	ref, err := xmlText(v, false)
	if err != nil {
		return Range{}, false
	}
	return ParseRange(ref)
}

// purlReader notes whether "purl.oclc.org" passes through it.
type purlReader struct {
	r     io.Reader
	tail  []byte
	found bool
}

func (p *purlReader) Read(b []byte) (int, error) {
	const pat = "purl.oclc.org"
	n, err := p.r.Read(b)
	if n > 0 && !p.found {
		// The chunk itself, and the seam with the end of the last one;
		// the chunk is not copied.
		seam := append(p.tail, b[:min(n, len(pat)-1)]...)
		p.found = bytes.Contains(b[:n], []byte(pat)) || bytes.Contains(seam, []byte(pat))
		if n >= len(pat)-1 {
			p.tail = append(p.tail[:0], b[n-(len(pat)-1):n]...)
		} else {
			p.tail = append(p.tail[:0], seam[max(0, len(seam)-(len(pat)-1)):]...)
		}
	}
	return n, err
}

// zipFileExact finds a part by its exact name, as excelize looks up
// workbooks and worksheets.
func zipFileExact(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.ReplaceAll(f.Name, "\\", "/") == name {
			return f
		}
	}
	return nil
}

package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"staffplan/data/importer/internal/xlsxfast"
	"staffplan/data/model"
)

// Format is the kind of file read.
type Format string

// Formats this package reads.
const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
	FormatTSV  Format = "tsv"
)

// Default limits. A roster of 100,000 people in .xlsx is about 10 MB, so
// these leave ample room and still stop a hostile file early.
const (
	DefaultMaxFileSize  = 200 << 20 // bytes on disk
	DefaultMaxUnzipSize = 2 << 30   // bytes a workbook may unpack to
	// defaultXMLInMemory is the largest part excelize keeps in memory; a
	// larger worksheet is unpacked to a temporary file and streamed.
	defaultXMLInMemory = 16 << 20
)

// Progress is told how far a long step has got; total is 0 when unknown.
// It is called from the goroutine doing the work, at most every few
// thousand rows.
type Progress func(done, total int)

// Options tune Read. The zero value and nil give the defaults.
type Options struct {
	// Password opens an encrypted workbook. Without it such a workbook
	// fails with ErrPassword, so the caller can ask for one.
	Password string
	// Sheets limits reading to these sheets (by name); nil reads all.
	Sheets []string
	// MaxFileSize refuses larger files (ErrTooLarge). Default 200 MB.
	MaxFileSize int64
	// MaxUnzipSize refuses workbooks that unpack to more (ErrZipBomb).
	// Default 2 GB.
	MaxUnzipSize int64
	// Progress, if set, is told how many rows have been read.
	Progress Progress

	// slowOnly reads workbooks with excelize alone, and fastAlways every
	// sheet the fast reader takes with it whatever its size, for tests
	// that hold the fast reader to excelize's results.
	slowOnly, fastAlways bool
	// maxCells is DefaultMaxCells unless a test sets it lower; cellsLeft
	// counts down as a Read takes cells.
	maxCells, cellsLeft int
}

func (o *Options) withDefaults() Options {
	var r Options
	if o != nil {
		r = *o
	}
	if r.MaxFileSize <= 0 {
		r.MaxFileSize = DefaultMaxFileSize
	}
	if r.MaxUnzipSize <= 0 {
		r.MaxUnzipSize = DefaultMaxUnzipSize
	}
	if r.maxCells <= 0 {
		r.maxCells = DefaultMaxCells
	}
	r.cellsLeft = r.maxCells
	return r
}

// Workbook is a file read into memory: every sheet as rows of text, with
// merged cells filled in, and what was detected about it. Read detects the
// header, mapping and role of each sheet and the kind of the workbook; the
// caller may change Kind, each sheet's Role and Mapping, or call
// SetHeaderRow, before Preview.
type Workbook struct {
	Path     string
	Name     string // file name without folder and extension: the new plan's name
	Format   Format
	Encoding string // for text files: "UTF-8", "UTF-8 BOM" or "GB18030"
	Sheets   []*Sheet
	Kind     Kind
}

// Sheet returns the sheet named name, or nil.
func (w *Workbook) Sheet(name string) *Sheet {
	for _, s := range w.Sheets {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Read reads a spreadsheet or text file and detects what it holds. It
// fails with a *model.Problem (see the Key constants) for a file it cannot
// read. Cancelling ctx stops it with ErrCancelled.
func Read(ctx context.Context, file string, opt *Options) (wb *Workbook, err error) {
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, PanicProblem(r, file, "", 0, 0)
		}
	}()
	o := opt.withDefaults()
	base := filepath.Base(file)
	fi, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	// A device or a pipe has no size to check, and /dev/zero never ends;
	// opening a pipe would wait for a writer.
	if !fi.Mode().IsRegular() {
		return nil, notRegular(base)
	}
	if fi.Size() > o.MaxFileSize {
		return nil, problem(KeyTooLarge, "{{.file}} is {{.sizeMB}} MB; files over {{.limitMB}} MB are not imported.",
			"file", base, "sizeMB", fi.Size()>>20, "limitMB", o.MaxFileSize>>20)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file opened may not be the one looked at.
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(base)
	}
	if fi.Size() > o.MaxFileSize {
		return nil, problem(KeyTooLarge, "{{.file}} is {{.sizeMB}} MB; files over {{.limitMB}} MB are not imported.",
			"file", base, "sizeMB", fi.Size()>>20, "limitMB", o.MaxFileSize>>20)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	w := &Workbook{Path: file, Name: strings.TrimSuffix(base, filepath.Ext(base))}
	ext := strings.ToLower(filepath.Ext(file))
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		if err := oleKind(f, fi.Size(), base, o.Password); err != nil {
			return nil, err
		}
		w.Format = FormatXLSX
		err = readXLSX(ctx, w, f, fi.Size(), &o)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		w.Format = FormatXLSX
		err = readXLSX(ctx, w, f, fi.Size(), &o)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".xltx" || ext == ".xlsb":
		return nil, problem(KeyNotSpreadsheet+".renamed", "{{.file}} is named like an Excel workbook but is not one; it may have been renamed or damaged.", "file", base)
	default:
		err = readTextFile(ctx, w, f, ext, &o)
	}
	if err != nil {
		return nil, err
	}
	detectAll(w)
	return w, nil
}

func notRegular(base string) error {
	return problem(KeyNotSpreadsheet+".not_file", "{{.file}} is not a regular file (it is a folder, a device or a pipe); only files are imported.", "file", base)
}

// oleKind tells an old BIFF workbook from an encrypted new one: both are
// OLE2 compound files, but an encrypted workbook holds an
// "EncryptedPackage" stream. Directory entries are UTF-16 names.
func oleKind(f *os.File, size int64, base, password string) error {
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil && err != io.EOF {
		return err
	}
	if bytes.Contains(data, utf16le("EncryptedPackage")) {
		if password == "" {
			return problem(KeyPassword, "{{.file}} is protected by a password. Enter the password to import it.", "file", base)
		}
		return nil
	}
	if bytes.Contains(data, utf16le("Workbook")) || bytes.Contains(data, utf16le("Book")) {
		return problem(KeyOldXLS, "{{.file}} is an old Excel 97–2003 workbook (.xls), which cannot be read. Open it in Excel or WPS and use File › Save As › Excel Workbook (.xlsx), then import the .xlsx file.", "file", base)
	}
	return problem(KeyNotSpreadsheet+".office", "{{.file}} is an Office file but not a workbook.", "file", base)
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// readXLSX reads a workbook: each sheet whose XML is large with the fast
// reader (see fastSheetBytes), the others, and whatever the fast reader
// declines, with excelize's streaming row reader.
func readXLSX(ctx context.Context, w *Workbook, f *os.File, size int64, o *Options) error {
	base := filepath.Base(w.Path)
	// An encrypted package is decrypted in memory by excelize, so its
	// parts cannot be read from the file on disk (zr stays nil).
	var zr *zip.Reader
	if o.Password == "" {
		zr, _ = zip.NewReader(f, size)
	}
	if zr != nil && !o.slowOnly {
		book, err := xlsxfast.Open(zr, xlsxfast.Options{MaxUnzipSize: o.MaxUnzipSize})
		switch {
		case err == nil:
			return readXLSXBook(ctx, w, f, zr, book, o, false)
		case !errors.Is(err, errSlowPath):
			return partProblem(err, base)
		}
	}
	x, err := openExcelize(f, zr, o, base)
	if err != nil {
		return err
	}
	defer x.Close()
	parts := sheetParts(zr)
	props, _ := x.GetWorkbookProps()
	date1904 := props.Date1904 != nil && *props.Date1904
	names := x.GetSheetList()
	if len(names) == 0 {
		return problem(KeyCorrupt+".no_sheets", "{{.file}} has no sheets; it may be damaged.", "file", base)
	}
	want := names
	if o.Sheets != nil {
		want = nil
		for _, s := range o.Sheets {
			if i, _ := x.GetSheetIndex(s); i < 0 {
				return problem(KeyNoSheet, "{{.file}} has no sheet named {{.sheet}}.", "file", base, "sheet", s)
			}
			want = append(want, s)
		}
	}
	for _, name := range want {
		if vis, _ := x.GetSheetVisible(name); !vis && o.Sheets == nil {
			continue // hidden sheets hold lookups and macros, not people
		}
		part := parts[name]
		for n, p := range parts {
			if part == "" && strings.EqualFold(n, name) {
				part = p // Options.Sheets may name it in another case
			}
		}
		s, err := readXLSXSheet(ctx, x, zr, part, name, base, o)
		if err != nil {
			return err
		}
		s.Date1904 = date1904
		w.Sheets = append(w.Sheets, s)
	}
	return nil
}

// openExcelize opens the workbook with excelize, after reading the parts
// the import uses to their end: excelize reads every part without telling
// of a damaged stream.
func openExcelize(f *os.File, zr *zip.Reader, o *Options, base string) (*excelize.File, error) {
	sstDoubt := false
	if zr != nil {
		for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
			if err := drainPart(zr, name, o.MaxUnzipSize); err != nil {
				return nil, partProblem(err, base)
			}
		}
		var err error
		if _, sstDoubt, err = checkPart(zr, "xl/sharedStrings.xml", o.MaxUnzipSize); err != nil {
			return nil, partProblem(err, base)
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	xo := excelize.Options{
		Password:          o.Password,
		UnzipSizeLimit:    o.MaxUnzipSize,
		UnzipXMLSizeLimit: min(int64(defaultXMLInMemory), o.MaxUnzipSize),
	}
	x, err := excelize.OpenReader(f, xo)
	if err != nil {
		return nil, xlsxError(err, base, o.Password)
	}
	if sstDoubt {
		// Before excelize decodes the table, which it does on the first row.
		if _, err := xmlCheck(zr, "xl/sharedStrings.xml", o.MaxUnzipSize, x.CharsetReader); err != nil {
			x.Close()
			return nil, partProblem(err, base)
		}
	}
	return x, nil
}

func readXLSXSheet(ctx context.Context, x *excelize.File, zr *zip.Reader, part, name, base string, o *Options) (_ *Sheet, err error) {
	s := &Sheet{Name: name}
	row := 0 // the row being read, 1-based
	defer func() {
		if r := recover(); r != nil {
			err = PanicProblem(r, base, name, row, -1)
		}
	}()
	total := 0
	if zr != nil && part != "" {
		// The part is read to its end before excelize streams it: excelize
		// stops at damage as if the sheet ended there, and would hold a
		// text run of any length in memory. The same pass finds the merged
		// ranges, which sit after the rows; GetMergeCells would load the
		// whole sheet into memory instead.
		total = sheetDimension(zr, part)
		m, doubt, err := checkPart(zr, part, o.MaxUnzipSize)
		if err == nil && doubt {
			m, err = xmlCheck(zr, part, o.MaxUnzipSize, x.CharsetReader)
		}
		if err != nil {
			return nil, partProblem(sheetPartError(err, name), base)
		}
		s.Merges = m
	} else {
		// An encrypted workbook: excelize keeps the merges.
		mc, err := x.GetMergeCells(name, true)
		if err != nil {
			return nil, xlsxError(err, base, o.Password)
		}
		for _, c := range mc {
			if r, ok := parseRange(c.GetStartAxis() + ":" + c.GetEndAxis()); ok {
				s.Merges = append(s.Merges, r)
			}
		}
	}
	rows, err := x.Rows(name)
	if err != nil {
		return nil, xlsxError(err, base, o.Password)
	}
	raw := excelize.Options{RawCellValue: true}
	for rows.Next() {
		row = len(s.Rows) + 1
		cols, err := rows.Columns(raw)
		if err != nil {
			rows.Close()
			return nil, xlsxError(err, base, o.Password)
		}
		if err := o.spend(len(cols), name, row); err != nil {
			rows.Close()
			return nil, partProblem(err, base)
		}
		s.Rows = append(s.Rows, cols)
		if testHook != nil {
			testHook("row", name, len(s.Rows))
		}
		if n := len(s.Rows); n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				rows.Close()
				return nil, cancelled(err)
			}
			if o.Progress != nil {
				o.Progress(n, total)
			}
		}
	}
	err = rows.Error()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, xlsxError(err, base, o.Password)
	}
	if err := applyMerges(s, o); err != nil {
		return nil, partProblem(err, base)
	}
	if o.Progress != nil {
		o.Progress(len(s.Rows), len(s.Rows))
	}
	return s, nil
}

// xlsxError turns excelize and zip errors into problems.
func xlsxError(err error, base, password string) error {
	var p interface{ Error() string }
	if errors.As(err, &p) && strings.Contains(err.Error(), "unzip size exceeds") {
		return problem(KeyZipBomb, "{{.file}} unpacks to more data than a workbook may hold; it was not read.", "file", base)
	}
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword), errors.Is(err, excelize.ErrWorkbookFileFormat) && password != "":
		return problem(KeyWrongPassword, "The password does not open {{.file}}.", "file", base)
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return problem(KeyPassword, "{{.file}} is protected by a password. Enter the password to import it.", "file", base)
	case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit):
		return err
	}
	return problem(KeyCorrupt+".damaged", "{{.file}} is damaged or incomplete and cannot be read ({{.detail}}).", "file", base, "detail", err.Error())
}

// mergeRange is a merged block, 0-based and inclusive.
type mergeRange = xlsxfast.Range

// parseRange reads a reference such as "A1:C3".
func parseRange(ref string) (mergeRange, bool) { return xlsxfast.ParseRange(ref) }

// applyMerges copies each merged block's value into the cells it covers
// that exist, so a department merged down its rows reads on each row. A
// merge reaches no further than the widest row and fills no row the file
// leaves out or holds no value in; every row a merge visits is counted
// against the cell budget, so a sheet-wide merge, or many, cannot take
// memory or time without bound.
func applyMerges(s *Sheet, o *Options) error {
	const maxCols = 256
	width := 0
	for _, row := range s.Rows {
		width = max(width, len(row))
	}
	width = min(width, maxCols)
	for _, m := range s.Merges {
		if m.R0 >= len(s.Rows) || m.C0 >= width {
			continue
		}
		var v string
		if m.C0 < len(s.Rows[m.R0]) {
			v = s.Rows[m.R0][m.C0]
		}
		if v == "" {
			continue
		}
		c1 := min(m.C1, width-1)
		for r := m.R0; r <= m.R1 && r < len(s.Rows); r++ {
			row := s.Rows[r]
			if err := o.spend(1, s.Name, r+1); err != nil {
				return err
			}
			if len(row) == 0 {
				continue // a row the file does not have
			}
			if c1 >= len(row) {
				if err := o.spend(c1+1-len(row), s.Name, r+1); err != nil {
					return err
				}
				row = append(row, make([]string, c1+1-len(row))...)
			}
			for c := m.C0; c <= c1; c++ {
				if r != m.R0 || c != m.C0 {
					row[c] = v
				}
			}
			s.Rows[r] = row
		}
	}
	return nil
}

// sheetParts maps sheet names to their part names in the zip, from
// xl/workbook.xml and its relationships.
func sheetParts(zr *zip.Reader) map[string]string {
	out := map[string]string{}
	if zr == nil {
		return out
	}
	for _, s := range xlsxfast.ListSheets(zr) {
		out[s.Name] = s.Part
	}
	return out
}

func zipFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// sheetDimension reads <dimension ref="A1:N100001"/> near the top of a
// sheet, for the progress bar's total; 0 when absent.
func sheetDimension(zr *zip.Reader, part string) int {
	f := zipFile(zr, part)
	if f == nil {
		return 0
	}
	rc, err := f.Open()
	if err != nil {
		return 0
	}
	defer rc.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(rc, buf)
	buf = buf[:n]
	i := bytes.Index(buf, []byte("<dimension ref=\""))
	if i < 0 {
		return 0
	}
	rest := buf[i+len("<dimension ref=\""):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return 0
	}
	if r, ok := parseRange(string(rest[:j])); ok {
		return r.R1 + 1
	}
	return 0
}

// readTextFile reads CSV or tab-separated text from f. UTF-8 text (the
// common case, and the one a hostile file takes) is checked in a first
// pass and parsed from the file in a second, so that only the rows are in
// memory; other text is read whole and decoded as GB18030. Both passes
// count the bytes read against MaxFileSize.
func readTextFile(ctx context.Context, w *Workbook, f *os.File, ext string, o *Options) error {
	base := filepath.Base(w.Path)
	tooLarge := func(n int64) error {
		return problem(KeyTooLarge, "{{.file}} is {{.sizeMB}} MB; files over {{.limitMB}} MB are not imported.",
			"file", base, "sizeMB", n>>20, "limitMB", o.MaxFileSize>>20)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	sc, err := scanText(io.LimitReader(f, o.MaxFileSize+1))
	if err != nil {
		return err
	}
	if sc.n > o.MaxFileSize {
		return tooLarge(sc.n)
	}
	if !sc.utf8 {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		data, err := io.ReadAll(io.LimitReader(f, o.MaxFileSize+1))
		if err != nil {
			return err
		}
		if int64(len(data)) > o.MaxFileSize {
			return tooLarge(int64(len(data)))
		}
		return readText(ctx, w, data, ext, o)
	}
	if !sc.text {
		return problem(KeyNotSpreadsheet+".unknown", "{{.file}} is not a spreadsheet or a text table.", "file", base)
	}
	if _, err := f.Seek(sc.bom, io.SeekStart); err != nil {
		return err
	}
	w.Encoding = "UTF-8"
	if sc.bom > 0 {
		w.Encoding = "UTF-8 BOM"
	}
	sep := separatorOf(sc.tabs, sc.commas, sc.semis, ext)
	rows, err := parseRows(ctx, io.LimitReader(f, o.MaxFileSize), sep, o, w.Name)
	return textSheet(w, rows, sep, err, o)
}

// readText reads CSV or tab-separated text held in memory, in UTF-8 (with
// or without BOM) or GB18030/GBK.
func readText(ctx context.Context, w *Workbook, data []byte, ext string, o *Options) error {
	base := filepath.Base(w.Path)
	text, enc, err := decodeText(data)
	if err != nil {
		return problem(KeyNotSpreadsheet+".unknown", "{{.file}} is not a spreadsheet or a text table.", "file", base)
	}
	w.Encoding = enc
	first := text
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	sep := separatorOf(bytes.Count(first, []byte("\t")), bytes.Count(first, []byte(",")), bytes.Count(first, []byte(";")), ext)
	rows, err := parseRows(ctx, bytes.NewReader(text), sep, o, w.Name)
	return textSheet(w, rows, sep, err, o)
}

// textSheet makes the one sheet of a text file, or the problem of its
// parse.
func textSheet(w *Workbook, rows [][]string, sep rune, err error, o *Options) error {
	base := filepath.Base(w.Path)
	if err != nil {
		var ce *cellsError
		var p *model.Problem
		switch {
		case errors.As(err, &p):
			return err
		case errors.Is(err, errTableShape) || errors.As(err, &ce):
			return partProblem(err, base)
		}
		return problem(KeyCorrupt+".table", "{{.file}} is not a readable table ({{.detail}}).", "file", base, "detail", err.Error())
	}
	w.Format = FormatCSV
	if sep == '\t' {
		w.Format = FormatTSV
	}
	if o.Progress != nil {
		o.Progress(len(rows), len(rows))
	}
	w.Sheets = []*Sheet{{Name: w.Name, Rows: rows}}
	return nil
}

// textScan is what a first pass over a text file finds: its length, the
// length of a UTF-8 BOM, whether it is UTF-8 and text (no control
// characters), and the separators in its first line.
type textScan struct {
	n, bom              int64
	utf8, text          bool
	tabs, commas, semis int
}

// scanText reads r to its end in chunks, as DecodeText would judge the
// whole: a rune split between two chunks is carried to the next.
func scanText(r io.Reader) (textScan, error) {
	sc := textScan{utf8: true, text: true}
	buf := make([]byte, 64<<10)
	head, err := io.ReadFull(r, buf[:3])
	sc.n = int64(head)
	switch {
	case err != nil && err != io.EOF && err != io.ErrUnexpectedEOF:
		return sc, err
	case head == 3 && bytes.Equal(buf[:3], []byte{0xEF, 0xBB, 0xBF}):
		sc.bom, head = 3, 0
	case head >= 2 && (bytes.Equal(buf[:2], []byte{0xFF, 0xFE}) || bytes.Equal(buf[:2], []byte{0xFE, 0xFF})):
		sc.text = false // UTF-16: Excel's "Unicode text"; not supported
		return sc, nil
	}
	keep, firstLine := head, true
	for {
		m, err := r.Read(buf[keep:])
		if m < 0 {
			m = 0
		}
		sc.n += int64(m)
		chunk := buf[:keep+m]
		end := len(chunk)
		if err == nil {
			end = completeRunes(chunk)
		}
		part := chunk[:end]
		if !utf8.Valid(part) {
			sc.utf8 = sc.bom > 0 // with a BOM it must be UTF-8: not text
			sc.text = false
			return sc, nil
		}
		if !looksLikeText(part) {
			sc.text = false
			return sc, nil
		}
		if firstLine {
			line := part
			if i := bytes.IndexByte(part, '\n'); i >= 0 {
				line, firstLine = part[:i], false
			}
			sc.tabs += bytes.Count(line, []byte("\t"))
			sc.commas += bytes.Count(line, []byte(","))
			sc.semis += bytes.Count(line, []byte(";"))
		}
		keep = copy(buf, chunk[end:])
		switch {
		case err == io.EOF:
			return sc, nil
		case err != nil:
			return sc, err
		}
	}
}

// completeRunes is the length of b without a rune cut off at its end.
func completeRunes(b []byte) int {
	i := len(b) - 1
	for i >= 0 && len(b)-i < utf8.UTFMax && b[i]&0xC0 == 0x80 {
		i--
	}
	if i >= 0 && !utf8.FullRune(b[i:]) {
		return i
	}
	return len(b)
}

// DecodeText turns the bytes of a text file into UTF-8. A BOM says UTF-8;
// valid UTF-8 is taken as it is; otherwise the text must decode as GB18030
// (a superset of GBK, what Excel writes on Chinese Windows) and look like
// text. Binary data is refused.
func DecodeText(data []byte) (text, encoding string, err error) {
	b, enc, err := decodeText(data)
	return string(b), enc, err
}

// decodeText is DecodeText giving UTF-8 bytes, data itself where it is
// UTF-8 already.
func decodeText(data []byte) (text []byte, encoding string, err error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		data = data[3:]
		if !utf8.Valid(data) || !looksLikeText(data) {
			return nil, "", errNotText
		}
		return data, "UTF-8 BOM", nil
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, "", errNotText // UTF-16: Excel's "Unicode text"; not supported
	}
	if utf8.Valid(data) {
		if !looksLikeText(data) {
			return nil, "", errNotText
		}
		return data, "UTF-8", nil
	}
	if !plausibleGB(data) {
		return nil, "", errNotText
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(dec) || !looksLikeText(dec) {
		return nil, "", errNotText
	}
	return dec, "GB18030", nil
}

var errNotText = errors.New("not text")

// looksLikeText refuses control characters other than tab and line ends:
// binary files decode as "valid" GB18030 surprisingly often.
func looksLikeText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError {
			return false
		}
		i += size
	}
	return true
}

// plausibleGB checks the lead/trail byte structure of GBK double-byte
// characters: lead 0x81–0xFE, trail 0x40–0xFE except 0x7F (or a
// four-byte GB18030 sequence).
func plausibleGB(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case c >= 0x81 && c <= 0xFE && i+1 < len(b):
			t := b[i+1]
			switch {
			case t >= 0x40 && t <= 0xFE && t != 0x7F:
				i += 2
			case t >= 0x30 && t <= 0x39 && i+3 < len(b):
				i += 4
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// ParseTable splits text into rows of cells. Tab-separated text is chosen
// for .tsv/.txt files and for text whose first lines have tabs but no
// commas outside quotes; the separator used is returned.
func ParseTable(text, ext string) ([][]string, rune, error) {
	o := (&Options{}).withDefaults()
	first := text
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	sep := separatorOf(strings.Count(first, "\t"), strings.Count(first, ","), strings.Count(first, ";"), ext)
	rows, err := parseRows(context.Background(), strings.NewReader(text), sep, &o, "")
	return rows, sep, err
}

// separatorOf chooses the separator from the counts in the first line.
func separatorOf(tabs, commas, semis int, ext string) rune {
	switch {
	case ext == ".tsv" || ext == ".tab" || tabs > commas:
		return '\t'
	case ext != ".csv" && semis > commas:
		return ';'
	}
	return ','
}

// parseRows reads the rows of a table within the limits: no row wider
// than Excel's columns, no more rows than Excel's, no more cells than the
// budget. Each limit stops the parse where it is passed, before the rest
// is read.
func parseRows(ctx context.Context, in io.Reader, sep rune, o *Options, sheet string) ([][]string, error) {
	r := csv.NewReader(&fieldGuard{r: in, sep: byte(sep)})
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errTableShape) {
				return nil, errTableShape
			}
			return nil, err
		}
		if len(rows) >= maxRows {
			return nil, errTableShape
		}
		if err := o.spend(len(rec), sheet, len(rows)+1); err != nil {
			return nil, err
		}
		rows = append(rows, rec)
		if len(rows)&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, cancelled(err)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, cancelled(err)
	}
	return rows, nil
}

package importer

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"staffplan/data/importer/internal/xlsxfast"
	"staffplan/data/model"
)

// A damaged file is refused as a whole. A zip CRC error shows only when a
// part is read to its end, and excelize neither reads every part to the
// end nor reports what it meets there (it ignores the copy error of each
// part, and its row reader stops at the first XML error as if the sheet
// ended there), so both readers read every part the import uses to its
// end through the checks below.

// The fast reader's limits and errors, which both readers share.
var (
	errSlowPath      = xlsxfast.ErrDecline
	errUnzipBudget   = xlsxfast.ErrUnzipBudget
	errTooLong       = xlsxfast.ErrTooLong
	errTooManyMerges = xlsxfast.ErrTooManyMerges
)

const (
	maxToken  = xlsxfast.MaxToken
	maxMerges = xlsxfast.MaxMerges
)

// partError is a part that could not be read to its end: the zip stream
// is damaged or the XML is malformed.
type partError = xlsxfast.PartError

func zipBombProblem(err error, base string) error {
	if errors.Is(err, errUnzipBudget) {
		return problem(KeyZipBomb, "{{.file}} unpacks to more data than a workbook may hold; it was not read.", "file", base)
	}
	return nil
}

// partProblem turns what reading a part went wrong with into the problem
// the user sees; problems made further in pass through.
func partProblem(err error, base string) error {
	var p *model.Problem
	var ce *cellsError
	switch {
	case errors.As(err, &p):
		return err
	case errors.As(err, &ce):
		return problem(KeyTooLarge+".cells", "{{.file}} holds more than {{.limit}} cells (counting each row as wide as its last cell with a value; sheet {{.sheet}}, row {{.row}}); it was not read.",
			"file", base, "limit", ce.limit, "sheet", ce.sheet, "row", ce.row)
	case errors.Is(err, errTableShape):
		return problem(KeyTooLarge+".table", "{{.file}} has a row of more than {{.columns}} columns or more than {{.rows}} rows; it was not read.",
			"file", base, "columns", maxColumns, "rows", maxRows)
	case errors.Is(err, errUnzipBudget):
		return zipBombProblem(err, base)
	case errors.Is(err, errTooLong):
		return problem(KeyTooLarge+".text", "{{.file}} holds a text of more than {{.limitMB}} MB in one place; no cell holds that much (at most 32,767 characters), so the file was not read.",
			"file", base, "limitMB", maxToken>>20)
	case errors.Is(err, errTooManyMerges):
		return problem(KeyTooLarge+".merges", "{{.file}} has more than {{.limit}} merged ranges on one sheet; it was not read.", "file", base, "limit", maxMerges)
	}
	return problem(KeyCorrupt+".damaged", "{{.file}} is damaged or incomplete and cannot be read ({{.detail}}).", "file", base, "detail", err.Error())
}

// drainPart reads a part to its end, so its CRC is checked.
func drainPart(zr *zip.Reader, name string, limit int64) error {
	f := zipFile(zr, name)
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return &partError{Part: name, Err: err}
	}
	defer rc.Close()
	if _, err := io.Copy(io.Discard, xlsxfast.LimitReader(rc, limit)); err != nil {
		if errors.Is(err, errUnzipBudget) {
			return err
		}
		return &partError{Part: name, Err: err}
	}
	return nil
}

// checkPart reads a part to its end with the fast reader's tokenizer,
// collecting the merged ranges; doubt reports XML the tokenizer does not
// take: then xmlCheck, reading as excelize does, decides.
func checkPart(zr *zip.Reader, part string, limit int64) (merges []mergeRange, doubt bool, err error) {
	return xlsxfast.CheckPart(zr, part, limit)
}

// xmlCheck reads a part to its end with encoding/xml and charset, as
// excelize decodes it, collecting the merged ranges as the tokenizer
// does. Its first error is where excelize would have stopped reading.
func xmlCheck(zr *zip.Reader, part string, limit int64, charset func(string, io.Reader) (io.Reader, error)) ([]mergeRange, error) {
	f := zipFile(zr, part)
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &partError{Part: part, Err: err}
	}
	defer rc.Close()
	d := xml.NewDecoder(&tokenBound{r: xlsxfast.LimitReader(rc, limit)})
	d.CharsetReader = charset
	var merges []mergeRange
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return merges, nil
		}
		if err != nil {
			if errors.Is(err, errUnzipBudget) || errors.Is(err, errTooLong) {
				return nil, err
			}
			return nil, &partError{Part: part, Err: err}
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "mergeCell" {
			ref := ""
			for _, a := range se.Attr {
				if a.Name.Local == "ref" {
					ref = a.Value
				}
			}
			if r, ok := parseRange(ref); ok {
				if len(merges) >= maxMerges {
					return nil, errTooManyMerges
				}
				merges = append(merges, r)
			}
		}
	}
}

// tokenBound fails a read once more than maxToken bytes pass without a
// '<' or '>', so encoding/xml never holds a text run longer than the
// tokenizer would.
type tokenBound struct {
	r   io.Reader
	run int
}

func (t *tokenBound) Read(b []byte) (int, error) {
	n, err := t.r.Read(b)
	for _, c := range b[:n] {
		if c == '<' || c == '>' {
			t.run = 0
		} else if t.run++; t.run > maxToken {
			return n, errTooLong
		}
	}
	return n, err
}

// sheetPartError names the sheet a part belongs to.
func sheetPartError(err error, sheet string) error {
	var pe *partError
	if errors.As(err, &pe) {
		return fmt.Errorf("sheet %s: %w", sheet, pe.Err)
	}
	return err
}

package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"staffplan/data/model"
)

// corpusDir holds workbooks written by other programs (see its README.md
// and make.sh): the same made-up roster, staffing table and org structure
// by every writer, and made-up files with one trait of real files each.
const corpusDir = "testdata/corpus"

// corpusFile is one corpus file and what a correct import of it gives. The
// figures come from the data the generator wrote (data.py prints them),
// not from what the importer made of the file.
type corpusFile struct {
	file string
	// fast: the fast reader must take this file (and read it as excelize
	// does); otherwise it may leave it to excelize.
	fast bool
	// headerRow and maps are the mapping the user gives (--header-row,
	// --map), if detection cannot tell.
	headerRow *int
	maps      []string
	// refused is the problem key of a file that is refused as a whole.
	refused string
	want    figures
	left    int // people recorded as having left
	// check looks at one record of the plan, for what the figures miss.
	check func(t *testing.T, d *model.PlanData)
}

// The figures of data.json (data.py prints them).
var (
	rosterFigures   = figures{people: 15, units: 9, posts: 10, planned: 14}
	staffingFigures = figures{units: 5, posts: 13, planned: 24}
	orgFigures      = figures{units: 10}
	// The trait files' roster: four people in two units, three posts, and
	// two more who left (trait-left-sheet).
	traitFigures = figures{people: 4, units: 2, posts: 3, planned: 4}
)

// corpusWriters wrote the roster, staffing table and org structure as
// .xlsx; fast says whether the fast reader takes that writer's files.
var corpusWriters = []struct {
	name string
	fast bool
}{
	{"libreoffice", true}, {"gnumeric", true}, {"openpyxl", true}, {"xlsxwriter", true},
	{"sheetjs", true}, {"exceljs", true}, {"excelize", true},
}

// corpusXLS wrote the same as Excel 97–2003 .xls.
var corpusXLS = []string{"libreoffice", "gnumeric", "poi"}

func corpusFiles() []corpusFile {
	var files []corpusFile
	for _, w := range corpusWriters {
		files = append(files,
			corpusFile{file: w.name + "-roster.xlsx", fast: w.fast, want: rosterFigures, left: 1, check: checkCorpusRoster},
			corpusFile{file: w.name + "-staffing.xlsx", fast: w.fast, want: staffingFigures, check: checkCorpusStaffing},
			corpusFile{file: w.name + "-org.xlsx", fast: w.fast, want: orgFigures, check: checkCorpusOrg})
	}
	for _, w := range corpusXLS {
		for _, what := range []string{"roster", "staffing", "org"} {
			files = append(files, corpusFile{file: w + "-" + what + ".xls", refused: KeyOldXLS})
		}
	}
	files = append(files,
		corpusFile{file: "trait-empty-sst.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-no-rows.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-wide-row.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-header-row30.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-hidden-sheets.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-page-blocks.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-excel-like.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-wps-like.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-prefixed-norefs.xlsx", fast: true, want: traitFigures, check: checkTraitRoster},
		corpusFile{file: "trait-xls-named-xlsx.xlsx", refused: KeyOldXLS},
		corpusFile{file: "trait-left-sheet.xlsx", fast: true, want: figures{people: 6, units: 2, posts: 3, planned: 4}, left: 2},
	)
	// The trait workbooks of real files (lo_test.go), as LibreOffice
	// wrote them, with the figures given there; in hr-dataset 1003 has an
	// exit_date.
	left := map[string]int{"hr-dataset": 1}
	for _, tf := range traitFiles {
		files = append(files, corpusFile{file: "../lo-" + tf.name + ".xlsx", fast: true, want: tf.want, left: left[tf.name]})
	}
	return files
}

// checkCorpusRoster: E006 郑浩然 of 技术部/研发组, hired 2018-05-21 (a date
// cell in every writer's own way), and E010 孙凯 has left.
func checkCorpusRoster(t *testing.T, d *model.PlanData) {
	t.Helper()
	p := personByNo(t, d, "E006")
	if p.Name != "郑浩然" || !p.HireDate.Equal(time.Date(2018, 5, 21, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("E006: %q hired %v, want 郑浩然 hired 2018-05-21", p.Name, p.HireDate)
	}
	if got := unitsOf(d, p.ID); got != "技术部/研发组" {
		t.Errorf("E006 in %q, want 技术部/研发组", got)
	}
	if p := personByNo(t, d, "E010"); p.Status != model.PersonLeft {
		t.Errorf("E010 status %v, want left", p.Status)
	}
}

// checkTraitRoster: the trait files' four people by name (唐三彩 is rich
// text with a phonetic run in one of them, which is no part of the name),
// A03 hired 2019-11-04 in 工程部.
func checkTraitRoster(t *testing.T, d *model.PlanData) {
	t.Helper()
	for no, name := range map[string]string{"A01": "马一鸣", "A02": "宋二丫", "A03": "唐三彩", "A04": "韩四海"} {
		if p := personByNo(t, d, no); p.Name != name {
			t.Errorf("%s: name %q, want %q", no, p.Name, name)
		}
	}
	p := personByNo(t, d, "A03")
	if !p.HireDate.Equal(time.Date(2019, 11, 4, 0, 0, 0, 0, time.UTC)) || unitsOf(d, p.ID) != "工程部" {
		t.Errorf("A03 hired %v in %q, want 2019-11-04 in 工程部", p.HireDate, unitsOf(d, p.ID))
	}
}

// checkCorpusStaffing: 行政专员 of 行政人事部 is 1 with the note 兼前台
// (rich text in some writers), 销售代表 is 6.
func checkCorpusStaffing(t *testing.T, d *model.PlanData) {
	t.Helper()
	want := map[string]float64{"行政人事部/行政专员": 1, "销售部/销售代表": 6, "技术部/研发工程师": 4}
	for _, p := range d.Positions {
		key := join(model.UnitPath(d, p.Unit)) + "/" + p.Title
		if n, ok := want[key]; ok {
			if p.Planned != n {
				t.Errorf("%s: 编制 %v, want %v", key, p.Planned, n)
			}
			if key == "行政人事部/行政专员" && p.Note != "兼前台" {
				t.Errorf("%s: note %q, want 兼前台", key, p.Note)
			}
			delete(want, key)
		}
	}
	for key := range want {
		t.Errorf("no post %s; units %v", key, unitPaths(d))
	}
}

// checkCorpusOrg: 研发组 is under 技术部 under the company.
func checkCorpusOrg(t *testing.T, d *model.PlanData) {
	t.Helper()
	if !unitPaths(d)["星河科技有限公司/技术部/研发组"] {
		t.Errorf("no unit 星河科技有限公司/技术部/研发组: %v", unitPaths(d))
	}
}

func personByNo(t *testing.T, d *model.PlanData, no string) model.Person {
	t.Helper()
	for _, p := range d.People {
		if p.EmpNo == no {
			return p
		}
	}
	t.Fatalf("no person with 工号 %s", no)
	return model.Person{}
}

// unitsOf is the unit path of a person's first post.
func unitsOf(d *model.PlanData, person model.ID) string {
	for _, a := range d.Assignments {
		if a.Person != person {
			continue
		}
		for _, p := range d.Positions {
			if p.ID == a.Position {
				return join(model.UnitPath(d, p.Unit))
			}
		}
	}
	return ""
}

// TestCorpus imports every corpus file into a new plan (with its mapping,
// if it needs one) and checks the figures; both readers read every .xlsx,
// and a file the fast reader must take fails if it declines it.
func TestCorpus(t *testing.T) {
	files := corpusFiles()
	listed := map[string]bool{}
	for _, cf := range files {
		listed[cf.file] = true
		t.Run(cf.file, func(t *testing.T) {
			path := filepath.Join(corpusDir, cf.file)
			if cf.refused != "" {
				_, err := Read(context.Background(), path, nil)
				var p *model.Problem
				if !errors.As(err, &p) || p.Key != cf.refused {
					t.Fatalf("Read: %v, want the problem %s", err, cf.refused)
				}
				return
			}
			checkCorpusReaders(t, path, cf.fast)
			w := mustRead(t, path, nil)
			if cf.headerRow != nil || len(cf.maps) > 0 {
				mo := MapOptions{HeaderRow: cf.headerRow}
				for _, m := range cf.maps {
					cm, err := ParseColumnMap(m)
					if err != nil {
						t.Fatal(err)
					}
					mo.Maps = append(mo.Maps, cm)
				}
				if err := w.ApplyMapping(mo); err != nil {
					t.Fatal(err)
				}
			}
			p := mustPrepare(t, w, nil)
			d, _ := commitNew(t, openStore(t), p)
			if got := figuresOf(d); got != cf.want {
				t.Errorf("figures %+v, want %+v; units %v; warnings %v; skipped %v", got, cf.want, unitPaths(d), p.Warnings, p.Skipped)
			}
			left := 0
			for _, pp := range d.People {
				if pp.Status == model.PersonLeft {
					left++
				}
			}
			if left != cf.left {
				t.Errorf("%d people left, want %d", left, cf.left)
			}
			if cf.check != nil {
				cf.check(t, d)
			}
		})
	}
	// Every file in the folder is in the table, so a new one is not
	// forgotten.
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); (ext == ".xlsx" || ext == ".xls") && !listed[e.Name()] {
			t.Errorf("%s is in %s but not in corpusFiles", e.Name(), corpusDir)
		}
	}
}

// checkCorpusReaders reads a workbook with the fast reader and with
// excelize alone: where the fast reader takes it, both must read the same;
// where it must take it, a decline fails.
func checkCorpusReaders(t *testing.T, path string, mustTake bool) {
	t.Helper()
	fast, slow, err := readBoth(t, path)
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	if fast == nil {
		if mustTake {
			t.Errorf("the fast reader declined %s, which it must take", filepath.Base(path))
		}
		return
	}
	if d := sameSheets(fast, slow, true); d != "" {
		t.Errorf("fast reader differs from excelize: %s", d)
	}
}

// sheetDataRe finds a worksheet's rows: what its sheetData (of any prefix)
// holds.
var sheetDataRe = regexp.MustCompile(`(?s)<(?:\w+:)?sheetData(?:\s[^>]*)?>(.*?)</(?:\w+:)?sheetData>`)

// addCorpusSeeds seeds FuzzFastReader with the rows of every worksheet of
// the corpus, so the fuzzer starts from what real writers put there.
func addCorpusSeeds(f *testing.F) {
	var paths []string
	for _, cf := range corpusFiles() {
		if cf.refused == "" {
			paths = append(paths, filepath.Join(corpusDir, cf.file))
		}
	}
	seeds := 0
	for _, path := range paths {
		zr, err := zip.OpenReader(path)
		if err != nil {
			f.Fatal(err)
		}
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") || zf.UncompressedSize64 > 1<<20 {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				f.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				f.Fatal(err)
			}
			if m := sheetDataRe.FindSubmatch(b); m != nil && len(bytes.TrimSpace(m[1])) > 0 {
				f.Add(string(m[1]))
				seeds++
			}
		}
		zr.Close()
	}
	if seeds < len(paths) {
		f.Fatalf("%d seeds from %d corpus files", seeds, len(paths))
	}
}

package orderimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Table is an export's header row and data rows.
type Table struct {
	Header   []string
	Rows     []Row
	Excel    bool   // cells are Excel's values: dates may be serial numbers
	Encoding string // the text encoding a CSV was read in (EncUTF8...); "" for Excel
}

// Row is one data row; Num is its row number as a spreadsheet shows it
// (the header is row 1).
type Row struct {
	Num   int
	Cells []string
}

// Cell returns the row's cell in column i, trimmed ("" when absent).
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// ReadTable reads a .csv or .xlsx export. sheet names the Excel sheet (""
// for the first one). Fully empty rows are dropped.
func ReadTable(path, sheet string) (*Table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt":
		if sheet != "" {
			return nil, fmt.Errorf("%s: --sheet applies to Excel files only", path)
		}
		return readCSV(path)
	case ".xlsx", ".xlsm":
		return readXLSX(path, sheet)
	case ".xls":
		return nil, fmt.Errorf("%s: the old .xls format is not read; save it as .xlsx or CSV UTF-8", path)
	}
	return nil, fmt.Errorf("%s: expected a .csv or .xlsx file", path)
}

func readCSV(path string) (*Table, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	data, enc, err := decodeText(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")) {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &Table{Encoding: enc}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		if t.Header == nil {
			t.Header = unwrapAll(rec)
			continue
		}
		t.add(line, rec)
	}
	if t.Header == nil {
		return nil, fmt.Errorf("%s: empty file; expected a header row and order rows", path)
	}
	return t, nil
}

func readXLSX(path, sheet string) (*Table, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read as Excel: %w", path, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%s: no sheets", path)
	}
	if sheet == "" {
		sheet = sheets[0]
	} else if !slices.Contains(sheets, sheet) {
		return nil, fmt.Errorf("%s: no sheet %q; the sheets are %s", path, sheet, strings.Join(sheets, ", "))
	}
	// Each cell is read twice: its stored value, which keeps every digit
	// of a long number that General format would show as 3.9E+18, and
	// its displayed text, which keeps the leading zeros a "000123" format
	// adds.
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %s: %w", path, sheet, err)
	}
	shown, err := f.GetRows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %s: %w", path, sheet, err)
	}
	t := &Table{Excel: true}
	for i, rec := range raw {
		for j := range rec {
			var s string
			if i < len(shown) && j < len(shown[i]) {
				s = shown[i][j]
			}
			rec[j] = cellText(rec[j], s)
		}
		if t.Header == nil {
			if isEmpty(rec) {
				continue // leading blank rows before the header
			}
			t.Header = unwrapAll(rec)
			continue
		}
		t.add(i+1, rec)
	}
	if t.Header == nil {
		return nil, fmt.Errorf("%s: sheet %s is empty; expected a header row and order rows", path, sheet)
	}
	return t, nil
}

// cellText chooses between an Excel cell's stored value and its displayed
// text: the displayed text when it only adds leading zeros (a code
// formatted "000000"), else the stored value, with a number Excel stored
// in exponent form written out in digits when that is exact.
func cellText(raw, shown string) string {
	if shown != raw && strings.TrimLeft(shown, "0") == raw && raw != "" {
		return shown
	}
	return expandExponent(raw)
}

var exponentRE = regexp.MustCompile(`^[+-]?\d(\.\d+)?[eE][+-]?\d+$`)

// expandExponent writes a whole number in exponent form ("1.5E+3") in
// digits ("1500"), when it has at most 15 significant digits, the
// precision Excel keeps. Longer ones, such as an order id Excel rounded to
// 3.912345678901235E+18, are left as they are, for roundedNumber to report.
func expandExponent(s string) string {
	if !exponentRE.MatchString(s) || roundedNumber(s) {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != math.Trunc(v) {
		return s
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// roundedNumber reports whether s is a number in exponent form of 16
// digits or more: a long id that Excel turned into a number and rounded to
// its 15-digit precision, whose last digits are lost.
func roundedNumber(s string) bool {
	if !exponentRE.MatchString(s) {
		return false
	}
	v, err := strconv.ParseFloat(s, 64)
	return err == nil && math.Abs(v) >= 1e15
}

func unwrapAll(rec []string) []string {
	for i, c := range rec {
		rec[i] = unwrapExcelGuard(c)
	}
	return rec
}

func (t *Table) add(num int, rec []string) {
	if isEmpty(rec) {
		return
	}
	t.Rows = append(t.Rows, Row{Num: num, Cells: unwrapAll(rec)})
}

func isEmpty(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

package orderimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Table is an export's header row and data rows.
type Table struct {
	Header []string
	Rows   []Row
	Excel  bool // cells are Excel's raw values: dates may be serial numbers
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
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if !utf8.Valid(first) {
		return nil, fmt.Errorf("%s: the header row is not valid UTF-8 (probably GBK); save the CSV as UTF-8 (Excel: Save As, \"CSV UTF-8\"; WPS: 另存为 CSV UTF-8)", path)
	}
	r := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")) {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &Table{}
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
			t.Header = rec
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
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %s: %w", path, sheet, err)
	}
	defer rows.Close()
	t := &Table{Excel: true}
	n := 0
	for rows.Next() {
		n++
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%s: sheet %s row %d: %w", path, sheet, n, err)
		}
		if t.Header == nil {
			if isEmpty(rec) {
				continue // leading blank rows before the header
			}
			t.Header = rec
			continue
		}
		t.add(n, rec)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%s: sheet %s: %w", path, sheet, err)
	}
	if t.Header == nil {
		return nil, fmt.Errorf("%s: sheet %s is empty; expected a header row and order rows", path, sheet)
	}
	return t, nil
}

func (t *Table) add(num int, rec []string) {
	if isEmpty(rec) {
		return
	}
	t.Rows = append(t.Rows, Row{Num: num, Cells: rec})
}

func isEmpty(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

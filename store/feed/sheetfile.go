package feed

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Reading a spreadsheet file (CSV or Excel) into records, within limits
// that a hostile file cannot talk its way past: a few kilobytes of zip can
// declare millions of cells.

// Limits on what a spreadsheet may hold. A projects sheet has about 40
// columns; 100,000 rows of them fit in the cell budget.
const (
	maxSheetRows    = 100_000
	maxSheetCell    = 32 << 10
	maxSheetBytes   = 64 << 20
	maxSheetColumns = 200
	maxSheetCells   = 5_000_000
)

// Unzip limits for Excel workbooks: what the whole workbook may expand to,
// and how much of a worksheet is kept in memory (the rest spills to a
// temporary file). Variables so that a test can lower them.
var (
	xlsxUnzipLimit    int64 = 1 << 30
	xlsxUnzipXMLLimit int64 = 16 << 20
)

// cellBudget counts the cells of a sheet as it is read, and refuses a
// row reaching too far right or a sheet with too many cells, before they
// pile up in memory.
type cellBudget struct{ cells int }

// take trims the empty cells at the end of the row-th record and counts
// the rest.
func (b *cellBudget) take(row int, rec []string) ([]string, error) {
	for len(rec) > 0 && rec[len(rec)-1] == "" {
		rec = rec[:len(rec)-1]
	}
	if len(rec) > maxSheetColumns {
		col, _ := excelize.ColumnNumberToName(len(rec))
		return nil, fmt.Errorf("row %d has a cell in column %s, but a projects sheet has at most %d columns (delete whatever is right of the last column)", row, col, maxSheetColumns)
	}
	b.cells += len(rec)
	if b.cells > maxSheetCells {
		return nil, fmt.Errorf("more than %d cells by row %d, more than a projects sheet holds", maxSheetCells, row)
	}
	return rec, nil
}

// ReadSheet reads a .csv or .xlsx file of projects.
func ReadSheet(path string, opt SheetOptions) (*Sheet, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxSheetBytes {
		return nil, fmt.Errorf("%s is %s; spreadsheets over %s are refused", path, human(st.Size()), human(maxSheetBytes))
	}
	var records [][]string
	encoding := ""
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		raw, err := readSheetBytes(path, maxSheetBytes)
		if err != nil {
			return nil, err
		}
		text, enc, err := decodeSheetText(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		records, err = readCSV(text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		encoding = enc
	case ".xlsx":
		records, err = readXLSX(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	default:
		return nil, fmt.Errorf("%s: only .csv and .xlsx spreadsheets are read (save .xls files as .xlsx first)", path)
	}
	sheet, err := ParseSheet(records, opt)
	if sheet != nil {
		sheet.Encoding = encoding
	}
	return sheet, err
}

// readSheetBytes reads a whole file, refusing one that has grown past limit
// since it was measured.
func readSheetBytes(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is over %s; spreadsheets over %s are refused", path, human(limit), human(limit))
	}
	return b, nil
}

// readCSV reads CSV text (already UTF-8), comma-separated as Excel saves
// "CSV", or tab-separated as it saves "Unicode text": tabs and no comma in
// the header row.
func readCSV(text []byte) ([][]string, error) {
	cr := csv.NewReader(bytes.NewReader(text))
	header, _, _ := bytes.Cut(text, []byte("\n"))
	if bytes.IndexByte(header, '\t') >= 0 && bytes.IndexByte(header, ',') < 0 {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1 // short rows are reported per row, not fatal
	cr.ReuseRecord = false
	var out [][]string
	var budget cellBudget
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not readable as CSV: %v", err)
		}
		if len(out) >= maxSheetRows {
			return nil, fmt.Errorf("more than %d rows", maxSheetRows)
		}
		if rec, err = budget.take(len(out)+1, rec); err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// readXLSX reads the first worksheet, or the one named "projects".
func readXLSX(path string) ([][]string, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil && strings.Contains(err.Error(), "unzip size exceeds") {
		return nil, fmt.Errorf("the workbook expands to more than %s when unpacked, more than a projects sheet needs", human(xlsxUnzipLimit))
	}
	if err != nil {
		return nil, fmt.Errorf("not readable as an Excel workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("the workbook has no sheet")
	}
	name := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(s, "projects") {
			name = s
		}
	}
	// The sheet is read twice side by side: as shown, and as stored, so
	// that a date stored as a day number and shown in a local format
	// ("2026年3月31日" in WPS, "03-31-26" in Excel) becomes 2026-03-31.
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	stored, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer stored.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	var out [][]string
	var budget cellBudget
	for rows.Next() {
		stored.Next()
		if len(out) >= maxSheetRows {
			return nil, fmt.Errorf("more than %d rows", maxSheetRows)
		}
		rec, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		raw, err := stored.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		for i := range min(len(rec), len(raw)) {
			if d, ok := shownDate(rec[i], raw[i], date1904); ok {
				rec[i] = d
			}
		}
		if rec, err = budget.take(len(out)+1, rec); err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, rows.Error()
}

// shownDate says whether a cell stored as the number raw and shown as
// shown is a date, and which: its day number's year, month and day must
// all be among the numbers shown. Anything else is left as shown.
func shownDate(shown, raw string, date1904 bool) (string, bool) {
	if shown == raw {
		return "", false
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 1 || v > 2958465 { // 2958465 is 9999-12-31
		return "", false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return "", false
	}
	nums := map[int]bool{}
	for _, run := range strings.FieldsFunc(shown, func(r rune) bool { return r < '0' || r > '9' }) {
		if n, err := strconv.Atoi(run); err == nil {
			nums[n] = true
		}
	}
	if (nums[t.Year()] || nums[t.Year()%100]) && nums[int(t.Month())] && nums[t.Day()] {
		return t.Format("2006-01-02"), true
	}
	return "", false
}

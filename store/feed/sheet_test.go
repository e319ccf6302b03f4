package feed

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/feed/feedtest"
)

const sheetHeader = "id,title_zh_hans,title_zh_hant,title_en,summary_en,organisation_zh_hans,themes,track,zone,funding,status,lists,year,cover,gallery,videos,portal_url,updated,technologies_zh_hans,technologies_en,rotations"

func sheetBase() catalog.Document { return catalogtest.Generate(1, 1) }

func mediaFolder(t *testing.T) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.png"), feedtest.Picture(1), 0o644)
	os.WriteFile(filepath.Join(dir, "b.png"), feedtest.Picture(2), 0o644)
	os.WriteFile(filepath.Join(dir, "promo.mp4"), feedtest.Video(4096, rand.New(rand.NewSource(1))), 0o644)
	return dir
}

func TestSpreadsheetCSVThenPublishAndImport(t *testing.T) {
	csv := "\ufeff" + sheetHeader + "\n" +
		`p-001,智慧医疗影像平台,智慧醫療影像平台,Imaging platform,Reads scans,某公司,智慧医疗;smart-education,health,琶洲核心片区,market,deployed,demonstration:2025;ai-case,2025,a.png,a.png;b.png,promo.mp4,https://scenes.example/p-001,2025-06-30,影像;大模型,imaging;large models,r2026-1*;r2026-2` + "\n" +
		`p-002,,,Guide robot,,,Smart culture and tourism,,tianhe,government,call,,2026,b.png,,,,,,,r2026-1` + "\n" +
		",,,,,,,,,,,,,,,,,,,,\n"
	path := filepath.Join(t.TempDir(), "projects.csv")
	os.WriteFile(path, []byte(csv), 0o644)
	sh, err := ReadSheet(path, SheetOptions{MediaDir: mediaFolder(t), Base: sheetBase(), Version: "s1"})
	if err != nil {
		t.Fatal(err)
	}
	doc := sh.Doc
	if len(doc.Projects) != 2 || len(doc.Media) != 3 {
		t.Fatalf("%d projects, %d media", len(doc.Projects), len(doc.Media))
	}
	p := doc.Projects[0]
	if p.Themes[0] != "smart-healthcare" || p.Zone != "pazhou" || len(p.Lists) != 2 || p.Lists[0].Batch != "2025" ||
		len(p.Technologies) != 2 || p.Technologies[1].En != "large models" || p.Updated.Year() != 2025 {
		t.Fatalf("project read as %+v", p)
	}
	if r := doc.Rotations[0]; len(r.Showcase) != 2 || !r.Showcase[0].Featured {
		t.Fatalf("rotation 1 shows %+v", r.Showcase)
	}

	// Published and imported like any feed.
	k := newKit(t)
	out := filepath.Join(t.TempDir(), "feed")
	if err := Publish(out, doc, sh.MediaFile, WriteOptions{Key: k.priv}); err != nil {
		t.Fatal(err)
	}
	d := newData(t)
	if _, err := Import(context.Background(), d.importOpts(k, out)); err != nil {
		t.Fatal(err)
	}
	d.checkStore(t)
}

func TestSpreadsheetXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "projects")
	for i, h := range strings.Split(sheetHeader, ",") {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue("projects", cell, h)
	}
	row := []any{"p-010", "课堂助手", "課堂助手", "Classroom assistant", "", "", "smart-education", "", "yuzhu", "market", "publish", "", 2026, "a.png"}
	for i, v := range row {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		f.SetCellValue("projects", cell, v)
	}
	path := filepath.Join(t.TempDir(), "projects.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	sh, err := ReadSheet(path, SheetOptions{MediaDir: mediaFolder(t), Base: sheetBase()})
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.Doc.Projects) != 1 || sh.Doc.Projects[0].Year != 2026 || sh.Doc.Projects[0].Title.Hant != "課堂助手" {
		t.Fatalf("%+v", sh.Doc.Projects)
	}
}

func TestSpreadsheetBadRowsAreEachReported(t *testing.T) {
	rows := [][]string{
		strings.Split(sheetHeader, ","),
		{"p-1", "好", "", "", "", "", "smart-rail", "", "pazhou", "market", "call", "", "2025"},
		{"", "", "", "", "", "", "", "", "pazhou", "market", "call", "", "2025"},
		{"p-3", "好", "", "", "", "", "smart-moon", "", "pazhou", "market", "call", "", "1999"},
		{"p-1", "好", "", "", "", "", "smart-rail", "", "pazhou", "market", "call", "", "2025"},
		{"p-5", "好", "", "", "", "", "smart-rail", "", "pazhou", "market", "call", "", "2025", "../../etc/passwd"},
		{"p-6", "好", "", "", "", "", "smart-rail", "", "pazhou", "market", "call", "", "2025", "missing.jpg", "", "a.png"},
		{"p-7", "好", "", "", "", "", "smart-rail", "", "pazhou", "market", "call", "", "2025", "", "", "", "", "", "", "", "r2030"},
		{"P 8", "好", "", "", "", "", "smart-rail", "", "pazhou", "market", "call", "", "2025"},
	}
	opt := SheetOptions{MediaDir: mediaFolder(t), Base: sheetBase()}
	_, err := ParseSheet(rows, opt)
	var se *SheetError
	if !errors.As(err, &se) {
		t.Fatalf("want a SheetError, got %v", err)
	}
	want := map[int]string{
		3: "id is empty",
		4: `"smart-moon" is not a known theme`,
		5: `id "p-1" is already used on row 2`,
		6: "must be a file name inside the media folder",
		7: "missing.jpg is not in the media folder",
		8: `"r2030" is not a rotation`,
		9: "id must be lowercase",
	}
	got := map[int]string{}
	for _, r := range se.Rows {
		got[r.Row] = r.Reason
	}
	for row, w := range want {
		if !strings.Contains(got[row], w) {
			t.Errorf("row %d: %q, want it to say %q", row, got[row], w)
		}
	}
	if !strings.Contains(got[4], "year") || !strings.Contains(got[7], "a.png is not a video") {
		t.Errorf("a row reports only its first problem: %v", got)
	}
	if len(se.Rows) != 7 {
		t.Errorf("%d bad rows: %v", len(se.Rows), se.Rows)
	}
	opt.SkipBadRows = true
	sh, err := ParseSheet(rows, opt)
	if err != nil || len(sh.Doc.Projects) != 1 || len(sh.Skipped) != 7 {
		t.Fatalf("skipping: %v", err)
	}

	_, err = ParseSheet([][]string{{"id", "title_en", "colour"}}, opt)
	wantErr(t, err, `unknown column "colour"`)
}

func FuzzSpreadsheet(f *testing.F) {
	f.Add([]byte(sheetHeader + "\np-1,好,,,,,smart-rail,,pazhou,market,call,,2025\n"))
	f.Add([]byte("id,title_en\n\"unterminated"))
	f.Add([]byte("id;title_en\n"))
	f.Add([]byte("\ufeffid,title_en,themes,zone,funding,status,year,lists\nx,y,smart-rail；embodied-ai,yuzhu,market,call,2030,ai-case:1:2\n"))
	f.Add([]byte("id,title_en,rotations\nx,y,r2026-1**\n"))
	base := sheetBase()
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, _, err := decodeSheetText(raw)
		if err != nil {
			return
		}
		records, err := readCSV(text)
		if err != nil {
			return
		}
		sh, err := ParseSheet(records, SheetOptions{Base: base, SkipBadRows: true, Now: time.Unix(0, 0)})
		if err != nil {
			return
		}
		if err := sh.Doc.Validate(); err != nil {
			t.Fatalf("accepted an invalid catalogue: %v", err)
		}
		if _, err := EncodeManifest(sh.Doc, time.Unix(0, 0), ""); err != nil {
			t.Fatal(fmt.Errorf("accepted but cannot be published: %w", err))
		}
	})
}

// A small workbook whose rows each have one cell in the last column
// (XFD) would become millions of cells; it is refused at the first such
// row, with its row and column.
func TestHostileWorkbookIsRefused(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "projects")
	for i, h := range strings.Split(sheetHeader, ",") {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue("projects", cell, h)
	}
	var plain bytes.Buffer
	if err := f.Write(&plain); err != nil {
		t.Fatal(err)
	}
	// The hostile rows are written into the sheet's XML by hand, as an
	// attacker would: one blank-looking cell far right on each row.
	var rows strings.Builder
	for r := 2; r <= 301; r++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>`, r, r)
	}
	path := filepath.Join(t.TempDir(), "projects.xlsx")
	rewriteZip(t, plain.Bytes(), path, "xl/worksheets/sheet1.xml", func(xml string) string {
		return strings.Replace(xml, "</sheetData>", rows.String()+"</sheetData>", 1)
	})
	if st, _ := os.Stat(path); st.Size() > 64<<10 {
		t.Fatalf("the hostile workbook is %d bytes; it should be small", st.Size())
	}
	_, err := ReadSheet(path, SheetOptions{MediaDir: mediaFolder(t), Base: sheetBase()})
	if err == nil || !strings.Contains(err.Error(), "row 2 has a cell in column XFD") {
		t.Fatalf("hostile workbook: %v; want it refused at row 2, column XFD", err)
	}

	// The same sheet as CSV: the same limit.
	csvPath := filepath.Join(t.TempDir(), "projects.csv")
	line := sheetHeader + "\n" + strings.Repeat(",", 16383) + "x\n"
	if err := os.WriteFile(csvPath, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadSheet(csvPath, SheetOptions{Base: sheetBase()})
	if err == nil || !strings.Contains(err.Error(), "row 2 has a cell in column XFD") {
		t.Fatalf("hostile CSV: %v", err)
	}
}

// A workbook that unpacks to more than the unzip limit is refused before
// it is read; the limit here is lowered to keep the test small.
func TestWorkbookUnzipLimit(t *testing.T) {
	old := xlsxUnzipLimit
	xlsxUnzipLimit, xlsxUnzipXMLLimit = 256<<10, 64<<10
	defer func() { xlsxUnzipLimit, xlsxUnzipXMLLimit = old, 16<<20 }()
	f := excelize.NewFile()
	defer f.Close()
	for r := 1; r <= 3000; r++ {
		f.SetCellValue("Sheet1", fmt.Sprintf("A%d", r), fmt.Sprintf("%d %s", r, strings.Repeat("展", 40)))
		f.SetCellValue("Sheet1", fmt.Sprintf("B%d", r), r)
	}
	path := filepath.Join(t.TempDir(), "big.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_, err := ReadSheet(path, SheetOptions{Base: sheetBase()})
	if err == nil || !strings.Contains(err.Error(), "expands to more than") {
		t.Fatalf("workbook past the unzip limit: %v", err)
	}
}

// rewriteZip copies a zip file, changing the content of one entry.
func rewriteZip(t *testing.T, in []byte, out, name string, edit func(string) string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, e := range zr.File {
		r, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == name {
			content, found = []byte(edit(string(content))), true
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(content)
	}
	if err := zw.Close(); err != nil || !found {
		t.Fatalf("rewriting %s in the workbook: %v (found %v)", name, err, found)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

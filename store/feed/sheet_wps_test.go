package feed

import (
	"archive/zip"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Workbooks as WPS Office saves them, written part by part: WPS names
// itself in docProps/app.xml, gives the sheet a Chinese name, points its
// relationships at absolute part names, writes strings either inline or
// shared (some as rich-text runs), and stores a date as a serial number
// with a Chinese date format.

type wpsCell struct {
	text  string // a string cell, unless num is set
	num   string // a number cell's stored value
	style int    // index into cellXfs; 1 is the Chinese date format
}

func str(s string) wpsCell { return wpsCell{text: s} }

// wpsWorkbook writes rows as a WPS workbook, with inline or shared strings.
func wpsWorkbook(t *testing.T, rows [][]wpsCell, shared bool) string {
	t.Helper()
	var sst []string
	index := map[string]int{}
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr/><dimension ref="A1"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="A1"/></sheetView></sheetViews><sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5"/><sheetData>`)
	for r, row := range rows {
		fmt.Fprintf(&sheet, `<row r="%d" spans="1:%d">`, r+1, len(row))
		for c, cell := range row {
			ref := fmt.Sprintf("%c%d", 'A'+c, r+1)
			switch {
			case cell.num != "":
				fmt.Fprintf(&sheet, `<c r="%s" s="%d"><v>%s</v></c>`, ref, cell.style, cell.num)
			case cell.text == "":
			case shared:
				i, ok := index[cell.text]
				if !ok {
					i = len(sst)
					index[cell.text] = i
					sst = append(sst, cell.text)
				}
				fmt.Fprintf(&sheet, `<c r="%s" t="s"><v>%d</v></c>`, ref, i)
			default:
				fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, html.EscapeString(cell.text))
			}
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/><headerFooter/></worksheet>`)

	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"docProps/app.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>WPS 表格</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>项目清单</vt:lpstr></vt:vector></TitlesOfParts></Properties>`,
		"docProps/core.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">2026-03-31T09:00:00Z</dcterms:created><dc:creator>WPS_1700000000</dc:creator></cp:coreProperties>`,
		"docProps/custom.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property></Properties>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><bookViews><workbookView windowWidth="28800" windowHeight="12540"/></bookViews><sheets><sheet name="项目清单" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="144525"/></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`,
		"xl/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyNumberFormat="0" applyFont="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="常规" builtinId="0"/></cellStyles></styleSheet>`,
		"xl/worksheets/sheet1.xml": sheet.String(),
	}
	var sstXML strings.Builder
	fmt.Fprintf(&sstXML, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
	for i, s := range sst {
		if i%2 == 1 { // WPS keeps the runs of text pasted with formatting
			half := len([]rune(s)) / 2
			fmt.Fprintf(&sstXML, `<si><r><t>%s</t></r><r><rPr><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr><t>%s</t></r></si>`,
				html.EscapeString(string([]rune(s)[:half])), html.EscapeString(string([]rune(s)[half:])))
			continue
		}
		fmt.Fprintf(&sstXML, `<si><t>%s</t></si>`, html.EscapeString(s))
	}
	sstXML.WriteString(`</sst>`)
	parts["xl/sharedStrings.xml"] = sstXML.String()

	path := filepath.Join(t.TempDir(), "项目清单.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "docProps/custom.xml",
		"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return path
}

func TestSpreadsheetFromWPS(t *testing.T) {
	header := []wpsCell{str("id"), str("title_zh_hans"), str("title_en"), str("themes"), str("zone"), str("funding"), str("status"), str("year"), str("updated")}
	rows := [][]wpsCell{
		header,
		{str("p-001"), str("智慧医疗影像平台"), str("Imaging platform"), str("智慧医疗"), str("琶洲核心片区"), str("市场场景"), str("已落地"), {num: "2025"}, {num: "46112", style: 1}},
		{str("p-002"), str("课堂助手"), str("Classroom assistant"), str("smart-education"), str("tianhe"), str("政府类场景"), str("征集"), {num: "2026"}, {}},
	}
	for _, shared := range []bool{false, true} {
		t.Run(map[bool]string{false: "inline strings", true: "shared strings"}[shared], func(t *testing.T) {
			sh, err := ReadSheet(wpsWorkbook(t, rows, shared), SheetOptions{Base: sheetBase()})
			if err != nil {
				t.Fatal(err)
			}
			if len(sh.Doc.Projects) != 2 {
				t.Fatalf("%d projects", len(sh.Doc.Projects))
			}
			p := sh.Doc.Projects[0]
			if p.Title.Hans != "智慧医疗影像平台" || p.Title.En != "Imaging platform" || p.Themes[0] != "smart-healthcare" ||
				p.Funding != "market" || p.Status != "deployed" || p.Year != 2025 || p.Updated.Format("2006-01-02") != "2026-03-31" {
				t.Fatalf("project read as %+v", p)
			}
			if q := sh.Doc.Projects[1]; q.Title.Hans != "课堂助手" || q.Zone != "tianhe" || q.Funding != "government" || !q.Updated.IsZero() {
				t.Fatalf("second project read as %+v", q)
			}
		})
	}
}

// Excel's own short date (format 14) reads as a date too, and a number
// shown with a number format is left as shown.
func TestSpreadsheetExcelDateCell(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, v := range []any{"id", "title_en", "themes", "zone", "funding", "status", "year", "updated", "summary_en",
		"p-1", "Robot", "smart-education", "tianhe", "market", "call", 2026, 46112, 46112} {
		cell, _ := excelize.CoordinatesToCellName(i%9+1, i/9+1)
		f.SetCellValue("Sheet1", cell, v)
	}
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	money, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
	f.SetCellStyle("Sheet1", "H2", "H2", date)
	f.SetCellStyle("Sheet1", "I2", "I2", money)
	path := filepath.Join(t.TempDir(), "projects.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	sh, err := ReadSheet(path, SheetOptions{Base: sheetBase()})
	if err != nil {
		t.Fatal(err)
	}
	p := sh.Doc.Projects[0]
	if p.Updated.Format("2006-01-02") != "2026-03-31" || p.Summary.En != "46,112.00" {
		t.Fatalf("updated read as %s, summary as %q", p.Updated, p.Summary.En)
	}
}

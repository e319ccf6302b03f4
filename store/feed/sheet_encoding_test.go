package feed

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// A small sheet as curators write it: Simplified and Traditional Chinese,
// and a row in English only.
const encodedSheet = "id,title_zh_hans,title_zh_hant,title_en,organisation_zh_hans,themes,zone,funding,status,year\n" +
	"p-001,智慧医疗影像平台,智慧醫療影像平台,Imaging platform,广州某医疗科技有限公司,智慧医疗,琶洲核心片区,market,deployed,2025\n" +
	"p-002,,,Guide robot,,smart-education,tianhe,government,call,2026\n"

// allChinese has Chinese on every row.
const allChinese = "id,title_zh_hans,themes,zone,funding,status,year\n" +
	"p-001,智慧医疗影像平台,智慧医疗,琶洲核心片区,market,deployed,2025\n" +
	"p-002,课堂助手,智慧教育,天河区,government,call,2026\n"

func encodeWith(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readSheetFrom(t *testing.T, raw []byte) (*Sheet, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "projects.csv")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return ReadSheet(path, SheetOptions{Base: sheetBase()})
}

func TestSpreadsheetEncodingsAreRead(t *testing.T) {
	utf16le := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	utf16be := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
	tabbed := strings.ReplaceAll(encodedSheet, ",", "\t")
	for _, c := range []struct {
		name, enc string
		raw       []byte
	}{
		{"GB18030, English-only rows too", encGB18030, encodeWith(t, simplifiedchinese.GB18030, encodedSheet)},
		{"GBK as Excel saves CSV", encGB18030, encodeWith(t, simplifiedchinese.GBK, encodedSheet)},
		{"UTF-8 with BOM", encUTF8BOM, append([]byte("\ufeff"), encodedSheet...)},
		{"UTF-8", encUTF8, []byte(encodedSheet)},
		{"UTF-16LE Unicode text, tab-separated", encUTF16LE, encodeWith(t, utf16le, tabbed)},
		{"UTF-16BE with BOM, comma-separated", encUTF16BE, encodeWith(t, utf16be, encodedSheet)},
	} {
		t.Run(c.name, func(t *testing.T) {
			sh, err := readSheetFrom(t, c.raw)
			if err != nil {
				t.Fatal(err)
			}
			if sh.Encoding != c.enc {
				t.Errorf("read as %q, want %q", sh.Encoding, c.enc)
			}
			if len(sh.Doc.Projects) != 2 {
				t.Fatalf("%d projects", len(sh.Doc.Projects))
			}
			p := sh.Doc.Projects[0]
			if p.ID != "p-001" || p.Title.Hans != "智慧医疗影像平台" || p.Title.Hant != "智慧醫療影像平台" ||
				p.Organisation.Hans != "广州某医疗科技有限公司" || p.Themes[0] != "smart-healthcare" || p.Zone != "pazhou" {
				t.Fatalf("project read as %+v", p)
			}
			if q := sh.Doc.Projects[1]; q.Title.En != "Guide robot" || q.Year != 2026 {
				t.Fatalf("second project read as %+v", q)
			}
		})
	}
	t.Run("GB18030, Chinese on every row", func(t *testing.T) {
		sh, err := readSheetFrom(t, encodeWith(t, simplifiedchinese.GB18030, allChinese))
		if err != nil {
			t.Fatal(err)
		}
		if sh.Encoding != encGB18030 || sh.Doc.Projects[1].Title.Hans != "课堂助手" || sh.Doc.Projects[1].Themes[0] != "smart-education" {
			t.Fatalf("read as %s: %+v", sh.Encoding, sh.Doc.Projects)
		}
	})
}

// A file whose encoding cannot be told is refused with one sentence, not
// read as mojibake.
func TestSpreadsheetUnknownEncodingIsRefused(t *testing.T) {
	random := make([]byte, 4096)
	rng := rand.New(rand.NewSource(19))
	for i := range random {
		random[i] = byte(0x80 + rng.Intn(0x80))
	}
	shiftJIS := encodeWith(t, japanese.ShiftJIS, "id,title_en,title_zh_hans\np-1,Robot,医療画像プラットフォームとロボットの案内\np-2,Guide,ですます調の説明文\n")
	brokenUTF16 := encodeWith(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), "id\ttitle_en\np-1\tRobot")
	brokenUTF16 = append(brokenUTF16[:len(brokenUTF16)-4], 0x00, 0xD8, 'x', 0) // a lone surrogate half
	big5 := encodeWith(t, traditionalchinese.Big5, "id,title_zh_hant,summary_zh_hant\np-1,智慧醫療影像平台,以大模型輔助放射科醫生閱片，縮短診斷時間，已在多家醫院落地應用。\n")
	for name, raw := range map[string][]byte{
		"Big5":                           big5,
		"random high bytes":              append([]byte("id,title_en\n"), random...),
		"Shift-JIS":                      shiftJIS,
		"GB18030 with a stray byte":      append(encodeWith(t, simplifiedchinese.GB18030, allChinese), 0xFF),
		"UTF-16 with a broken character": brokenUTF16,
		"UTF-8 BOM, then GB18030":        append([]byte("\ufeff"), encodeWith(t, simplifiedchinese.GB18030, allChinese)...),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := readSheetFrom(t, raw)
			if err == nil || !strings.Contains(err.Error(), "not text in an encoding the hall can tell") && !strings.Contains(err.Error(), "not readable as UTF-16") && !strings.Contains(err.Error(), "not valid UTF-8 further on") {
				t.Fatalf("want a refusal naming the encodings tried, got %v", err)
			}
			if strings.Count(err.Error(), ". ") > 0 || strings.Contains(err.Error(), "\n") {
				t.Errorf("want one sentence, got %q", err)
			}
		})
	}
}

package feed

import (
	"strings"
	"testing"
)

// The portal's spellings of funding and status name the same terms.
func TestSpreadsheetPortalSpellings(t *testing.T) {
	header := strings.Split("id,title_zh_hans,themes,zone,funding,status,year", ",")
	records := [][]string{header}
	want := map[string][2]string{}
	for i, c := range []struct{ funding, status, fundingID, statusID string }{
		{"政府场景", "征集中", "government", "call"},
		{"政府类", "审核中", "government", "review"},
		{"政府類場景", "已發佈", "government", "publish"},
		{"市场场景", "已发布", "market", "publish"},
		{"市场类", "对接中", "market", "matchmaking"},
		{"市場化場景", "已落地", "market", "deployed"},
		{"市场化场景", "落地", "market", "deployed"},
	} {
		id := "p-" + string(rune('a'+i))
		records = append(records, []string{id, "智慧医疗影像平台", "smart-healthcare", "pazhou", c.funding, c.status, "2026"})
		want[id] = [2]string{c.fundingID, c.statusID}
	}
	records = append(records, []string{"p-bad", "好", "smart-healthcare", "pazhou", "社会场景", "已结束", "2026"})
	sh, err := ParseSheet(records, SheetOptions{Base: sheetBase(), SkipBadRows: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sh.Doc.Projects {
		if got := [2]string{p.Funding, p.Status}; got != want[p.ID] {
			t.Errorf("%s read as funding %q status %q, want %q", p.ID, got[0], got[1], want[p.ID])
		}
	}
	if len(sh.Doc.Projects) != len(want) {
		t.Errorf("%d projects read, want %d", len(sh.Doc.Projects), len(want))
	}
	// A spelling that is not the portal's is still refused.
	if len(sh.Skipped) != 1 || !strings.Contains(sh.Skipped[0].Reason, `"社会场景" is not a known funding`) ||
		!strings.Contains(sh.Skipped[0].Reason, `"已结束" is not a known status`) {
		t.Errorf("skipped %+v", sh.Skipped)
	}
}

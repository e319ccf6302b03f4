package app

import (
	"crypto/ed25519"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/notice"
)

var closesEarly = catalog.Text{Hans: "今日16:00闭馆，请合理安排参观时间", Hant: "今日16:00閉館，請合理安排參觀時間", En: "The hall closes at 16:00 today"}
var evacuate = catalog.Text{Hans: "紧急疏散：请听从工作人员指引，从最近的出口离开展厅", Hant: "緊急疏散：請聽從工作人員指引，從最近的出口離開展廳",
	En: "Evacuation: please follow the staff and leave the hall by the nearest exit"}

// notices are an info notice for the day and, at 11:00-11:30, an
// urgent one (times in the test kiosk's 2026-11-23).
func testNotices(t *testing.T) []notice.Notice {
	sh, _ := time.LoadLocation(catalog.HallZone)
	day := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, sh) }
	return []notice.Notice{
		{ID: "evac", Level: notice.Urgent, Text: evacuate, Start: day(11, 0), End: day(11, 30), Signed: day(10, 59)},
		{ID: "close", Level: notice.Info, Text: closesEarly, Start: day(9, 0), End: day(16, 0), Signed: day(8, 0)},
	}
}

func TestAnInfoNoticeShowsOnEveryPageInTheVisitorsLanguage(t *testing.T) {
	k, now := testKiosk(t) // 2026-11-23 10:00
	k.setNotices(testNotices(t))
	k.checkIdle()
	b := k.notices.banner
	if !b.Visible() || b.Text() != "今日16:00闭馆，请合理安排参观时间 · 今日16:00閉館，請合理安排參觀時間 · The hall closes at 16:00 today" {
		t.Fatalf("on the attract screen the banner says %q", b.Text())
	}
	k.Home()
	k.checkIdle()
	if b.Text() != closesEarly.Hans {
		t.Fatalf("at home: %q", b.Text())
	}
	k.Open(k.shown.At(0).ID)
	k.SetLang(catalog.Hant)
	k.checkIdle()
	if b.Text() != closesEarly.Hant {
		t.Fatalf("on a project in Traditional Chinese: %q", b.Text())
	}
	k.SetLang(catalog.En)
	k.checkIdle()
	if b.Text() != closesEarly.En {
		t.Fatalf("in English: %q", b.Text())
	}
	// The page is below the banner, not under it.
	if pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(k.body); pos.Y < b.Size().Height {
		t.Fatalf("the page starts at %v, under the %v banner", pos, b.Size())
	}
	// It ends by itself.
	*now = now.Add(6 * time.Hour)
	k.checkIdle()
	if b.Visible() || b.Text() != "" {
		t.Fatalf("after its end the banner says %q", b.Text())
	}
}

func TestAnUrgentNoticeCoversEverythingUntilItsEnd(t *testing.T) {
	k, now := testKiosk(t)
	k.setNotices(testNotices(t))
	k.Home()
	*now = now.Add(time.Hour) // 11:00
	k.checkIdle()
	if !k.urgentShown() || len(k.notices.urgent.Objects) != 1 {
		t.Fatal("no urgent notice at its start")
	}
	// The hour without a touch returned the kiosk to the attract
	// screen; a touch on the notice reaches nothing beneath it.
	if !k.onAttr {
		t.Fatal("not on the attract screen")
	}
	test.TapCanvas(k.win.Canvas(), fyne.NewPos(960, 540))
	if !k.onAttr || len(k.stack) != 0 {
		t.Fatal("a touch went through the urgent notice")
	}
	*now = now.Add(30 * time.Minute) // 11:30: over
	k.checkIdle()
	if k.urgentShown() || len(k.notices.urgent.Objects) != 0 {
		t.Fatal("the urgent notice outlived its end")
	}
	// Withdrawn: a newer version takes it off at once.
	ns := testNotices(t)
	*now = ns[0].Start.Add(time.Minute)
	k.setNotices(ns)
	k.checkIdle()
	w := ns[0]
	w.Withdrawn, w.Signed = true, w.Signed.Add(2*time.Minute)
	k.setNotices([]notice.Notice{w, ns[1]})
	k.checkIdle()
	if k.urgentShown() {
		t.Fatal("a withdrawn urgent notice still shows")
	}
}

// The goldens: the banner in each language, and the urgent notice,
// which speaks all three at once.
func TestNoticeGoldens(t *testing.T) {
	testKiosk(t)
	w := test.NewTempWindow(t, nil)
	w.SetPadded(false)
	for _, l := range catalog.Langs {
		b := screens.NewNoticeBanner()
		b.SetText(screens.BannerText(closesEarly, l))
		w.Resize(fyne.NewSize(1280, 120))
		w.SetContent(container.NewBorder(b, nil, nil, nil, container.NewStack()))
		test.AssertImageMatches(t, "notice-banner-"+string(l)+".png", w.Canvas().Capture())
	}
	b := screens.NewNoticeBanner()
	b.SetText(screens.BannerText(closesEarly, ""))
	w.Resize(fyne.NewSize(1280, 160))
	w.SetContent(container.NewBorder(b, nil, nil, nil, container.NewStack()))
	test.AssertImageMatches(t, "notice-banner-attract.png", w.Canvas().Capture())
	w.SetContent(screens.NewUrgentNotice(evacuate))
	w.Resize(fyne.NewSize(1280, 720))
	test.AssertImageMatches(t, "notice-urgent.png", w.Canvas().Capture())
}

func TestOnlyNoticesSignedByATrustedKeyAreKept(t *testing.T) {
	dir := t.TempDir()
	data, _, err := openCatalogue(filepath.Join(dir, "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	_, stranger, _ := ed25519.GenerateKey(nil)
	n := testNotices(t)[1]
	file, err := notice.Sign(stranger, n)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := acceptNotice(data, file, n.Start); !errors.Is(err, notice.ErrUnknown) {
		t.Fatalf("a notice by an unknown key: %v", err)
	}
	unsigned := []byte(strings.Replace(string(file), `"signature": "`, `"signature": "x`, 1))
	if _, _, err := acceptNotice(data, unsigned, n.Start); !errors.Is(err, notice.ErrUnsigned) {
		t.Fatalf("a damaged signature: %v", err)
	}
	if ns := loadNotices(data, quietLog()); len(ns) != 0 {
		t.Fatalf("refused notices were kept: %+v", ns)
	}
	// Trusted as a feed key, the same file is taken.
	pub := feed.PublicKey(stranger.Public().(ed25519.PublicKey))
	if err := data.DB.PutSetting(hall.SettingTrustedKeys, []string{pub.String()}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := acceptNotice(data, file, n.Start); err != nil {
		t.Fatal(err)
	}
	if ns := loadNotices(data, quietLog()); len(ns) != 1 || ns[0].ID != "close" {
		t.Fatalf("kept %+v", ns)
	}
	// The key withdrawn from trust: the notice no longer shows.
	data.DB.PutSetting(hall.SettingTrustedKeys, []string{})
	if ns := loadNotices(data, quietLog()); len(ns) != 0 {
		t.Fatal("a notice outlived the trust in its key")
	}
}

func TestAnUrgentNoticeSwitchesASleepingDisplayOn(t *testing.T) {
	k, now, switched := sleepingKiosk(t, "2026-11-23 08:00") // a Monday: closed all day
	k.setHours(hallHours())
	k.checkIdle()
	if !k.covered() || strings.Join(*switched, ",") != "off" {
		t.Fatalf("asleep: covered %v, display %v", k.covered(), *switched)
	}
	k.setNotices(testNotices(t))
	*now = shAt(t, "2026-11-23 11:00")
	k.checkIdle()
	if !k.urgentShown() || strings.Join(*switched, ",") != "off,on" {
		t.Fatalf("urgent in a closed hall: shown %v, display %v", k.urgentShown(), *switched)
	}
	*now = shAt(t, "2026-11-23 11:30")
	k.checkIdle()
	if k.urgentShown() || !k.covered() || strings.Join(*switched, ",") != "off,on,off" {
		t.Fatalf("after it: shown %v, covered %v, display %v", k.urgentShown(), k.covered(), *switched)
	}
}

package curator

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/notice"
)

func TestACuratorPublishesAndWithdrawsANotice(t *testing.T) {
	c, f, _ := newTestConsole(t) // 2026-10-15 10:00
	c.Select(5)
	p := c.Notices
	if p.StartDate.Text != "2026-10-15" || p.StartTime.Text != "10:00" || p.EndTime.Text != "23:59" {
		t.Fatalf("a new notice runs %s %s – %s %s", p.StartDate.Text, p.StartTime.Text, p.EndDate.Text, p.EndTime.Text)
	}
	p.Hans.SetText("今日16:00闭馆")
	p.En.SetText("The hall closes at 16:00 today")
	p.EndTime.SetText("16:00")
	if err := p.Publish(); err == nil || !strings.Contains(p.message.Text, "no 繁體中文 text") || len(f.board.Files) != 0 {
		t.Fatalf("a notice without its Traditional text: %v, %q", err, p.message.Text)
	}
	if p.Hans.Text == "" {
		t.Fatal("a refused notice lost what was written")
	}
	p.Hant.SetText("今日16:00閉館")
	p.EndDate.SetText("15/10")
	if err := p.Publish(); err == nil || !strings.Contains(p.message.Text, "not a date") {
		t.Fatalf("a date that is not one: %v", err)
	}
	p.EndDate.SetText("2026-10-15")
	if err := p.Publish(); err != nil {
		t.Fatal(err)
	}
	ns := f.Notices()
	if len(ns) != 1 || ns[0].Level != notice.Info || ns[0].Text.Hant != "今日16:00閉館" ||
		!ns[0].End.Equal(time.Date(2026, 10, 15, 16, 0, 0, 0, sh)) {
		t.Fatalf("published %+v", ns)
	}
	if len(p.list.Objects) != 1 || p.Hans.Text != "" {
		t.Fatalf("after publishing: %d listed, form %q", len(p.list.Objects), p.Hans.Text)
	}

	f.now = f.now.Add(time.Minute)
	test := findButton(t, p.list, "Withdraw")
	test.OnTapped()
	if ns := f.Notices(); len(ns) != 1 || !ns[0].Withdrawn {
		t.Fatalf("after withdrawing: %+v", ns)
	}
	if len(p.list.Objects) != 0 {
		t.Fatal("a withdrawn notice is still listed")
	}
}

func TestAnUrgentNoticeIsPublishedAsUrgent(t *testing.T) {
	c, f, _ := newTestConsole(t)
	p := c.Notices
	p.Hans.SetText("紧急疏散，请从最近出口离开")
	p.Hant.SetText("緊急疏散，請從最近出口離開")
	p.En.SetText("Please leave the hall by the nearest exit")
	p.Level.SetSelected(p.Level.Options[1])
	if err := p.Publish(); err != nil {
		t.Fatal(err)
	}
	if ns := f.Notices(); len(ns) != 1 || ns[0].Level != notice.Urgent {
		t.Fatalf("%+v", ns)
	}
}

// A published notice goes to the hall's other screens, and the page says
// per screen, in the curator's language, what each did with it.
func TestAPublishedNoticeIsSentToTheHallAndEachScreenIsTold(t *testing.T) {
	c, f, w := newTestConsole(t)
	c = NewConsole(f, w, catalog.Hans)
	w.SetContent(c.Object())
	f.deliveries = []Delivery{
		{Screen: "east", Reached: true, Taken: true, Reason: "notice n1 (info) shows from …"},
		{Screen: "west", Reached: true, Reason: "the notice is not signed"},
		{Screen: "10.0.0.9:7470", Reason: "connection refused"},
	}
	p := c.Notices
	p.Hans.SetText("今日16:00闭馆")
	p.Hant.SetText("今日16:00閉館")
	p.En.SetText("The hall closes at 16:00 today")
	if err := p.Publish(); err != nil {
		t.Fatal(err)
	}
	want := []string{"已发送到展厅：1/3 台其他屏幕已接收。", "east：已接收", "west：已拒绝（公告未签名）", "10.0.0.9:7470：无法连接（连接被拒绝）"}
	if !eventually(func() bool {
		for _, w := range want {
			if !strings.Contains(p.message.Text, w) {
				return false
			}
		}
		return true
	}) {
		t.Fatalf("the page says %q", p.message.Text)
	}
	f.sentMu.Lock()
	sent := slices.Clone(f.sent)
	f.sentMu.Unlock()
	if len(sent) != 1 || !strings.HasPrefix(sent[0], "0") {
		t.Fatalf("sent to the hall: %q, want the notice once", sent)
	}
	w.Resize(fyne.NewSize(1200, 900))
	test.AssertObjectRendersToImage(t, "notice-sent-hans.png", p.message)

	// Withdrawn: the withdrawal goes the same way.
	f.now = f.now.Add(time.Minute)
	f.deliveries = nil
	findButton(t, p.list, "撤回").OnTapped()
	if !eventually(func() bool { return strings.Contains(p.message.Text, "展厅没有其他屏幕应答。") }) {
		t.Fatalf("after withdrawing with no other screen: %q", p.message.Text)
	}
	f.sentMu.Lock()
	defer f.sentMu.Unlock()
	if len(f.sent) != 2 {
		t.Fatalf("the withdrawal was not sent: %q", f.sent)
	}
}

// eventually runs the UI queue until cond holds, for a few seconds:
// what the console does off the UI goroutine comes back through fyne.Do.
func eventually(cond func() bool) bool {
	return fyne.CurrentApp().(*uitest.App).WaitUntil(5*time.Second, cond)
}

// What the store and the other screens hand over in English reads in the
// curator's language, sentence by sentence, with names, paths and hashes
// kept.
func TestHandedOverTextsReadInTheCuratorsLanguage(t *testing.T) {
	for _, c := range []struct {
		l        catalog.Lang
		in, want string
	}{
		{catalog.Hans, "demo", "演示目录"},
		{catalog.Hant, "demo", "示範目錄"},
		{catalog.En, "demo", "demo"},
		{catalog.Hans, "p-017: video/mp4 3fa2c9e01b2d…: not a video the hall can play: it has no video track (sound only?)",
			"p-017：video/mp4 3fa2c9e01b2d…：不是展厅能播放的视频：没有视频轨道（只有声音？）"},
		{catalog.Hant, "no project: image/png 0a1b2c3d4e5f…: picture too large to decode safely: 20000x20000 (at most 8192 pixels a side and 40000000 in all)",
			"無項目：image/png 0a1b2c3d4e5f…：圖片過大，無法安全解碼：20000x20000 (at most 8192 pixels a side and 40000000 in all)"},
		{catalog.Hans, "the feed's signature is not valid: the feed is not signed", "目录的签名无效：目录未签名"},
		{catalog.Hant, "the opening hours are not signed", "開放時間未簽名"},
		{catalog.Hans, "/media/S/showhall/season.zip", "/media/S/showhall/season.zip"},
	} {
		if got := passedIn(c.l, c.in); got != c.want {
			t.Errorf("%s %q:\n got %q\nwant %q", c.l, c.in, got, c.want)
		}
	}
}

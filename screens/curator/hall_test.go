package curator

import (
	"image"
	"image/color"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/screens/uitest"
	"showhall/store/catalog"
)

// hallFake is the console's backend with a hall of four screens: this
// one, one behind, one stuck and one that does not answer.
type hallFake struct {
	*fake
	key     string
	reads   atomic.Int32 // HallScreens calls
	mu      sync.Mutex
	sent    []string // "action→screen id"
	name    string   // this screen's name
	renamed string
	touches atomic.Int32 // the idle timer told a curator is there
}

func (h *hallFake) Touch() { h.touches.Add(1) }

func newHallFake() *hallFake {
	return &hallFake{fake: newFake(), key: "c0ffee12", name: "入口大屏"}
}

func (h *hallFake) HallScreens() []HallScreen {
	h.reads.Add(1)
	h.mu.Lock()
	name := h.name
	h.mu.Unlock()
	return []HallScreen{
		{Name: name, ID: "a1", Address: "10.0.0.11:7470", Season: "秋季特展", Catalogue: "2026-10", State: StateFine, This: true},
		{Name: "Gallery 2", ID: "b2", Address: "10.0.0.12:7470", Season: "秋季特展", Catalogue: "2026-09", State: StateBehind,
			Reason: "shows catalogue 2026-09; the hall has 2026-10", Attention: true},
		{Name: "Lobby", ID: "c3", Address: "10.0.0.13:7470", Catalogue: "2026-10", State: StateStuck,
			Reason: "no frame drawn for 42 s: its screen is frozen", Attention: true},
		{Address: "10.0.0.14:7470", State: StateUnreachable, Reason: "10.0.0.14:7470 did not answer in time", Attention: true},
	}
}

// HallScreenshot draws a screen's picture: a band of its own colour.
func (h *hallFake) HallScreenshot(addr string) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, 320, 180))
	c := color.RGBA{R: 0x30, G: 0x60, B: 0x90, A: 0xff}
	if strings.HasSuffix(addr, ".12:7470") {
		c = color.RGBA{R: 0x90, G: 0x60, B: 0x30, A: 0xff}
	}
	for y := 0; y < 180; y++ {
		for x := 0; x < 320; x++ {
			if y > 60 && y < 120 {
				img.Set(x, y, c)
			} else {
				img.Set(x, y, color.RGBA{R: 0x10, G: 0x10, B: 0x18, A: 0xff})
			}
		}
	}
	return img, nil
}

func (h *hallFake) HallKey() (string, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.key, "/data/keys/curator"
}

// HallCommand: this screen carries it out, Gallery 2 does not trust the
// key, Lobby does not answer.
func (h *hallFake) HallCommand(action string, to []HallScreen, answer func(HallAnswer)) {
	for _, s := range to {
		h.mu.Lock()
		h.sent = append(h.sent, action+"→"+s.ID)
		h.mu.Unlock()
		answer(HallAnswer{Screen: s, Outcome: OutcomeSending})
		switch s.ID {
		case "a1":
			answer(HallAnswer{Screen: s, Outcome: OutcomeDone, Message: "showing its name for 10 s"})
		case "b2":
			answer(HallAnswer{Screen: s, Outcome: OutcomeUntrusted, Message: "the command's signature is not from a curator key this screen trusts"})
		default:
			answer(HallAnswer{Screen: s, Outcome: OutcomeUnreachable, Message: "10.0.0.13:7470 did not answer in time"})
		}
	}
}

func (h *hallFake) ScreenName() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.name
}

func (h *hallFake) RenameScreen(name string) error {
	if strings.TrimSpace(name) == "" {
		return errorString("a screen's name cannot be empty")
	}
	h.mu.Lock()
	h.name, h.renamed = name, name
	h.mu.Unlock()
	return nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

// hallConsole opens the console in l on the hall page, and waits for the
// tiles and their screenshots.
func hallConsole(t *testing.T, h *hallFake, l catalog.Lang) (*Console, fyne.Window, *uitest.App) {
	t.Helper()
	a := uitest.NewApp(t)
	a.Settings().SetTheme(screens.HallTheme{})
	screens.PressDelay = 0
	w := test.NewTempWindow(t, nil)
	c := NewConsole(h, w, l)
	w.SetContent(c.Object())
	w.Resize(fyne.NewSize(1600, 1000))
	t.Cleanup(func() { c.Hall.Stop() })
	c.Select(7)
	a.Eventually(t, "the tiles and their screenshots", func() bool {
		return len(c.Hall.grid.Objects) == 4 && len(c.Hall.shots) == 3
	})
	return c, w, a
}

// The tiles in the three languages: name, screenshot, season, catalogue,
// state and its reason in the console's language; this screen marked.
func TestHallTilesInTheThreeLanguages(t *testing.T) {
	for _, l := range catalog.Langs {
		t.Run(string(l), func(t *testing.T) {
			h := newHallFake()
			c, w, _ := hallConsole(t, h, l)
			w.Resize(fyne.NewSize(1480, 800))
			test.AssertImageMatches(t, "hall-"+string(l)+".png", w.Canvas().Capture())
			text := shownTexts(t, c.Hall.root)
			want := map[catalog.Lang][]string{
				catalog.En:   {"this screen", "Season: 秋季特展", "Catalogue: 2026-09", "behind", "shows catalogue 2026-09; the hall has 2026-10", "stuck", "no frame drawn for 42 s: its screen is frozen", "unreachable"},
				catalog.Hans: {"本屏幕", "展期：秋季特展", "目录：2026-09", "落后", "显示目录 2026-09；展厅已有 2026-10", "卡住", "已有42秒未绘制画面：画面卡住了", "无法连接", "10.0.0.14:7470 未及时应答"},
				catalog.Hant: {"本螢幕", "展期：秋季特展", "目錄：2026-09", "落後", "顯示目錄 2026-09；展廳已有 2026-10", "卡住", "已有42秒未繪製畫面：畫面卡住了", "無法連線"},
			}[l]
			for _, s := range want {
				if !strings.Contains(text, s) {
					t.Errorf("the hall page in %s lacks %q:\n%s", l, s, text)
				}
			}
		})
	}
}

// shownTexts are the texts under o, a label's whole (not wrapped into
// lines).
func shownTexts(t *testing.T, o fyne.CanvasObject) string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
			return
		case *canvas.Text:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return strings.Join(out, "\n")
}

// "Needs attention" keeps the screens that are not fine, this one (fine)
// left out.
func TestHallNeedsAttentionFilter(t *testing.T) {
	h := newHallFake()
	c, w, _ := hallConsole(t, h, catalog.En)
	test.Tap(c.Hall.Attention)
	if n := len(c.Hall.grid.Objects); n != 3 {
		t.Fatalf("needs attention shows %d tiles, want 3", n)
	}
	if strings.Contains(shownTexts(t, c.Hall.grid), "this screen") {
		t.Fatal("the fine screen is still shown under needs attention")
	}
	w.Resize(fyne.NewSize(1480, 800))
	test.AssertImageMatches(t, "hall-attention.png", w.Canvas().Capture())
	test.Tap(c.Hall.Attention)
	if n := len(c.Hall.grid.Objects); n != 4 {
		t.Fatalf("all screens again: %d tiles", n)
	}
}

// A command to all screens: each screen's answer on its own line, a
// refusal with what to do about it; the unreachable screen is not asked.
func TestHallCommandShowsEachScreensAnswer(t *testing.T) {
	h := newHallFake()
	c, w, a := hallConsole(t, h, catalog.En)
	test.Tap(c.Hall.Buttons[ActionIdentify])
	a.Eventually(t, "the three answers", func() bool {
		return len(c.Hall.answers) == 3 && !c.Hall.busy && c.Hall.answers[1].Outcome == OutcomeUntrusted
	})
	h.mu.Lock()
	sent := strings.Join(h.sent, " ")
	h.mu.Unlock()
	if sent != "identify→a1 identify→b2 identify→c3" {
		t.Fatalf("sent %q", sent)
	}
	got := shownTexts(t, c.Hall.Answers)
	for _, want := range []string{"入口大屏 (this screen): done – showing its name for 10 s",
		"Gallery 2: refused – the command's signature is not from a curator key this screen trusts",
		"this screen does not trust your key: add this machine's key c0ffee12 to its trusted keys",
		"Lobby: no answer – 10.0.0.13:7470 did not answer in time", "check that the screen is on"} {
		if !strings.Contains(got, want) {
			t.Errorf("the answers lack %q:\n%s", want, got)
		}
	}
	w.Resize(fyne.NewSize(1480, 800))
	test.AssertImageMatches(t, "hall-answers.png", w.Canvas().Capture())

	// One screen: only it is asked, in Chinese the answer too.
	c.Hall.Target.SetSelected("Gallery 2")
	test.Tap(c.Hall.Buttons[ActionSync])
	a.Eventually(t, "the one answer", func() bool { return len(c.Hall.answers) == 1 && !c.Hall.busy })
	if c.Hall.answers[0].Screen.ID != "b2" {
		t.Fatalf("asked %v", c.Hall.answers[0].Screen)
	}
}

// A restart is asked about first.
func TestHallRestartAsksFirst(t *testing.T) {
	h := newHallFake()
	c, _, a := hallConsole(t, h, catalog.En)
	test.Tap(c.Hall.Buttons[ActionRestart])
	a.Wait(50 * time.Millisecond)
	h.mu.Lock()
	n := len(h.sent)
	h.mu.Unlock()
	if n != 0 || !strings.HasPrefix(c.asked, "Restart the screens?") {
		t.Fatalf("restart sent %d commands unasked; asked %q", n, c.asked)
	}
}

// Without a curator key the page says how to get one, and no action can
// be pressed.
func TestHallWithoutAKey(t *testing.T) {
	defer func(d time.Duration) { hallRefreshEvery = d }(hallRefreshEvery)
	hallRefreshEvery = 20 * time.Millisecond
	h := newHallFake()
	h.key = ""
	c, _, a := hallConsole(t, h, catalog.Hans)
	if !strings.Contains(c.Hall.KeyNote.Text, "showhall keygen --out /data/keys/curator") || !strings.Contains(c.Hall.KeyNote.Text, "没有策展密钥") {
		t.Fatalf("key note %q", c.Hall.KeyNote.Text)
	}
	for action, b := range c.Hall.Buttons {
		if !b.Disabled() {
			t.Errorf("%s can be pressed without a key", action)
		}
	}
	// A key made meanwhile turns the actions on at the next round.
	h.mu.Lock()
	h.key = "c0ffee12"
	h.mu.Unlock()
	a.Eventually(t, "the actions on with the new key", func() bool {
		return !c.Hall.Buttons[ActionIdentify].Disabled() && strings.Contains(c.Hall.KeyNote.Text, "c0ffee12")
	})
}

// The page refreshes while it is open and stops when it is left.
func TestHallRefreshStopsWhenThePageIsLeft(t *testing.T) {
	defer func(d time.Duration) { hallRefreshEvery = d }(hallRefreshEvery)
	hallRefreshEvery = 20 * time.Millisecond
	h := newHallFake()
	c, _, a := hallConsole(t, h, catalog.En)
	n := h.reads.Load()
	a.Eventually(t, "a refresh", func() bool { return h.reads.Load() >= n+2 })
	// The refresh alone does not keep the console open: it is no touch.
	touched := h.touches.Load()
	n = h.reads.Load()
	a.Eventually(t, "more refreshes", func() bool { return h.reads.Load() >= n+3 })
	if m := h.touches.Load(); m != touched {
		t.Fatalf("the page's refresh told the idle timer %d times that a curator is there", m-touched)
	}
	c.Select(0)
	a.Wait(100 * time.Millisecond) // a read under way may end
	n = h.reads.Load()
	a.Wait(200 * time.Millisecond)
	if m := h.reads.Load(); m != n {
		t.Fatalf("the hall was read %d more times after the page was left", m-n)
	}
	// Back to the page: it refreshes again.
	c.Select(7)
	a.Eventually(t, "a refresh on return", func() bool { return h.reads.Load() > n })
	// The console left for the visitors: the page stops by itself.
	c.win.SetContent(widget.NewLabel("attract"))
	a.Wait(150 * time.Millisecond)
	n = h.reads.Load()
	a.Wait(200 * time.Millisecond)
	if m := h.reads.Load(); m != n {
		t.Fatalf("the hall was read %d more times after the console was left", m-n)
	}
}

// Renaming this screen from the settings: the backend is told, the
// field shows the name kept, a bad name is refused in the console's
// language.
func TestRenameThisScreenFromTheSettings(t *testing.T) {
	h := newHallFake()
	c, _, a := hallConsole(t, h, catalog.Hant)
	f := c.prefs.ScreenName
	if f == nil || f.Name.Text != "入口大屏" {
		t.Fatalf("no rename field, or not this screen's name: %+v", f)
	}
	f.Name.SetText("  ")
	f.Save()
	a.Eventually(t, "the empty name refused", func() bool { return f.Message.Text == "螢幕名稱不能為空" })
	f.Name.SetText("二樓 東")
	f.Save()
	a.Eventually(t, "the rename", func() bool { return strings.Contains(f.Message.Text, "已改名") })
	if h.renamed != "二樓 東" || f.Name.Text != "二樓 東" {
		t.Fatalf("rename: backend has %q, field %q", h.renamed, f.Name.Text)
	}
}

// A console on a backend without the hall (and on a laptop, no rename).
func TestConsoleWithoutTheHall(t *testing.T) {
	c, _, _ := newTestConsole(t)
	if c.Hall != nil || len(c.tabs.Items) != 7 || c.prefs.ScreenName != nil {
		t.Fatal("a hall page or a rename field without a hall")
	}
}

// The hall page in Traditional Chinese, with a command's answers and no
// key's note, leaves no English but the screens' names and the command
// line to type.
func TestHallPageInTraditionalChineseLeavesNoEnglish(t *testing.T) {
	h := newHallFake()
	c, _, a := hallConsole(t, h, catalog.Hant)
	test.Tap(c.Hall.Buttons[ActionIdentify])
	a.Eventually(t, "the answers", func() bool { return len(c.Hall.answers) == 3 && !c.Hall.busy })
	c.Hall.showKey("", "/data/keys/curator")
	names := map[string]bool{"Gallery": true, "Lobby": true, "showhall": true, "keygen": true, "out": true,
		"data": true, "keys": true, "curator": true, "pub": true, "ffee": true} // and the key's fingerprint, c0ffee12
	var english []string
	for _, s := range strings.Split(shownTexts(t, c.Hall.root), "\n") {
		for _, w := range englishWord.FindAllString(s, -1) {
			if !names[w] && !allowedLatin[w] {
				english = append(english, s)
				break
			}
		}
	}
	if len(english) > 0 {
		t.Errorf("English left on the hall page in Traditional Chinese:\n%s", strings.Join(english, "\n"))
	}
}

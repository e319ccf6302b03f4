package e2e

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The roadshow as a presenter gives it: a laptop with a projector
// plugged in, `showhall present --deck ID`, and a clicker. The talk goes
// full screen on the projector, the presenter console on the laptop's
// own screen, and the clicker's keys drive both.

// The window titles in English (--lang en).
const (
	consoleTitle  = "showhall · presenter console"
	audienceTitle = "showhall · audience"
	builderTitle  = "showhall · roadshow"
)

// A 16:10 laptop screen, and a Full HD projector (the size slides are
// drawn for) to its right: two sizes, so a talk that filled the wrong
// screen, or only part of one, shows.
var (
	laptop    = image.Rect(0, 0, 1920, 1200)
	projector = image.Rect(1920, 0, 1920+1920, 1080)
)

// demoDeck is a talk on the demo catalogue as a colleague would send it:
// a title slide, four projects, the closing slide. The four projects
// have pictures and no promo video, so a slide holds still until the
// next key.
const demoDeck = `{
  "format": "showhall-deck", "version": 1, "exported": "2026-03-01T08:00:00Z",
  "deck": {
    "id": "pilot-zone", "title": "Pilot Zone roadshow", "event": "Canton matchmaking day",
    "lang": "en", "planned_minutes": 10,
    "contact": {"name": "Li Wei", "organisation": "Pilot Zone office", "email": "li.wei@example.org"},
    "slides": [
      {"kind": "title", "notes": "Welcome; two minutes on the zone."},
      {"kind": "project", "project": "p2024-001", "notes": "Evidence kept on chain: courts accept it."},
      {"kind": "project", "project": "p2024-002"},
      {"kind": "project", "project": "p2024-003"},
      {"kind": "project", "project": "p2024-004"},
      {"kind": "closing", "notes": "Hand out the QR codes."}
    ],
    "created": "2026-03-01T08:00:00Z", "updated": "2026-03-01T08:00:00Z"
  }
}
`

func presentSetup(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end tests take a while; skipped with -short")
	}
	for _, tool := range []struct{ bin, pkg string }{{"xdotool", "xdotool"}, {"xwininfo", "x11-utils"}} {
		if _, err := exec.LookPath(tool.bin); err != nil {
			t.Skipf("%s is not installed (make test installs it: apt-get install %s)", tool.bin, tool.pkg)
		}
	}
	bin, err := Binary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("no showhall binary to test: %v", err)
	}
	os.MkdirAll(shots, 0o755)
	return bin
}

var importedID = regexp.MustCompile(`imported (\S+) `)

// importDeck puts demoDeck into a fresh data folder, as a presenter does
// with a deck file from a colleague, and returns the deck's id there.
func importDeck(t *testing.T, bin, data string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "pilot-zone.showhall-deck")
	if err := os.WriteFile(file, []byte(demoDeck), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--data", data, "present", "--import", file)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("importing the deck: %v\n%s", err, out)
	}
	m := importedID.FindSubmatch(out)
	if m == nil {
		t.Fatalf("importing the deck printed no id: %q", out)
	}
	return string(m[1])
}

// startTalk runs `showhall present --deck ID` on the display and stops it
// at the end of the test, keeping its log beside the screenshots.
func startTalk(t *testing.T, d *Display, bin, data, id, logName string) *Kiosk {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	k, err := StartKiosk(ctx, d, bin, "--data", data, "present", "--deck", id, "--lang", "en")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := k.Stop(); err != nil && !strings.Contains(err.Error(), "signal") {
			t.Errorf("stopping: %v", err)
		}
		os.WriteFile(filepath.Join(shots, logName), []byte(k.Log()), 0o644)
	})
	return k
}

// TestPresentOnTheProjectorWithTheConsoleOnTheLaptop runs on a real X
// server with two monitors (Xorg's dummy driver: Xvfb has one RandR
// output, and GLFW lists monitors from RandR outputs).
func TestPresentOnTheProjectorWithTheConsoleOnTheLaptop(t *testing.T) {
	bin := presentSetup(t)
	d, err := StartXorgDummy(t.TempDir(), laptop, projector)
	if errors.Is(err, ErrNoXorgDummy) {
		if os.Getenv("SHOWHALL_REQUIRE_XORG") == "1" {
			t.Fatalf("%v; SHOWHALL_REQUIRE_XORG=1 says it must be here", err)
		}
		t.Skipf("%v; set SHOWHALL_REQUIRE_XORG=1 to make this a failure", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Stop)
	data := t.TempDir()
	id := importDeck(t, bin, data)

	// --list names the displays a presenter can give --display.
	list := exec.Command(bin, "--data", data, "present", "--list")
	list.Env = d.Env()
	out, err := list.Output()
	if err != nil {
		t.Fatalf("present --list: %v\n%s", err, out)
	}
	for _, want := range []string{id + "\t", "display 0\tDUMMY0\t1920x1200 at 0,0", "display 1\tDUMMY1\t1920x1080 at 1920,0"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("present --list does not say %q:\n%s", want, out)
		}
	}

	start := time.Now()
	k := startTalk(t, d, bin, data, id, "present.log")

	// The app sees both screens and picks the projector, the second
	// display, for the audience without being told.
	if !k.WaitLog("msg=presenting", 30*time.Second) {
		t.Fatalf("the talk did not start; log:\n%s", k.Log())
	}
	for _, want := range []string{
		"msg=display index=0 name=DUMMY0 size=1920x1200 at=0,0",
		"msg=display index=1 name=DUMMY1 size=1920x1080 at=1920,0",
		`audience="1: DUMMY1 1920x1080"`,
	} {
		if !strings.Contains(k.Log(), want) {
			t.Errorf("the log lacks %q; log:\n%s", want, k.Log())
		}
	}

	// The talk fills the projector and the console fills the laptop.
	var aud, con image.Rectangle
	placed := waitFor(10*time.Second, func() bool {
		var ok1, ok2 bool
		aud, ok1 = d.Window(audienceTitle)
		con, ok2 = d.Window(consoleTitle)
		return ok1 && ok2 && aud == projector && con == laptop
	})
	if !placed {
		t.Fatalf("the audience window is at %v (want the projector, %v) and the console at %v (want the laptop, %v)", aud, projector, con, laptop)
	}
	t.Logf("windows in place %v after start: audience %v, console %v", time.Since(start).Round(time.Millisecond), aud, con)

	tk := &talk{t: t, d: d, k: k, audience: projector, console: laptop, screen: laptop.Union(projector), prefix: "present"}
	tk.clickThrough(true)
}

// TestPresentRehearsesInOneWindowWithOneScreen is a laptop with no
// projector: the same command gives the talk and the console side by
// side in one window.
func TestPresentRehearsesInOneWindowWithOneScreen(t *testing.T) {
	bin := presentSetup(t)
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (make test installs it: apt-get install xvfb)")
	}
	d, err := StartXvfb(1920, 1080)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Stop)
	data := t.TempDir()
	id := importDeck(t, bin, data)
	k := startTalk(t, d, bin, data, id, "rehearse.log")

	if !k.WaitLog("msg=\"rehearsal: talk and console in one window\"", 30*time.Second) {
		t.Fatalf("one screen did not give the rehearsal; log:\n%s", k.Log())
	}
	var win image.Rectangle
	if !waitFor(10*time.Second, func() bool {
		var ok bool
		win, ok = d.Window(consoleTitle)
		return ok
	}) {
		t.Fatalf("no rehearsal window; log:\n%s", k.Log())
	}
	if _, ok := d.Window(audienceTitle); ok {
		t.Error("a separate audience window opened with only one screen")
	}
	// The presenter maximises the window. (Left at its first size, the
	// window grows by itself when a project slide needs more room, and
	// every slide after that is drawn larger.)
	screen := image.Rect(0, 0, 1920, 1080)
	if !k.WaitLog("msg=\"talk window painted\" window=rehearsal", 30*time.Second) {
		t.Fatalf("the rehearsal window never painted; log:\n%s", k.Log())
	}
	// Fyne sets the window's size once more just after a paint that
	// changed the content's minimum size, from the size it last heard
	// of: a resize landing in that moment is undone, and the presenter
	// would simply maximise again.
	for try := 1; ; try++ {
		if err := d.ResizeWindow(consoleTitle, screen.Dx(), screen.Dy()); err != nil {
			t.Fatal(err)
		}
		if waitFor(3*time.Second, func() bool {
			win, _ = d.Window(consoleTitle)
			return win == screen
		}) {
			break
		}
		if try == 3 {
			t.Fatalf("the rehearsal window is at %v after maximising it %d times", win, try)
		}
		t.Logf("the rehearsal window went back to %v after maximising; again", win)
	}
	// The talk sits left of the next slide and the notes (a 560 px
	// column): look at a part of it that is talk whatever the window's
	// exact size.
	w, h := win.Dx(), win.Dy()
	talkPart := image.Rect(win.Min.X+w/20, win.Min.Y+h/5, win.Min.X+w/2, win.Min.Y+h*4/5)
	tk := &talk{t: t, d: d, k: k, audience: talkPart, console: win, screen: screen, prefix: "rehearse"}
	tk.clickThrough(false)
}

// talk drives a running talk with a clicker's keys and watches what the
// audience sees.
type talk struct {
	t        *testing.T
	d        *Display
	k        *Kiosk
	audience image.Rectangle // the slides as the audience sees them
	console  image.Rectangle // the presenter's console (the rehearsal window)
	screen   image.Rectangle // the whole screen, saved at each step
	prefix   string          // of the screenshots' names
}

// clickThrough is a talk from the first slide to leaving: next, next,
// black screen and back, last, first, a slide by its number, Esc.
// separate says the audience has a window of its own, which takes the
// clicker's keys as well as the console does.
func (tk *talk) clickThrough(separate bool) {
	t, d := tk.t, tk.d
	// A window made full screen or maximised is drawn again at its new
	// size a moment later: wait until the pictures reach every corner.
	if !waitFor(10*time.Second, func() bool { return tk.covered(tk.console) && tk.covered(tk.audience) }) {
		tk.saveScreen("0-not-drawn")
		t.Fatalf("the windows are not drawn over the whole of their screens within 10 s (screenshot %s-0-not-drawn.png)", tk.prefix)
	}
	// The presenter works at the laptop: the console has the keyboard.
	tk.focus(consoleTitle)

	title, titleConsole := tk.see("1-title", "the title slide",
		func(a *image.RGBA) bool { return Spread(a) >= 8 && !isBlack(a) },
		func(c *image.RGBA) bool { return Spread(c) >= 8 })

	tk.press("Right")
	first, _ := tk.see("2-first-project", "the next slide (the first project)", differsFrom(title), changedFrom(titleConsole))

	if separate {
		// A click on the projector's window gives it the keyboard: the
		// clicker must still drive the talk.
		tk.focus(audienceTitle)
	}
	tk.press("Page_Down")
	second, _ := tk.see("3-second-project", "the slide after (Page Down)", differsFrom(title, first), nil)
	tk.focus(consoleTitle)

	tk.press("b")
	tk.see("4-black", "a black screen (B)", isBlack, nil)
	// The next press only brings the picture back: the audience does
	// not miss a slide.
	tk.press("Right")
	tk.see("5-back-from-black", "the same slide again after the black screen", sameAs(second), nil)

	tk.press("End")
	closing, _ := tk.see("6-end", "the closing slide (End)", differsFrom(title, first, second), nil)
	tk.press("Right")
	tk.stays("7-past-the-end", "the closing slide after one more press (it is the last)", closing)

	// At the first slide again, the console shows it as it did at the
	// start.
	tk.press("Home")
	now := tk.nowShowing()
	tk.see("8-home", "the title slide again (Home)", sameAs(title), func(c *image.RGBA) bool {
		return sameAs(titleConsole.SubImage(now).(*image.RGBA))(c.SubImage(now).(*image.RGBA))
	})

	// A number then Enter jumps; the number alone moves nothing.
	tk.press("2")
	tk.stays("9-typed-2", "the title slide while 2 is typed", title)
	tk.press("Return")
	tk.see("10-jump-to-2", "slide 2 (2 then Enter)", sameAs(first), nil)

	// Esc leaves the talk: its windows close, the deck builder is back,
	// the program keeps running.
	tk.press("Escape")
	gone := waitFor(10*time.Second, func() bool {
		return !d.WindowShown(audienceTitle) && !d.WindowShown(consoleTitle) && d.WindowShown(builderTitle)
	})
	tk.saveScreen("11-left")
	if !gone {
		t.Fatalf("after Esc: audience window shown %v, console shown %v, builder shown %v",
			d.WindowShown(audienceTitle), d.WindowShown(consoleTitle), d.WindowShown(builderTitle))
	}
	if separate {
		if img, err := d.Grab(tk.audience); err != nil {
			t.Fatal(err)
		} else if !isBlack(img) {
			t.Error("after Esc the projector still shows something")
		}
	}
	if err := tk.k.Cmd.Process.Signal(syscall.Signal(0)); err != nil {
		t.Fatalf("showhall exited on Esc: %v; log:\n%s", err, tk.k.Log())
	}
}

// nowShowing is the console's left half under its top line: the slide
// being shown, without the clocks and the next slide's picture (which
// may still be loading).
func (tk *talk) nowShowing() image.Rectangle {
	c := tk.console
	return image.Rect(c.Min.X, c.Min.Y+c.Dy()/10, c.Min.X+c.Dx()/2, c.Max.Y)
}

// covered reports whether a window's picture reaches every corner of r:
// a window drawn at its new size, rather than its old picture in one
// corner and the bare (black) root window around it.
func (tk *talk) covered(r image.Rectangle) bool {
	img, err := tk.d.Grab(r)
	if err != nil {
		tk.t.Fatal(err)
	}
	const n = 16
	for _, c := range []image.Point{r.Min, {r.Max.X - n, r.Min.Y}, {r.Min.X, r.Max.Y - n}, r.Max.Sub(image.Pt(n, n))} {
		if isBlack(img.SubImage(image.Rectangle{c, c.Add(image.Pt(n, n))}).(*image.RGBA)) {
			return false
		}
	}
	return true
}

// focus gives the keyboard to a window.
func (tk *talk) focus(title string) {
	tk.t.Helper()
	if err := tk.d.FocusWindow(title); err != nil {
		tk.t.Fatal(err)
	}
}

// press types one key.
func (tk *talk) press(key string) {
	tk.t.Helper()
	if err := tk.d.Key(key); err != nil {
		tk.t.Fatal(err)
	}
}

// see waits until the audience's picture meets cond and the console's
// meets onConsole (nil: anything), each settled (pictures are decoded in
// the background, and each window is drawn on its own), saves the
// screen, and returns both pictures.
func (tk *talk) see(step, what string, cond, onConsole func(*image.RGBA) bool) (aud, con *image.RGBA) {
	tk.t.Helper()
	start := time.Now()
	aud, ok := tk.settled(tk.audience, cond)
	if !ok {
		tk.saveScreen(step)
		tk.t.Fatalf("%s: the audience does not show %s within 10 s (screenshot %s-%s.png); log:\n%s", step, what, tk.prefix, step, tk.k.Log())
	}
	if onConsole == nil {
		onConsole = func(*image.RGBA) bool { return true }
	}
	if con, ok = tk.settled(tk.console, onConsole); !ok {
		tk.saveScreen(step)
		tk.t.Fatalf("%s: the audience shows %s, but the console does not follow within 10 s (screenshot %s-%s.png)", step, what, tk.prefix, step)
	}
	tk.t.Logf("%s: seen after %v", step, time.Since(start).Round(time.Millisecond))
	tk.saveScreen(step)
	return aud, con
}

// settled polls a part of the screen until its picture meets cond and
// has not changed for a moment.
func (tk *talk) settled(r image.Rectangle, cond func(*image.RGBA) bool) (*image.RGBA, bool) {
	const settle = 400 * time.Millisecond
	deadline := time.Now().Add(10 * time.Second)
	var prev *image.RGBA
	var stable time.Time
	for {
		img, err := tk.d.Grab(r)
		if err != nil {
			tk.t.Fatal(err)
		}
		now := time.Now()
		if prev == nil || Difference(prev, img) > sameSlide {
			stable = now
		}
		prev = img
		if cond(img) && now.Sub(stable) >= settle {
			return img, true
		}
		if now.After(deadline) {
			return img, false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stays checks that the audience's picture stays as it was for a while
// after a key that must not move the talk.
func (tk *talk) stays(step, what string, want *image.RGBA) {
	tk.t.Helper()
	deadline := time.Now().Add(700 * time.Millisecond)
	for time.Now().Before(deadline) {
		img, err := tk.d.Grab(tk.audience)
		if err != nil {
			tk.t.Fatal(err)
		}
		if diff := Difference(want, img); diff > sameSlide {
			tk.saveScreen(step)
			tk.t.Fatalf("%s: the audience should still see %s, but %.1f%% changed (screenshot %s-%s.png)", step, what, diff*100, tk.prefix, step)
		}
		time.Sleep(50 * time.Millisecond)
	}
	tk.saveScreen(step)
}

// saveScreen keeps the whole screen as <prefix>-<step>.png.
func (tk *talk) saveScreen(step string) {
	tk.t.Helper()
	img, err := tk.d.Grab(tk.screen)
	if err != nil {
		tk.t.Fatal(err)
	}
	if err := SavePNG(filepath.Join(shots, fmt.Sprintf("%s-%s.png", tk.prefix, step)), img); err != nil {
		tk.t.Fatal(err)
	}
}

// The same slide draws the same pixels (0% differ); two slides differ in
// at least the 4% of the screen that a title slide's text covers.
const (
	sameSlide  = 0.002
	otherSlide = 0.01
)

func differsFrom(others ...*image.RGBA) func(*image.RGBA) bool {
	return func(img *image.RGBA) bool {
		if isBlack(img) || Spread(img) < 8 {
			return false
		}
		for _, o := range others {
			if Difference(o, img) < otherSlide {
				return false
			}
		}
		return true
	}
}

func sameAs(want *image.RGBA) func(*image.RGBA) bool {
	return func(img *image.RGBA) bool { return Difference(want, img) <= sameSlide }
}

func changedFrom(before *image.RGBA) func(*image.RGBA) bool {
	return func(img *image.RGBA) bool { return Difference(before, img) >= otherSlide }
}

// isBlack reports whether a picture is black all over, as the projector
// is when the presenter presses B.
func isBlack(img *image.RGBA) bool {
	b := img.Bounds()
	var sum, n float64
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			o := img.PixOffset(x, y)
			p := img.Pix[o : o+3]
			v := math.Max(float64(p[0]), math.Max(float64(p[1]), float64(p[2])))
			if v > 24 {
				return false
			}
			sum += v
			n++
		}
	}
	return sum/n < 4
}

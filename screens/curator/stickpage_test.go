package curator

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"showhall/screens/uitest"
	"showhall/store/hall"
)

// The USB stick page lists what each bundle would change, applies a newer
// one at a press with its progress bar, an older one only at a second
// press after a sentence, none that is refused or in use, and exports the
// catalogue to the stick.
func TestStickPageListsAppliesAndExports(t *testing.T) {
	c, f, _ := newTestConsole(t)
	signed := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	f.bundles = []hall.StickBundle{
		{Path: "/media/S/showhall/spring.zip", Version: "2027-spring", Signed: signed, Signer: "abcd", Standing: hall.StandingNewer,
			Added: 3, Removed: 1, Changed: 2, Seasons: 1, MediaFiles: 7, MediaBytes: 12_500_000},
		{Path: "/media/S/autumn.zip", Version: "2026-autumn", Signed: signed.AddDate(0, -3, 0), Signer: "abcd", Standing: hall.StandingOlder},
		{Path: "/media/S/forged", Standing: hall.StandingRefused, Reason: "the feed is not signed"},
		{Path: "/media/S/same.zip", Version: "2026-winter", Signed: signed, Signer: "abcd", Standing: hall.StandingInUse},
	}
	f.folders = []string{"/media/S"}
	a := fyne.CurrentApp().(*uitest.App)
	p := c.Sticks
	loads := 0
	p.onLoaded = func() { loads++ }
	c.Select(6)
	if !a.WaitUntil(5*time.Second, func() bool { return len(p.Apply) == 4 }) {
		t.Fatal("the page did not list the bundles")
	}
	var labels []string
	for _, o := range p.list.Objects {
		if row, ok := o.(*fyne.Container); ok {
			for _, x := range row.Objects {
				if l, ok := x.(*widget.Label); ok {
					labels = append(labels, l.Text)
				}
			}
		}
	}
	text := strings.Join(labels, "\n")
	for _, want := range []string{"catalogue 2027-spring, signed 2026-12-01 10:00 by key abcd: newer",
		"projects 3 added, 1 removed, 2 changed; 1 seasons added, removed or changed; 7 media files to copy (12.5 MB)",
		"refused: the feed is not signed", "it is the catalogue in use"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the page lacks %q:\n%s", want, text)
		}
	}
	if !p.Apply[2].Disabled() || !p.Apply[3].Disabled() || p.Apply[0].Disabled() {
		t.Fatal("refused or in-use bundles can be applied, or a newer one cannot")
	}

	// Older: a sentence first, applied at the second press.
	test.Tap(p.Apply[1])
	if f.applied.Load() != nil || !strings.Contains(p.Note.Text, "older than the catalogue in use") {
		t.Fatalf("first press on an older bundle: applied %v, note %q", f.applied.Load(), p.Note.Text)
	}
	n := loads
	test.Tap(p.Apply[1])
	if !a.WaitUntil(5*time.Second, func() bool { return f.applied.Load() == "/media/S/autumn.zip older=true" && loads > n }) {
		t.Fatalf("second press: applied %v", f.applied.Load())
	}

	n = loads
	test.Tap(p.Apply[0])
	if !a.WaitUntil(5*time.Second, func() bool {
		return f.applied.Load() == "/media/S/showhall/spring.zip older=false" && strings.Contains(p.Note.Text, "2027-spring is now in use") && loads > n
	}) {
		t.Fatalf("newer bundle: applied %v, note %q", f.applied.Load(), p.Note.Text)
	}

	n = loads
	test.Tap(p.Export)
	if !a.WaitUntil(5*time.Second, func() bool {
		return strings.Contains(p.Note.Text, "Exported to /media/S/showhall/catalogue.zip") && loads > n
	}) {
		t.Fatalf("export: note %q", p.Note.Text)
	}
}

// With no stick, the page says so and offers no export.
func TestStickPageWithoutAStick(t *testing.T) {
	c, _, _ := newTestConsole(t)
	p := c.Sticks
	p.Show(nil, nil)
	if !p.Export.Disabled() || len(p.list.Objects) != 1 {
		t.Fatal("no stick, yet something to do")
	}
}

// While a bundle is applied the progress bar shows, and the list moves
// down to make room for it rather than lie under it.
func TestStickPageMakesRoomForTheProgressBar(t *testing.T) {
	c, _, _ := newTestConsole(t)
	p := c.Sticks
	c.Select(6)
	p.Show([]hall.StickBundle{{Path: "/media/S/a.zip", Standing: hall.StandingNewer}}, []string{"/media/S"})
	idle := p.scroll.Position().Y
	p.setBusy(true)
	if !p.Bar.Visible() || p.scroll.Position().Y < p.top.MinSize().Height || p.scroll.Position().Y <= idle {
		t.Fatalf("busy: bar shown %v, list at %v (was %v), above it %v", p.Bar.Visible(), p.scroll.Position().Y, idle, p.top.MinSize().Height)
	}
	p.setBusy(false)
	if p.Bar.Visible() || p.scroll.Position().Y != idle {
		t.Fatalf("done: bar shown %v, list at %v, want %v", p.Bar.Visible(), p.scroll.Position().Y, idle)
	}
}

// With several sticks plugged in the curator picks the one to export
// to, and the whole catalogue or one season.
func TestStickPageExportsASeasonToTheStickPicked(t *testing.T) {
	c, f, _ := newTestConsole(t)
	p := c.Sticks
	a := fyne.CurrentApp().(*uitest.App)
	p.Show(nil, []string{"/media/S", "/media/T"})
	if !p.Stick.Visible() || p.Stick.Selected != "" || p.Export.Disabled() {
		t.Fatalf("two sticks: choice shown %v, picked %q", p.Stick.Visible(), p.Stick.Selected)
	}
	test.Tap(p.Export)
	if f.exported.Load() != nil || !strings.Contains(p.Note.Text, "pick the one to export to") {
		t.Fatalf("export with no stick picked: exported %v, note %q", f.exported.Load(), p.Note.Text)
	}
	rots := f.Snapshot().Rotations()
	if len(p.Season.Options) != len(rots)+1 || p.Season.Selected != "The whole catalogue" {
		t.Fatalf("seasons offered %q for %d rotations", p.Season.Options, len(rots))
	}
	p.Stick.SetSelected("/media/T")
	p.Season.SetSelectedIndex(1)
	test.Tap(p.Export)
	want := "/media/T " + rots[0].ID
	if !a.WaitUntil(5*time.Second, func() bool { return f.exported.Load() == want }) {
		t.Fatalf("exported %v, want %q", f.exported.Load(), want)
	}
	// One stick: no choice to make.
	p.Show(nil, []string{"/media/S"})
	if p.Stick.Visible() || p.Stick.Selected != "/media/S" {
		t.Fatalf("one stick: choice shown %v, picked %q", p.Stick.Visible(), p.Stick.Selected)
	}
}

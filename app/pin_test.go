package app

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"showhall/store/hall"
)

func init() { hall.ArgonTime, hall.ArgonMemory = 1, 1024 } // fast tests

// TestKioskWithoutPINOpensNothingAtTheCorner: on a fresh kiosk (or one
// whose damaged database was moved aside) whoever held the corner used
// to choose the PIN and own the console. Now nothing shows; the log
// tells the technician how to set one, and once one is set the corner
// opens the pad asking for it.
func TestKioskWithoutPINOpensNothingAtTheCorner(t *testing.T) {
	k, _ := testKiosk(t)
	var logged bytes.Buffer
	k.log = slog.New(slog.NewTextHandler(&logged, nil))
	data, err := openData(shortTempDir(t), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	defer k.enableCurator(data)()

	before := k.body.Objects[0]
	k.openCurator()
	if k.visits.curating || k.body.Objects[0] != before || !k.onAttr {
		t.Fatal("holding the corner of a kiosk with no PIN opened the pad")
	}
	if !strings.Contains(logged.String(), "pin set") {
		t.Fatalf("the log does not say how to set a PIN:\n%s", logged.String())
	}
	if has, _ := k.visits.backend.guard.HasPIN(); has {
		t.Fatal("a PIN was set by holding the corner")
	}

	if err := k.visits.backend.guard.ResetPIN("246813"); err != nil {
		t.Fatal(err)
	}
	k.openCurator()
	if !k.visits.curating || !hasText(k.body.Objects[0], "请输入策展PIN") {
		t.Fatal("with a PIN set, the corner does not open the pad asking for it")
	}
}

// TestPINVerbReachesTheRunningKiosk: a visitor who keeps the pad locked
// cannot keep the staff out: on the PC, 'showhall pin unlock' reaches the
// running kiosk (which holds the database) and lifts the lockout, and
// 'showhall pin set' gives it a new PIN. With no kiosk running both work
// on the data folder itself.
func TestPINVerbReachesTheRunningKiosk(t *testing.T) {
	k, _ := testKiosk(t)
	dir := shortTempDir(t)
	data, err := openData(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	stop := k.enableCurator(data)
	g := k.visits.backend.guard
	if err := g.ResetPIN("135790"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < hall.MaxTries; i++ {
		g.Check("000000")
	}
	if g.Locked() == 0 {
		t.Fatal("five wrong PINs did not lock the pad")
	}
	run := func(input string, args ...string) (int, string) {
		pinInput = strings.NewReader(input)
		var out, errs bytes.Buffer
		code := Main(append([]string{"--data", dir, "pin"}, args...), &out, &errs)
		return code, out.String() + errs.String()
	}
	if code, out := run("", "unlock"); code != ExitOK || !strings.Contains(out, "running kiosk") {
		t.Fatalf("pin unlock: %d %s", code, out)
	}
	if w := g.Locked(); w != 0 {
		t.Fatalf("the running kiosk's pad is still locked for %v", w)
	}
	if code, out := run("246813\n246813\n", "set"); code != ExitOK {
		t.Fatalf("pin set: %d %s", code, out)
	}
	if err := g.Check("246813"); err != nil {
		t.Fatalf("the PIN set from the PC: %v", err)
	}
	if code, out := run("246813\n246814\n", "set"); code != ExitFailure || !strings.Contains(out, "the two PINs differ; nothing was changed") {
		t.Fatalf("differing PINs: %d %s", code, out)
	}
	if code, out := run("111111\n111111\n", "set"); code != ExitFailure || !strings.Contains(out, "one digit repeated") {
		t.Fatalf("a weak PIN: %d %s", code, out)
	}
	if code, _ := run("", "open"); code != ExitUsage {
		t.Fatalf("pin open: exit %d, want a usage error", code)
	}

	// The kiosk stops: the same verbs work on the data folder.
	stop()
	data.Close()
	if code, out := run("975310\n975310\n", "set"); code != ExitOK || strings.Contains(out, "running kiosk") {
		t.Fatalf("pin set with no kiosk running: %d %s", code, out)
	}
	data, err = openData(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	g = &hall.Guard{Settings: data.DB, Now: time.Now}
	if err := g.Check("975310"); err != nil {
		t.Fatalf("the PIN set on the data folder: %v", err)
	}
	var wrong hall.ErrWrongPIN
	if err := g.Check("000000"); !errors.As(err, &wrong) {
		t.Fatalf("wrong PIN: %v", err)
	}
}

// hasText says whether a canvas text reading s lies among o's containers.
func hasText(o fyne.CanvasObject, s string) bool {
	switch v := o.(type) {
	case *canvas.Text:
		return v.Text == s
	case *fyne.Container:
		for _, c := range v.Objects {
			if hasText(c, s) {
				return true
			}
		}
	}
	return false
}

// TestScreenKeyIsMadeOnceAndKept: each screen signs its statistics with
// its own key, made at the first start and the same after a restart.
func TestScreenKeyIsMadeOnceAndKept(t *testing.T) {
	dir := t.TempDir()
	first, err := screenKey(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	again, err := screenKey(dir, quietLog())
	if err != nil || !first.Equal(again) {
		t.Fatalf("the key changed at a restart (%v)", err)
	}
	fi, err := os.Stat(filepath.Join(dir, "keys", "screen"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("private key file: %v %v", fi, err)
	}
	other, _ := screenKey(t.TempDir(), quietLog())
	if other.Equal(first) {
		t.Fatal("two screens share a key")
	}
}

// TestClosingADedicatedKioskRestartsIt: the console's "Close kiosk" on a
// hall PC with no desktop left a bare screen (or relied on the service);
// it now restarts the kiosk and says so before, and on a desktop the
// confirmation says the desktop will show.
func TestClosingADedicatedKioskRestartsIt(t *testing.T) {
	k, _ := testKiosk(t)
	data, err := openData(shortTempDir(t), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	k.fullScreen = true
	t.Setenv(dedicatedEnv, "")
	defer k.enableCurator(data)()
	b := k.visits.backend
	if w := b.QuitWarning(); !strings.Contains(w, "desktop until someone starts the kiosk") {
		t.Fatalf("closing a kiosk on a desktop warns %q", w)
	}

	t.Setenv(dedicatedEnv, "1")
	defer k.enableCurator(data)()
	b = k.visits.backend
	if w := b.QuitWarning(); !strings.Contains(w, "closing restarts the kiosk") {
		t.Fatalf("closing a dedicated kiosk warns %q", w)
	}
	b.Quit()
	if k.exitCode != ExitFailure {
		t.Fatalf("closing a dedicated kiosk exits with %d, want %d so that the service starts it again", k.exitCode, ExitFailure)
	}
}

// TestPINVerbAsRootKeepsTheKiosksFolderItsOwn: root changing another
// user's data folder directly could leave a database the kiosk cannot
// open; it is told to run as that user (the running kiosk's socket is
// the way for root).
func TestPINVerbAsRootKeepsTheKiosksFolderItsOwn(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	dir := shortTempDir(t)
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	code := Main([]string{"--data", dir, "pin", "unlock"}, &out, &errs)
	if code != ExitFailure || !strings.Contains(errs.String(), "run this as that user") {
		t.Fatalf("pin unlock as root on another user's folder: %d %s", code, errs.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "catalogue.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a database was made in the kiosk's folder by root: %v", err)
	}
}

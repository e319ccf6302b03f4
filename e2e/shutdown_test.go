package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKioskStartsAndStopsQuietly starts and stops the real kiosk as the
// service does, under the Debian default locale, and reads the journal a
// technician would: no Fyne error, no "Preferences load error: EOF" from
// Fyne's watcher reading its own half-written file at shutdown.
func TestKioskStartsAndStopsQuietly(t *testing.T) {
	d, bin := setup(t)
	home := t.TempDir() // Fyne's own files, if any, go here
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	data := filepath.Join(t.TempDir(), "data")
	// What a kiosk killed during Fyne's save at shutdown leaves behind:
	// an empty preferences file, which the next start read and logged.
	prefs := filepath.Join(home, ".config", "fyne", "cn.gov.gz.pilotzone.showhall", "preferences.json")
	if err := os.MkdirAll(filepath.Dir(prefs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prefs, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		k, err := StartKiosk(ctx, d, bin, "--data", data, "kiosk")
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		if !k.WaitLog("first frame", 60*time.Second) {
			k.Stop()
			cancel()
			t.Fatalf("no first frame:\n%s", k.Log())
		}
		time.Sleep(time.Second)
		if err := k.Stop(); err != nil {
			t.Errorf("stop %d: %v", i, err)
		}
		cancel()
		for _, bad := range []string{"Preferences load error", "Fyne error", "Error parsing user locale"} {
			if strings.Contains(k.Log(), bad) {
				t.Errorf("start %d: the log says %q:\n%s", i, bad, k.Log())
			}
		}
	}
	// The kiosk keeps its settings in hall.db and does not use Fyne's
	// preferences at all: nothing is written there.
	if st, err := os.Stat(prefs); err != nil || st.Size() != 0 {
		t.Errorf("the kiosk wrote Fyne's preferences file (%v)", err)
	}
}

package app

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	bolt "go.etcd.io/bbolt"

	"showhall/store"
)

// A data folder from a newer showhall: the kiosk shows the maintenance
// screen and ends with the status its services do not restart on.
func TestANewerDatabaseShowsMaintenanceInsteadOfALoop(t *testing.T) {
	dir := t.TempDir()
	data, _, err := openCatalogue(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	data.Close()
	b, err := bolt.Open(filepath.Join(dir, "catalogue.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), binary.BigEndian.AppendUint64(nil, 99))
	})
	b.Close()

	_, _, err = openCatalogue(dir, quietLog())
	if !errors.Is(err, store.ErrTooNew) {
		t.Fatalf("opening a newer database: %v", err)
	}
	if code, maintenance := startFailure(err); code != ExitTooNew || !maintenance {
		t.Fatalf("a newer database gives exit %d, maintenance %v", code, maintenance)
	}
	if _, err := os.Stat(filepath.Join(dir, "catalogue.db")); err != nil {
		t.Fatal("the newer database was moved away; a newer showhall needs it as it is")
	}
	if code, maintenance := startFailure(store.ErrAlreadyRunning); code != ExitFailure || maintenance {
		t.Fatalf("another failure gives exit %d, maintenance %v", code, maintenance)
	}

	test.NewTempApp(t)
	w := test.NewWindow(maintenanceScreen(dir))
	defer w.Close()
	w.Resize(fyne.NewSize(1920, 1080))
	var said []string
	for _, o := range test.LaidOutObjects(w.Content()) {
		if tx, ok := o.(*canvas.Text); ok {
			said = append(said, tx.Text)
		}
	}
	all := strings.Join(said, "\n")
	for _, want := range append(maintenanceLines, dir) {
		if !strings.Contains(all, want) {
			t.Errorf("the maintenance screen does not say %q:\n%s", want, all)
		}
	}
}

// The units that restart the kiosk must not restart it on ExitTooNew.
func TestServicesDoNotRestartOnANewerDatabase(t *testing.T) {
	re := regexp.MustCompile(`(?m)^RestartPreventExitStatus=(.*)$`)
	for _, unit := range []string{"showhall-kiosk.service", "showhall-desktop-kiosk.service"} {
		raw, err := os.ReadFile(filepath.Join("..", "packaging", "systemd", unit))
		if err != nil {
			t.Fatal(err)
		}
		m := re.FindSubmatch(raw)
		if m == nil || !contains(strings.Fields(string(m[1])), strconv.Itoa(ExitTooNew)) {
			t.Errorf("%s does not list %d in RestartPreventExitStatus=", unit, ExitTooNew)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

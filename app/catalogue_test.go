package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"showhall/store"
)

func TestFirstStartLoadsTheDemoCatalogue(t *testing.T) {
	dir := t.TempDir()
	data, snap, err := openCatalogue(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	if snap.Len() == 0 || len(snap.Rotations()) == 0 {
		t.Fatalf("the demo catalogue has %d projects and %d rotations", snap.Len(), len(snap.Rotations()))
	}
	info, _ := data.DB.Info()
	if info.Source != "demo" {
		t.Fatalf("catalogue source %q", info.Source)
	}
}

func TestDamagedDatabaseIsMovedAsideAndTheHallStillOpens(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "catalogue.db"), []byte(strings.Repeat("\x00garbage", 5000)), 0o600)
	data, snap, err := openCatalogue(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	if data.Recovered == "" || snap.Len() == 0 {
		t.Fatalf("recovered to %q with %d projects", data.Recovered, snap.Len())
	}
	if _, err := os.Stat(data.Recovered); err != nil {
		t.Fatalf("the damaged file was not kept for a technician: %v", err)
	}
}

func TestSecondKioskOnTheSameFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	data, _, err := openCatalogue(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	_, _, err = openCatalogue(dir, quietLog())
	if !errors.Is(err, store.ErrAlreadyRunning) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("got %v", err)
	}
}

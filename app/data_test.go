package app

import (
	"bytes"
	"encoding/binary"
	"errors"
	"log/slog"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"showhall/store"
	"showhall/store/catalog/catalogtest"
	"showhall/store/hall"
)

// hallWith400Projects makes a data folder whose catalogue has 400
// projects and whose hall has a portal address and a trusted key, as a
// hall that has run for a while has.
func hallWith400Projects(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ReplaceCatalogue(catalogtest.Generate(400, 7), "https://portal.example/feed", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := db.PutSetting(hall.SettingPortalURL, "https://portal.example/stats"); err != nil {
		t.Fatal(err)
	}
	if err := db.PutSetting(hall.SettingTrustedKeys, []string{"showhall-ed25519 portal AAAA"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pagesOf lists the ids of a bbolt file's pages whose header carries flag
// (0x01 branch, 0x02 leaf), past the meta and freelist pages.
func pagesOf(t *testing.T, raw []byte, flag uint16) []int {
	t.Helper()
	const size = 4096
	var ids []int
	for id := 4; (id+1)*size <= len(raw); id++ {
		p := raw[id*size:]
		if binary.LittleEndian.Uint64(p) == uint64(id) && binary.LittleEndian.Uint16(p[8:]) == flag {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatalf("no page with flag %#x in a %d-byte file", flag, len(raw))
	}
	return ids
}

func openLogged(t *testing.T, dir string) (*Data, string) {
	t.Helper()
	var logs bytes.Buffer
	data, snap, err := openCatalogue(dir, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("the hall did not open: %v\n%s", err, logs.String())
	}
	t.Cleanup(func() { data.Close() })
	info, err := data.DB.Info()
	if err != nil || info.Source != "demo" || snap.Len() == 0 {
		t.Fatalf("the hall shows %d projects from %q (%v), not the demo\n%s", snap.Len(), info.Source, err, logs.String())
	}
	return data, logs.String()
}

// loud reports whether the log says, at error level and in capitals,
// that the catalogue was moved aside, and where to.
func loud(logs string) bool {
	return strings.Contains(logs, "level=ERROR") && strings.Contains(logs, "THE CATALOGUE") && strings.Contains(logs, "moved_to=")
}

func assertHallKept(t *testing.T, data *Data) {
	t.Helper()
	var portal string
	var keys []string
	if _, err := data.DB.GetSetting(hall.SettingPortalURL, &portal); err != nil || portal != "https://portal.example/stats" {
		t.Errorf("the portal address did not survive the damaged catalogue: %q %v", portal, err)
	}
	if _, err := data.DB.GetSetting(hall.SettingTrustedKeys, &keys); err != nil || len(keys) != 1 {
		t.Errorf("the trusted keys did not survive the damaged catalogue: %q %v", keys, err)
	}
}

func TestGarbageOverOnePageIsMovedAsideAndTheDemoShows(t *testing.T) {
	dir := hallWith400Projects(t)
	path := filepath.Join(dir, "catalogue.db")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	leaves := pagesOf(t, raw, 0x02)
	id := leaves[len(leaves)/2]
	junk := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(junk)
	copy(raw[id*4096:], junk)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}

	if err := checkDatabase(path); !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("the check before use passed page %d of garbage: %v", id, err)
	}
	data, logs := openLogged(t, dir)
	if data.Recovered == "" || !loud(logs) {
		t.Fatalf("page %d of %d was garbage and nobody said so:\n%s", id, len(raw)/4096, logs)
	}
	if kept, err := os.ReadFile(data.Recovered); err != nil || !bytes.Equal(kept, raw) {
		t.Fatalf("the damaged file was not kept as it was for a technician: %v", err)
	}
	assertHallKept(t, data)
}

func TestAPageNumberOutsideTheFileDoesNotCrashTheKiosk(t *testing.T) {
	dir := hallWith400Projects(t)
	path := filepath.Join(dir, "catalogue.db")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A branch page's first child moved just past the end of the file:
	// inside bbolt's memory map, outside the file, so reading it faults.
	id := pagesOf(t, raw, 0x01)[0]
	binary.LittleEndian.PutUint64(raw[id*4096+16+8:], uint64(len(raw)/4096+2))
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}

	if err := checkDatabase(path); !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("the check before use passed a page number outside the file: %v", err)
	}
	data, logs := openLogged(t, dir)
	if data.Recovered == "" || !loud(logs) {
		t.Fatalf("a page number outside the file went unnoticed:\n%s", logs)
	}
	assertHallKept(t, data)
}

func TestASoundCatalogueIsCheckedAndKept(t *testing.T) {
	dir := hallWith400Projects(t)
	if err := checkDatabase(filepath.Join(dir, "catalogue.db")); err != nil {
		t.Fatalf("the check before use refused a sound catalogue: %v", err)
	}
	var logs bytes.Buffer
	data, snap, err := openCatalogue(dir, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	if data.Recovered != "" || snap.Len() != 400 || strings.Contains(logs.String(), "could not be checked") {
		t.Fatalf("a sound catalogue was not kept (%q, %d projects):\n%s", data.Recovered, snap.Len(), logs.String())
	}
}

// After a start that did not end cleanly the databases are checked page
// by page in a child before use; after a clean close they are not.
func TestAnUncleanShutdownIsCheckedInAChild(t *testing.T) {
	dir := hallWith400Projects(t)
	path := filepath.Join(dir, "catalogue.db")
	data, _, err := openCatalogue(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	if data.Checked {
		t.Fatal("a folder closed cleanly was checked: that costs every start a third of its time")
	}
	data.DB.Close() // the process dies: the folder stays marked open

	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	id := pagesOf(t, raw, 0x01)[0]
	binary.LittleEndian.PutUint64(raw[id*4096+16+8:], uint64(len(raw)/4096+2))
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	data, logs := openLogged(t, dir)
	if !data.Checked || !strings.Contains(logs, "not closed cleanly") || !strings.Contains(logs, "THE CATALOGUE DATABASE WAS DAMAGED") || data.Recovered == "" {
		t.Fatalf("after an unclean shutdown the damage was not found by the check:\n%s", logs)
	}
	assertHallKept(t, data)
	if err := data.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, openMarker)); !os.IsNotExist(err) {
		t.Fatalf("a clean close left the folder marked open: %v", err)
	}
}

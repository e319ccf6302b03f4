package hall_test

import (
	"path/filepath"
	"strings"
	"testing"

	"showhall/store"
	"showhall/store/hall"
)

// A screen's identity is made once, kept in hall.db across restarts, and
// its name changes without its id.
func TestScreenIdentityIsMadeOnceAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalogue.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := hall.LoadIdentity(db, "  hall-pc-07\n")
	if err != nil {
		t.Fatal(err)
	}
	if first.Name != "hall-pc-07" || len(first.ID) != 16 {
		t.Fatalf("first identity %+v; want the host name and a 16-digit id", first)
	}
	db.Close()

	db, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	again, err := hall.LoadIdentity(db, "renamed-host")
	if err != nil || again != first {
		t.Fatalf("after a restart with another host name: %+v, %v; want %+v", again, err, first)
	}
	named, err := hall.Rename(db, "renamed-host", " 入口大屏 ")
	if err != nil || named.ID != first.ID || named.Name != "入口大屏" {
		t.Fatalf("renamed: %+v, %v", named, err)
	}
	if got, _ := hall.LoadIdentity(db, "x"); got != named {
		t.Fatalf("the new name was not kept: %+v", got)
	}
	for _, bad := range []string{"", " \t ", strings.Repeat("屏", hall.MaxNameRunes+1)} {
		if _, err := hall.Rename(db, "x", bad); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
}

// Two screens never share an id, even with the same host name (cloned PCs).
func TestScreensWithOneHostNameHaveTwoIDs(t *testing.T) {
	var ids []string
	for i := 0; i < 2; i++ {
		db, err := store.Open(filepath.Join(t.TempDir(), "catalogue.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		id, err := hall.LoadIdentity(db, "kiosk")
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id.ID)
	}
	if ids[0] == ids[1] {
		t.Fatalf("both screens got id %s", ids[0])
	}
}

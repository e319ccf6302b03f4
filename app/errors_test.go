package app

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"showhall/store/catalog"
	"showhall/store/hall"
)

// A setting that cannot be read is said once in the log and its default
// used; the others still apply.
func TestUnreadableSettingsAreLoggedAndDefaulted(t *testing.T) {
	data, _, err := openCatalogue(t.TempDir(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	data.DB.PutSetting(hall.SettingIdleSeconds, "ninety")
	data.DB.PutSetting(hall.SettingDefaultLang, "tlh")
	data.DB.PutSetting(hall.SettingVolume, 55)
	var logs bytes.Buffer
	s := storedKioskSettings(data, slog.New(slog.NewTextHandler(&logs, nil)))
	if s.idle != 0 || s.lang != "" || s.volume != 55 {
		t.Fatalf("read %+v", s)
	}
	for _, want := range []string{"setting=idle_seconds", "lang=tlh"} {
		if !strings.Contains(logs.String(), want) || strings.Count(logs.String(), want) != 1 {
			t.Errorf("the log does not say %q once:\n%s", want, logs.String())
		}
	}
	data.DB.PutSetting(hall.SettingDefaultLang, "en")
	if s := storedKioskSettings(data, quietLog()); s.lang != catalog.En {
		t.Fatalf("a good language setting read as %q", s.lang)
	}
}

// The health page never shows "0 waiting" when it could not count them.
func TestHealthSaysWhenTheOutboxCannotBeCounted(t *testing.T) {
	data, snap, err := openCatalogue(t.TempDir(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	b := newCuratorBackend(data, snap, slog.New(slog.NewTextHandler(&logs, nil)))
	if h := b.Health(); h.OutboxWaiting != 0 {
		t.Fatalf("a new hall has %d events waiting", h.OutboxWaiting)
	}
	data.Close()
	if h := b.Health(); h.OutboxWaiting != -1 || !strings.Contains(logs.String(), "counting the statistics") {
		t.Fatalf("with the database closed the page shows %d waiting; log:\n%s", h.OutboxWaiting, logs.String())
	}
}

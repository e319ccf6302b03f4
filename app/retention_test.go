package app

import (
	"testing"

	"showhall/store"
	"showhall/store/hall"
)

// The console writes the retention where the store reads it, and both
// start from the same default.
func TestTheConsolesRetentionIsTheOneTheStoreReads(t *testing.T) {
	if hall.SettingRetentionDays != store.SettingEventRetentionDays {
		t.Fatalf("the console saves %q, the store reads %q", hall.SettingRetentionDays, store.SettingEventRetentionDays)
	}
	if d := hall.DefaultSettings().RetentionDays; d != store.DefaultRetentionDays {
		t.Fatalf("the console shows %d days by default, the store keeps %d", d, store.DefaultRetentionDays)
	}
	s := hall.DefaultSettings()
	s.RetentionDays = 5
	if err := s.Validate(); err == nil {
		t.Fatal("5 days' retention was accepted: a season could not be compared in full")
	}
}

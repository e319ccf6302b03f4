package feed

import (
	"time"

	"showhall/store"
)

// Setting names in the store's settings bucket.
const (
	SettingTrustedKeys = "trusted_keys" // []string, each a .pub line
	SettingSyncState   = "sync_state"   // State
)

// TrustedKeys reads the publisher keys this kiosk trusts. Entries that do
// not parse are skipped (and never trusted).
func TrustedKeys(db *store.DB) ([]PublicKey, error) {
	var lines []string
	if _, err := db.GetSetting(SettingTrustedKeys, &lines); err != nil {
		return nil, err
	}
	var keys []PublicKey
	for _, l := range lines {
		if k, err := ParsePublicKey(l); err == nil {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// Trust adds keys to the trusted ones (once each) and returns them all.
func Trust(db *store.DB, add ...PublicKey) ([]PublicKey, error) {
	var lines []string
	if _, err := db.GetSetting(SettingTrustedKeys, &lines); err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, l := range lines {
		have[l] = true
	}
	changed := false
	for _, k := range add {
		if s := k.String(); !have[s] {
			lines = append(lines, s)
			have[s] = true
			changed = true
		}
	}
	if changed {
		if err := db.PutSetting(SettingTrustedKeys, lines); err != nil {
			return nil, err
		}
	}
	return TrustedKeys(db)
}

// State is what the last syncs did, for curators and for the next
// conditional request.
type State struct {
	URL              string    `json:"url,omitempty"`
	LastAttempt      time.Time `json:"last_attempt,omitempty"`
	LastSuccess      time.Time `json:"last_success,omitempty"`
	LastError        string    `json:"last_error,omitempty"`
	LastErrorAt      time.Time `json:"last_error_at,omitempty"`
	CatalogueVersion string    `json:"catalogue_version,omitempty"`
	// Validators of the manifest last committed from URL, sent back as
	// If-None-Match / If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Older is the feed last refused for being older than the catalogue
	// in use: what a curator may go back to on purpose.
	Older *Offer `json:"older,omitempty"`
}

// Offer names a signed catalogue a feed offered.
type Offer struct {
	URL     string    `json:"url"`
	Version string    `json:"version"`
	Signed  time.Time `json:"signed"`
}

// ReadState reads the sync state (zero when never synced).
func ReadState(db *store.DB) (State, error) {
	var s State
	_, err := db.GetSetting(SettingSyncState, &s)
	return s, err
}

func writeState(db *store.DB, s State) error { return db.PutSetting(SettingSyncState, s) }

// NoteOlder keeps an older catalogue offered by a feed folder or bundle
// (a USB stick) as the one a curator may go back to on purpose, as Sync
// does for an older feed on a server; its URL is then the local path.
func NoteOlder(db *store.DB, o Offer) error {
	st, err := ReadState(db)
	if err != nil {
		st = State{}
	}
	st.Older = &o
	return writeState(db, st)
}

// NoteGoneBack forgets the older catalogue offered once a curator has
// gone back to it from a stick (a sync that succeeds does the same).
func NoteGoneBack(db *store.DB) error {
	st, err := ReadState(db)
	if err != nil || st.Older == nil {
		return err
	}
	st.Older = nil
	return writeState(db, st)
}

package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Signed is where a catalogue stands in its publisher's order, taken only
// from what the feed's signature covers: never from file dates or from
// the order in which feeds arrive.
type Signed struct {
	Time       time.Time // the manifest's signed "generated" time
	Version    string    // the catalogue version
	Content    string    // hex sha256 of the signed manifest, as received
	ValidUntil time.Time // zero: the feed never expires (feed format 1)
	Verified   time.Time // when this machine checked the signature
	// Signer is the fingerprint of the trusted key that signed it, for
	// the hall's status (absent for catalogues switched before it was kept).
	Signer string
}

// Known reports whether the catalogue came from a signed feed at all.
func (s Signed) Known() bool { return !s.Time.IsZero() }

// Expired reports whether the signed catalogue is past its validity at
// now: it is still shown, only flagged as stale.
func (s Signed) Expired(now time.Time) bool {
	return !s.ValidUntil.IsZero() && now.After(s.ValidUntil)
}

// Errors of the order check; each message is one sentence for a curator.
var (
	// ErrOlder refuses a catalogue signed before the one in use.
	ErrOlder = errors.New("an older catalogue is refused")
	// ErrConflict refuses a different catalogue signed at the same moment
	// as the one in use: a publisher never does that, a forger might.
	ErrConflict = errors.New("a conflicting catalogue is refused")
	// ErrUnchanged says the offered catalogue is the one in use: nothing
	// to do, and not a failure.
	ErrUnchanged = errors.New("this catalogue is already in use")
)

const signedTimeFormat = "2006-01-02 15:04:05 UTC"

// CheckOrder says whether offer may replace have. The signed time comes
// first; at the same signed time, the same content is nothing to do and
// different content is refused. A catalogue with no signed position
// (the demo, or one stored before positions were kept) gives way to any
// signed one. allowOlder is a curator's explicit decision to go back.
func CheckOrder(have, offer Signed, allowOlder bool) error {
	if !have.Known() {
		return nil
	}
	switch {
	case offer.Time.Equal(have.Time) && offer.Content == have.Content:
		return fmt.Errorf("%w: catalogue %s (signed %s)", ErrUnchanged, offer.Version, offer.Time.UTC().Format(signedTimeFormat))
	case allowOlder:
		return nil
	case offer.Time.Before(have.Time):
		return fmt.Errorf("%w: catalogue %s was signed %s, before catalogue %s in use here (signed %s), so the hall keeps %s (a curator can go back on purpose with --allow-older or from the console)",
			ErrOlder, offer.Version, offer.Time.UTC().Format(signedTimeFormat), have.Version, have.Time.UTC().Format(signedTimeFormat), have.Version)
	case offer.Time.Equal(have.Time):
		return fmt.Errorf("%w: catalogue %s and catalogue %s in use here were both signed %s but differ, so the hall keeps %s (ask the publisher to publish again)",
			ErrConflict, offer.Version, have.Version, offer.Time.UTC().Format(signedTimeFormat), have.Version)
	}
	return nil
}

// Signed reads where the catalogue in use stands.
func (d *DB) Signed() (Signed, error) {
	var s Signed
	err := d.bolt.View(func(tx *bolt.Tx) (err error) {
		s, err = readSigned(tx.Bucket(bucketMeta))
		return err
	})
	return s, err
}

// readSigned reads the position of the catalogue in use; a time that
// does not parse is damage (ErrCorrupt), never taken for "none".
func readSigned(meta *bolt.Bucket) (Signed, error) {
	s := Signed{Version: string(meta.Get(keyCatVersion)), Content: string(meta.Get(keyFeedContent)), Signer: string(meta.Get(keyFeedSigner))}
	var errs []error
	for _, f := range []struct {
		key []byte
		to  *time.Time
	}{{keyFeedSigned, &s.Time}, {keyFeedValidUntil, &s.ValidUntil}, {keyFeedVerified, &s.Verified}} {
		t, err := parseTime(meta, f.key)
		*f.to = t
		errs = append(errs, err)
	}
	return s, errors.Join(errs...)
}

// writeSigned records s in meta; a nil s clears the position (a catalogue
// that came from no signed feed).
func writeSigned(meta *bolt.Bucket, s *Signed) error {
	put := func(k []byte, t time.Time) error {
		if t.IsZero() {
			return meta.Delete(k)
		}
		return meta.Put(k, []byte(t.UTC().Format(time.RFC3339Nano)))
	}
	if s == nil {
		s = &Signed{}
	}
	if err := put(keyFeedSigned, s.Time); err != nil {
		return err
	}
	if err := put(keyFeedValidUntil, s.ValidUntil); err != nil {
		return err
	}
	if err := put(keyFeedVerified, s.Verified); err != nil {
		return err
	}
	if s.Signer == "" {
		if err := meta.Delete(keyFeedSigner); err != nil {
			return err
		}
	} else if err := meta.Put(keyFeedSigner, []byte(s.Signer)); err != nil {
		return err
	}
	if s.Content == "" {
		return meta.Delete(keyFeedContent)
	}
	return meta.Put(keyFeedContent, []byte(s.Content))
}

// Switch describes a catalogue switch made from a signed feed.
type Switch struct {
	Signed     Signed
	AllowOlder bool
	// Settings, when set, runs inside the switching transaction after the
	// order check: what it writes commits with the catalogue or not at
	// all. An error from it leaves the old catalogue in place.
	Settings func(*SettingsTx) error
}

// SettingsTx reads and writes the hall's settings (in hall.db) for a
// catalogue switch.
type SettingsTx struct{ tx *bolt.Tx }

// Get decodes the JSON setting name into v; found is false when it was
// never set.
func (s *SettingsTx) Get(name string, v any) (found bool, err error) {
	raw := s.tx.Bucket(bucketSettings).Get([]byte(name))
	if raw == nil {
		return false, nil
	}
	return true, json.Unmarshal(raw, v)
}

// Put stores v as JSON under name.
func (s *SettingsTx) Put(name string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.tx.Bucket(bucketSettings).Put([]byte(name), raw)
}

// NoteExpired reports whether the catalogue in use has expired at now,
// and whether this is the first time that expiry is noted, so that it is
// logged once and not at every sync.
func (d *DB) NoteExpired(now time.Time) (expired, first bool, err error) {
	err = d.bolt.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		s, err := readSigned(meta)
		if err != nil {
			return err
		}
		if !s.Expired(now) {
			return nil
		}
		expired = true
		mark := []byte(s.ValidUntil.UTC().Format(time.RFC3339Nano))
		if string(meta.Get(keyFeedStaleNoted)) == string(mark) {
			return nil
		}
		first = true
		return meta.Put(keyFeedStaleNoted, mark)
	})
	return expired, first, err
}

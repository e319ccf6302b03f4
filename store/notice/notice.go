// Package notice is the hall's announcements: a short notice to
// visitors in the three languages, with a start, an end and a level,
// that travels signed like the catalogue. A notice file is the notice's
// exact JSON bytes and their ed25519 signature by a publisher key (the
// curator's, store/feed's keys), so that the console, a stick, a bundle
// or the hall's network can carry the same file and every screen checks
// it against its own trusted keys before it shows a word of it.
package notice

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"showhall/store/catalog"
	"showhall/store/feed"
)

// Levels of a notice.
const (
	Info   = "info"   // a banner on every page, the attract screen included
	Urgent = "urgent" // the whole screen, above everything, video paused
)

// MaxRunes bounds each language's text: a notice is read in passing.
const MaxRunes = 140

// MaxLength bounds how long a notice may run: a longer one is a
// catalogue page, not a notice.
const MaxLength = 31 * 24 * time.Hour

// Notice is one announcement.
type Notice struct {
	// ID names the notice across its versions: a newer signed version
	// with the same ID replaces it (a correction, a withdrawal).
	ID    string       `json:"id"`
	Text  catalog.Text `json:"text"`
	Level string       `json:"level"`
	Start time.Time    `json:"start"`
	End   time.Time    `json:"end"`
	// Signed is when the publisher signed this version: "newer" comes
	// from it, never from when or how the file arrived.
	Signed    time.Time `json:"signed"`
	Withdrawn bool      `json:"withdrawn,omitempty"`
}

// Validate says what is wrong, all at once, one sentence each.
func (n Notice) Validate() error {
	var errs []error
	if strings.TrimSpace(n.ID) == "" {
		errs = append(errs, errors.New("the notice has no id"))
	}
	for _, t := range []struct{ name, s string }{{"简体中文", n.Text.Hans}, {"繁體中文", n.Text.Hant}, {"English", n.Text.En}} {
		switch c := utf8.RuneCountInString(strings.TrimSpace(t.s)); {
		case c == 0 && !n.Withdrawn:
			errs = append(errs, fmt.Errorf("the notice has no %s text: every visitor reads it in their language", t.name))
		case c > MaxRunes:
			errs = append(errs, fmt.Errorf("the %s text has %d characters: at most %d, a notice is read in passing", t.name, c, MaxRunes))
		}
	}
	if n.Level != Info && n.Level != Urgent {
		errs = append(errs, fmt.Errorf("level %q: use %s or %s", n.Level, Info, Urgent))
	}
	switch {
	case n.Start.IsZero() || n.End.IsZero():
		errs = append(errs, errors.New("the notice needs a start and an end"))
	case !n.End.After(n.Start):
		errs = append(errs, errors.New("the notice must end after it starts"))
	case n.End.Sub(n.Start) > MaxLength:
		errs = append(errs, errors.New("a notice runs 31 days at most"))
	}
	if n.Signed.IsZero() {
		errs = append(errs, errors.New("the notice has no signing time"))
	}
	return errors.Join(errs...)
}

// ShowsAt reports whether the notice is on the screens at t.
func (n Notice) ShowsAt(t time.Time) bool {
	return !n.Withdrawn && !t.Before(n.Start) && t.Before(n.End)
}

// File is a signed notice as it travels: the notice's exact bytes and
// their signature.
type File struct {
	Format    string `json:"format"`
	Notice    string `json:"notice"`    // the notice's JSON, exactly as signed
	Signature string `json:"signature"` // base64 ed25519 signature of Notice
}

// Format names the notice file format.
const Format = "showhall-notice/1"

// Ext is the file name ending of a notice file.
const Ext = ".notice"

// maxFile bounds how much of a notice file is read.
const maxFile = 16 << 10

// Sign makes the notice file of n, signed with priv.
func Sign(priv ed25519.PrivateKey, n Notice) ([]byte, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	raw, err := json.Marshal(n)
	if err != nil {
		return nil, err
	}
	sig := ed25519.Sign(priv, raw)
	return json.MarshalIndent(File{Format: Format, Notice: string(raw), Signature: base64.StdEncoding.EncodeToString(sig)}, "", "  ")
}

// Errors of Verify, each said as one sentence.
var (
	ErrUnsigned = errors.New("the notice is not signed")
	ErrUnknown  = errors.New("the notice is not signed by a key this screen trusts")
)

// Verify checks a notice file against the trusted keys before anything
// in the notice is read, and returns the notice.
func Verify(file []byte, trusted []feed.PublicKey) (Notice, error) {
	if len(file) > maxFile {
		return Notice{}, fmt.Errorf("the notice file is %d bytes: a notice file is at most %d", len(file), maxFile)
	}
	var f File
	if err := json.Unmarshal(file, &f); err != nil || f.Format != Format {
		return Notice{}, fmt.Errorf("this is not a showhall notice file (%s)", Format)
	}
	if strings.TrimSpace(f.Signature) == "" {
		return Notice{}, ErrUnsigned
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(f.Signature))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return Notice{}, fmt.Errorf("%w: the signature is not an ed25519 signature in base64", ErrUnsigned)
	}
	if feed.SignedBy(trusted, []byte(f.Notice), sig) == nil {
		return Notice{}, fmt.Errorf("%w (%d trusted), or it was changed after signing", ErrUnknown, len(trusted))
	}
	var n Notice
	if err := json.Unmarshal([]byte(f.Notice), &n); err != nil {
		return Notice{}, fmt.Errorf("the signed notice does not read: %v", err)
	}
	if err := n.Validate(); err != nil {
		return Notice{}, fmt.Errorf("the signed notice is refused: %w", err)
	}
	return n, nil
}

// Read gives the notice in a notice file without checking its
// signature: for the curator who withdraws a notice and signs the
// withdrawal anew, never for what a screen shows.
func Read(file []byte) (Notice, error) {
	var f File
	if err := json.Unmarshal(file, &f); err != nil || f.Format != Format {
		return Notice{}, fmt.Errorf("this is not a showhall notice file (%s)", Format)
	}
	var n Notice
	if err := json.Unmarshal([]byte(f.Notice), &n); err != nil {
		return Notice{}, fmt.Errorf("the signed notice does not read: %v", err)
	}
	return n, nil
}

// Board is the notices a screen keeps: the signed files, so that they
// can be checked again and carried on.
type Board struct {
	Files [][]byte `json:"files"`
}

// ErrOlder refuses a notice signed before the version a screen has.
var ErrOlder = errors.New("an older version of this notice is refused")

// ErrUnchanged says the screen has this very version: nothing to do.
var ErrUnchanged = errors.New("this notice is already here")

// Accept verifies file and puts it on the board in place of an older
// version of the same notice. Notices ended before now are let go.
func (b *Board) Accept(file []byte, trusted []feed.PublicKey, now time.Time) (Notice, error) {
	n, err := Verify(file, trusted)
	if err != nil {
		return n, err
	}
	if !n.End.After(now) {
		return n, fmt.Errorf("the notice ended %s: nothing to show", n.End.UTC().Format("2006-01-02 15:04 UTC"))
	}
	var keep [][]byte
	for _, f := range b.Files {
		have, err := Verify(f, trusted)
		switch {
		case err != nil || !have.End.After(now):
			continue // a key no longer trusted, or over: let go
		case have.ID == n.ID && have.Signed.Equal(n.Signed):
			return n, ErrUnchanged
		case have.ID == n.ID && have.Signed.After(n.Signed):
			return n, fmt.Errorf("%w: notice %s here was signed %s, this one %s", ErrOlder, n.ID,
				have.Signed.UTC().Format(time.RFC3339), n.Signed.UTC().Format(time.RFC3339))
		case have.ID == n.ID:
			continue // replaced
		}
		keep = append(keep, f)
	}
	b.Files = append(keep, file)
	return n, nil
}

// Notices are the board's notices that the trusted keys still vouch for,
// newest signed first.
func (b Board) Notices(trusted []feed.PublicKey) []Notice {
	var ns []Notice
	for _, f := range b.Files {
		if n, err := Verify(f, trusted); err == nil {
			ns = append(ns, n)
		}
	}
	slices.SortFunc(ns, func(a, b Notice) int { return b.Signed.Compare(a.Signed) })
	return ns
}

// Showing picks what the screens show at t out of notices (newest
// signed first): the newest urgent notice, if any, and the newest info
// notice.
func Showing(notices []Notice, t time.Time) (info, urgent *Notice) {
	for i := range notices {
		n := &notices[i]
		if !n.ShowsAt(t) {
			continue
		}
		if n.Level == Urgent && urgent == nil {
			urgent = n
		}
		if n.Level == Info && info == nil {
			info = n
		}
	}
	return info, urgent
}

// Next is when what Showing returns may change next after t: the
// nearest start or end still to come (zero: none).
func Next(notices []Notice, t time.Time) time.Time {
	var next time.Time
	for _, n := range notices {
		for _, x := range []time.Time{n.Start, n.End} {
			if x.After(t) && (next.IsZero() || x.Before(next)) {
				next = x
			}
		}
	}
	return next
}

package hours

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"showhall/store/feed"
)

// The opening hours travel signed, like a notice: the hours' exact JSON
// bytes and a curator key's ed25519 signature of them, so that the
// console, a stick, a bundle or the hall's network can carry the same
// file and every screen checks it against its own trusted keys.

// File is signed opening hours as they travel.
type File struct {
	Format    string `json:"format"`
	Hours     string `json:"hours"`     // the hours' JSON, exactly as signed
	Signature string `json:"signature"` // base64 ed25519 signature of Hours
}

// Format names the signed hours file format.
const Format = "showhall-hours/1"

// Ext is the file name ending of a signed hours file.
const Ext = ".hours"

// MaxFile bounds how much of an hours file is read: a year of special
// days is a few KB.
const MaxFile = 64 << 10

// Errors of Verify and Newer.
var (
	ErrUnsigned  = errors.New("the opening hours are not signed")
	ErrUnknown   = errors.New("the opening hours are not signed by a key this screen trusts")
	ErrOlder     = errors.New("older opening hours than those in use are refused")
	ErrUnchanged = errors.New("these opening hours are in use already")
)

// Sign makes the signed file of h, whose Signed time says when.
func Sign(priv ed25519.PrivateKey, h Hours) ([]byte, error) {
	if h.Signed.IsZero() {
		return nil, errors.New("the opening hours have no signing time")
	}
	if err := h.Validate(); err != nil {
		return nil, err
	}
	raw, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	sig := ed25519.Sign(priv, raw)
	return json.MarshalIndent(File{Format: Format, Hours: string(raw), Signature: base64.StdEncoding.EncodeToString(sig)}, "", "  ")
}

// Verify checks a signed hours file against the trusted keys before
// anything in it is read, and returns the hours.
func Verify(file []byte, trusted []feed.PublicKey) (Hours, error) {
	if len(file) > MaxFile {
		return Hours{}, fmt.Errorf("the opening hours file is %d bytes: at most %d", len(file), MaxFile)
	}
	var f File
	if err := json.Unmarshal(file, &f); err != nil || f.Format != Format {
		return Hours{}, fmt.Errorf("this is not a showhall opening hours file (%s)", Format)
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(f.Signature))
	if strings.TrimSpace(f.Signature) == "" || err != nil || len(sig) != ed25519.SignatureSize {
		return Hours{}, ErrUnsigned
	}
	if feed.SignedBy(trusted, []byte(f.Hours), sig) == nil {
		return Hours{}, fmt.Errorf("%w (%d trusted), or they were changed after signing", ErrUnknown, len(trusted))
	}
	var h Hours
	if err := json.Unmarshal([]byte(f.Hours), &h); err != nil {
		return Hours{}, fmt.Errorf("the signed opening hours do not read: %v", err)
	}
	if h.Signed.IsZero() {
		return Hours{}, errors.New("the signed opening hours have no signing time")
	}
	if err := h.Validate(); err != nil {
		return Hours{}, fmt.Errorf("the signed opening hours are refused: %w", err)
	}
	return h, nil
}

// Replaces says whether hours signed at next take the place of those in
// use (signed at have; zero: never signed): never going back, and the
// same version is nothing to do.
func Replaces(have, next time.Time) error {
	switch {
	case next.Equal(have):
		return ErrUnchanged
	case next.Before(have):
		return fmt.Errorf("%w: those in use were signed %s, these %s", ErrOlder,
			have.UTC().Format(time.RFC3339), next.UTC().Format(time.RFC3339))
	}
	return nil
}

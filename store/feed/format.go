// Package feed reads, writes, serves and syncs the hall's one feed format:
// a folder of plain static files (a signed manifest and the media it names)
// that arrives over HTTP, on a USB stick, or packed in a bundle file. Every
// way in goes through the same checks (signature first, then limits, then
// the document, then each file's hash and size) and ends in the store's
// one-transaction switch. See docs/feed.md for the format itself.
package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"showhall/store/catalog"
)

// FormatVersion is the feed format this code writes. It also reads
// format 1 (no valid_until, no key announcements); a feed of any other
// version is refused, never guessed at.
const FormatVersion = 2

// oldestFormat is the oldest feed format still read.
const oldestFormat = 1

// DefaultValidity is how long a written feed stays valid when the
// publisher does not say: a hall syncs far more often than that, so only
// a feed frozen for more than a year goes stale.
const DefaultValidity = 400 * 24 * time.Hour

// Names of the files of a feed, relative to its root.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.json.sig"
	MediaDir      = "media"
)

// Manifest is the content of manifest.json.
type Manifest struct {
	FeedFormat       int       `json:"feed_format"`
	CatalogueVersion string    `json:"catalogue_version"`
	Generated        time.Time `json:"generated"`
	Generator        string    `json:"generator,omitempty"`
	// ValidUntil (format 2, required) is when the feed stops vouching for
	// its catalogue: past it a kiosk still shows the catalogue but flags
	// it as stale.
	ValidUntil *time.Time `json:"valid_until,omitempty"`
	// Keys (format 2, optional) changes the kiosk's trusted keys once the
	// whole feed is verified and switched.
	Keys *KeyChanges `json:"keys,omitempty"`
	// Pieces (format 2, optional) signs the pieces of large media files,
	// by the file's hash, so that the screens of a hall can pass a video
	// on piece by piece and know which screen sent a damaged piece.
	// Readers that do not know it ignore it and take whole files.
	Pieces    map[string]FilePieces `json:"pieces,omitempty"`
	Catalogue catalog.Document      `json:"catalogue"`
}

// FilePieces is one media file cut into pieces of Size bytes (the last
// one shorter), with the sha256 of each in order.
type FilePieces struct {
	Size   int64    `json:"piece_size"`
	SHA256 []string `json:"sha256"`
}

// PieceSize is the piece size written for media larger than it: the
// hall model (hallnet/spread/hallmodel) finds a hall of twenty takes a
// season of large videos fastest in pieces of a few megabytes.
const PieceSize = 8 << 20

// MinPieceSize bounds how many pieces a manifest may list per byte of
// media (a request per piece costs a round trip).
const MinPieceSize = 64 << 10

// KeyChanges announces trusted keys to add and to revoke, signed by a key
// the kiosk already trusts.
type KeyChanges struct {
	Add    []string `json:"add,omitempty"`    // .pub lines
	Revoke []string `json:"revoke,omitempty"` // key ids (as messages show them) or .pub lines
}

// Limits bound what a feed may ask of a kiosk. Zero fields take the
// defaults.
type Limits struct {
	MaxManifest  int64 // bytes of manifest.json
	MaxMediaFile int64 // bytes of one media file
	MaxMediaAll  int64 // bytes of all media together
	MaxMedia     int   // number of media files
}

// DefaultLimits are generous for a hall (hundreds of projects, a few
// hundred hours of video at most) and small enough that a hostile feed
// cannot exhaust a kiosk's memory.
var DefaultLimits = Limits{
	MaxManifest:  64 << 20,
	MaxMediaFile: 8 << 30,
	MaxMediaAll:  1 << 40,
	MaxMedia:     200_000,
}

func (l Limits) withDefaults() Limits {
	if l.MaxManifest <= 0 {
		l.MaxManifest = DefaultLimits.MaxManifest
	}
	if l.MaxMediaFile <= 0 {
		l.MaxMediaFile = DefaultLimits.MaxMediaFile
	}
	if l.MaxMediaAll <= 0 {
		l.MaxMediaAll = DefaultLimits.MaxMediaAll
	}
	if l.MaxMedia <= 0 {
		l.MaxMedia = DefaultLimits.MaxMedia
	}
	return l
}

// allowedType reports whether a media type is one the hall shows: pictures,
// videos and their subtitle files.
func allowedType(t string) bool {
	return strings.HasPrefix(t, "image/") || strings.HasPrefix(t, "video/") ||
		t == "text/vtt" || t == "application/x-subrip"
}

// ErrManifest marks a manifest that cannot be used; the message says why.
var ErrManifest = errors.New("the feed's manifest is unusable")

// ParseManifest decodes manifest bytes whose signature has already been
// checked, and checks the format version, the limits and the catalogue.
func ParseManifest(raw []byte, lim Limits) (*Manifest, error) {
	lim = lim.withDefaults()
	if int64(len(raw)) > lim.MaxManifest {
		return nil, fmt.Errorf("%w: it is %d bytes, more than the limit of %d", ErrManifest, len(raw), lim.MaxManifest)
	}
	// The version is read on its own first, so that a newer feed is
	// refused for its version and not for some field it renamed.
	var head struct {
		FeedFormat *int `json:"feed_format"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("%w: not valid JSON (%v); was it cut short?", ErrManifest, err)
	}
	if head.FeedFormat == nil {
		return nil, fmt.Errorf("%w: it has no feed_format; is this a showhall feed?", ErrManifest)
	}
	if *head.FeedFormat < oldestFormat || *head.FeedFormat > FormatVersion {
		return nil, fmt.Errorf("%w: feed format %d is not supported (this showhall reads formats %d to %d); update showhall or ask the publisher for format %d",
			ErrManifest, *head.FeedFormat, oldestFormat, FormatVersion, FormatVersion)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrManifest, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: extra data after the JSON document", ErrManifest)
	}
	if err := m.check(lim); err != nil {
		return nil, err
	}
	return &m, nil
}

func (m *Manifest) check(lim Limits) error {
	doc := &m.Catalogue
	if err := m.checkFormat(); err != nil {
		return err
	}
	if m.CatalogueVersion == "" {
		return fmt.Errorf("%w: catalogue_version is empty", ErrManifest)
	}
	if m.CatalogueVersion != doc.Version {
		return fmt.Errorf("%w: catalogue_version %q does not match the catalogue's version %q", ErrManifest, m.CatalogueVersion, doc.Version)
	}
	if len(doc.Media) > lim.MaxMedia {
		return fmt.Errorf("%w: %d media files, more than the limit of %d", ErrManifest, len(doc.Media), lim.MaxMedia)
	}
	var total int64
	for _, f := range doc.Media {
		if f.Size > lim.MaxMediaFile {
			return fmt.Errorf("%w: media %.12s is %d bytes, more than the limit of %d per file", ErrManifest, f.Hash, f.Size, lim.MaxMediaFile)
		}
		if !allowedType(f.Type) {
			return fmt.Errorf("%w: media %.12s has type %q; only pictures, videos and subtitles are allowed", ErrManifest, f.Hash, f.Type)
		}
		total += max(f.Size, 0)
		if total > lim.MaxMediaAll {
			return fmt.Errorf("%w: media add up to more than the limit of %d bytes", ErrManifest, lim.MaxMediaAll)
		}
	}
	if err := doc.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrManifest, err)
	}
	return m.checkPieces()
}

// checkPieces checks that every piece list names a media file of the
// catalogue and cuts exactly its size.
func (m *Manifest) checkPieces() error {
	if len(m.Pieces) == 0 {
		return nil
	}
	sizes := map[string]int64{}
	for _, f := range m.Catalogue.Media {
		sizes[f.Hash] = f.Size
	}
	for hash, p := range m.Pieces {
		size, ok := sizes[hash]
		if !ok {
			return fmt.Errorf("%w: pieces are listed for media %.12s, which the catalogue does not have", ErrManifest, hash)
		}
		if p.Size < MinPieceSize {
			return fmt.Errorf("%w: media %.12s is cut in pieces of %d bytes, fewer than the least of %d", ErrManifest, hash, p.Size, MinPieceSize)
		}
		if want := (size + p.Size - 1) / p.Size; int64(len(p.SHA256)) != want {
			return fmt.Errorf("%w: media %.12s of %d bytes has %d piece hashes, pieces of %d bytes make %d", ErrManifest, hash, size, len(p.SHA256), p.Size, want)
		}
		for i, h := range p.SHA256 {
			if !mediaName.MatchString(h) {
				return fmt.Errorf("%w: piece %d of media %.12s has no valid sha256 (%.16q)", ErrManifest, i, hash, h)
			}
		}
	}
	return nil
}

// checkFormat checks what the format version asks for: format 2 names
// its validity, format 1 knows neither validity nor key announcements.
func (m *Manifest) checkFormat() error {
	if m.FeedFormat < 2 {
		if m.ValidUntil != nil || m.Keys != nil || m.Pieces != nil {
			return fmt.Errorf("%w: valid_until, keys and pieces need feed format 2, but the feed says format %d", ErrManifest, m.FeedFormat)
		}
		return nil
	}
	if m.Generated.IsZero() {
		return fmt.Errorf("%w: feed format %d needs the time it was signed (generated)", ErrManifest, m.FeedFormat)
	}
	if m.ValidUntil == nil {
		return fmt.Errorf("%w: feed format %d needs valid_until", ErrManifest, m.FeedFormat)
	}
	if !m.ValidUntil.After(m.Generated) {
		return fmt.Errorf("%w: valid_until %s is not after generated %s", ErrManifest, m.ValidUntil.UTC().Format(time.RFC3339), m.Generated.UTC().Format(time.RFC3339))
	}
	if k := m.Keys; k != nil {
		for _, line := range k.Add {
			if _, err := ParsePublicKey(line); err != nil {
				return fmt.Errorf("%w: keys.add: %v", ErrManifest, err)
			}
		}
		for _, r := range k.Revoke {
			if _, err := parseKeyRef(r); err != nil {
				return fmt.Errorf("%w: keys.revoke: %v", ErrManifest, err)
			}
		}
	}
	return nil
}

// EncodeManifest returns the bytes of manifest.json for doc, valid for
// DefaultValidity. The signature covers exactly these bytes.
func EncodeManifest(doc catalog.Document, generated time.Time, generator string) ([]byte, error) {
	return encodeManifest(doc, generated, generator, DefaultValidity, nil, nil)
}

func encodeManifest(doc catalog.Document, generated time.Time, generator string, validFor time.Duration, keys *KeyChanges, pieces map[string]FilePieces) ([]byte, error) {
	until := generated.Add(validFor).UTC()
	m := Manifest{
		FeedFormat:       FormatVersion,
		CatalogueVersion: doc.Version,
		Generated:        generated.UTC(),
		Generator:        generator,
		ValidUntil:       &until,
		Keys:             keys,
		Pieces:           pieces,
		Catalogue:        doc,
	}
	if err := m.check(DefaultLimits); err != nil {
		return nil, err
	}
	raw, err := json.MarshalIndent(&m, "", " ")
	if err != nil {
		return nil, err
	}
	return append(raw, '\n'), nil
}

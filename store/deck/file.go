package deck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

// FileFormat marks a deck file, so that some other JSON file is refused
// with a message that says so rather than half-read.
const (
	FileFormat  = "showhall-deck"
	FileVersion = 1
	// MaxFileBytes is far above any real deck (300 slides of long notes
	// are about 2 MB) and far below what would hurt a laptop.
	MaxFileBytes = 4 << 20
)

// File is a deck as it travels between laptops.
type File struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	Exported time.Time `json:"exported"`
	// Catalogue is the catalogue version the deck was made on: projects
	// are referred to by id, so the other laptop needs the same projects.
	Catalogue string `json:"catalogue,omitempty"`
	Deck      Deck   `json:"deck"`
}

// Encode writes d as a deck file.
func Encode(w io.Writer, d Deck, catalogue string, now time.Time) error {
	if err := d.Validate(); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(File{Format: FileFormat, Version: FileVersion, Exported: now.UTC(), Catalogue: catalogue, Deck: d})
}

// WriteFile writes d to path through a temporary file, so an
// interrupted export never leaves half a deck under the real name.
func WriteFile(path string, d Deck, catalogue string, now time.Time) error {
	var buf bytes.Buffer
	if err := Encode(&buf, d, catalogue, now); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Decode reads a deck file, refusing anything that is not one: too large,
// not JSON, another format or version, unknown fields, trailing data, or
// a deck that does not validate.
func Decode(r io.Reader) (File, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return File{}, err
	}
	if len(raw) > MaxFileBytes {
		return File{}, fmt.Errorf("the file is larger than %d MB: not a deck file", MaxFileBytes>>20)
	}
	// Unmarshal also refuses trailing data after the document. Peek at
	// the marker first: "not a deck file" helps more than a
	// complaint about the first unknown field of some other document.
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return File{}, fmt.Errorf("the file is not a deck file (not readable JSON: %v)", err)
	}
	if head.Format != FileFormat {
		return File{}, fmt.Errorf("the file is not a deck file (format %q, expected %q)", clip(head.Format), FileFormat)
	}
	if head.Version != FileVersion {
		return File{}, fmt.Errorf("the deck file is version %d; this showhall reads version %d", head.Version, FileVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("the deck file is malformed: %v", err)
	}
	if err := f.Deck.Validate(); err != nil {
		return File{}, err
	}
	return f, nil
}

// ReadFile reads a deck file from path, checking its size before reading.
func ReadFile(path string) (File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.Size() > MaxFileBytes {
		return File{}, fmt.Errorf("%s is larger than %d MB: not a deck file", path, MaxFileBytes>>20)
	}
	return Decode(fh)
}

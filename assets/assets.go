// Package assets embeds the files the hall ships with. This file embeds
// the demo catalogue: a sample catalogue of projects written for this
// project (every organisation in it is marked as a sample) with
// procedurally painted pictures and four short promo clips with subtitles,
// so that a fresh kiosk or a laptop without network shows a full hall.
//
// The API:
//
//   - DemoDocument parses demo/catalogue.json into a catalog.Document.
//   - DemoMedia is the demo's media folder as an fs.FS: each file is named
//     by the sha256 of its content and the extension of its type,
//     "<sha256>.jpg", ".mp4" or ".srt", so a store can import it as it is.
//   - OpenDemoMedia opens one file by hash, whatever its extension; its
//     signature fits the opener that store.Import takes once wrapped as
//     func(m catalog.Media) (io.ReadCloser, error) { return assets.OpenDemoMedia(m.Hash) }.
//
// The demo is generated, not edited by hand: change
// internal/demogen and run `go generate ./assets/...` (or
// `go run ./assets/demo/gen`) from the module root, then commit the
// result. This package imports no Fyne.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"

	"showhall/store/catalog"
)

//go:generate go run ./demo/gen -out demo

//go:embed demo/catalogue.json
var demoCatalogue []byte

//go:embed demo/media
var demoFiles embed.FS

// DemoDocument returns a fresh copy of the demo catalogue.
func DemoDocument() (catalog.Document, error) {
	var doc catalog.Document
	if err := json.Unmarshal(demoCatalogue, &doc); err != nil {
		return catalog.Document{}, fmt.Errorf("demo catalogue: %w", err)
	}
	return doc, nil
}

// DemoMedia returns the demo's media folder, files named <sha256>.<ext>
// (.jpg pictures, .mp4 clips, .srt subtitles).
func DemoMedia() fs.FS {
	sub, err := fs.Sub(demoFiles, "demo/media")
	if err != nil {
		panic(err) // cannot happen: the folder is embedded above
	}
	return sub
}

// OpenDemoMedia opens the demo file with the given sha256, whatever its
// extension: catalog.Media carries no file name, only the hash.
func OpenDemoMedia(hash string) (io.ReadCloser, error) {
	if !catalog.ValidHash(hash) {
		return nil, &fs.PathError{Op: "open", Path: hash, Err: fs.ErrInvalid}
	}
	names, err := fs.Glob(DemoMedia(), hash+".*")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, &fs.PathError{Op: "open", Path: hash, Err: fs.ErrNotExist}
	}
	return DemoMedia().Open(names[0])
}

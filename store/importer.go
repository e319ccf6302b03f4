package store

import (
	"errors"
	"fmt"
	"io"
	"time"

	"showhall/store/catalog"
	"showhall/store/media"
)

// OpenFunc opens the content of a media file named in a document, from
// wherever the document came from (the embedded demo, a folder, a
// download directory).
type OpenFunc func(m catalog.Media) (io.ReadCloser, error)

// Problem is something wrong with one piece of an import that did not stop
// the rest of it.
type Problem struct {
	Media string // hash of the file concerned
	Err   error
}

func (p Problem) String() string { return fmt.Sprintf("media %.12s: %v", p.Media, p.Err) }

// Report says what an import did.
type Report struct {
	Copied   int       // media files added to the store
	Present  int       // media files already there
	Pruned   int       // files no longer used, removed after the switch
	Problems []Problem // pictures refused; their projects show a placeholder
	// Pictures lists the pictures of the new catalogue, for the caller to
	// make thumbnails of in the background (see media.Store.MakeThumbs).
	Pictures []string
}

// Import brings a validated document and its media into the store: every
// file is copied in and verified, pictures are checked from their headers
// (a picture too large to decode safely, or not a picture at all, is
// refused), subtitles are checked to be WebVTT or SubRip text, and only
// then does one transaction switch the catalogue. A refused picture is
// dropped from the document (and reported) so its project still appears,
// with a placeholder; refused subtitles leave their video without them. Thumbnails are left to the
// caller: decoding hundreds of pictures would keep the hall waiting.
func Import(db *DB, ms *media.Store, doc catalog.Document, open OpenFunc, source string, now time.Time) (Report, error) {
	return ImportKeeping(db, ms, doc, open, source, now, nil)
}

// ImportKeeping is Import that also keeps the media in alsoKeep when it
// prunes: the files of the catalogue a kiosk's screens still show until
// the visitor's next return home. They go at a later import.
func ImportKeeping(db *DB, ms *media.Store, doc catalog.Document, open OpenFunc, source string, now time.Time, alsoKeep []string) (Report, error) {
	return ImportWith(db, ms, doc, open, ImportOptions{Source: source, Now: now, Keep: alsoKeep})
}

// ImportOptions say where a catalogue comes from and how to switch to it.
type ImportOptions struct {
	Source string
	Now    time.Time
	// Keep names media to keep although the new catalogue does not use
	// them (see ImportKeeping).
	Keep []string
	// Switch, for a catalogue from a signed feed, is checked against the
	// catalogue in use inside the switching transaction (SwitchCatalogue).
	// When it is the catalogue in use the result is ErrUnchanged and
	// nothing is pruned.
	Switch *Switch
}

// ImportWith is Import with all its options.
func ImportWith(db *DB, ms *media.Store, doc catalog.Document, open OpenFunc, opt ImportOptions) (Report, error) {
	source, now, alsoKeep := opt.Source, opt.Now, opt.Keep
	var rep Report
	if err := doc.Validate(); err != nil {
		return rep, err
	}
	bad := map[string]bool{}
	subtitles := map[string]bool{}
	for _, m := range doc.Media {
		for _, h := range m.Subtitles {
			subtitles[h] = true
		}
	}
	batch := ms.NewBatch()
	for _, m := range doc.Media {
		if ms.Has(m.Hash, m.Size) {
			rep.Present++
		} else {
			if err := copyIn(batch, m, open); err != nil {
				return rep, err
			}
			rep.Copied++
		}
		if m.IsImage() {
			if _, _, _, err := media.CheckImage(ms.Path(m.Hash)); err != nil {
				bad[m.Hash] = true
				rep.Problems = append(rep.Problems, Problem{Media: m.Hash, Err: err})
			} else {
				rep.Pictures = append(rep.Pictures, m.Hash)
			}
		}
		// Subtitles go to the video player, which reads more formats
		// than the two the hall accepts (a playlist, for one).
		if subtitles[m.Hash] {
			if err := media.CheckSubtitle(ms.Path(m.Hash)); err != nil {
				bad[m.Hash] = true
				rep.Problems = append(rep.Problems, Problem{Media: m.Hash, Err: err})
			}
		}
	}
	// Every file must be on disk before a catalogue that names it is.
	if err := batch.Commit(); err != nil {
		return rep, fmt.Errorf("media store: %w", err)
	}
	if len(bad) > 0 {
		doc = withoutMedia(doc, bad)
	}
	if err := db.SwitchCatalogue(doc, source, now, opt.Switch); err != nil {
		return rep, err
	}
	keep := make(map[string]bool, len(doc.Media)+len(alsoKeep))
	for _, m := range doc.Media {
		keep[m.Hash] = true
	}
	for _, h := range alsoKeep {
		keep[h] = true
	}
	n, err := ms.Prune(keep)
	rep.Pruned = n
	if err != nil {
		// The catalogue is switched; a leftover file only costs disk.
		rep.Problems = append(rep.Problems, Problem{Err: fmt.Errorf("removing unused media: %w", err)})
	}
	return rep, nil
}

func copyIn(ms *media.Batch, m catalog.Media, open OpenFunc) error {
	r, err := open(m)
	if err != nil {
		return fmt.Errorf("media %.12s: %w", m.Hash, err)
	}
	defer r.Close()
	if _, err := ms.Put(r, m.Hash, m.Size); err != nil {
		if errors.Is(err, media.ErrMismatch) {
			return fmt.Errorf("media %.12s: %w", m.Hash, err)
		}
		return err
	}
	return nil
}

// withoutMedia returns a copy of doc that no longer refers to the given
// media files.
func withoutMedia(doc catalog.Document, drop map[string]bool) catalog.Document {
	keepList := func(in []string) []string {
		var out []string
		for _, h := range in {
			if !drop[h] {
				out = append(out, h)
			}
		}
		return out
	}
	projects := make([]catalog.Project, len(doc.Projects))
	for i, p := range doc.Projects {
		if drop[p.Cover] {
			p.Cover = ""
		}
		p.Gallery = keepList(p.Gallery)
		p.Videos = keepList(p.Videos)
		projects[i] = p
	}
	doc.Projects = projects
	var ms []catalog.Media
	for _, m := range doc.Media {
		if drop[m.Hash] {
			continue
		}
		if len(m.Subtitles) > 0 {
			subs := make(map[catalog.Lang]string, len(m.Subtitles))
			for l, h := range m.Subtitles {
				if !drop[h] {
					subs[l] = h
				}
			}
			m.Subtitles = subs
		}
		ms = append(ms, m)
	}
	doc.Media = ms
	return doc
}

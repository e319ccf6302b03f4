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
	Checked  int       // media files checked now (the catalogue in use had the others)
	Pruned   int       // files no longer used, removed after the switch
	Problems []Problem // pictures refused; their projects show a placeholder
	// Pictures lists the pictures of the new catalogue, for the caller to
	// make thumbnails of in the background (see media.Store.MakeThumbs).
	Pictures []string
}

// Import brings a validated document and its media into the store: every
// file is copied in and verified, pictures are checked from their headers
// (a picture too large to decode safely, or not a picture at all, is
// refused) and then decoded whole, one at a time; videos are checked
// (media.Store.CheckVideo: a container with a video track and a
// duration, and the first frame decoded when the store has a probe);
// subtitles are checked to be WebVTT or SubRip text, and only then does
// one transaction switch the catalogue. A refused picture is dropped from
// the document (and reported) so its project still appears, with a
// placeholder; a refused video is dropped, so no playlist holds it;
// refused subtitles leave their video without them. What was refused is
// noted for the curator's health page (DB.MediaFailures). Thumbnails are
// left to the caller.
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
	// MaxVideoBytes refuses larger videos (0: no limit but the feed's).
	MaxVideoBytes int64
	// BuiltIn is for media built into the binary and tested with it (the
	// demo): pictures are checked from their headers and videos from
	// their container only, without decoding.
	BuiltIn bool
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
	checkImage := media.VerifyImage
	checkVideo := func(hash string) error { return ms.CheckVideo(hash, opt.MaxVideoBytes) }
	if opt.BuiltIn {
		checkImage = media.CheckImage
		checkVideo = func(hash string) error {
			_, err := media.CheckVideo(ms.Path(hash), opt.MaxVideoBytes, nil)
			return err
		}
	}
	inUse := mediaInUse(db)
	batch := ms.NewBatch()
	for _, m := range doc.Media {
		if ms.Has(m.Hash, m.Size) {
			rep.Present++
			if inUse[m.Hash] {
				// Checked as it came in with the catalogue in use (a file
				// refused then is not in it); its name is its content's
				// hash. A stick or a peer bringing a season again does
				// not decode every picture and probe every video anew.
				if m.IsImage() {
					rep.Pictures = append(rep.Pictures, m.Hash)
				}
				continue
			}
		} else {
			if err := copyIn(batch, m, open); err != nil {
				return rep, err
			}
			rep.Copied++
		}
		rep.Checked++
		if m.IsImage() {
			if _, _, _, err := checkImage(ms.Path(m.Hash)); err != nil {
				bad[m.Hash] = true
				rep.Problems = append(rep.Problems, Problem{Media: m.Hash, Err: err})
			} else {
				rep.Pictures = append(rep.Pictures, m.Hash)
			}
		}
		// A video that cannot play is dropped like a refused picture:
		// its project stays, and no playlist ever holds it.
		if m.IsVideo() {
			if err := checkVideo(m.Hash); err != nil {
				bad[m.Hash] = true
				rep.Problems = append(rep.Problems, Problem{Media: m.Hash, Err: err})
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
	failures := mediaFailures(doc, rep.Problems, now)
	if len(bad) > 0 {
		doc = withoutMedia(doc, bad)
	}
	if err := db.SwitchCatalogue(doc, source, now, opt.Switch); err != nil {
		return rep, err
	}
	// The health page lists what this catalogue lost; a failure to note
	// it loses nothing else.
	if err := db.PutSetting(SettingMediaFailures, failures); err != nil {
		rep.Problems = append(rep.Problems, Problem{Err: fmt.Errorf("noting refused media: %w", err)})
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

// mediaInUse is the set of media the catalogue in use names: each passed
// the checks as it came in. Empty when there is none yet, or it cannot be
// read (everything is then checked).
func mediaInUse(db *DB) map[string]bool {
	doc, err := db.Document()
	if err != nil {
		return nil
	}
	in := make(map[string]bool, len(doc.Media))
	for _, m := range doc.Media {
		in[m.Hash] = true
	}
	return in
}

// MediaFailure is a media file refused when its catalogue came in, as
// the curator's health page lists it.
type MediaFailure struct {
	Hash    string    `json:"sha256"`
	Type    string    `json:"type"`
	Project string    `json:"project,omitempty"` // the first project that used it
	Reason  string    `json:"reason"`
	When    time.Time `json:"when"`
}

// mediaFailures lists the media problems of an import with the project
// each belonged to.
func mediaFailures(doc catalog.Document, problems []Problem, now time.Time) []MediaFailure {
	owner := map[string]string{}
	for _, p := range doc.Projects {
		for _, h := range append(append([]string{p.Cover}, p.Gallery...), p.Videos...) {
			if _, ok := owner[h]; !ok {
				owner[h] = p.ID
			}
		}
	}
	types := map[string]string{}
	for _, m := range doc.Media {
		types[m.Hash] = m.Type
	}
	out := []MediaFailure{}
	for _, p := range problems {
		if p.Media == "" {
			continue
		}
		out = append(out, MediaFailure{Hash: p.Media, Type: types[p.Media], Project: owner[p.Media], Reason: p.Err.Error(), When: now.UTC()})
	}
	return out
}

// MediaFailures lists the media refused when the catalogue in use came
// in (see ImportWith).
func (d *DB) MediaFailures() ([]MediaFailure, error) {
	var out []MediaFailure
	_, err := d.GetSetting(SettingMediaFailures, &out)
	return out, err
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
	rotations := make([]catalog.Rotation, len(doc.Rotations))
	for i, r := range doc.Rotations {
		r.Attract = keepList(r.Attract)
		rotations[i] = r
	}
	doc.Rotations = rotations
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

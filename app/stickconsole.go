package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/stick"
)

// The console's "USB stick" page (screens/curator.StickPage): what the
// sticks plugged in offer, applying one on a curator's say, exporting
// the catalogue to one. The same import and the same result files as the
// kiosk's own watch (app/stick.go).

// removableRoots are where the console looks: the kiosk's folders, or
// the defaults on a laptop.
func (b *curatorBackend) removableRoots() []string {
	if b.k != nil && len(b.k.removable) > 0 {
		return b.k.removable
	}
	return defaultRemovable
}

// Sticks lists the bundles on the sticks, each inspected (signature
// first) and compared with the catalogue in use.
func (b *curatorBackend) Sticks() ([]hall.StickBundle, []string) {
	roots := b.removableRoots()
	found, _ := stick.Scan(roots, stick.DefaultLimits)
	folders := stick.Folders(roots)
	cur, err := b.data.DB.Snapshot()
	if err != nil {
		cur = b.Snapshot()
	}
	var out []hall.StickBundle
	for _, f := range found {
		if f.Document() {
			continue // taken by the screen itself, nothing to choose
		}
		if !slices.Contains(folders, f.Stick) && f.Stick != "" && !slices.Contains(roots, f.Stick) {
			folders = append(folders, f.Stick)
		}
		sb := hall.StickBundle{Path: f.Path}
		p, err := feed.Inspect(f.Path, b.data.DB, b.data.Media)
		if err != nil {
			sb.Standing, sb.Reason = hall.StandingRefused, err.Error()
			out = append(out, sb)
			continue
		}
		sb.Version, sb.Signed, sb.Signer = p.Catalogue.Version, p.Signed.Time, p.SignedBy
		sb.MediaFiles, sb.MediaBytes = p.MediaFiles, p.MediaBytes
		switch {
		case p.Order == nil:
			sb.Standing = hall.StandingNewer
		case errors.Is(p.Order, store.ErrUnchanged):
			sb.Standing = hall.StandingInUse
		case errors.Is(p.Order, store.ErrOlder):
			sb.Standing = hall.StandingOlder
		default:
			sb.Standing, sb.Reason = hall.StandingRefused, p.Order.Error()
		}
		ch := stick.Diff(cur, catalog.NewSnapshot(p.Catalogue))
		sb.Added, sb.Removed, sb.Changed, sb.Seasons = ch.Added, ch.Removed, ch.Changed, ch.Seasons
		out = append(out, sb)
	}
	return out, folders
}

// ApplyStick applies a bundle the curator chose, older ones included
// when confirmed, and writes the result to the stick like the kiosk's
// own watch.
func (b *curatorBackend) ApplyStick(path string, older bool, progress func(float64)) error {
	before := b.Snapshot()
	opt := feed.ImportOptions{Path: path, DB: b.data.DB, Media: b.data.Media, AllowOlder: older,
		Progress: func(p feed.Progress) {
			if p.Phase == feed.PhaseMedia && p.BytesTotal > 0 {
				progress(float64(p.Bytes) / float64(p.BytesTotal))
			} else if p.Phase == feed.PhaseCommit {
				progress(1)
			}
		}}
	if b.k != nil {
		opt.KeepMedia = b.k.mediaOnScreen
	}
	res, err := feed.Import(context.Background(), opt)
	o := stick.Outcome{Screen: hostname(), When: b.now(), Bundle: path, Signer: res.SignedBy,
		Version: res.Offered.Version, Signed: res.Offered.Time, MediaCopied: res.Report.Copied, MediaBytes: res.FetchBytes}
	c := takeCarried(b.data, res, b.now())
	o.Documents, o.Carried = c.outcomes, c.refused
	if b.k != nil && c.notices != nil {
		fyne.Do(func() { b.k.setNotices(c.notices) })
	}
	if b.k != nil && c.hours != nil {
		h := *c.hours
		fyne.Do(func() { b.k.setHours(h) })
	}
	switch {
	case err != nil:
		o.Verdict, o.Reason = stick.Refused, refusal(err)
	case res.Changed:
		o.Verdict = stick.Applied
	default:
		o.Verdict = stick.UpToDate
	}
	if err == nil && res.Changed {
		progress(1)
		if older {
			b.log.Warn("a curator took the hall back to an older catalogue from a USB stick", "version", res.Version, "bundle", path)
			if nerr := feed.NoteGoneBack(b.data.DB); nerr != nil {
				b.log.Error("forgetting the older catalogue offered", "error", nerr)
			}
		} else {
			b.log.Info("a curator applied a catalogue from a USB stick", "version", res.Version, "bundle", path)
		}
		if rerr := b.reload(); rerr != nil {
			err = rerr
		}
		o.Changes = stick.Diff(before, b.Snapshot())
	}
	stickDir := filepath.Dir(path)
	if filepath.Base(stickDir) == stick.FolderName {
		stickDir = filepath.Dir(stickDir)
	}
	recordStick(b.data, o, stickDir, b.log)
	return err
}

// ExportToStick writes the catalogue as a signed bundle into the stick's
// showhall/ folder, where every screen looks, after checking the stick
// has room for it.
func (b *curatorBackend) ExportToStick(folder, rotation string) (string, error) {
	doc, err := b.data.DB.Document()
	if err != nil {
		return "", err
	}
	name := "catalogue-" + doc.Version
	if rotation != "" {
		if doc, err = feed.ForRotation(doc, rotation); err != nil {
			return "", err
		}
		name = "season-" + safeName(rotation) + "-" + doc.Version
	}
	var need int64 = 1 << 20 // the manifest and the zip's own records
	for _, m := range doc.Media {
		need += m.Size
	}
	if free := diskFree(folder); free > 0 && int64(free) < need {
		return "", fmt.Errorf("the stick %s has %.1f MB free and the catalogue needs about %.1f MB: use a larger stick or free some space on it", folder, float64(free)/1e6, float64(need)/1e6)
	}
	path := filepath.Join(folder, stick.FolderName, fmt.Sprintf("%s-%s.zip", name, b.now().In(b.zone).Format("20060102-150405")))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("the stick %s cannot be written: %w", folder, err)
	}
	start := time.Now()
	if err := b.exportTo(path, doc); err != nil {
		return "", fmt.Errorf("writing the catalogue to the stick: %w", err)
	}
	b.log.Info("a curator exported the catalogue to a USB stick", "bundle", path, "took", time.Since(start).Round(time.Millisecond))
	return path, nil
}

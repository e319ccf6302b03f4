package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"showhall/screens"
	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
	"showhall/store/stick"
)

// defaultRemovable are where Debian mounts USB sticks: udisks2 under
// /media/USER or /run/media/USER, systemd-mount and usbmount under /media.
var defaultRemovable = []string{"/media", "/run/media"}

// stickPoll is how often the kiosk looks at the removable-media folders.
// It polls rather than waiting on inotify: a stick is a new mount, and
// inotify on /media sees the mount point appear but nothing of what is
// mounted on it (nor mounts two levels down, /media/USER/LABEL); fanotify
// needs privileges the kiosk's user does not have. A look reads a few
// folders (stick.Limits bound it), nothing on a stick that holds no
// bundle, so every two seconds costs nothing a visitor could notice.
const stickPoll = 2 * time.Second

// bannerFor is how long the banner stays after a stick was dealt with.
const bannerFor = 12 * time.Second

// stickWatch is the kiosk's watch over the removable-media folders.
type stickWatch struct {
	k      *kiosk
	data   *Data
	roots  []string
	log    *slog.Logger
	screen string
	limits stick.Limits
	// seen holds each bundle's stamp at the last look, and done the stamp
	// it was last dealt with at: a bundle is taken once its stamp held
	// still for one look, and again only when it changes or comes back
	// on another insertion.
	seen, done map[string]string
	notes      map[string]bool // limits already logged
	banner     *screens.StickBanner
	hideAt     time.Time
}

func (k *kiosk) newStickWatch(data *Data, roots []string) *stickWatch {
	return &stickWatch{k: k, data: data, roots: roots, log: k.log.With("removable", strings.Join(roots, ",")),
		screen: hostname(), limits: stick.DefaultLimits,
		seen: map[string]string{}, done: map[string]string{}, notes: map[string]bool{}, banner: screens.NewStickBanner()}
}

// run looks at the folders until ctx ends.
func (w *stickWatch) run(ctx context.Context) {
	w.log.Info("watching for catalogue bundles on USB sticks", "every", stickPoll)
	t := time.NewTicker(stickPoll)
	defer t.Stop()
	for {
		w.look(ctx)
		if !w.hideAt.IsZero() && time.Now().After(w.hideAt) {
			w.hideAt = time.Time{}
			fyne.Do(func() { w.k.showBanner(nil) })
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// look deals with every bundle whose stamp held still since the last
// look and that was not dealt with at that stamp.
func (w *stickWatch) look(ctx context.Context) {
	found, notes := stick.Scan(w.roots, w.limits)
	for _, n := range notes {
		if !w.notes[n] {
			w.notes[n] = true
			w.log.Warn("USB stick: " + n)
		}
	}
	now := map[string]string{}
	for _, b := range found {
		now[b.Path] = b.Stamp
	}
	for p := range w.done {
		if _, ok := now[p]; !ok {
			delete(w.done, p) // pulled out: the next insertion is a new attempt
		}
	}
	for _, b := range found {
		if ctx.Err() != nil {
			return
		}
		steady := w.seen[b.Path] == b.Stamp
		switch {
		case !steady || w.done[b.Path] == b.Stamp:
		case b.Document():
			w.takeDocument(b)
		default:
			w.take(ctx, b)
		}
	}
	w.seen = now
}

// maxNoticeFile bounds what is read of a notice file: a notice is a few
// sentences in three languages and a signature.
const maxNoticeFile = 256 << 10

// takeDocument puts a signed notice or opening hours from a stick on
// this screen, with the same checks as those written in the console: a
// trusted key's signature over the exact bytes, newer than the version
// held. Unsigned, unknown key, changed, older: refused in one sentence,
// in the log and in a result file on the stick, as for a bundle.
func (w *stickWatch) takeDocument(b stick.Bundle) {
	w.done[b.Path] = b.Stamp
	o := stick.Outcome{Screen: w.screen, When: time.Now(), Bundle: b.Path, Document: "opening hours"}
	file, err := readAtMost(b.Path, maxNoticeFile)
	switch {
	case err != nil:
	case b.Notice:
		var n notice.Notice
		var list []notice.Notice
		n, list, err = acceptNotice(w.data, file, time.Now())
		o.Document, o.Signed = "notice "+n.ID, n.Signed
		if n.ID == "" {
			o.Document = "notice"
		}
		if err == nil {
			w.log.Info("USB stick: notice taken", "file", b.Path, "notice", n.ID, "level", n.Level, "start", n.Start, "end", n.End, "withdrawn", n.Withdrawn)
			fyne.Do(func() { w.k.setNotices(list) })
		}
	default:
		var h hours.Hours
		h, err = acceptHours(w.data, file)
		o.Signed = h.Signed
		if err == nil {
			w.log.Info("USB stick: opening hours taken", "file", b.Path, "signed", h.Signed, "follow", h.Follow)
			fyne.Do(func() { w.k.setHours(h) })
		}
	}
	switch {
	case err == nil:
		o.Verdict = stick.Applied
	case errors.Is(err, notice.ErrUnchanged), errors.Is(err, hours.ErrUnchanged):
		o.Verdict = stick.UpToDate
	default:
		o.Verdict, o.Reason = stick.Refused, err.Error()
		w.log.Warn("USB stick: "+o.Document+" refused", "file", b.Path, "error", err)
	}
	recordStick(w.data, o, b.Stick, w.log)
}

// takeCarried takes the notices and opening hours a bundle carried inside
// it, whatever became of its catalogue, and notes each in the outcome.
func (w *stickWatch) takeCarried(res feed.Result, o *stick.Outcome) {
	c := takeCarried(w.data, res, time.Now())
	o.Documents, o.Carried = c.outcomes, c.refused
	if c.refused != "" {
		w.log.Warn("USB stick: the notices and opening hours in the bundle are refused", "bundle", o.Bundle, "why", c.refused)
	}
	for _, d := range c.outcomes {
		switch d.Verdict {
		case stick.Applied:
			w.log.Info("USB stick: "+d.What+" taken from the bundle", "bundle", o.Bundle, "file", d.File)
		case stick.Refused:
			w.log.Warn("USB stick: a document in the bundle refused", "bundle", o.Bundle, "file", d.File, "why", d.Reason)
		}
	}
	if c.notices != nil {
		fyne.Do(func() { w.k.setNotices(c.notices) })
	}
	if c.hours != nil {
		h := *c.hours
		fyne.Do(func() { w.k.setHours(h) })
	}
}

// readAtMost reads a file of at most max bytes, refusing a longer one.
func readAtMost(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s is larger than a notice can be (%d KB)", filepath.Base(path), max>>10)
	}
	return b, nil
}

// take applies a bundle through the import (the same checks and switch as
// a sync), writes the result to the stick and notes it for the health page.
func (w *stickWatch) take(ctx context.Context, b stick.Bundle) {
	w.log.Info("catalogue bundle found on a USB stick", "bundle", b.Path)
	before := w.k.snap.Load()
	shown := false
	progress := func(p feed.Progress) {
		if p.Phase == feed.PhaseManifest {
			return // not yet known to be newer: nothing to show a visitor
		}
		frac := -1.0 // nothing to copy: checking only, no bar
		if p.BytesTotal > 0 {
			frac = float64(p.Bytes) / float64(p.BytesTotal)
		}
		if p.Phase == feed.PhaseCommit {
			frac = 1
		}
		shown = true
		fyne.Do(func() {
			w.banner.Loading(w.k.visitorLang(), frac)
			w.k.showBanner(w.banner)
		})
	}
	start := time.Now()
	res, err := feed.Import(ctx, feed.ImportOptions{Path: b.Path, DB: w.data.DB, Media: w.data.Media,
		Progress: progress, KeepMedia: w.k.mediaOnScreen})
	if ctx.Err() != nil {
		return
	}
	if err != nil && !present(b.Path) {
		// Pulled out mid-copy: the switch never happened, and the media
		// verified so far stay in the store for the next insertion.
		w.log.Warn("the USB stick was removed before its catalogue was copied; nothing changed, the files copied so far are kept for the next time", "bundle", b.Path, "error", err)
		if shown {
			// Gone with the stick, not at the next look two seconds on.
			w.hideAt = time.Time{}
			fyne.Do(func() { w.k.showBanner(nil) })
		}
		return
	}
	w.done[b.Path] = b.Stamp
	o := stick.Outcome{Screen: w.screen, When: time.Now(), Bundle: b.Path, Signer: res.SignedBy,
		Version: res.Offered.Version, Signed: res.Offered.Time, MediaCopied: res.Report.Copied, MediaBytes: res.FetchBytes}
	w.takeCarried(res, &o)
	switch {
	case err == nil && res.Changed:
		o.Verdict = stick.Applied
		snap, serr := w.data.DB.Snapshot()
		if serr != nil {
			w.log.Error("reading the catalogue the stick brought", "error", serr)
			break
		}
		o.Changes = stick.Diff(before, snap)
		w.k.SetSnapshot(snap)
		go warmThumbnails(w.data.Media, snap, time.Now(), w.log)
		w.log.Info("new catalogue from a USB stick; on screen now on the attract screen, for a visitor at their next return home",
			"version", res.Version, "added", o.Changes.Added, "removed", o.Changes.Removed, "changed", o.Changes.Changed,
			"media_copied", o.MediaCopied, "took", time.Since(start).Round(time.Millisecond))
	case err == nil:
		o.Verdict = stick.UpToDate
		w.log.Info("the catalogue on the USB stick is the one in use; nothing to do", "bundle", b.Path, "version", res.Offered.Version)
	default:
		o.Verdict, o.Reason = stick.Refused, refusal(err)
		if errors.Is(err, store.ErrOlder) {
			if nerr := feed.NoteOlder(w.data.DB, feed.Offer{URL: b.Path, Version: res.Offered.Version, Signed: res.Offered.Time}); nerr != nil {
				w.log.Error("noting the older catalogue for the console", "error", nerr)
			}
		}
		w.log.Warn("catalogue bundle on a USB stick refused", "bundle", b.Path, "why", o.Reason)
	}
	recordStick(w.data, o, b.Stick, w.log)
	if o.Verdict == stick.UpToDate && !shown {
		return // said once in the log and on the stick; nothing for visitors
	}
	w.hideAt = time.Now().Add(bannerFor)
	refused := o.Verdict == stick.Refused
	fyne.Do(func() {
		w.banner.Done(w.k.visitorLang(), refused)
		w.k.showBanner(w.banner)
		if o.Verdict == stick.Applied && w.k.onAttr {
			w.k.refreshAttract() // the new season at once; a visitor's page waits for home
		}
	})
}

// recordStick notes what a screen did with a bundle for the health page
// and writes it to the stick; a stick that cannot take it is logged.
func recordStick(data *Data, o stick.Outcome, stickDir string, log *slog.Logger) {
	zone := hallZone()
	if err := data.DB.PutSetting(hall.SettingLastStick, o.Summary(zone)); err != nil {
		log.Error("noting the stick's result for the health page", "error", err)
	}
	if path, err := stick.Write(o, stickDir, zone); err != nil {
		log.Warn("the result could not be written to the USB stick (read-only or full?); it is in this log and on the health page", "error", err)
	} else {
		log.Info("result written to the USB stick", "file", path)
	}
}

// refusal is the one sentence a curator reads for a refused bundle.
func refusal(err error) string {
	switch {
	case errors.Is(err, store.ErrOlder):
		return fmt.Sprintf("%v; the hall does not go back by itself: a curator can go back to it from the console (health page, or USB stick page with the stick in)", err)
	}
	return err.Error()
}

func present(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// showBanner puts the stick's banner over the page, or takes it away
// (nil). Like the countdown, it is added and removed rather than hidden.
func (k *kiosk) showBanner(b *screens.StickBanner) {
	before := k.bannerShown()
	if b == nil {
		k.banner.Objects = nil
	} else if len(k.banner.Objects) == 0 {
		k.banner.Objects = []fyne.CanvasObject{b.InCorner()}
	}
	k.banner.Refresh()
	k.attractUnderBanners(before)
}

// visitorLang is the language of whoever stands at the screen: the
// visitor's on their pages, the hall's own on the attract screen.
func (k *kiosk) visitorLang() catalog.Lang {
	if k.onAttr || k.ui == nil {
		return k.defaultLang
	}
	return k.ui.Lang
}

// bannerShown reports whether words lie over the pages that a player
// drawing into the window would hide: a notice's banner, a stick's, the
// screen's name shown by the hall's "identify".
func (k *kiosk) bannerShown() bool {
	return k.notices.banner.Text() != "" || len(k.banner.Objects) > 0 || k.hall.named
}

// attractUnderBanners changes the attract loop's way when a banner came
// or went: a player drawing into the window covers all of it, banners
// included, so under a banner the window draws the loop's frames.
func (k *kiosk) attractUnderBanners(before bool) {
	if k.onAttr && before != k.bannerShown() && !k.urgentShown() {
		k.showAttract()
	}
}

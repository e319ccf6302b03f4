package app

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"showhall/hallnet"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/stats"
)

// SettingFeedURL is where the kiosk's catalogue comes from: set by
// `showhall sync URL` (the last feed synced by hand) or `kiosk --feed URL`.
const SettingFeedURL = "feed_url"

// defaultSyncEvery is how often a kiosk asks the portal when no curator
// has said otherwise: a conditional request costs one round trip.
const defaultSyncEvery = 15 * time.Minute

// backgroundSync keeps the kiosk's catalogue up to date from its feed: at
// start, then at every interval. A visitor notices nothing: the new
// catalogue is handed to the kiosk, which shows it at the next return
// home. A failure is logged and recorded for curators (feed.ReadState)
// and the kiosk keeps what it has.
func (k *kiosk) backgroundSync(ctx context.Context, data *Data, url string, every time.Duration) {
	log := k.log.With("feed", url)
	k.intervals.setSync(every)
	for {
		start := time.Now()
		k.hall.syncMu.Lock()
		res, err := feed.Sync(ctx, feed.SyncOptions{URL: url, DB: data.DB, Media: data.Media, UserAgent: "showhall/" + Version,
			KeepSigned: data.signedDir(),
			// A visitor may still be on a page of the old catalogue: its
			// pictures and videos stay until a later sync.
			KeepMedia: k.mediaOnScreen})
		k.hall.syncMu.Unlock()
		if res.PassOnError != nil {
			log.Warn("the new catalogue cannot be passed on to the hall's other screens", "error", res.PassOnError)
		}
		if res.StaleNews {
			// Once per expiry: a server answering 304 for a year must not
			// leave the log saying all is well.
			log.Warn("the catalogue has expired: its feed's signed valid_until has passed and no newer feed has vouched for it; visitors still see it",
				"valid_until", res.StaleSince)
		}
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			log.Warn("catalogue sync failed; keeping the catalogue the hall has", "error", err)
		case res.Changed:
			snap, err := data.DB.Snapshot()
			if err != nil {
				log.Error("reading the new catalogue", "error", err)
				break
			}
			log.Info("new catalogue synced; shown from the next return home", "version", res.Version, "files", res.Fetched, "took", time.Since(start).Round(time.Millisecond))
			k.SetSnapshot(snap)
			go warmThumbnails(data.Media, snap, time.Now(), log)
		default:
			log.Debug("catalogue unchanged", "version", res.Version)
		}
		if !k.intervals.waitSync(ctx, start) {
			return
		}
	}
}

// intervals are how often the kiosk syncs and uploads, changed by a
// curator's save in the console (applySettings) and taken into use at
// once: a wait under way is measured again against the new interval.
type intervals struct {
	sync    atomic.Int64  // nanoseconds between syncs
	changed chan struct{} // a curator saved new intervals; one waiter wakes (made by newKiosk)
	now     chan struct{} // a curator asked for a sync now (a hall command); made by newKiosk
	// restartUpload starts the statistics upload anew with the new
	// interval (set by startStatistics), or is nil.
	restartUpload func(time.Duration)
}

func (iv *intervals) setSync(d time.Duration) {
	if d > 0 {
		iv.sync.Store(int64(d))
	}
}

// set takes a curator's new interval into use for sync and upload.
func (iv *intervals) set(d time.Duration) {
	if d <= 0 {
		return
	}
	iv.setSync(d)
	select {
	case iv.changed <- struct{}{}:
	default:
	}
	if iv.restartUpload != nil {
		iv.restartUpload(d)
	}
}

// waitSync waits until the sync interval has passed since last, the
// interval as it is now; false when ctx ends first.
func (iv *intervals) waitSync(ctx context.Context, last time.Time) bool {
	for {
		t := time.NewTimer(time.Until(last.Add(time.Duration(iv.sync.Load()))))
		select {
		case <-ctx.Done():
			t.Stop()
			return false
		case <-t.C:
			return true
		case <-iv.changed:
			t.Stop() // measure again with the new interval
		case <-iv.now:
			t.Stop()
			return true
		}
	}
}

// syncNow wakes the background sync at once; false when a sync asked
// for is already waiting to start.
func (iv *intervals) syncNow() bool {
	select {
	case iv.now <- struct{}{}:
		return true
	default:
		return false
	}
}

// mediaOnScreen lists the media of the catalogue the screens show.
func (k *kiosk) mediaOnScreen() []string {
	if s := k.onScreen.Load(); s != nil {
		return s.MediaHashes()
	}
	return nil
}

// syncPlan reads where and how often to sync; an empty url means the
// kiosk has no feed and works on what it has. A setting that cannot be
// read is logged and the default used.
func syncPlan(data *Data, flagURL string, log *slog.Logger) (string, time.Duration) {
	url := flagURL
	if url == "" {
		if _, err := data.DB.GetSetting(SettingFeedURL, &url); err != nil {
			log.Error("reading the feed address; the kiosk will not sync until it is set again", "error", err)
		}
	}
	every := defaultSyncEvery
	var minutes int
	found, err := data.DB.GetSetting(hall.SettingSyncMinutes, &minutes)
	if err != nil {
		log.Error("reading the sync interval; using the default", "error", err, "default", every)
	}
	if found && minutes > 0 {
		every = time.Duration(minutes) * time.Minute
	}
	return url, every
}

// How often a screen looks at its own health for the portal, and how
// often it reports it even when nothing changed (so that the portal
// tells a quiet screen from a dead one).
const (
	healthEvery   = time.Minute
	healthAtLeast = time.Hour
)

// healthToPortal puts the screen's health (the essentials of its hall
// status) into the statistics outbox while a portal address is set: at
// start, whenever it changes, and at least every atLeast. The outbox
// uploads it with the visitor statistics: kept while the network is
// down, each report with its own id so that one sent twice counts once.
// Without a portal nothing is recorded: the hall list shows the health.
func (s *kioskScreen) healthToPortal(ctx context.Context, every, atLeast time.Duration) {
	var last stats.Health
	var lastAt time.Time
	for {
		if set, err := hall.LoadSettings(s.data.DB); err == nil && set.PortalURL != "" {
			now := time.Now()
			h := healthOf(s.Status(), now)
			if lastAt.IsZero() || !h.Same(last) || now.Sub(lastAt) >= atLeast {
				if err := s.data.DB.RecordEvents(stats.NewHealth(h, now)); err != nil {
					s.log.Error("this screen's health could not be put in the statistics outbox", "error", err)
				} else {
					last, lastAt = h, now
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// healthOf is what of a status goes to the portal, with the state the
// hall list would give the screen on its own.
func healthOf(st hallnet.Status, now time.Time) stats.Health {
	st.At(now)
	e := []hallnet.Entry{{Status: &st}}
	hallnet.Judge(e)
	h := stats.Health{Screen: st.Name, ScreenID: st.ID, Version: st.Version, State: e[0].State, Reason: e[0].Reason,
		CatalogueVersion: st.Catalogue.Version, CatalogueSigned: st.Catalogue.Signed, CatalogueStale: st.Catalogue.Stale,
		Showing: st.Screen, Display: st.Display, UptimeSeconds: st.UptimeSeconds, DiskFree: st.DiskFree,
		MediaProblems: len(st.MediaProblems), EventsWaiting: st.EventsWaiting}
	if st.Season != nil {
		h.Season = st.Season.ID
	}
	if st.LastSync.Failing() {
		h.LastSyncError = st.LastSync.LastError
	}
	return h
}

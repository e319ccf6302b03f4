package app

import (
	"context"

	"time"

	"showhall/store/feed"
	"showhall/store/hall"
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
	for {
		start := time.Now()
		res, err := feed.Sync(ctx, feed.SyncOptions{URL: url, DB: data.DB, Media: data.Media, UserAgent: "showhall/" + Version,
			// A visitor may still be on a page of the old catalogue: its
			// pictures and videos stay until a later sync.
			KeepMedia: k.mediaOnScreen})
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
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
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
// kiosk has no feed and works on what it has.
func syncPlan(data *Data, flagURL string) (string, time.Duration) {
	url := flagURL
	if url == "" {
		data.DB.GetSetting(SettingFeedURL, &url)
	}
	every := defaultSyncEvery
	var minutes int
	if found, _ := data.DB.GetSetting(hall.SettingSyncMinutes, &minutes); found && minutes > 0 {
		every = time.Duration(minutes) * time.Minute
	}
	return url, every
}

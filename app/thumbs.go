package app

import (
	"errors"
	"log/slog"
	"time"

	"showhall/store/catalog"
	"showhall/store/media"
)

// warmThumbnails makes the thumbnails of a catalogue's pictures in the
// background, in the order visitors meet them: the season's exhibits,
// then every cover (the browse grid), then the galleries. The screens make
// any they need sooner on demand; this only saves them the wait.
func warmThumbnails(ms *media.Store, snap *catalog.Snapshot, now time.Time, log *slog.Logger) {
	start := time.Now()
	seen := map[string]bool{}
	var order []string
	add := func(h string) {
		if h != "" && !seen[h] {
			seen[h] = true
			order = append(order, h)
		}
	}
	if rot, err := snap.Current(now); err == nil {
		for _, s := range rot.Showcase {
			if p, ok := snap.Project(s.Project); ok {
				add(p.Cover)
			}
		}
	}
	for i := 0; i < snap.Len(); i++ {
		add(snap.At(i).Cover)
	}
	for i := 0; i < snap.Len(); i++ {
		for _, h := range snap.At(i).Gallery {
			add(h)
		}
	}
	made, failed := 0, 0
	for _, h := range order {
		if err := ms.MakeThumbs(h); err != nil {
			failed++
			level := slog.LevelWarn
			if errors.Is(err, media.ErrNotImage) || errors.Is(err, media.ErrTooLarge) {
				level = slog.LevelError
			}
			log.Log(nil, level, "picture cannot be shown; its project shows a placeholder", "media", h, "error", err)
			continue
		}
		made++
	}
	log.Info("thumbnails ready", "pictures", made, "failed", failed, "took", time.Since(start).Round(time.Millisecond))
}

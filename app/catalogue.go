package app

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"showhall/store"
	"showhall/store/catalog"
)

// openCatalogue opens the data folder and loads the catalogue the screens
// will show. On first start (or after a damaged database was moved aside)
// the embedded demo catalogue is loaded, so the hall never starts dark.
func openCatalogue(dir string, log *slog.Logger) (*Data, *catalog.Snapshot, error) {
	return openCatalogueTry(dir, log, true)
}

func openCatalogueTry(dir string, log *slog.Logger, mayRetry bool) (*Data, *catalog.Snapshot, error) {
	data, err := openData(dir, log)
	if err != nil {
		return nil, nil, err
	}
	info, err := data.DB.Info()
	var snap *catalog.Snapshot
	if err == nil && info.Empty() {
		start := time.Now()
		rep, err := loadDemo(data)
		if err != nil {
			data.Close()
			return nil, nil, fmt.Errorf("loading the demo catalogue: %w", err)
		}
		log.Info("loaded the embedded demo catalogue", "media_copied", rep.Copied, "took", time.Since(start).Round(time.Millisecond))
		for _, p := range rep.Problems {
			log.Warn("demo catalogue problem", "problem", p.String())
		}
	}
	if err == nil {
		snap, err = data.DB.Snapshot()
	}
	if err != nil {
		data.Close()
		if !errors.Is(err, store.ErrCorrupt) || !mayRetry {
			return nil, nil, err
		}
		// The file opened but its content cannot be read: treat it as
		// damaged, keep it for a technician, and start from the demo.
		// The hall's own data (hall.db) is kept.
		aside, merr := store.MoveAside(data.DB.Path(), time.Now())
		if merr != nil {
			return nil, nil, fmt.Errorf("%v, and it could not be moved aside: %w", err, merr)
		}
		log.Error("THE CATALOGUE COULD NOT BE READ: moved aside and starting from the demo catalogue; the hall's settings, keys and statistics are kept",
			"error", err, "moved_to", aside)
		data, snap, err = openCatalogueTry(dir, log, false)
		if data != nil {
			data.Recovered = aside
		}
		return data, snap, err
	}
	log.Info("catalogue ready", "version", snap.Version(), "projects", snap.Len(), "data", dir)
	return data, snap, nil
}

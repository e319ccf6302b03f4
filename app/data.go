package app

import (
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"showhall/store"
	"showhall/store/media"
)

// Data is an opened data folder: the catalogue database and the media.
type Data struct {
	Dir   string
	DB    *store.DB
	Media *media.Store
	// Recovered is set when a damaged database was moved aside at open;
	// it names where it went.
	Recovered string
}

// Close releases the database.
func (d *Data) Close() error { return d.DB.Close() }

// openData opens the data folder. A database that cannot be read is moved
// aside (kept for a technician) and a new one started, so the hall comes
// back up instead of crash-looping; another running instance is an error.
func openData(dir string, log *slog.Logger) (*Data, error) {
	ms, err := media.Open(filepath.Join(dir, "media"))
	if err != nil {
		return nil, err
	}
	ms.SetVideoProbe(videoProbe(log))
	path := filepath.Join(dir, "catalogue.db")
	db, err := store.Open(path, store.Options{})
	d := &Data{Dir: dir, Media: ms}
	if errors.Is(err, store.ErrCorrupt) {
		aside, merr := store.MoveAside(path, time.Now())
		if merr != nil {
			return nil, fmt.Errorf("%v, and it could not be moved aside: %w", err, merr)
		}
		log.Error("THE CATALOGUE DATABASE WAS DAMAGED: moved aside and starting afresh", "error", err, "moved_to", aside)
		d.Recovered = aside
		db, err = store.Open(path, store.Options{})
	}
	if err != nil {
		if errors.Is(err, store.ErrAlreadyRunning) {
			return nil, fmt.Errorf("%w (data folder %s)", err, dir)
		}
		return nil, fmt.Errorf("opening the catalogue %s: %w", path, err)
	}
	d.DB = db
	return d, nil
}

package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrAlreadyRunning means another showhall holds the database.
var ErrAlreadyRunning = errors.New("another showhall is already running with this data folder")

// ErrCorrupt means the file is not a catalogue database this build can read.
var ErrCorrupt = errors.New("the catalogue database is damaged or not a catalogue database")

// ErrTooNew means the database was written by a newer showhall.
var ErrTooNew = errors.New("the catalogue database was written by a newer showhall")

// DB is the catalogue database.
type DB struct {
	bolt *bolt.DB
	path string
}

// Options tune Open.
type Options struct {
	// LockTimeout is how long to wait for another process to let go of
	// the file before giving up with ErrAlreadyRunning.
	LockTimeout time.Duration
	// ReadOnly opens without taking the write lock (curator previews).
	ReadOnly bool
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(path string, opt Options) (db *DB, err error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = time.Second
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	// bbolt panics on some kinds of damage instead of returning an
	// error; a damaged file must never take the hall down.
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.LockTimeout, ReadOnly: opt.ReadOnly})
	if err != nil {
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, ErrAlreadyRunning
		case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		case os.IsNotExist(err), os.IsPermission(err):
			return nil, err
		}
		// Other open errors on an existing file (a truncated file, a bad
		// page size) are damage too.
		if st, serr := os.Stat(path); serr == nil && st.Size() > 0 {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		return nil, err
	}
	d := &DB{bolt: b, path: path}
	var cur int
	if err := b.View(func(tx *bolt.Tx) error { cur, err = schemaVersion(tx); return err }); err != nil {
		b.Close()
		return nil, err
	}
	if cur > SchemaVersion() {
		b.Close()
		return nil, fmt.Errorf("%w: schema %d, this build knows up to %d", ErrTooNew, cur, SchemaVersion())
	}
	if !opt.ReadOnly {
		if err := migrate(b, SchemaVersion()); err != nil {
			b.Close()
			return nil, err
		}
	}
	return d, nil
}

// Close releases the database.
func (d *DB) Close() error { return d.bolt.Close() }

// Path is the database file.
func (d *DB) Path() string { return d.path }

// Check runs bbolt's consistency check over every page.
func (d *DB) Check() error {
	return d.bolt.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
}

// MoveAside renames a damaged database out of the way, keeping it for a
// technician, and returns the new name.
func MoveAside(path string, now time.Time) (string, error) {
	aside := fmt.Sprintf("%s.damaged-%s", path, now.UTC().Format("20060102T150405Z"))
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	return aside, nil
}

// GetSetting decodes the JSON setting name into v; found is false when it
// was never set.
func (d *DB) GetSetting(name string, v any) (found bool, err error) {
	err = d.bolt.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketSettings).Get([]byte(name))
		if raw == nil {
			return nil
		}
		found = true
		return json.Unmarshal(raw, v)
	})
	return found, err
}

// PutSetting stores v as JSON under name.
func (d *DB) PutSetting(name string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return d.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(name), raw)
	})
}

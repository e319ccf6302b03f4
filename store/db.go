package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
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

// DamageError says which of the data folder's files is damaged, so the
// caller moves aside that one and keeps the other. It wraps ErrCorrupt.
type DamageError struct {
	Path string
	Err  error
}

func (e *DamageError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *DamageError) Unwrap() error { return e.Err }

// DB is the hall's data: the catalogue database and the hall's own one
// beside it (see schema.go).
type DB struct {
	bolt     *bolt.DB // catalogue.db
	hall     *bolt.DB // hall.db
	path     string
	hallPath string
}

// Options tune Open.
type Options struct {
	// LockTimeout is how long to wait for another process to let go of
	// the file before giving up with ErrAlreadyRunning.
	LockTimeout time.Duration
	// ReadOnly opens without taking the write lock (curator previews).
	ReadOnly bool
}

// HallPath is where the hall's own database lives for the catalogue at
// path: hall.db beside catalogue.db (or NAME.hall beside any other name).
func HallPath(path string) string {
	if filepath.Base(path) == "catalogue.db" {
		return filepath.Join(filepath.Dir(path), "hall.db")
	}
	return path + ".hall"
}

// Open opens (creating if needed) the catalogue database at path and the
// hall's database beside it, and brings both schemas up to date. A
// damaged file is reported as a *DamageError naming it.
func Open(path string, opt Options) (*DB, error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = time.Second
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	d := &DB{path: path, hallPath: HallPath(path)}
	var err error
	if d.bolt, err = openFile(path, opt, schemaVersion, SchemaVersion()); err != nil {
		return nil, err
	}
	hallVersion := func(tx *bolt.Tx) (int, error) { return versionIn(tx, bucketHallMeta) }
	if d.hall, err = openFile(d.hallPath, opt, hallVersion, HallSchemaVersion()); err != nil {
		d.bolt.Close()
		return nil, err
	}
	if !opt.ReadOnly {
		err = migrateWith(d.hall, hallMigrations, bucketHallMeta, HallSchemaVersion())
		if err == nil {
			err = d.moveHallData()
		}
		if err == nil {
			err = migrate(d.bolt, SchemaVersion())
		}
		if err != nil {
			d.Close()
			return nil, err
		}
	}
	return d, nil
}

// openFile opens one bbolt file and checks its schema version is one this
// build knows.
func openFile(path string, opt Options, version func(*bolt.Tx) (int, error), known int) (b *bolt.DB, err error) {
	// bbolt panics on some kinds of damage instead of returning an
	// error; a damaged file must never take the hall down.
	defer guard(path, &err)
	b, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.LockTimeout, ReadOnly: opt.ReadOnly})
	if err != nil {
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, ErrAlreadyRunning
		case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
			return nil, &DamageError{path, fmt.Errorf("%w: %v", ErrCorrupt, err)}
		case os.IsNotExist(err), os.IsPermission(err):
			return nil, err
		}
		// Other open errors on an existing file (a truncated file, a bad
		// page size) are damage too.
		if st, serr := os.Stat(path); serr == nil && st.Size() > 0 {
			return nil, &DamageError{path, fmt.Errorf("%w: %v", ErrCorrupt, err)}
		}
		return nil, err
	}
	var cur int
	if err := b.View(func(tx *bolt.Tx) error { cur, err = version(tx); return err }); err != nil {
		b.Close()
		return nil, &DamageError{path, err}
	}
	if cur > known {
		b.Close()
		return nil, fmt.Errorf("%w: %s is at schema %d, this build knows up to %d", ErrTooNew, filepath.Base(path), cur, known)
	}
	return b, nil
}

// guard turns a panic of bbolt's over a damaged file into an error. It
// must be deferred directly. Faults on the file's memory map become
// panics too (see view), so they end here instead of killing the process.
func guard(path string, err *error) {
	if r := recover(); r != nil {
		*err = &DamageError{path, fmt.Errorf("%w: %v", ErrCorrupt, r)}
	}
}

// view reads the catalogue in a transaction that cannot take the process
// down: a damaged page is an ErrCorrupt for the caller to act on.
func (d *DB) view(fn func(tx *bolt.Tx) error) (err error) {
	defer guard(d.path, &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return d.bolt.View(fn)
}

// moveHallData copies the settings, statistics, outbox and decks of a
// catalogue.db older than schema 4 into hall.db; migration 4 then removes
// them from catalogue.db. A crash between the two leaves both copies, and
// the copy runs again harmlessly: a key hall.db already has is kept.
func (d *DB) moveHallData() error {
	var cur int
	if err := d.bolt.View(func(tx *bolt.Tx) (err error) { cur, err = schemaVersion(tx); return err }); err != nil {
		return err
	}
	if cur == 0 || cur >= 4 {
		return nil
	}
	return d.bolt.View(func(from *bolt.Tx) error {
		return d.hall.Update(func(to *bolt.Tx) error {
			// Events and their outbox are keyed by a sequence that only
			// means something as a whole: copied only into an empty
			// statistics store.
			hasStats := to.Bucket(bucketEvents).Stats().KeyN > 0
			for _, name := range hallBuckets {
				src, dst := from.Bucket(name), to.Bucket(name)
				stat := string(name) == string(bucketEvents) || string(name) == string(bucketOutbox)
				if src == nil || (stat && hasStats) {
					continue
				}
				if err := src.ForEach(func(k, v []byte) error {
					if dst.Get(k) != nil {
						return nil
					}
					return dst.Put(k, v)
				}); err != nil {
					return err
				}
				if seq := src.Sequence(); seq > dst.Sequence() {
					if err := dst.SetSequence(seq); err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
}

// Close releases both databases.
func (d *DB) Close() error {
	return errors.Join(d.hall.Close(), d.bolt.Close())
}

// Path is the catalogue database file.
func (d *DB) Path() string { return d.path }

// HallPath is the hall's own database file.
func (d *DB) HallPath() string { return d.hallPath }

// Check runs bbolt's consistency check over every page of both files.
func (d *DB) Check() error {
	return errors.Join(checkOpen(d.path, d.bolt), checkOpen(d.hallPath, d.hall))
}

func checkOpen(path string, b *bolt.DB) (err error) {
	defer guard(path, &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return b.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return &DamageError{path, fmt.Errorf("%w: %v", ErrCorrupt, errors.Join(errs...))}
		}
		return nil
	})
}

// CheckFile opens one database file read-only and checks every page of
// it. A page number that points outside the file can fault on the memory
// map in ways no recover catches, so the kiosk runs this in a child
// process (showhall check-database) before it opens the file for use.
func CheckFile(path string, timeout time.Duration) error {
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: true})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return ErrAlreadyRunning
		}
		if os.IsNotExist(err) || os.IsPermission(err) {
			return err
		}
		return &DamageError{path, fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
	defer b.Close()
	return checkOpen(path, b)
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
	err = d.hall.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketSettings).Get([]byte(name))
		if raw == nil {
			return nil
		}
		found = true
		if err := json.Unmarshal(raw, v); err != nil {
			return fmt.Errorf("setting %s: %w", name, err)
		}
		return nil
	})
	return found, err
}

// PutSetting stores v as JSON under name.
func (d *DB) PutSetting(name string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return d.hall.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(name), raw)
	})
}

package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"showhall/store"
	"showhall/store/media"
)

// Data is an opened data folder: the catalogue database, the hall's own
// database beside it, and the media.
type Data struct {
	Dir   string
	DB    *store.DB
	Media *media.Store
	// Recovered is set when a damaged catalogue was moved aside at open;
	// it names where it went. RecoveredHall is the same for hall.db.
	Recovered     string
	RecoveredHall string
	// Checked is set when the databases were checked page by page before
	// use, because the folder was not closed cleanly last time.
	Checked bool
	marker  string
}

// signedDir is where the signed feed of the catalogue in use is kept, to
// pass it on to the hall's other screens (feed.PeerHandler).
func (d *Data) signedDir() string { return filepath.Join(d.Dir, "hall-feed") }

// Close releases the databases; once they are closed cleanly the next
// start need not check them.
func (d *Data) Close() error {
	err := d.DB.Close()
	if err == nil && d.marker != "" {
		os.Remove(d.marker)
	}
	return err
}

// openMarker exists while a showhall has the data folder open. Found at
// open, the last one never closed it: a crash, a kill by the watchdog, a
// power cut, after which damage is most likely.
const openMarker = "catalogue.db.open"

// openData opens the data folder. After a start that did not end
// cleanly, each database file is first checked page by page in a child
// process (see checkDatabase); every read at start also recovers from
// damage. A file that cannot be read is moved aside (kept for a
// technician) and a new one started, so the hall comes back up instead
// of crash-looping; a damaged catalogue leaves the hall's settings, keys,
// statistics and planned seasons in hall.db untouched. Another running
// instance is an error.
//
// The check is not run on every start because it costs more than a
// third of the kiosk's time to its first frame (a 10,000-project
// catalogue: 0.2-0.27 s for the child, of which 40-60 ms is the check;
// the first frame comes at 510-560 ms, BENCHMARKS.md).
func openData(dir string, log *slog.Logger) (*Data, error) {
	ms, err := media.Open(filepath.Join(dir, "media"))
	if err != nil {
		return nil, err
	}
	ms.SetVideoProbe(videoProbe(log))
	path := filepath.Join(dir, "catalogue.db")
	d := &Data{Dir: dir, Media: ms}
	marker := filepath.Join(dir, openMarker)
	if _, err := os.Stat(marker); err == nil {
		log.Warn("the data folder was not closed cleanly last time: checking every page of its databases before use")
		d.Checked = true
		if err := d.checkAll(path, log); err != nil {
			return nil, err
		}
	}
	for tries := 0; ; tries++ {
		db, err := store.Open(path, store.Options{})
		var damage *store.DamageError
		if errors.As(err, &damage) && tries < 2 {
			if err := d.moveAside(damage.Path, err, log); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			if errors.Is(err, store.ErrAlreadyRunning) {
				return nil, fmt.Errorf("%w (data folder %s)", err, dir)
			}
			return nil, fmt.Errorf("opening the catalogue %s: %w", path, err)
		}
		d.DB = db
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			log.Warn("cannot mark the data folder open; a crash will not be noticed at the next start", "error", err)
		} else {
			d.marker = marker
		}
		return d, nil
	}
}

// checkAll checks both database files in a child process and moves a
// damaged one aside.
func (d *Data) checkAll(path string, log *slog.Logger) error {
	for _, p := range []string{path, store.HallPath(path)} {
		err := checkDatabase(p)
		if errors.Is(err, errCheckUnavailable) {
			log.Warn("the database could not be checked before use; reading it with care instead", "file", p, "error", err)
			continue
		}
		if err != nil {
			if err := d.moveAside(p, err, log); err != nil {
				return err
			}
		}
	}
	return nil
}

// moveAside keeps a damaged database file for a technician and says so
// loudly: the hall goes on without it.
func (d *Data) moveAside(path string, why error, log *slog.Logger) error {
	aside, err := store.MoveAside(path, time.Now())
	if err != nil {
		return fmt.Errorf("%v, and it could not be moved aside: %w", why, err)
	}
	if filepath.Base(path) == "catalogue.db" {
		log.Error("THE CATALOGUE DATABASE WAS DAMAGED: moved aside and starting from the demo catalogue; the hall's settings, keys and statistics are kept",
			"error", why, "moved_to", aside)
		d.Recovered = aside
	} else {
		log.Error("THE HALL'S OWN DATABASE WAS DAMAGED: moved aside; the PIN, trusted keys, portal, statistics and planned seasons start afresh",
			"error", why, "moved_to", aside)
		d.RecoveredHall = aside
	}
	return nil
}

// The check child's exit codes.
const (
	exitCheckDamaged = 10 // a page of the file is damaged
	exitCheckBusy    = 11 // another showhall holds the file
	goCrashed        = 2  // how the Go runtime exits on a panic or a fatal fault
)

// checkTimeout bounds the check of one file; a check that takes longer
// is given up (and the file read with care) rather than keep the hall dark.
const checkTimeout = 2 * time.Minute

// errCheckUnavailable means the check could not be run at all.
var errCheckUnavailable = errors.New("the database check could not run")

// checkDatabase runs bbolt's consistency check over every page of a
// database file in a child process: showhall itself, with the hidden verb
// check-database. A damaged page can make bbolt panic on its own
// goroutine, or a page number outside the file fault on the memory map;
// neither can be recovered in the process that meets it, so the kiosk
// never meets them there. A missing file is fine (it will be created).
func checkDatabase(path string) error {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("%w: %v", errCheckUnavailable, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), checkTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "check-database", path)
	cmd.Env = append(os.Environ(), checkChildEnv+"=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("%w: it took longer than %s", errCheckUnavailable, checkTimeout)
	case !errors.As(err, &exit):
		return fmt.Errorf("%w: %v", errCheckUnavailable, err)
	case exit.ExitCode() == exitCheckBusy:
		return nil // opening it says another showhall is running
	case exit.ExitCode() == exitCheckDamaged:
		return fmt.Errorf("%w: %s", store.ErrCorrupt, strings.TrimSpace(out.String()))
	case exit.ExitCode() < 0 || exit.ExitCode() == goCrashed:
		// The check itself crashed on the file: a panic on bbolt's
		// own goroutine, a fault on the memory map, a signal.
		return fmt.Errorf("%w: the check of %s crashed (%v): %s", store.ErrCorrupt, path, exit, lastLine(out.String()))
	}
	return fmt.Errorf("%w: %v: %s", errCheckUnavailable, err, lastLine(out.String()))
}

// checkChildEnv marks the child process of checkDatabase, so that a test
// binary standing in for showhall knows to run the verb (see TestMain).
const checkChildEnv = "SHOWHALL_CHECK_CHILD"

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func runCheckDatabase(env *Env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, "showhall check-database: name the database files to check")
		return ExitUsage
	}
	code := ExitOK
	for _, path := range args {
		start := time.Now()
		err := store.CheckFile(path, 200*time.Millisecond)
		switch {
		case err == nil:
			fmt.Fprintf(env.Stdout, "%s: every page is sound (%s)\n", path, time.Since(start).Round(time.Millisecond))
		case errors.Is(err, store.ErrAlreadyRunning):
			fmt.Fprintf(env.Stderr, "%s: %v\n", path, err)
			code = max(code, exitCheckBusy)
		case errors.Is(err, store.ErrCorrupt):
			fmt.Fprintf(env.Stderr, "%v\n", err)
			code = exitCheckDamaged
		default:
			fmt.Fprintf(env.Stderr, "%s: %v\n", path, err)
			code = max(code, ExitFailure)
		}
	}
	return code
}

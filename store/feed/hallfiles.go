package feed

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// HallDir is the folder of a bundle (zip or feed folder) that carries the
// hall's own signed documents, its notices and opening hours, so that a
// bundle mailed or copied on its own brings them along. They are not part
// of the signed manifest: each is a document signed by itself, which the
// screen checks with its own keys as it would one from the console.
const HallDir = "hall"

// A bundle carries a handful of notices and one opening hours document;
// these bounds keep a hostile bundle's hall/ folder from costing a screen
// more than a few megabytes.
const (
	MaxHallFiles = 64
	MaxHallFile  = 256 << 10
)

// ErrHallFiles marks a bundle's hall/ folder refused as a whole; the
// catalogue it came with is not affected.
var ErrHallFiles = errors.New("the notices and opening hours in the bundle are refused")

// HallFile is one document of a bundle's hall/ folder.
type HallFile struct {
	Name string // its name in the folder, e.g. "notice-closes-early.notice"
	Data []byte
	// Err says why this one file could not be read (too large, not a
	// plain file); the others are read all the same.
	Err error
}

// Path is where the file is in the bundle, as a curator reads it.
func (f HallFile) Path() string { return HallDir + "/" + f.Name }

// checkHallName keeps a document's name one plain file name on any stick.
func checkHallName(name string) error {
	switch {
	case name == "" || strings.HasPrefix(name, "."):
		return fmt.Errorf("%q is not a name for a document in a bundle's %s/ folder", name, HallDir)
	case len(name) > 200:
		return fmt.Errorf("the document name %.40q... is too long for a stick", name)
	case strings.ContainsAny(name, "/\\:*?\"<>|\x00"):
		return fmt.Errorf("the document name %q has a character some sticks cannot hold", name)
	}
	for _, r := range name {
		if r < ' ' {
			return fmt.Errorf("the document name %q has a control character", name)
		}
	}
	return nil
}

// checkHallFiles refuses documents a bundle cannot carry, before anything
// is written.
func checkHallFiles(files []HallFile) error {
	if len(files) > MaxHallFiles {
		return fmt.Errorf("%d documents for the bundle's %s/ folder, more than the %d a screen reads", len(files), HallDir, MaxHallFiles)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if err := checkHallName(f.Name); err != nil {
			return err
		}
		if seen[f.Name] {
			return fmt.Errorf("two documents named %s for the bundle", f.Name)
		}
		seen[f.Name] = true
		if len(f.Data) > MaxHallFile {
			return fmt.Errorf("the document %s is %d bytes, more than the %d a screen reads", f.Name, len(f.Data), MaxHallFile)
		}
	}
	return nil
}

// hallFiles reads a zip bundle's hall/ entries, in the archive's order.
// The archive's own checks (names, kinds, declared sizes) have run when
// it was opened; what is read here is bounded again, file by file.
func (z *zipBundle) hallFiles() ([]HallFile, error) {
	var entries []string
	for _, f := range z.zr.File {
		if rest, ok := strings.CutPrefix(f.Name, HallDir+"/"); ok && rest != "" && !f.Mode().IsDir() {
			entries = append(entries, f.Name)
		}
	}
	if len(entries) > MaxHallFiles {
		return nil, fmt.Errorf("%w: its %s/ folder holds %d files, more than the %d a hall has use for", ErrHallFiles, HallDir, len(entries), MaxHallFiles)
	}
	out := make([]HallFile, 0, len(entries))
	for _, name := range entries {
		f := HallFile{Name: strings.TrimPrefix(name, HallDir+"/")}
		switch err := checkHallName(f.Name); {
		case err != nil:
			f.Err = err
		case z.files[name].UncompressedSize64 > MaxHallFile:
			f.Err = hallTooLarge(f, int64(z.files[name].UncompressedSize64))
		default:
			if f.Data, err = z.read(name, MaxHallFile); err != nil {
				f.Data, f.Err = nil, fmt.Errorf("%s is damaged: %v", f.Path(), err)
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// hallFiles reads a feed folder's hall/ folder, in name order. Links are
// refused as for the rest of the feed.
func (d dirBundle) hallFiles() ([]HallFile, error) {
	dir := filepath.Join(d.dir, HallDir)
	st, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHallFiles, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%w: %s is a link or a file, not a folder", ErrHallFiles, dir)
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHallFiles, err)
	}
	entries, err := f.ReadDir(MaxHallFiles + 1)
	f.Close()
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("%w: %v", ErrHallFiles, err)
	}
	if len(entries) > MaxHallFiles {
		return nil, fmt.Errorf("%w: its %s/ folder holds more than the %d files a hall has use for", ErrHallFiles, HallDir, MaxHallFiles)
	}
	slices.SortFunc(entries, func(a, b os.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	out := make([]HallFile, 0, len(entries))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue // a stick's own litter (._ files, .Trashes)
		}
		h := HallFile{Name: e.Name()}
		switch st, err := os.Lstat(filepath.Join(dir, e.Name())); {
		case err != nil:
			h.Err = err
		case !st.Mode().IsRegular():
			h.Err = fmt.Errorf("%s is a link, a folder or a special file, not a signed document", h.Path())
		case st.Size() > MaxHallFile:
			h.Err = hallTooLarge(h, st.Size())
		default:
			if h.Data, err = d.read(h.Path(), MaxHallFile); err != nil {
				h.Data, h.Err = nil, fmt.Errorf("%s cannot be read: %v", h.Path(), err)
			}
		}
		out = append(out, h)
	}
	return out, nil
}

func hallTooLarge(f HallFile, size int64) error {
	return fmt.Errorf("%s is %d bytes, more than a notice or opening hours can be (%d KB)", f.Path(), size, MaxHallFile>>10)
}

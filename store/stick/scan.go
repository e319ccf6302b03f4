// Package stick finds catalogue bundles on USB sticks and writes back to
// the stick what a screen did with each one. Applying a bundle is the
// feed's job (feed.Import: the same checks and the same switch as a
// sync); this package only looks where sticks are mounted, cheaply and
// within fixed bounds, and reports.
package stick

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"showhall/store/feed"
)

// Limits bound one look at the removable-media folders, so that a stick
// with thousands of files or folders nested deep costs the kiosk a few
// hundred directory entries, never a walk of the whole stick.
type Limits struct {
	MaxDirs    int // folders read per look, mount folders included
	MaxEntries int // entries read per folder
	MaxBundles int // bundles reported per look
}

// DefaultLimits fit the layouts sticks are mounted in: /media/LABEL,
// /media/USER/LABEL, /run/media/USER/LABEL, each with a showhall/ folder.
var DefaultLimits = Limits{MaxDirs: 48, MaxEntries: 256, MaxBundles: 16}

// ResultsDir is the folder on the stick where screens write what they did.
const ResultsDir = "showhall-results"

// FolderName is the folder on a stick that holds bundles, beside those
// at its top level.
const FolderName = "showhall"

// NoticeExt names a signed notice file (store/notice's Ext; this
// package reads no notices, it only finds them).
const NoticeExt = ".notice"

// HoursExt names a signed opening hours file (store/hours' Ext).
const HoursExt = ".hours"

// Bundle is a bundle found on a stick.
type Bundle struct {
	Path  string // the .zip file or the feed folder
	Stick string // the folder it was found in (its top level): results go there
	// Stamp changes while the bundle is still being copied (sizes and
	// modification times of what it is made of); a bundle is taken only
	// once its stamp holds still.
	Stamp string
	// Notice: a signed notice file (.notice) rather than a catalogue;
	// Hours: a signed opening hours file (.hours).
	Notice bool
	Hours  bool
}

// Document reports whether the bundle is a signed notice or opening
// hours rather than a catalogue.
func (b Bundle) Document() bool { return b.Notice || b.Hours }

// Scan looks for bundles in the removable-media folders: at the top
// level of each folder up to two levels below a root (the root itself,
// /media/LABEL, /media/USER/LABEL) and in a showhall/ folder there. A
// bundle is a .zip file or a folder holding a feed manifest; a .notice
// or .hours file there is found too, marked as a notice or hours. Links,
// hidden folders and the results folder are passed over; nothing below
// those levels is read. Notes say where a limit cut the look short.
func Scan(roots []string, lim Limits) (found []Bundle, notes []string) {
	type dir struct {
		path  string
		level int  // 0: a root; a stick's top is at 0, 1 or 2
		inner bool // a showhall/ folder: bundles only, no deeper
		stick string
	}
	var queue []dir
	for _, r := range roots {
		queue = append(queue, dir{path: r, stick: r})
	}
	read := 0
	for len(queue) > 0 && len(found) < lim.MaxBundles {
		d := queue[0]
		queue = queue[1:]
		if read >= lim.MaxDirs {
			notes = append(notes, fmt.Sprintf("stopped after reading %d folders under %s; put bundles at a stick's top level or in its %s/ folder", lim.MaxDirs, strings.Join(roots, ", "), FolderName))
			break
		}
		read++
		entries, more := readDir(d.path, lim.MaxEntries)
		if more {
			notes = append(notes, fmt.Sprintf("%s has more than %d entries; only the first %d were looked at", d.path, lim.MaxEntries, lim.MaxEntries))
		}
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(d.path, name)
			switch {
			case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "$") || name == ResultsDir:
			case e.Type().IsRegular() && strings.EqualFold(filepath.Ext(name), ".zip"):
				if st, err := e.Info(); err == nil {
					found = append(found, Bundle{Path: p, Stick: d.stick, Stamp: stamp(st)})
				}
			case e.Type().IsRegular() && strings.EqualFold(filepath.Ext(name), NoticeExt):
				if st, err := e.Info(); err == nil {
					found = append(found, Bundle{Path: p, Stick: d.stick, Stamp: stamp(st), Notice: true})
				}
			case e.Type().IsRegular() && strings.EqualFold(filepath.Ext(name), HoursExt):
				if st, err := e.Info(); err == nil {
					found = append(found, Bundle{Path: p, Stick: d.stick, Stamp: stamp(st), Hours: true})
				}
			case !e.IsDir():
				// Links and special files: a stick holds plain files.
			case isFeedFolder(p):
				found = append(found, Bundle{Path: p, Stick: d.stick, Stamp: folderStamp(p)})
			case d.inner:
			case strings.EqualFold(name, FolderName):
				// Read next, before the folders that may be sticks: it
				// is where bundles are meant to be.
				queue = append([]dir{{path: p, level: d.level, inner: true, stick: d.stick}}, queue...)
			case d.level < 2:
				queue = append(queue, dir{path: p, level: d.level + 1, stick: p})
			}
			if len(found) >= lim.MaxBundles {
				notes = append(notes, fmt.Sprintf("more than %d bundles found; the others are left for later", lim.MaxBundles))
				break
			}
		}
	}
	return found, notes
}

// readDir reads at most max entries of a folder (in the order the file
// system gives them); more says there were others.
func readDir(path string, max int) (entries []os.DirEntry, more bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	entries, err = f.ReadDir(max)
	if err != nil && err != io.EOF {
		return entries, false
	}
	if len(entries) == max {
		extra, _ := f.ReadDir(1)
		more = len(extra) > 0
	}
	return entries, more
}

func isFeedFolder(p string) bool {
	st, err := os.Lstat(filepath.Join(p, feed.ManifestName))
	return err == nil && st.Mode().IsRegular()
}

func stamp(st os.FileInfo) string {
	return fmt.Sprintf("%d@%d", st.Size(), st.ModTime().UnixNano())
}

// folderStamp covers the manifest, its signature, the media folder,
// whose modification time changes as each file is copied into it, and
// the folder of the hall's notices and hours.
func folderStamp(p string) string {
	var parts []string
	for _, name := range []string{feed.ManifestName, feed.SignatureName, feed.MediaDir, feed.HallDir} {
		if st, err := os.Lstat(filepath.Join(p, name)); err == nil {
			parts = append(parts, stamp(st))
		} else {
			parts = append(parts, "-")
		}
	}
	return strings.Join(parts, ",")
}

// Folders lists the sticks mounted under the roots, a catalogue can be
// exported to: the folders one or two levels down that are mount points
// (on another device than their root). Hidden folders are passed over.
func Folders(roots []string) []string {
	var out []string
	for _, r := range roots {
		dev, ok := device(r)
		if !ok {
			continue
		}
		level1, _ := readDir(r, DefaultLimits.MaxEntries)
		for _, e := range level1 {
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			p := filepath.Join(r, e.Name())
			if d, ok := device(p); ok && d != dev {
				out = append(out, p)
				continue
			}
			level2, _ := readDir(p, DefaultLimits.MaxEntries)
			for _, f := range level2 {
				q := filepath.Join(p, f.Name())
				if d, ok := device(q); ok && d != dev && f.IsDir() && !strings.HasPrefix(f.Name(), ".") {
					out = append(out, q)
				}
			}
		}
	}
	return out
}

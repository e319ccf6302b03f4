package stick

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"showhall/store/catalog"
)

// Verdicts: what a screen did with a bundle.
const (
	Applied  = "applied"
	UpToDate = "up to date"
	Refused  = "refused"
)

// Outcome is what a screen did with one bundle, as written back to the
// stick and shown on the curator's health page.
type Outcome struct {
	Screen  string
	When    time.Time
	Bundle  string // path as found
	Verdict string // Applied, UpToDate or Refused
	Reason  string // why it was refused, one sentence
	Version string // the catalogue the bundle offered, once its signature verified
	// Document names a signed notice or opening hours taken from the
	// stick ("notice ID", "opening hours") instead of a catalogue.
	Document string
	Signed   time.Time
	Signer   string
	Changes  Changes
	// MediaCopied and MediaBytes count the files the stick brought in.
	MediaCopied int
	MediaBytes  int64
	// Documents are the signed notices and opening hours the bundle
	// carried (its hall/ folder) and what became of each; Carried says
	// why that folder was refused as a whole, if it was.
	Documents []DocumentOutcome
	Carried   string
}

// DocumentOutcome is what a screen did with one signed notice or opening
// hours a bundle carried.
type DocumentOutcome struct {
	File    string // where it was: "hall/opening.hours" in a bundle, a file name beside one
	What    string // "notice ID" or "opening hours"; "" when it could not be read
	Verdict string // Applied, UpToDate or Refused
	Reason  string // why it was refused
}

// String says it in one line, as `showhall import` prints it.
func (d DocumentOutcome) String() string {
	switch d.Verdict {
	case Applied:
		return fmt.Sprintf("%s: %s taken", d.File, d.What)
	case UpToDate:
		return fmt.Sprintf("%s: %s already in use", d.File, d.What)
	}
	return fmt.Sprintf("%s refused: %s", d.File, d.Reason)
}

// documentCounts says in a few words what became of the documents.
func (o Outcome) documentCounts() string {
	if o.Carried != "" {
		return "; notices and hours refused: " + o.Carried
	}
	n := map[string]int{}
	for _, d := range o.Documents {
		n[d.Verdict]++
	}
	if len(o.Documents) == 0 {
		return ""
	}
	return fmt.Sprintf("; notices and hours: %d taken, %d already in use, %d refused", n[Applied], n[UpToDate], n[Refused])
}

// Changes counts what a new catalogue changed: projects added, removed
// and changed, and seasons (rotations) added, removed or changed.
type Changes struct {
	Added, Removed, Changed int
	Seasons                 int
}

// Diff counts the projects added, removed and changed from old to new.
func Diff(old, new *catalog.Snapshot) Changes {
	var c Changes
	if old == nil || new == nil {
		return c
	}
	for i := 0; i < new.Len(); i++ {
		p := new.At(i)
		was, ok := old.Project(p.ID)
		switch {
		case !ok:
			c.Added++
		case !reflect.DeepEqual(*was, *p):
			c.Changed++
		}
	}
	for i := 0; i < old.Len(); i++ {
		if _, ok := new.Project(old.At(i).ID); !ok {
			c.Removed++
		}
	}
	seasons := map[string]catalog.Rotation{}
	for _, r := range old.Rotations() {
		seasons[r.ID] = r
	}
	for _, r := range new.Rotations() {
		if was, ok := seasons[r.ID]; !ok || !reflect.DeepEqual(was, r) {
			c.Seasons++
		}
		delete(seasons, r.ID)
	}
	c.Seasons += len(seasons)
	return c
}

// Summary is the outcome in one line, for the log and the health page.
func (o Outcome) Summary(zone *time.Location) string {
	s := fmt.Sprintf("%s: %s %s", o.When.In(zone).Format("2006-01-02 15:04"), filepath.Base(o.Bundle), o.Verdict)
	switch {
	case o.Document != "" && o.Verdict == Applied:
		return s + fmt.Sprintf(" (%s, signed %s)", o.Document, o.Signed.In(zone).Format("2006-01-02 15:04"))
	case o.Document != "" && o.Verdict == UpToDate:
		return s + fmt.Sprintf(" (%s is already here)", o.Document)
	}
	switch o.Verdict {
	case Applied:
		s += fmt.Sprintf(" (catalogue %s; projects %d added, %d removed, %d changed; %d seasons changed; %d media files copied%s)",
			o.Version, o.Changes.Added, o.Changes.Removed, o.Changes.Changed, o.Changes.Seasons, o.MediaCopied, o.documentCounts())
	case UpToDate:
		s += fmt.Sprintf(" (catalogue %s is already in use%s)", o.Version, o.documentCounts())
	default:
		s += ": " + o.Reason + o.documentCounts()
	}
	return s
}

// Text is the result file's content: plain lines a curator reads on any
// computer.
func (o Outcome) Text(zone *time.Location) string {
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "%-10s %s\n", k+":", v) }
	b.WriteString("showhall: what this screen did with a bundle on this stick\n")
	line("screen", o.Screen)
	line("time", o.When.In(zone).Format("2006-01-02 15:04:05 MST")+" ("+zone.String()+")")
	line("bundle", o.Bundle)
	line("outcome", o.Verdict)
	if o.Document != "" {
		line("document", o.Document)
		if !o.Signed.IsZero() {
			line("signed", o.Signed.In(zone).Format("2006-01-02 15:04"))
		}
	}
	if o.Version != "" {
		line("catalogue", fmt.Sprintf("%s, signed %s by key %s", o.Version, o.Signed.In(zone).Format("2006-01-02 15:04"), o.Signer))
	}
	if o.Reason != "" {
		line("why", o.Reason)
	}
	if o.Verdict == Applied && o.Document == "" {
		line("projects", fmt.Sprintf("%d added, %d removed, %d changed", o.Changes.Added, o.Changes.Removed, o.Changes.Changed))
		line("seasons", fmt.Sprintf("%d added, removed or changed", o.Changes.Seasons))
		line("media", fmt.Sprintf("%d files copied (%.1f MB)", o.MediaCopied, float64(o.MediaBytes)/1e6))
	}
	for _, d := range o.Documents {
		line("document", d.String())
	}
	if o.Carried != "" {
		line("documents", o.Carried)
	}
	return b.String()
}

// Write puts the outcome in a small file of its own on the stick:
// ResultsDir/SCREEN-TIME.txt in the folder the bundle was found in, so
// that a curator carrying one stick round the hall reads afterwards what
// every screen did. It is written aside and renamed, so a stick pulled
// out meanwhile holds no half file under that name. A read-only or full
// stick gives an error and leaves nothing behind.
func Write(o Outcome, dir string, zone *time.Location) (string, error) {
	out := filepath.Join(dir, ResultsDir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", fmt.Errorf("the result cannot be written to the stick: %w", err)
	}
	base := fileName(o.Screen) + "-" + o.When.UTC().Format("20060102T150405Z")
	path := filepath.Join(out, base+".txt")
	for n := 2; exists(path); n++ {
		path = filepath.Join(out, fmt.Sprintf("%s-%d.txt", base, n))
	}
	tmp, err := os.CreateTemp(out, ".result-*")
	if err != nil {
		return "", fmt.Errorf("the result cannot be written to the stick: %w", err)
	}
	_, err = tmp.WriteString(o.Text(zone))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("the result cannot be written to the stick: %w", err)
	}
	return path, nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// fileName keeps a screen's name readable in a file name on any stick
// (FAT included): letters of any script, digits, '-' and '_'.
func fileName(screen string) string {
	var b strings.Builder
	for _, r := range screen {
		switch {
		case r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && r != 0xfffd:
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	if b.Len() == 0 {
		return "screen"
	}
	return b.String()
}

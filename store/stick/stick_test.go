package stick

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/feed"
)

func touch(t *testing.T, path string, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func paths(found []Bundle) []string {
	var out []string
	for _, b := range found {
		out = append(out, b.Path)
	}
	slices.Sort(out)
	return out
}

// The layouts sticks are mounted in: bundles at a stick's top level and
// in its showhall/ folder, one, two or no levels below the root; feed
// folders and zips; nothing else.
func TestScanFindsBundlesWhereSticksAreMounted(t *testing.T) {
	root := t.TempDir()
	touch(t, filepath.Join(root, "direct.zip"), "PK")
	touch(t, filepath.Join(root, "LABEL", "top.ZIP"), "PK")
	touch(t, filepath.Join(root, "LABEL", "showhall", "inner.zip"), "PK")
	touch(t, filepath.Join(root, "kiosk", "LABEL2", "showhall", "feed", feed.ManifestName), "{}")
	touch(t, filepath.Join(root, "kiosk", "LABEL2", "notes.txt"), "")
	// Too deep, hidden, in the results folder, or a link: passed over.
	touch(t, filepath.Join(root, "kiosk", "LABEL2", "photos", "2026", "deep.zip"), "PK")
	touch(t, filepath.Join(root, "LABEL", ".Trash-1000", "old.zip"), "PK")
	touch(t, filepath.Join(root, "LABEL", ResultsDir, "x.zip"), "PK")
	if err := os.Symlink("/etc", filepath.Join(root, "LABEL", "link.zip")); err != nil {
		t.Fatal(err)
	}
	found, notes := Scan([]string{root, filepath.Join(root, "absent")}, DefaultLimits)
	want := []string{
		filepath.Join(root, "LABEL", "showhall", "inner.zip"),
		filepath.Join(root, "LABEL", "top.ZIP"),
		filepath.Join(root, "direct.zip"),
		filepath.Join(root, "kiosk", "LABEL2", "showhall", "feed"),
	}
	if got := paths(found); !slices.Equal(got, want) {
		t.Fatalf("found %q, want %q", got, want)
	}
	if len(notes) != 0 {
		t.Fatalf("notes on a small stick: %q", notes)
	}
	for _, b := range found {
		if b.Path == want[0] && b.Stick != filepath.Join(root, "LABEL") {
			t.Fatalf("results of %s would go to %s, not the stick's top", b.Path, b.Stick)
		}
	}
}

// A stick with thousands of files and folders nested deep costs a look
// a bounded number of entries, says so, and still finds a bundle in its
// showhall/ folder.
func TestScanOfAHugeStickIsBoundedAndSaysSo(t *testing.T) {
	root := t.TempDir()
	stickDir := filepath.Join(root, "BIG")
	touch(t, filepath.Join(stickDir, "showhall", "season.zip"), "PK")
	for i := range 3000 {
		touch(t, filepath.Join(stickDir, fmt.Sprintf("file-%04d.txt", i)), "")
	}
	for i := range 300 {
		os.MkdirAll(filepath.Join(stickDir, fmt.Sprintf("dir-%03d", i), "a", "b", "c", "d", "e"), 0o755)
	}
	deep := filepath.Join(stickDir, "dir-000")
	for i := range 200 {
		deep = filepath.Join(deep, "x")
		_ = i
	}
	os.MkdirAll(deep, 0o755)
	lim := DefaultLimits
	start := time.Now()
	var found []Bundle
	var notes []string
	// The showhall/ folder may come after the first entries the file
	// system lists; with more room it is found.
	lim.MaxEntries = 4000
	found, notes = Scan([]string{root}, lim)
	took := time.Since(start)
	if got := paths(found); !slices.Contains(got, filepath.Join(stickDir, "showhall", "season.zip")) {
		t.Fatalf("the bundle in showhall/ was not found: %q", got)
	}
	if len(notes) == 0 || !strings.Contains(strings.Join(notes, "\n"), "stopped after reading") {
		t.Fatalf("the limit on folders read was not reported: %q", notes)
	}
	t.Logf("one look at a stick of %d files: %v, notes %q", 3000+300*6+200, took, notes)

	lim = DefaultLimits
	_, notes = Scan([]string{root}, lim)
	if !strings.Contains(strings.Join(notes, "\n"), "more than 256 entries") {
		t.Fatalf("the limit on entries per folder was not reported: %q", notes)
	}
}

// The stamp changes while a bundle is being copied, so that it is taken
// only once complete.
func TestStampFollowsACopy(t *testing.T) {
	root := t.TempDir()
	f := filepath.Join(root, "b", "showhall", "feed")
	touch(t, filepath.Join(f, feed.ManifestName), "{}")
	one, _ := Scan([]string{root}, DefaultLimits)
	time.Sleep(20 * time.Millisecond)
	touch(t, filepath.Join(f, feed.MediaDir, "abc"), "x")
	two, _ := Scan([]string{root}, DefaultLimits)
	if len(one) != 1 || len(two) != 1 || one[0].Stamp == two[0].Stamp {
		t.Fatalf("a file copied into the feed's media left the stamp as it was: %v then %v", one, two)
	}
}

func outcome() Outcome {
	return Outcome{Screen: "入口大屏 1", When: time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC), Bundle: "/media/S/showhall/x.zip",
		Verdict: Applied, Version: "2027-spring", Signed: time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC), Signer: "abcd",
		Changes: Changes{Added: 3, Removed: 1, Changed: 2}, MediaCopied: 7, MediaBytes: 12_500_000}
}

func TestResultFileSaysWhatTheScreenDid(t *testing.T) {
	dir := t.TempDir()
	zone := time.FixedZone("CST", 8*3600)
	p, err := Write(outcome(), dir, zone)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(p) != filepath.Join(dir, ResultsDir) || filepath.Base(p) != "入口大屏_1-20261202T080000Z.txt" {
		t.Fatalf("result written to %s", p)
	}
	raw, _ := os.ReadFile(p)
	for _, want := range []string{"screen:    入口大屏 1", "2026-12-02 16:00:00 CST", "outcome:   applied", "3 added, 1 removed, 2 changed", "7 files copied (12.5 MB)"} {
		if !strings.Contains(string(raw), want) {
			t.Fatalf("result file lacks %q:\n%s", want, raw)
		}
	}
	// A second attempt in the same second gets a file of its own.
	q, err := Write(outcome(), dir, zone)
	if err != nil || q == p {
		t.Fatalf("second attempt: %s, %v", q, err)
	}
}

// A read-only stick: an error, nothing else.
func TestResultOnAReadOnlyStickIsAnError(t *testing.T) {
	if os.Geteuid() == 0 {
		// Root writes through permissions: a read-only mount is what a
		// locked stick is.
		dir := t.TempDir()
		if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_RDONLY, "size=1m"); err != nil {
			t.Skipf("cannot mount a read-only tmpfs here: %v", err)
		}
		t.Cleanup(func() { syscall.Unmount(dir, 0) })
		if _, err := Write(outcome(), dir, time.UTC); err == nil || !strings.Contains(err.Error(), "read-only") {
			t.Fatalf("a read-only stick gave %v", err)
		}
		return
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if _, err := Write(outcome(), dir, time.UTC); err == nil {
		t.Fatal("writing to a read-only folder did not fail")
	}
}

// A stick full to the last byte: an error, and no half file left.
func TestResultOnAFullStickLeavesNothing(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k,nr_inodes=64"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	os.MkdirAll(filepath.Join(dir, ResultsDir), 0o755)
	// Fill it.
	if out, err := exec.Command("dd", "if=/dev/zero", "of="+filepath.Join(dir, "fill"), "bs=4k").CombinedOutput(); err == nil {
		t.Fatalf("dd filled nothing: %s", out)
	}
	_, err := Write(outcome(), dir, time.UTC)
	if err == nil || !strings.Contains(err.Error(), "no space") {
		t.Fatalf("a full stick gave %v", err)
	}
	left, _ := os.ReadDir(filepath.Join(dir, ResultsDir))
	if len(left) != 0 {
		t.Fatalf("a full stick kept %v", left)
	}
}

func TestDiffCountsProjects(t *testing.T) {
	mk := func(ps ...catalog.Project) *catalog.Snapshot {
		return catalog.NewSnapshot(catalog.Document{Format: catalog.FormatVersion, Version: "v", Projects: ps})
	}
	p := func(id, title string) catalog.Project {
		return catalog.Project{ID: id, Title: catalog.Text{Hans: title, Hant: title, En: title}, Year: 2026}
	}
	old := mk(p("a", "A"), p("b", "B"), p("c", "C"))
	cur := mk(p("a", "A"), p("b", "B2"), p("d", "D"), p("e", "E"))
	if got := Diff(old, cur); got != (Changes{Added: 2, Removed: 1, Changed: 1}) {
		t.Fatalf("diff %+v", got)
	}
	season := func(id, name string) catalog.Rotation {
		return catalog.Rotation{ID: id, Name: catalog.Text{Hans: name, Hant: name, En: name},
			Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	}
	old = catalog.NewSnapshot(catalog.Document{Format: catalog.FormatVersion, Version: "v", Projects: []catalog.Project{p("a", "A")},
		Rotations: []catalog.Rotation{season("s1", "one"), season("s2", "two")}})
	cur = catalog.NewSnapshot(catalog.Document{Format: catalog.FormatVersion, Version: "v", Projects: []catalog.Project{p("a", "A")},
		Rotations: []catalog.Rotation{season("s1", "one"), season("s2", "two, renamed"), season("s3", "three")}})
	if got := Diff(old, cur); got != (Changes{Seasons: 2}) {
		t.Fatalf("diff %+v", got)
	}
}

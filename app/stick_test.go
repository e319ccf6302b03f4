package app

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"showhall/screens"
	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/feed"
	"showhall/store/feed/feedtest"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
	"showhall/store/stick"
)

// stickRig is a kiosk on the test driver with a real data folder and a
// folder where "sticks" are mounted.
type stickRig struct {
	t     *testing.T
	k     *kiosk
	w     *stickWatch
	data  *Data
	media string // the removable-media folder
	priv  ed25519.PrivateKey
}

func newStickRig(t *testing.T) *stickRig {
	k, _ := testKiosk(t)
	dir := t.TempDir()
	data, snap, err := openCatalogue(filepath.Join(dir, "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	k.SetSnapshot(snap)
	k.showAttract()
	pub, priv, _ := ed25519.GenerateKey(nil)
	if _, err := feed.Trust(data.DB, feed.PublicKey(pub)); err != nil {
		t.Fatal(err)
	}
	r := &stickRig{t: t, k: k, data: data, media: filepath.Join(dir, "media"), priv: priv}
	os.MkdirAll(r.media, 0o755)
	k.removable = []string{r.media}
	r.w = k.newStickWatch(data, k.removable)
	r.w.screen = "test-screen"
	return r
}

// publish puts a catalogue signed at `signed` on a stick, as a feed
// folder or (name ending in .zip) a bundle file, in its showhall/ folder,
// with the hall's documents given inside it.
func (r *stickRig) publish(stickName, name string, doc catalog.Document, signed time.Time, key ed25519.PrivateKey, docs ...feed.HallFile) string {
	r.t.Helper()
	p := filepath.Join(r.media, stickName, stick.FolderName, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	opt := feed.WriteOptions{Key: key, Generated: signed, Hall: docs}
	var err error
	if strings.HasSuffix(name, ".zip") {
		err = feed.WriteBundle(p, doc, nil, opt)
	} else {
		err = feed.Publish(p, doc, nil, opt)
	}
	if err != nil {
		r.t.Fatal(err)
	}
	return p
}

// look runs two looks on the watcher's own goroutine (a bundle is taken
// once it held still for one look), running what it hands to fyne.Do.
func (r *stickRig) look() {
	r.t.Helper()
	done := make(chan struct{})
	go func() {
		r.w.look(context.Background())
		r.w.look(context.Background())
		close(done)
	}()
	a := fyne.CurrentApp().(*uitest.App)
	if !a.WaitUntil(30*time.Second, func() bool {
		select {
		case <-done:
			return true
		default:
			return false
		}
	}) {
		r.t.Fatal("the look at the sticks did not end")
	}
}

// results reads the result files written to a stick.
func (r *stickRig) results(stickName string) []string {
	r.t.Helper()
	dir := filepath.Join(r.media, stickName, stick.ResultsDir)
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			r.t.Fatal(err)
		}
		out = append(out, string(raw))
	}
	return out
}

func (r *stickRig) lastStick() string {
	var s string
	r.data.DB.GetSetting(hall.SettingLastStick, &s)
	return s
}

func (r *stickRig) bannerText() string {
	if len(r.k.banner.Objects) == 0 {
		return ""
	}
	return r.w.banner.Text()
}

// A newer catalogue on a stick is applied by itself, shown on the attract
// screen at once, with a banner and a result file; the same one again is
// nothing to do, said once; an older one is refused and offered to the
// curator; unsigned and unknown-key bundles are refused with one sentence.
func TestStickAtTheKiosk(t *testing.T) {
	r := newStickRig(t)
	now := time.Now().UTC().Truncate(time.Second)
	doc := catalogtest.Generate(30, 7)
	doc.Version = "2027-spring"
	r.publish("A", "spring", doc, now, r.priv)
	r.look()
	if got := r.k.snap.Load().Version(); got != "2027-spring" {
		t.Fatalf("after the stick the kiosk holds %q", got)
	}
	if r.k.shown.Version() != "2027-spring" {
		t.Fatal("the attract screen does not show the new catalogue")
	}
	if got := r.bannerText(); got != screens.T(catalog.Hans, "stick_done") {
		t.Fatalf("banner says %q", got)
	}
	res := r.results("A")
	if len(res) != 1 || !strings.Contains(res[0], "outcome:   applied") || !strings.Contains(res[0], "screen:    test-screen") ||
		!strings.Contains(res[0], "projects:  30 added") {
		t.Fatalf("result files on the stick: %q", res)
	}
	if s := r.lastStick(); !strings.Contains(s, "spring applied (catalogue 2027-spring") {
		t.Fatalf("health page's last stick: %q", s)
	}

	// Looked at again and again: nothing more to do, said once.
	r.look()
	r.look()
	if res := r.results("A"); len(res) != 1 {
		t.Fatalf("the same bundle again wrote %d result files", len(res))
	}
	// The same catalogue on another stick: "up to date", once.
	r.publish("A2", "spring.zip", doc, now, r.priv)
	r.look()
	r.look()
	if res := r.results("A2"); len(res) != 1 || !strings.Contains(res[0], "outcome:   up to date") {
		t.Fatalf("the same catalogue on another stick: %q", res)
	}

	// Older: refused, and offered to a curator.
	old := catalogtest.Generate(10, 8)
	old.Version = "2026-autumn"
	oldPath := r.publish("B", "autumn.zip", old, now.Add(-24*time.Hour), r.priv)
	r.look()
	if got := r.k.snap.Load().Version(); got != "2027-spring" {
		t.Fatalf("an older stick took the kiosk to %q", got)
	}
	if res := r.results("B"); len(res) != 1 || !strings.Contains(res[0], "outcome:   refused") || !strings.Contains(res[0], "does not go back by itself") {
		t.Fatalf("older bundle's result: %q", res)
	}
	if st, _ := feed.ReadState(r.data.DB); st.Older == nil || st.Older.URL != oldPath || st.Older.Version != "2026-autumn" {
		t.Fatalf("the older catalogue is not offered to the curator: %+v", st.Older)
	}
	if got := r.bannerText(); got != screens.T(catalog.Hans, "stick_refused") {
		t.Fatalf("banner after a refusal says %q", got)
	}

	// Unsigned, and signed by a key the hall does not trust.
	unsigned := r.publish("C", "unsigned", catalogtest.Generate(5, 9), now.Add(time.Hour), r.priv)
	os.Remove(filepath.Join(unsigned, feed.SignatureName))
	_, stranger, _ := ed25519.GenerateKey(nil)
	r.publish("D", "stranger.zip", catalogtest.Generate(5, 10), now.Add(time.Hour), stranger)
	// Damaged: a zip cut short.
	os.MkdirAll(filepath.Join(r.media, "E"), 0o755)
	os.WriteFile(filepath.Join(r.media, "E", "cut.zip"), []byte("PK\x03\x04 not the rest"), 0o644)
	r.look()
	for stickName, want := range map[string]string{"C": "not signed", "D": "not signed by any trusted key", "E": "damaged"} {
		res := r.results(stickName)
		if len(res) != 1 || !strings.Contains(res[0], "outcome:   refused") || !strings.Contains(res[0], want) {
			t.Fatalf("stick %s: result %q, want it to say %q", stickName, res, want)
		}
	}
	if got := r.k.snap.Load().Version(); got != "2027-spring" {
		t.Fatalf("refused bundles took the kiosk to %q", got)
	}
}

// A visitor on a page keeps it: the new catalogue waits for their next
// return home, and the banner catches none of their touches.
func TestStickNeverInterruptsAVisitor(t *testing.T) {
	r := newStickRig(t)
	r.k.Home()
	r.k.SetLang(catalog.En)
	page := r.k.body.Objects[0]
	doc := catalogtest.Generate(12, 11)
	doc.Version = "2027-summer"
	r.publish("A", "summer", doc, time.Now(), r.priv)
	r.look()
	if r.k.body.Objects[0] != page || r.k.shown.Version() == "2027-summer" {
		t.Fatal("the new catalogue replaced the page a visitor was on")
	}
	if len(r.k.banner.Objects) == 0 {
		t.Fatal("no banner while the visitor browses")
	}
	// In the visitor's language, not the hall's.
	if got, want := r.w.banner.Text(), screens.T(catalog.En, "stick_done"); got != want {
		t.Errorf("the banner says %q to a visitor reading English, want %q", got, want)
	}
	r.k.Home()
	if r.k.shown.Version() != "2027-summer" {
		t.Fatal("back home the visitor does not see the new catalogue")
	}
}

// mountTmpfs mounts a small tmpfs at dir for the test (root only).
func mountTmpfs(t *testing.T, dir, size string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	os.MkdirAll(dir, 0o755)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
}

// A read-only stick: applied all the same, the result only logged and
// on the health page. A stick full to the last byte: the same.
func TestStickReadOnlyOrFull(t *testing.T) {
	r := newStickRig(t)
	locked := filepath.Join(r.media, "LOCKED")
	mountTmpfs(t, locked, "4m")
	doc := catalogtest.Generate(5, 12)
	doc.Version = "locked"
	r.publish("LOCKED", "x", doc, time.Now(), r.priv)
	if err := syscall.Mount("", locked, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	r.look()
	if r.k.snap.Load().Version() != "locked" || !strings.Contains(r.lastStick(), "applied") {
		t.Fatalf("a read-only stick was not applied: %q", r.lastStick())
	}

	full := filepath.Join(r.media, "FULL")
	mountTmpfs(t, full, "1m")
	doc = catalogtest.Generate(5, 13)
	doc.Version = "full"
	r.publish("FULL", "x.zip", doc, time.Now().Add(time.Minute), r.priv)
	os.MkdirAll(filepath.Join(full, stick.ResultsDir), 0o755)
	if out, err := exec.Command("dd", "if=/dev/zero", "of="+filepath.Join(full, "fill"), "bs=4k").CombinedOutput(); err == nil {
		t.Fatalf("the stick did not fill: %s", out)
	}
	r.look()
	if r.k.snap.Load().Version() != "full" || len(r.results("FULL")) != 0 {
		t.Fatalf("a full stick: catalogue %q, results %q", r.k.snap.Load().Version(), r.results("FULL"))
	}
}

// The hall PC's own disk too full for the stick's media: refused with
// one sentence, the catalogue unchanged.
func TestStickRefusedWhenTheDiskIsFull(t *testing.T) {
	k, _ := testKiosk(t)
	dir := t.TempDir()
	mountTmpfs(t, filepath.Join(dir, "data"), "64m")
	data, snap, err := openCatalogue(filepath.Join(dir, "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	k.SetSnapshot(snap)
	pub, priv, _ := ed25519.GenerateKey(nil)
	feed.Trust(data.DB, feed.PublicKey(pub))
	r := &stickRig{t: t, k: k, data: data, media: filepath.Join(dir, "media"), priv: priv}
	r.w = k.newStickWatch(data, []string{r.media})
	doc, where, err := feedtest.Catalogue(4, 14, filepath.Join(dir, "src"), feedtest.MediaOptions{VideoEvery: 1, VideoSize: 20 << 20, Seed: 14})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(r.media, "BIG", "big")
	if err := feed.Publish(p, doc, where, feed.WriteOptions{Key: priv, Generated: time.Now()}); err != nil {
		t.Fatal(err)
	}
	r.look()
	res := r.results("BIG")
	if len(res) != 1 || !strings.Contains(res[0], "not enough disk space") || k.snap.Load().Version() != snap.Version() {
		t.Fatalf("a bundle too large for the disk: %q, catalogue %q", res, k.snap.Load().Version())
	}
}

// Two bundles of the same version with different content: the one
// signed later wins whatever the files' dates say, and a different
// catalogue signed at the very same moment as the one in use is refused.
func TestStickSameVersionDifferentContent(t *testing.T) {
	r := newStickRig(t)
	signed := time.Now().UTC().Truncate(time.Second)
	a := catalogtest.Generate(10, 20)
	a.Version = "2027-spring"
	r.publish("A", "a.zip", a, signed, r.priv)
	r.look()
	if r.k.snap.Load().Len() != 10 {
		t.Fatal("the first bundle was not applied")
	}
	b := catalogtest.Generate(14, 21)
	b.Version = "2027-spring"
	p := r.publish("B", "b.zip", b, signed, r.priv)
	// Its file dates say it is newer; only the signature counts.
	os.Chtimes(p, signed.Add(48*time.Hour), signed.Add(48*time.Hour))
	r.look()
	if res := r.results("B"); len(res) != 1 || !strings.Contains(res[0], "refused") || !strings.Contains(res[0], "conflicting") {
		t.Fatalf("same version, same signed time, other content: %q", res)
	}
	if r.k.snap.Load().Len() != 10 {
		t.Fatal("a conflicting bundle replaced the catalogue")
	}
	c := catalogtest.Generate(16, 22)
	c.Version = "2027-spring"
	p = r.publish("C", "c.zip", c, signed.Add(time.Minute), r.priv)
	os.Chtimes(p, signed.Add(-48*time.Hour), signed.Add(-48*time.Hour))
	r.look()
	if r.k.snap.Load().Len() != 16 {
		t.Fatalf("the bundle signed later was not applied: %q", r.results("C"))
	}
}

// The console's USB stick page on a real data folder: a newer bundle is
// listed with what it would change and applied on a curator's press
// with a result file; an older one only when the curator confirmed; the
// catalogue is exported to a stick with room, and a stick without room
// is told so before anything is written.
func TestConsoleStickPageBackend(t *testing.T) {
	r := newStickRig(t)
	b := newCuratorBackend(r.data, r.k.snap.Load(), quietLog())
	b.k = r.k
	doc := catalogtest.Generate(20, 30)
	doc.Version = "2027-spring"
	newer := r.publish("A", "spring.zip", doc, time.Now(), r.priv)
	old := catalogtest.Generate(5, 31)
	old.Version = "2026-autumn"
	older := r.publish("A", "autumn", old, time.Now().Add(-time.Hour*24*365), r.priv)

	bundles, _ := b.Sticks()
	standing := map[string]hall.StickBundle{}
	for _, sb := range bundles {
		standing[sb.Path] = sb
	}
	if sb := standing[newer]; sb.Standing != hall.StandingNewer || sb.Version != "2027-spring" || sb.Added != 20 || sb.Removed == 0 {
		t.Fatalf("the newer bundle is listed as %+v", sb)
	}
	var fracs []float64
	if err := b.ApplyStick(newer, false, func(f float64) { fracs = append(fracs, f) }); err != nil {
		t.Fatal(err)
	}
	if r.k.snap.Load().Version() != "2027-spring" || len(r.results("A")) != 1 || len(fracs) == 0 || fracs[len(fracs)-1] != 1 {
		t.Fatalf("after applying: catalogue %q, results %d, progress %v", r.k.snap.Load().Version(), len(r.results("A")), fracs)
	}
	bundles, _ = b.Sticks()
	for _, sb := range bundles {
		if sb.Path == older && sb.Standing != hall.StandingOlder {
			t.Fatalf("the older bundle is listed as %+v", sb)
		}
	}
	if err := b.ApplyStick(older, false, func(float64) {}); err == nil || r.k.snap.Load().Version() != "2027-spring" {
		t.Fatalf("an older bundle applied without the curator's confirmation: %v", err)
	}
	if err := b.ApplyStick(older, true, func(float64) {}); err != nil || r.k.snap.Load().Version() != "2026-autumn" {
		t.Fatalf("going back on the curator's say: %v, catalogue %q", err, r.k.snap.Load().Version())
	}

	small := filepath.Join(r.media, "SMALL")
	mountTmpfs(t, small, "64k")
	big := filepath.Join(r.media, "BIG")
	mountTmpfs(t, big, "64m")
	_, folders := b.Sticks()
	if !slices.Contains(folders, small) || !slices.Contains(folders, big) {
		t.Fatalf("mounted sticks not found: %q", folders)
	}
	// A bundle needs a megabyte beside its media; 64 KiB is refused
	// before anything is written.
	if _, err := b.ExportToStick(small, ""); err == nil || !strings.Contains(err.Error(), "free") {
		t.Fatalf("a stick without room: %v", err)
	}
	if left, _ := os.ReadDir(small); len(left) != 0 {
		t.Fatalf("a stick without room was written to: %v", left)
	}
	path, err := b.ExportToStick(big, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil || !strings.HasPrefix(path, filepath.Join(big, stick.FolderName)) {
		t.Fatalf("exported to %s: %v", path, err)
	}
	// One season: only its projects, in a bundle named after it (read
	// here trusting the console's own key, which signed both).
	own, err := feed.ReadPublicKey(curatorKeyPath(r.data) + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	feed.Trust(r.data.DB, own)
	whole, err := feed.Inspect(path, r.data.DB, r.data.Media)
	if err != nil {
		t.Fatal(err)
	}
	rots := r.k.snap.Load().Rotations()
	if len(rots) == 0 {
		t.Fatal("the catalogue has no season to export")
	}
	seasonPath, err := b.ExportToStick(big, rots[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	season, err := feed.Inspect(seasonPath, r.data.DB, r.data.Media)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(filepath.Base(seasonPath), "season-"+rots[0].ID) || len(season.Catalogue.Rotations) != 1 ||
		season.Catalogue.Rotations[0].ID != rots[0].ID || len(whole.Catalogue.Rotations) < 2 {
		t.Fatalf("season %s exported as %s: %d rotations (the whole catalogue %d)", rots[0].ID, seasonPath,
			len(season.Catalogue.Rotations), len(whole.Catalogue.Rotations))
	}
	if _, err := b.ExportToStick(big, "no-such-season"); err == nil {
		t.Fatal("a season that does not exist was exported")
	}
}

// A signed notice carried on a stick goes on the screen as one written in
// the console would; one signed by a stranger does not, and the stick
// page does not offer either as a catalogue.
func TestStickCarriesASignedNotice(t *testing.T) {
	r := newStickRig(t)
	at := time.Now()
	write := func(stickName, id string, key ed25519.PrivateKey) {
		t.Helper()
		n := notice.Notice{ID: id, Level: notice.Info, Text: closesEarly, Start: at.Add(-time.Hour), End: at.Add(time.Hour), Signed: at}
		file, err := notice.Sign(key, n)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(r.media, stickName, stick.FolderName)
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, id+notice.Ext), file, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("A", "closes-early", r.priv)
	_, stranger, _ := ed25519.GenerateKey(nil)
	write("B", "from-a-stranger", stranger)
	r.look()
	var ids []string
	for _, n := range r.k.notices.list {
		ids = append(ids, n.ID)
	}
	if len(ids) != 1 || ids[0] != "closes-early" {
		t.Fatalf("notices on the screen after the sticks: %v, want only the trusted one", ids)
	}
	// Each stick says what the screen did with its notice.
	for stickName, want := range map[string]string{"A": "outcome:   applied\ndocument:  notice closes-early",
		"B": "the notice is not signed by a key this screen trusts"} {
		results, _ := filepath.Glob(filepath.Join(r.media, stickName, stick.ResultsDir, "*.txt"))
		if len(results) != 1 {
			t.Fatalf("stick %s has %d result files", stickName, len(results))
		}
		if text, _ := os.ReadFile(results[0]); !strings.Contains(string(text), want) {
			t.Errorf("stick %s's result file says:\n%s\nwant %q", stickName, text, want)
		}
	}

	// Signed opening hours on a stick are followed; older ones are not.
	h := hours.Default()
	h.Follow, h.Signed = true, at
	file, _ := hours.Sign(r.priv, h)
	dir := filepath.Join(r.media, "C", stick.FolderName)
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "hall"+hours.Ext), file, 0o644)
	r.look()
	if got, _, _ := hall.LoadHours(r.data.DB); !got.Follow || !got.Signed.Equal(at) {
		t.Fatalf("hours after the stick: %+v", got)
	}
	h.Follow, h.Signed = false, at.Add(-time.Hour)
	file, _ = hours.Sign(r.priv, h)
	dir = filepath.Join(r.media, "D")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "old"+hours.Ext), file, 0o644)
	r.look()
	if got, _, _ := hall.LoadHours(r.data.DB); !got.Follow {
		t.Fatal("older hours from a stick were taken")
	}
	results, _ := filepath.Glob(filepath.Join(r.media, "D", stick.ResultsDir, "*.txt"))
	if text, _ := os.ReadFile(results[0]); len(results) != 1 || !strings.Contains(string(text), "older opening hours than those in use are refused") {
		t.Errorf("the stick with older hours says:\n%s", text)
	}

	b := &curatorBackend{data: r.data, k: r.k, log: quietLog()}
	if bundles, _ := b.Sticks(); len(bundles) != 0 {
		t.Errorf("the stick page offers notices or hours as catalogues: %+v", bundles)
	}
}

// A bundle carries the hall's notices and opening hours inside it: the
// screen takes them as from the console, a forged one refused, whatever
// becomes of the catalogue (new, the one in use, older), and the result
// file on the stick and the health page say what became of each. A
// hall/ folder of thousands of files is refused in one sentence, the
// catalogue still taken; the console's stick page does the same.
func TestStickBundleCarriesNoticesAndHours(t *testing.T) {
	r := newStickRig(t)
	at := time.Now().UTC().Truncate(time.Second)
	signedNotice := func(id string, key ed25519.PrivateKey) feed.HallFile {
		t.Helper()
		n := notice.Notice{ID: id, Level: notice.Info, Text: closesEarly, Start: at.Add(-time.Hour), End: at.Add(time.Hour), Signed: at}
		file, err := notice.Sign(key, n)
		if err != nil {
			t.Fatal(err)
		}
		return feed.HallFile{Name: "notice-" + id + notice.Ext, Data: file}
	}
	h := hours.Default()
	h.Follow, h.Signed = true, at
	hf, _ := hours.Sign(r.priv, h)
	_, stranger, _ := ed25519.GenerateKey(nil)
	ids := func() []string {
		var out []string
		for _, n := range r.k.notices.list {
			out = append(out, n.ID)
		}
		slices.Sort(out)
		return out
	}

	doc := catalogtest.Generate(12, 40)
	doc.Version = "2027-spring"
	r.publish("A", "spring.zip", doc, at, r.priv,
		signedNotice("closes-early", r.priv), signedNotice("forged", stranger), feed.HallFile{Name: "opening" + hours.Ext, Data: hf})
	r.look()
	if got := r.k.snap.Load().Version(); got != "2027-spring" {
		t.Fatalf("the catalogue was not taken: %q", got)
	}
	if got := ids(); !slices.Equal(got, []string{"closes-early"}) {
		t.Fatalf("notices on the screen: %v, want only the trusted one", got)
	}
	if got, _, _ := hall.LoadHours(r.data.DB); !got.Follow || !got.Signed.Equal(at) || !r.k.sleep.hours.Follow {
		t.Fatalf("hours after the stick: stored %+v, followed %v", got, r.k.sleep.hours.Follow)
	}
	res := r.results("A")
	for _, want := range []string{"outcome:   applied", "document:  hall/notice-closes-early.notice: notice closes-early taken",
		"document:  hall/notice-forged.notice refused: the notice is not signed by a key this screen trusts",
		"document:  hall/opening.hours: opening hours taken"} {
		if len(res) != 1 || !strings.Contains(res[0], want) {
			t.Fatalf("the stick's result file says:\n%s\nwant %q", res, want)
		}
	}
	if s := r.lastStick(); !strings.Contains(s, "notices and hours: 2 taken, 0 already in use, 1 refused") {
		t.Fatalf("health page's last stick: %q", s)
	}

	// The same catalogue as a folder on another stick, and an older one
	// on a third: each brings its new notice.
	r.publish("B", "spring", doc, at, r.priv, signedNotice("closes-early", r.priv), signedNotice("late-opening", r.priv))
	old := catalogtest.Generate(4, 41)
	old.Version = "2026-autumn"
	r.publish("C", "autumn.zip", old, at.Add(-24*time.Hour), r.priv, signedNotice("lecture", r.priv))
	r.look()
	if got := ids(); !slices.Equal(got, []string{"closes-early", "late-opening", "lecture"}) {
		t.Fatalf("notices on the screen: %v", got)
	}
	if res := r.results("B"); len(res) != 1 || !strings.Contains(res[0], "outcome:   up to date") ||
		!strings.Contains(res[0], "notice closes-early already in use") || !strings.Contains(res[0], "notice late-opening taken") {
		t.Fatalf("the folder's result: %q", res)
	}
	if res := r.results("C"); len(res) != 1 || !strings.Contains(res[0], "outcome:   refused") || !strings.Contains(res[0], "notice lecture taken") ||
		r.k.snap.Load().Version() != "2027-spring" {
		t.Fatalf("the older bundle's result: %q", res)
	}

	// Thousands of files in hall/: refused in one sentence, the catalogue
	// taken all the same.
	many := make([]feed.HallFile, 0, 3000)
	for i := range 3000 {
		many = append(many, feed.HallFile{Name: fmt.Sprintf("n-%d.notice", i), Data: []byte("x")})
	}
	newer := catalogtest.Generate(6, 42)
	newer.Version = "2027-summer"
	p := r.publish("D", "summer", newer, at.Add(time.Hour), r.priv)
	os.Mkdir(filepath.Join(p, feed.HallDir), 0o755)
	for _, f := range many {
		os.WriteFile(filepath.Join(p, feed.HallDir, f.Name), f.Data, 0o644)
	}
	r.look()
	if got := r.k.snap.Load().Version(); got != "2027-summer" {
		t.Fatalf("a bundle with thousands of documents: catalogue %q", got)
	}
	if res := r.results("D"); len(res) != 1 || !strings.Contains(res[0], "documents: the notices and opening hours in the bundle are refused: its hall/ folder holds more than the 64 files") {
		t.Fatalf("the result of a bundle with thousands of documents: %q", res)
	}
	if got := ids(); len(got) != 3 {
		t.Fatalf("notices after thousands of files: %v", got)
	}

	// The console's stick page: applying a bundle takes what it carries,
	// and exporting puts the hall's documents inside the bundle, nothing
	// beside it.
	b := newCuratorBackend(r.data, r.k.snap.Load(), quietLog())
	b.k = r.k
	autumn := r.publish("E", "autumn.zip", old, at.Add(-24*time.Hour), r.priv, signedNotice("tour", r.priv))
	if err := b.ApplyStick(autumn, true, func(float64) {}); err != nil {
		t.Fatal(err)
	}
	if !fyne.CurrentApp().(*uitest.App).WaitUntil(10*time.Second, func() bool { return slices.Contains(ids(), "tour") }) {
		t.Fatalf("the console's stick page did not take the notice: %v", ids())
	}
	if res := r.results("E"); len(res) != 1 || !strings.Contains(res[0], "hall/notice-tour.notice: notice tour taken") {
		t.Fatalf("the console's result: %q", res)
	}
	big := filepath.Join(r.media, "BIG")
	mountTmpfs(t, big, "64m")
	path, err := b.ExportToStick(big, "")
	if err != nil {
		t.Fatal(err)
	}
	if beside, _ := os.ReadDir(filepath.Dir(path)); len(beside) != 2 { // the bundle and its key
		t.Fatalf("beside the exported bundle: %v", beside)
	}
	own, _ := feed.ReadPublicKey(curatorKeyPath(r.data) + ".pub")
	feed.Trust(r.data.DB, own)
	d, err := openData(filepath.Join(t.TempDir(), "other"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got, err := feed.Import(context.Background(), feed.ImportOptions{Path: path, DB: d.DB, Media: d.Media, Trusted: []feed.PublicKey{own}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range got.Hall {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	if want := []string{"notice-closes-early.notice", "notice-late-opening.notice", "notice-lecture.notice", "notice-tour.notice", "opening.hours"}; !slices.Equal(names, want) {
		t.Fatalf("the exported bundle carries %v, want %v", names, want)
	}
}

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"showhall/assets"
	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/feed/feedtest"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
	"showhall/store/stick"
)

// stickPublisher signs catalogues for the test's "sticks": the demo with
// seasons of its own, from the demo's media on disk.
type stickPublisher struct {
	t        *testing.T
	keyPath  string
	mediaDir string
	doc      catalog.Document
}

func newStickPublisher(t *testing.T, dir string) *stickPublisher {
	p := &stickPublisher{t: t, keyPath: filepath.Join(dir, "curator-key"), mediaDir: filepath.Join(dir, "demo-media")}
	if _, err := feed.WriteKeyPair(p.keyPath); err != nil {
		t.Fatal(err)
	}
	var err error
	if p.doc, err = assets.DemoDocument(); err != nil {
		t.Fatal(err)
	}
	if err := WriteDemoMedia(p.mediaDir); err != nil {
		t.Fatal(err)
	}
	return p
}

// bundle writes the demo as version, signed at signed, to out (a .zip
// or a folder); with season set, one season named so, current now.
func (p *stickPublisher) bundle(out, version string, signed time.Time, season *catalog.Text) {
	p.t.Helper()
	priv, err := feed.ReadPrivateKey(p.keyPath)
	if err != nil {
		p.t.Fatal(err)
	}
	doc := p.doc
	doc.Version = version
	if season != nil {
		r := doc.Rotations[0]
		r.ID, r.Name = "r-"+version, *season
		r.Start, r.End = time.Now().Add(-24*time.Hour).UTC().Truncate(time.Second), time.Now().Add(90*24*time.Hour).UTC().Truncate(time.Second)
		// The season shows the catalogue's exhibits from the other end.
		r.Showcase = nil
		for i := len(doc.Projects) - 1; i >= 0 && len(r.Showcase) < 6; i-- {
			r.Showcase = append(r.Showcase, catalog.Showcase{Project: doc.Projects[i].ID, Featured: len(r.Showcase) < 2})
		}
		doc.Rotations = []catalog.Rotation{r}
		// As a curator exports one season (export --rotation): its
		// projects and their media only. Importing checks every picture
		// and video of a bundle again, so a season's bundle is also the
		// quick one to apply.
		var err error
		if doc, err = feed.ForRotation(doc, r.ID); err != nil {
			p.t.Fatal(err)
		}
	}
	where := func(m catalog.Media) (string, error) { return filepath.Join(p.mediaDir, m.Hash), nil }
	opt := feed.WriteOptions{Key: priv, Generated: signed.UTC().Truncate(time.Second), Generator: "showhall e2e"}
	if strings.HasSuffix(out, ".zip") {
		err = feed.WriteBundle(out, doc, where, opt)
	} else {
		err = feed.Publish(out, doc, where, opt)
	}
	if err != nil {
		p.t.Fatal(err)
	}
}

// resultOn waits for a result file on a stick and returns it.
func resultOn(t *testing.T, stickDir string, timeout time.Duration) string {
	t.Helper()
	var text string
	waitFor(timeout, func() bool {
		entries, _ := os.ReadDir(filepath.Join(stickDir, stick.ResultsDir))
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".txt") {
				raw, err := os.ReadFile(filepath.Join(stickDir, stick.ResultsDir, e.Name()))
				if err == nil {
					text = string(raw)
					return true
				}
			}
		}
		return false
	})
	return text
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(dst), 0o755)
	if out, err := exec.Command("cp", "-r", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("copying %s to %s: %s", src, dst, out)
	}
}

// kioskWatchingSticks starts a kiosk on data (its demo loaded by a first
// start) that trusts the curator's public key and watches sticks.
func kioskWatchingSticks(t *testing.T, d *Display, bin, data, sticks, pubKeyPath string) *Kiosk {
	t.Helper()
	startHallKiosk(t, d, bin, data, "off").Stop()
	pubKey, err := feed.ReadPublicKey(pubKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(data, "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.PutSetting(hall.SettingTrustedKeys, []string{pubKey.String()})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	k := startHallKiosk(t, d, bin, data, "off", "--removable", sticks)
	if !k.WaitLog("watching for catalogue bundles on USB sticks", 60*time.Second) {
		t.Fatalf("the kiosk does not watch the removable folder; log:\n%s", k.Log())
	}
	return k
}

// insertStick puts src at rel on the stick called name, as plugging a
// stick in does: all of it appears at once. (A copy into the folder the
// kiosk watches can pause for longer than the kiosk's 2 s look on a
// loaded machine, and the kiosk rightly refuses a bundle it finds half
// copied.)
func insertStick(t *testing.T, sticks, name, rel, src string) {
	t.Helper()
	stage := filepath.Join(t.TempDir(), name)
	copyTree(t, src, filepath.Join(stage, filepath.FromSlash(rel)))
	if err := os.Rename(stage, filepath.Join(sticks, name)); err != nil {
		t.Fatalf("putting the stick %s in: %v", name, err)
	}
}

// pullStick takes the stick called name out, as pulling it does: all of
// it goes at once. (Deleting its files one by one leaves a stick with
// some of its files, which the kiosk rightly refuses as incomplete
// rather than as pulled out.)
func pullStick(t *testing.T, sticks, name string) {
	t.Helper()
	gone := filepath.Join(t.TempDir(), name)
	if err := os.Rename(filepath.Join(sticks, name), gone); err != nil {
		t.Fatalf("pulling the stick %s out: %v", name, err)
	}
	os.RemoveAll(gone)
}

// bannerShown reports whether the lower right corner holds the stick's
// banner: the panel's dark blue over most of its strip.
func bannerShown(img image.Image) bool {
	b := img.Bounds()
	r := image.Rect(b.Max.X-24-540, b.Max.Y-24-44, b.Max.X-24-20, b.Max.Y-24-8)
	near := func(v uint32, want int) bool { d := int(v>>8) - want; return d > -28 && d < 28 }
	in, all := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			all++
			if near(cr, 0x15) && near(cg, 0x22) && near(cb, 0x3d) {
				in++
			}
		}
	}
	return all > 0 && float64(in)/float64(all) > 0.5
}

// A curator walks up to a running kiosk with sticks: a signed newer
// bundle is applied within seconds (banner, new season, result file);
// an older and an unsigned one are refused with result files; a stick
// pulled out while its catalogue is being copied leaves the catalogue
// whole, and put back in, it is applied copying only what was left.
func TestStickAtARunningKiosk(t *testing.T) {
	d, bin := setup(t)
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	sticks := filepath.Join(tmp, "removable")
	os.MkdirAll(sticks, 0o755)
	pub := newStickPublisher(t, tmp)

	// The hall runs the demo, signed by the curators' key an hour ago.
	base := filepath.Join(tmp, "base")
	pub.bundle(base, "demo-signed", time.Now().Add(-time.Hour), nil)
	if out, err := exec.Command(bin, "--data", data, "import", "--trust", pub.keyPath+".pub", base).CombinedOutput(); err != nil {
		t.Fatalf("preparing the hall: %v\n%s", err, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 12*time.Minute)
	defer cancel()
	k, err := StartKiosk(ctx, d, bin, "--data", data, "kiosk", "--removable", sticks)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		k.Stop()
		os.WriteFile(filepath.Join(shots, "stick-kiosk.log"), []byte(k.Log()), 0o644)
	}()
	if !k.WaitLog("watching for catalogue bundles on USB sticks", 60*time.Second) {
		t.Fatalf("the kiosk does not watch the removable folder; log:\n%s", k.Log())
	}
	var before image.Image
	if !waitFor(30*time.Second, func() bool { before = shot(t, d, "stick-0-before"); return Spread(before) >= 20 }) {
		t.Fatal("the attract screen looks blank")
	}

	// 1. A newer season on a stick: applied by itself within seconds.
	spring := filepath.Join(tmp, "spring.zip")
	pub.bundle(spring, "2027-spring", time.Now(), &catalog.Text{Hans: "二〇二七春季展期", Hant: "二〇二七春季展期", En: "Spring 2027 rotation"})
	stickA := filepath.Join(sticks, "CURATOR")
	copied := time.Now()
	insertStick(t, sticks, "CURATOR", "showhall/spring.zip", spring)
	// Within seconds on an idle machine; longer on a loaded one.
	if !k.WaitLog("new catalogue from a USB stick", 180*time.Second) {
		t.Fatalf("the newer bundle was not applied; log:\n%s", k.Log())
	}
	took := time.Since(copied)
	var withBanner image.Image
	// The UI draws it a moment later; on a loaded machine a few seconds.
	if !waitFor(30*time.Second, func() bool { withBanner = shot(t, d, "stick-1-banner"); return bannerShown(withBanner) }) {
		t.Fatal("no banner in the lower right corner after the stick was applied (see stick-1-banner.png)")
	}
	if !k.WaitLog("new_catalogue=true", 30*time.Second) {
		t.Fatalf("the attract screen was not renewed with the new catalogue; log:\n%s", k.Log())
	}
	time.Sleep(time.Second)
	after := shot(t, d, "stick-2-new-season")
	if Difference(before, after) < 0.02 {
		t.Fatal("the screen did not change with the new season")
	}
	res := resultOn(t, stickA, 5*time.Second)
	if !strings.Contains(res, "outcome:   applied") || !strings.Contains(res, "catalogue: 2027-spring") {
		t.Fatalf("result file on the stick:\n%s", res)
	}
	t.Logf("applied %v after the copy; result file:\n%s", took.Round(100*time.Millisecond), res)

	// 2. An older catalogue and an unsigned one: refused, said on the stick.
	older := filepath.Join(sticks, "OLDER")
	pub.bundle(filepath.Join(tmp, "older.zip"), "2026-autumn", time.Now().Add(-2*time.Hour), nil)
	insertStick(t, sticks, "OLDER", "older.zip", filepath.Join(tmp, "older.zip"))
	unsigned := filepath.Join(sticks, "UNSIGNED")
	pub.bundle(filepath.Join(tmp, "unsigned"), "2027-forged", time.Now(), nil)
	os.Remove(filepath.Join(tmp, "unsigned", feed.SignatureName))
	insertStick(t, sticks, "UNSIGNED", "showhall/unsigned", filepath.Join(tmp, "unsigned"))
	if res := resultOn(t, older, 120*time.Second); !strings.Contains(res, "outcome:   refused") || !strings.Contains(res, "older") {
		t.Fatalf("older bundle's result:\n%s", res)
	}
	if res := resultOn(t, unsigned, 120*time.Second); !strings.Contains(res, "outcome:   refused") || !strings.Contains(res, "not signed") {
		t.Fatalf("unsigned bundle's result:\n%s", res)
	}

	// 3. Pulled out mid-copy: many large files, the stick removed as soon
	// as the kiosk has copied the first of them.
	big := filepath.Join(tmp, "big")
	doc, where, err := feedtest.Catalogue(40, 77, filepath.Join(tmp, "big-src"), feedtest.MediaOptions{VideoEvery: 1, VideoSize: 3 << 20, Seed: 77})
	if err != nil {
		t.Fatal(err)
	}
	priv, _ := feed.ReadPrivateKey(pub.keyPath)
	doc.Version = "2027-big"
	if err := feed.Publish(big, doc, where, feed.WriteOptions{Key: priv, Generated: time.Now().UTC()}); err != nil {
		t.Fatal(err)
	}
	mediaStore := filepath.Join(data, "media", "blobs") // the media themselves, not their thumbnails
	countMedia := func() int {
		n := 0
		filepath.WalkDir(mediaStore, func(_ string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	had := countMedia()
	stickB := filepath.Join(sticks, "PULLED")
	insertStick(t, sticks, "PULLED", "big", big)
	if !k.WaitLog("bundle="+filepath.Join(stickB, "big"), 60*time.Second) || !waitFor(120*time.Second, func() bool { return countMedia() > had+2 }) {
		t.Fatalf("the kiosk did not start copying the large bundle; log:\n%s", k.Log())
	}
	pullStick(t, sticks, "PULLED")
	if !k.WaitLog("the USB stick was removed before its catalogue was copied", 30*time.Second) {
		t.Fatalf("pulling the stick out was not noticed as such; log:\n%s", k.Log())
	}
	kept := countMedia() - had
	if strings.Contains(k.Log(), "version=2027-big") {
		t.Fatal("the catalogue changed although the stick was pulled out")
	}
	// The copy's banner leaves with the stick: nothing is coming.
	if !waitFor(5*time.Second, func() bool { return !bannerShown(shot(t, d, "stick-3-banner-gone")) }) {
		t.Fatal("the stick's banner stayed after it was pulled out (see stick-3-banner-gone.png)")
	}
	pulledShot := shot(t, d, "stick-3-after-pulled")
	// Blank is one flat colour (a spread near 0); the spring season's
	// teal promo spreads about 19, the demo's about 55.
	if Spread(pulledShot) < 8 || DarkShare(pulledShot) > 0.9 {
		t.Fatalf("the screen looks blank after the stick was pulled out (spread %.1f, dark %.2f)", Spread(pulledShot), DarkShare(pulledShot))
	}
	// Put back in: applied, copying only what was left.
	insertStick(t, sticks, "PULLED", "big", big)
	if res := resultOn(t, stickB, 240*time.Second); !strings.Contains(res, "outcome:   applied") {
		t.Fatalf("the stick put back in:\n%s\nlog:\n%s", res, k.Log())
	} else {
		var copiedAgain int
		for _, l := range strings.Split(res, "\n") {
			if strings.HasPrefix(l, "media:") {
				fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "media:")), "%d", &copiedAgain)
			}
		}
		if copiedAgain > len(doc.Media)-kept+1 {
			t.Fatalf("put back in, the stick copied %d of %d files, though %d were kept", copiedAgain, len(doc.Media), kept)
		}
		t.Logf("pulled out after %d of %d files; put back, %d copied", kept, len(doc.Media), copiedAgain)
	}
}

// A signed notice and signed opening hours carried on a stick: the
// notice shows, and each stick holds a result file saying what the
// screen did; an unsigned notice is refused, said on its stick.
func TestNoticeAndHoursOnAStickAtARunningKiosk(t *testing.T) {
	d, bin := setup(t)
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	sticks := filepath.Join(tmp, "removable")
	os.MkdirAll(sticks, 0o755)
	key := filepath.Join(tmp, "curator")
	if _, err := run(t, bin, "keygen", "--out", key); err != nil {
		t.Fatal(err)
	}
	k := kioskWatchingSticks(t, d, bin, data, sticks, key+".pub")

	now := time.Now()
	n := notice.Notice{ID: "stick-close-early", Level: notice.Info, Start: now.Add(-time.Minute), End: now.Add(time.Hour), Signed: now,
		Text: catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"}}
	signed := signedNoticeFile(t, key, n)
	insertStick(t, sticks, "NOTICE", "showhall/close.notice", signed)
	var f notice.File
	raw, _ := os.ReadFile(signed)
	json.Unmarshal(raw, &f)
	f.Signature = ""
	raw, _ = json.Marshal(f)
	os.MkdirAll(filepath.Join(sticks, "UNSIGNED"), 0o755)
	os.WriteFile(filepath.Join(sticks, "UNSIGNED", "forged.notice"), raw, 0o644)

	if res := resultOn(t, filepath.Join(sticks, "NOTICE"), 120*time.Second); !strings.Contains(res, "outcome:   applied") ||
		!strings.Contains(res, "document:  notice stick-close-early") {
		t.Fatalf("the signed notice's result:\n%s\nlog:\n%s", res, k.Log())
	}
	if res := resultOn(t, filepath.Join(sticks, "UNSIGNED"), 60*time.Second); !strings.Contains(res, "outcome:   refused") ||
		!strings.Contains(res, "the notice is not signed") {
		t.Fatalf("the unsigned notice's result:\n%s", res)
	}
	// Opening hours that keep the screen on, signed: followed, said on
	// the stick.
	priv, _ := feed.ReadPrivateKey(key)
	h := hours.Default()
	h.Signed = now
	hf, err := hours.Sign(priv, h)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(sticks, "HOURS"), 0o755)
	os.WriteFile(filepath.Join(sticks, "HOURS", "hall"+hours.Ext), hf, 0o644)
	if res := resultOn(t, filepath.Join(sticks, "HOURS"), 60*time.Second); !strings.Contains(res, "outcome:   applied") ||
		!strings.Contains(res, "document:  opening hours") {
		t.Fatalf("the hours' result:\n%s", res)
	}
	var share float64
	if !waitFor(60*time.Second, func() bool {
		share = accentShare(shot(t, d, "stick-notice-banner"), image.Rect(0, 0, 1920, 40))
		return share > 0.6
	}) {
		t.Fatalf("%.2f of the top strip is the notice banner's colour", share)
	}
}

// A bundle `showhall export` wrote carries the hall's notice inside it:
// the notice came to the curator's data folder beside an older bundle
// (as screens used to write them), the export puts it in the zip, and
// the zip copied alone onto a stick at a running kiosk brings the notice
// on screen, the stick's result file saying what became of it.
func TestBundleOnAStickCarriesTheHallsNotice(t *testing.T) {
	d, bin := setup(t)
	tmp := t.TempDir()
	p := newStickPublisher(t, tmp)
	now := time.Now()
	base := filepath.Join(tmp, "mail", "base")
	p.bundle(base, "2027-base", now.Add(-time.Hour), &catalog.Text{Hans: "基础", Hant: "基礎", En: "Base"})
	n := notice.Notice{ID: "bundle-close-early", Level: notice.Info, Start: now.Add(-time.Minute), End: now.Add(time.Hour), Signed: now,
		Text: catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"}}
	copyTree(t, signedNoticeFile(t, p.keyPath, n), filepath.Join(tmp, "mail", "close.notice"))
	curator := filepath.Join(tmp, "curator-data")
	if out, err := run(t, bin, "--data", curator, "import", "--trust", p.keyPath+".pub", base); err != nil ||
		!strings.Contains(out, "close.notice: notice bundle-close-early taken") {
		t.Fatalf("the curator's import: %v\n%s", err, out)
	}
	zip := filepath.Join(tmp, "export", "season.zip")
	os.MkdirAll(filepath.Dir(zip), 0o755)
	if out, err := run(t, bin, "--data", curator, "export", "--key", p.keyPath, "--out", zip); err != nil ||
		!strings.Contains(out, "with hall/notice-bundle-close-early.notice") {
		t.Fatalf("the export: %v\n%s", err, out)
	}
	if beside, _ := os.ReadDir(filepath.Dir(zip)); len(beside) != 1 {
		t.Fatalf("the export wrote beside the bundle: %v", beside)
	}

	data := filepath.Join(tmp, "data")
	sticks := filepath.Join(tmp, "removable")
	os.MkdirAll(sticks, 0o755)
	k := kioskWatchingSticks(t, d, bin, data, sticks, p.keyPath+".pub")
	insertStick(t, sticks, "BUNDLE", "showhall/season.zip", zip)
	res := resultOn(t, filepath.Join(sticks, "BUNDLE"), 180*time.Second)
	if !strings.Contains(res, "outcome:   applied") ||
		!strings.Contains(res, "document:  hall/notice-bundle-close-early.notice: notice bundle-close-early taken") {
		t.Fatalf("the bundle's result:\n%s\nlog:\n%s", res, k.Log())
	}
	var share float64
	if !waitFor(60*time.Second, func() bool {
		share = accentShare(shot(t, d, "stick-bundle-notice-banner"), image.Rect(0, 0, 1920, 40))
		return share > 0.6
	}) {
		t.Fatalf("%.2f of the top strip is the notice banner's colour; log:\n%s", share, k.Log())
	}
}

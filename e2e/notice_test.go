package e2e

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/notice"
)

// TestAnInfoNoticeShowsOverTheAttractScreen gives the real kiosk a
// notice signed by a key it trusts and one signed by a stranger: the
// first shows as a banner across the top of the attract screen, the
// second is refused.
func TestAnInfoNoticeShowsOverTheAttractScreen(t *testing.T) {
	d, bin := setup(t)
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	k, err := StartKiosk(ctx, d, bin, "--data", data, "kiosk")
	if err != nil {
		t.Fatal(err)
	}
	if !k.WaitLog("first frame", 60*time.Second) {
		k.Stop()
		t.Fatalf("no first frame:\n%s", k.Log())
	}
	k.Stop()

	pub, priv, _ := ed25519.GenerateKey(nil)
	_, stranger, _ := ed25519.GenerateKey(nil)
	now := time.Now()
	n := notice.Notice{ID: "close-early", Level: notice.Info, Start: now.Add(-time.Minute), End: now.Add(time.Hour), Signed: now,
		Text: catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"}}
	good, err := notice.Sign(priv, n)
	if err != nil {
		t.Fatal(err)
	}
	n.ID, n.Level = "forged", notice.Urgent
	bad, _ := notice.Sign(stranger, n)
	keys := []feed.PublicKey{feed.PublicKey(pub)}
	var b notice.Board
	if _, err := b.Accept(good, keys, now); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Accept(bad, keys, now); err == nil {
		t.Fatal("a notice signed by a stranger was accepted")
	}
	db, err := store.Open(filepath.Join(data, "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.PutSetting(hall.SettingTrustedKeys, []string{feed.PublicKey(pub).String()})
	if err == nil {
		// The stranger's file is slipped onto the board as well: the
		// kiosk checks every file again when it reads them.
		b.Files = append(b.Files, bad)
		err = db.PutSetting(hall.SettingNotices, b)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	k, err = StartKiosk(ctx, d, bin, "--data", data, "kiosk")
	if err != nil {
		t.Fatal(err)
	}
	defer k.Stop()
	if !k.WaitLog("notice banner", 60*time.Second) {
		t.Fatalf("no notice banner:\n%s", k.Log())
	}
	// The banner is the hall's accent colour across the top (a loaded
	// machine's software renderer may take a while to draw).
	var share float64
	if !waitFor(60*time.Second, func() bool {
		share = accentShare(shot(t, d, "notice-banner-attract"), image.Rect(0, 0, 1920, 40))
		return share > 0.6
	}) {
		t.Fatalf("%.2f of the top strip is the banner's colour", share)
	}
	if k.WaitLog("urgent notice on screen", time.Second) {
		t.Fatal("the stranger's urgent notice was shown")
	}
}

// accentShare is the share of sampled pixels in r near the hall's
// accent colour (#ffb33b).
func accentShare(img image.Image, r image.Rectangle) float64 {
	var hit, n float64
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 4 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if close8(cr>>8, 0xff) && close8(cg>>8, 0xb3) && close8(cb>>8, 0x3b) {
				hit++
			}
			n++
		}
	}
	return hit / n
}

// close8 allows for the software renderer's blending at text edges.
func close8(v uint32, want uint32) bool { return v+24 >= want && v <= want+24 }

// hallPair starts two kiosks on screens of their own, each the other's
// peer, both trusting the curator key it returns (made by keygen).
func hallPair(t *testing.T) (ds [2]*Display, bin, key string, addrs [2]string, ks [2]*Kiosk) {
	t.Helper()
	d, bin := setupScreen(t, 1280, 720)
	d2, err := StartXvfb(1280, 720)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d2.Stop)
	ds = [2]*Display{d, d2}
	key = filepath.Join(t.TempDir(), "curator")
	if _, err := run(t, bin, "keygen", "--out", key); err != nil {
		t.Fatal(err)
	}
	pub, err := feed.ReadPublicKey(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	addrs = [2]string{freePort(t), freePort(t)}
	for i := range ds {
		data := t.TempDir()
		startHallKiosk(t, ds[i], bin, data, "off").Stop()
		db, err := store.Open(filepath.Join(data, "catalogue.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = db.PutSetting(hall.SettingTrustedKeys, []string{pub.String()})
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		ks[i] = startHallKiosk(t, ds[i], bin, data, addrs[i], "--peers", addrs[1-i])
	}
	return ds, bin, key, addrs, ks
}

// signedNoticeFile writes n signed with the curator key at key.
func signedNoticeFile(t *testing.T, key string, n notice.Notice) string {
	t.Helper()
	priv, err := feed.ReadPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	file, err := notice.Sign(priv, n)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), n.ID+notice.Ext)
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// bannerOn waits until the top strip of d shows the notice banner (on)
// or no longer does.
func bannerOn(t *testing.T, d *Display, name string, on bool) bool {
	t.Helper()
	return waitFor(60*time.Second, func() bool {
		share := accentShare(shot(t, d, name), image.Rect(0, 0, 1280, 30))
		return (share > 0.6) == on
	})
}

// A notice handed to one screen with `hall command notice` shows on
// every screen: the others take it from that one. Withdrawn at another
// screen, it is withdrawn from every screen the same way, and the first
// version never comes back. An unsigned one is refused by each.
func TestANoticeGivenToOneScreenShowsOnEveryScreen(t *testing.T) {
	ds, bin, key, addrs, ks := hallPair(t)
	now := time.Now()
	n := notice.Notice{ID: "lan-close-early", Level: notice.Info, Start: now.Add(-time.Minute), End: now.Add(time.Hour), Signed: now,
		Text: catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"}}
	path := signedNoticeFile(t, key, n)

	// Unsigned: the same notice with its signature taken off.
	raw, _ := os.ReadFile(path)
	var f notice.File
	json.Unmarshal(raw, &f)
	f.Signature = ""
	unsignedRaw, _ := json.Marshal(f)
	unsigned := filepath.Join(t.TempDir(), "unsigned.notice")
	os.WriteFile(unsigned, unsignedRaw, 0o644)
	out, err := run(t, bin, "hall", "command", "--key", key, "--peers", addrs[0], "notice", "--file", unsigned)
	if err == nil || !answered(out, addrs[:], "refused: the notice is not signed") {
		t.Fatalf("an unsigned notice: %q, %v", out, err)
	}

	// Handed to one screen only: the other takes it from that one.
	out, _ = run(t, bin, "hall", "command", "--key", key, "--peers", addrs[0], "--to", addrs[0], "notice", "--file", path)
	if !answered(out, addrs[:1], "notice lan-close-early (info) shows from") {
		t.Fatalf("notice: %q", out)
	}
	for i, k := range ks {
		if !k.WaitLog("notice banner", 60*time.Second) {
			t.Fatalf("screen %d shows no banner:\n%s", i+1, k.Log())
		}
		if !bannerOn(t, ds[i], fmt.Sprintf("hall-notice-%d-shown", i+1), true) {
			t.Fatalf("screen %d: no banner across the top", i+1)
		}
	}
	// Sent again: each screen has it already.
	out, _ = run(t, bin, "hall", "command", "--key", key, "--peers", addrs[1], "notice", "--file", path)
	if !answered(out, addrs[:], "has this version already") {
		t.Fatalf("the same notice again: %q", out)
	}

	if !ks[1].WaitLog("notice taken from another screen", time.Second) {
		t.Fatalf("the second screen did not say where its notice came from:\n%s", ks[1].Log())
	}
	// Withdrawn at the second screen only: the first takes the withdrawal.
	out, _ = run(t, bin, "hall", "command", "--key", key, "--peers", addrs[0], "--to", addrs[1], "notice", "--withdraw", "--file", path)
	if !answered(out, addrs[1:], "notice lan-close-early withdrawn") {
		t.Fatalf("withdraw: %q", out)
	}
	for i := range ds {
		if !bannerOn(t, ds[i], fmt.Sprintf("hall-notice-%d-withdrawn", i+1), false) {
			t.Fatalf("screen %d: the withdrawn notice still shows", i+1)
		}
	}
	// The first version again is older than the withdrawal: refused.
	if out, _ = run(t, bin, "hall", "command", "--key", key, "--peers", addrs[0], "notice", "--file", path); !answered(out, addrs[:], "refused: an older version of this notice is refused") {
		t.Fatalf("the notice came back after its withdrawal: %q", out)
	}
}

// answered reports whether `hall command` says want for each screen at
// addrs. Other screens on this machine's network (found by multicast,
// trusting other keys) may answer as well: they are not counted.
func answered(out string, addrs []string, want string) bool {
	for _, a := range addrs {
		found := false
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "("+a+"): ") && strings.Contains(line, want) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

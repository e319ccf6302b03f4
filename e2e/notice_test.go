package e2e

import (
	"context"
	"crypto/ed25519"
	"image"
	"path/filepath"
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

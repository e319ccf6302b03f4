package notice

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/feed"
)

func key(t *testing.T) (ed25519.PrivateKey, feed.PublicKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return priv, feed.PublicKey(pub)
}

var t0 = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

func closingEarly() Notice {
	return Notice{ID: "close-1600", Level: Info,
		Text:  catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"},
		Start: t0, End: t0.Add(10 * time.Hour), Signed: t0.Add(-time.Hour)}
}

func TestASignedNoticeIsAcceptedAndShownUntilItEnds(t *testing.T) {
	priv, pub := key(t)
	file, err := Sign(priv, closingEarly())
	if err != nil {
		t.Fatal(err)
	}
	var b Board
	if _, err := b.Accept(file, []feed.PublicKey{pub}, t0); err != nil {
		t.Fatal(err)
	}
	ns := b.Notices([]feed.PublicKey{pub})
	if info, urgent := Showing(ns, t0.Add(time.Hour)); info == nil || info.Text.En != "The hall closes at 16:00 today" || urgent != nil {
		t.Fatalf("showing %v %v", info, urgent)
	}
	if info, _ := Showing(ns, t0.Add(10*time.Hour)); info != nil {
		t.Fatal("the notice still shows at its end")
	}
	if info, _ := Showing(ns, t0.Add(-time.Minute)); info != nil {
		t.Fatal("the notice shows before its start")
	}
	if next := Next(ns, t0.Add(time.Hour)); !next.Equal(t0.Add(10 * time.Hour)) {
		t.Fatalf("next change %v", next)
	}
	// Once over, the next notice accepted lets it go.
	later := closingEarly()
	later.ID, later.Start, later.End = "next", t0.Add(24*time.Hour), t0.Add(30*time.Hour)
	f2, _ := Sign(priv, later)
	if _, err := b.Accept(f2, []feed.PublicKey{pub}, t0.Add(11*time.Hour)); err != nil || len(b.Files) != 1 {
		t.Fatalf("%v, %d files", err, len(b.Files))
	}
}

func TestUnsignedAndUnknownNoticesAreRefused(t *testing.T) {
	priv, pub := key(t)
	_, other := key(t)
	file, _ := Sign(priv, closingEarly())
	var b Board
	if _, err := b.Accept(file, []feed.PublicKey{other}, t0); !errors.Is(err, ErrUnknown) {
		t.Fatalf("unknown key: %v", err)
	}
	unsigned := []byte(`{"format":"showhall-notice/1","notice":"{\"id\":\"x\"}","signature":""}`)
	if _, err := b.Accept(unsigned, []feed.PublicKey{pub}, t0); !errors.Is(err, ErrUnsigned) {
		t.Fatalf("unsigned: %v", err)
	}
	// Changed after signing: the English text made urgent.
	forged := strings.Replace(string(file), `\"level\":\"info\"`, `\"level\":\"urgent\"`, 1)
	if forged == string(file) {
		t.Fatal("the test did not change the notice")
	}
	if _, err := b.Accept([]byte(forged), []feed.PublicKey{pub}, t0); !errors.Is(err, ErrUnknown) {
		t.Fatalf("changed after signing: %v", err)
	}
	if _, err := b.Accept([]byte("hello"), []feed.PublicKey{pub}, t0); err == nil || !strings.Contains(err.Error(), "not a showhall notice") {
		t.Fatalf("not a notice: %v", err)
	}
	if len(b.Files) != 0 {
		t.Fatal("a refused notice was kept")
	}
}

func TestANewerVersionWithdrawsAndAnOlderOneIsRefused(t *testing.T) {
	priv, pub := key(t)
	keys := []feed.PublicKey{pub}
	n := closingEarly()
	first, _ := Sign(priv, n)
	var b Board
	b.Accept(first, keys, t0)
	if _, err := b.Accept(first, keys, t0); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("the same file again: %v", err)
	}
	w := n
	w.Withdrawn, w.Signed = true, n.Signed.Add(time.Minute)
	withdrawal, _ := Sign(priv, w)
	if _, err := b.Accept(withdrawal, keys, t0); err != nil {
		t.Fatal(err)
	}
	if info, _ := Showing(b.Notices(keys), t0.Add(time.Hour)); info != nil {
		t.Fatal("a withdrawn notice still shows")
	}
	if _, err := b.Accept(first, keys, t0); !errors.Is(err, ErrOlder) {
		t.Fatalf("the older version carried back: %v", err)
	}
	if len(b.Files) != 1 {
		t.Fatalf("%d files kept", len(b.Files))
	}
}

func TestBadNoticesAreNotSigned(t *testing.T) {
	priv, _ := key(t)
	n := closingEarly()
	n.Text.Hant = ""
	n.Level = "loud"
	n.End = n.Start.Add(-time.Hour)
	_, err := Sign(priv, n)
	for _, want := range []string{"no 繁體中文 text", `level "loud"`, "must end after it starts"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in %v", want, err)
		}
	}
	n = closingEarly()
	n.Text.En = strings.Repeat("x", MaxRunes+1)
	if _, err := Sign(priv, n); err == nil || !strings.Contains(err.Error(), "at most 140") {
		t.Errorf("a long text: %v", err)
	}
}

func TestAnUrgentNoticeComesBeforeInfo(t *testing.T) {
	priv, pub := key(t)
	var b Board
	info := closingEarly()
	urgent := Notice{ID: "evacuate", Level: Urgent, Text: catalog.Text{Hans: "紧急疏散", Hant: "緊急疏散", En: "Please leave the hall"},
		Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour), Signed: t0}
	for _, n := range []Notice{info, urgent} {
		f, _ := Sign(priv, n)
		if _, err := b.Accept(f, []feed.PublicKey{pub}, t0); err != nil {
			t.Fatal(err)
		}
	}
	i, u := Showing(b.Notices([]feed.PublicKey{pub}), t0.Add(90*time.Minute))
	if u == nil || u.ID != "evacuate" || i == nil {
		t.Fatalf("info %v urgent %v", i, u)
	}
}

package app

import (
	"context"
	"crypto/ed25519"
	"errors"
	"image"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"showhall/hallnet"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
)

// docScreen is another screen of the hall holding notices and hours: a
// real data folder, its status and documents served on loopback as a
// kiosk's endpoint serves them.
type docScreen struct {
	id   string
	data *Data
	addr string
	now  time.Time
}

func (p *docScreen) Status() hallnet.Status {
	st := hallnet.Status{Name: p.id, ID: p.id, LastFrame: time.Now(), Display: "on"}
	_, st.Notices, st.HoursSigned, _ = heldDocuments(p.data, p.now)
	return st
}

func (p *docScreen) Screenshot(context.Context) (image.Image, error) { return nil, errors.New("none") }

func newDocScreen(t *testing.T, id string, now time.Time, trusted feed.PublicKey) *docScreen {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	data, err := openData(t.TempDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	if _, err := feed.Trust(data.DB, trusted); err != nil {
		t.Fatal(err)
	}
	p := &docScreen{id: id, data: data, now: now}
	mux := http.NewServeMux()
	mux.Handle(hallnet.PathDocuments, hallnet.DocumentsHandler(func() (hallnet.Documents, error) {
		d, _, _, err := heldDocuments(data, now)
		return d, err
	}, log))
	mux.Handle("/", hallnet.Handler(p, nil, log))
	srv, err := hallnet.Listen("127.0.0.1:0", mux, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	p.addr = srv.Addr()
	return p
}

// A notice and the opening hours given to one screen reach another that
// sees them newer in its status, with the same checks: a notice forged
// by a stranger is refused (and not read again from that screen), and a
// screen that holds a newer version never goes back to the older one a
// peer still offers.
func TestNoticesAndHoursTravelFromScreenToScreen(t *testing.T) {
	k, now := testKiosk(t)
	logged := &lockedLog{}
	log := slog.New(slog.NewTextHandler(logged, nil))
	pub, priv := curatorKey(t)
	_, stranger, _ := ed25519.GenerateKey(nil)

	peer := newDocScreen(t, "peer", *now, pub)
	self, err := openData(t.TempDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	defer self.Close()
	feed.Trust(self.DB, pub)

	n := notice.Notice{ID: "close-early", Level: notice.Info, Start: now.Add(-time.Minute), End: now.Add(time.Hour), Signed: now.Add(-time.Minute),
		Text: catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"}}
	file, _ := notice.Sign(priv, n)
	if _, _, err := acceptNotice(peer.data, file, *now); err != nil {
		t.Fatal(err)
	}
	forgedNotice := n
	forgedNotice.ID, forgedNotice.Level = "forged", notice.Urgent
	forged, _ := notice.Sign(stranger, forgedNotice)
	var b notice.Board
	peer.data.DB.GetSetting(hall.SettingNotices, &b)
	b.Files = append(b.Files, forged) // slipped onto the peer's board
	peer.data.DB.PutSetting(hall.SettingNotices, b)
	h := hours.Default()
	h.Follow, h.Signed = true, now.Add(-time.Minute)
	hoursSigned, _ := hours.Sign(priv, h)
	if _, err := acceptHours(peer.data, hoursSigned); err != nil {
		t.Fatal(err)
	}

	failed := map[string]bool{}
	k.takeDocuments(context.Background(), &hallnet.Client{}, self, "self", []string{peer.addr}, failed, log)
	ns := loadNotices(self, log)
	if len(ns) != 1 || ns[0].ID != "close-early" {
		t.Fatalf("after one look at the hall: %+v", ns)
	}
	if got, _, _ := hall.LoadHours(self.DB); !got.Follow || !got.Signed.Equal(h.Signed) {
		t.Fatalf("hours taken: %+v", got)
	}
	if c := strings.Count(logged.String(), "a notice offered by another screen was refused"); c != 1 {
		t.Fatalf("the forged notice was refused %d times:\n%s", c, logged.String())
	}
	// Nothing newer: the next look reads nothing again, not even the
	// forged notice.
	k.takeDocuments(context.Background(), &hallnet.Client{}, self, "self", []string{peer.addr}, failed, log)
	if c := strings.Count(logged.String(), "refused"); c != 1 {
		t.Fatalf("the second look refused again:\n%s", logged.String())
	}

	// Withdrawn here (a curator's newer version): the peer's older one
	// does not bring the notice back.
	n.Withdrawn, n.Signed = true, *now
	withdrawal, _ := notice.Sign(priv, n)
	if _, _, err := acceptNotice(self, withdrawal, *now); err != nil {
		t.Fatal(err)
	}
	k.takeDocuments(context.Background(), &hallnet.Client{}, self, "self", []string{peer.addr}, failed, log)
	if ns := loadNotices(self, log); len(ns) != 1 || !ns[0].Withdrawn {
		t.Fatalf("after the peer offered the older version: %+v", ns)
	}
	// ... and the peer takes the withdrawal from this screen.
	selfScreen := newDocScreen(t, "self", *now, pub)
	if _, _, err := acceptNotice(selfScreen.data, withdrawal, *now); err != nil {
		t.Fatal(err)
	}
	k.takeDocuments(context.Background(), &hallnet.Client{}, peer.data, "peer", []string{selfScreen.addr}, map[string]bool{}, log)
	if ns := loadNotices(peer.data, log); len(ns) != 1 || !ns[0].Withdrawn {
		t.Fatalf("the peer after the hall spread the withdrawal: %+v", ns)
	}
}

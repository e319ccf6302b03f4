package app

import (
	"strings"
	"testing"
	"time"

	"showhall/hallnet"
	"showhall/screens/curator"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
)

// commandPeer is another screen of the hall that carries out commands as
// a kiosk does: a real data folder and gate, on loopback.
func commandPeer(t *testing.T, k *kiosk, id string, trusted ...feed.PublicKey) (*Data, string) {
	t.Helper()
	data, err := openData(t.TempDir(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	if len(trusted) > 0 {
		feed.Trust(data.DB, trusted...)
	}
	sc := &kioskScreen{k: k, data: data, id: hall.Identity{ID: id, Name: id}, started: time.Now(), log: quietLog()}
	gate := &hallnet.Gate{ID: id, Trusted: func() ([]feed.PublicKey, error) { return feed.TrustedKeys(data.DB) },
		Accept: (&hall.Nonces{Settings: data.DB, Keep: 3 * hallnet.CommandWindow}).Accept, Do: sc.do}
	srv, err := hallnet.Listen("127.0.0.1:0", hallnet.Handler(sc, gate, quietLog()), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return data, srv.Addr()
}

// The console at one screen sends a published notice and saved hours to
// every other screen of the hall over real hall commands; a screen that
// trusts the console's key takes them, one that does not refuses them,
// and the console hears which.
func TestTheConsoleSendsNoticesAndHoursToTheHall(t *testing.T) {
	k, _ := testKiosk(t)
	self, err := openData(t.TempDir(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer self.Close()
	b := newCuratorBackend(self, k.snap.Load(), quietLog())
	b.k = k
	if _, _, err := b.curatorKey(); err != nil {
		t.Fatal(err)
	}
	own, err := feed.ReadPublicKey(curatorKeyPath(self) + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	east, eastAddr := commandPeer(t, k, "east", own)
	_, westAddr := commandPeer(t, k, "west") // trusts no curator key
	k.hall.endpoint.Store(&hallEndpoint{screen: &kioskScreen{k: k, id: hall.Identity{ID: "self", Name: "self"},
		peers: func() []string { return []string{eastAddr, westAddr} }}})

	now := time.Now()
	n := notice.Notice{ID: "close-early", Level: notice.Info, Start: now.Add(-time.Minute), End: now.Add(time.Hour),
		Text: catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"}}
	if _, err := b.PublishNotice(n); err != nil {
		t.Fatal(err)
	}
	answers := map[string]curator.Delivery{}
	for _, d := range b.SendToHall(curator.SentNotice, n.ID) {
		answers[d.Screen] = d
	}
	if d := answers["east"]; len(answers) != 2 || !d.Taken {
		t.Fatalf("the notice sent: %+v", answers)
	}
	if d := answers["west"]; !d.Reached || d.Taken || !strings.Contains(d.Reason, "not from a curator key this screen trusts") {
		t.Fatalf("the screen trusting no key: %+v", d)
	}
	if ns := loadNotices(east, quietLog()); len(ns) != 1 || ns[0].ID != "close-early" {
		t.Fatalf("east's notices: %+v", ns)
	}

	h := hours.Default()
	h.Follow = true
	if err := b.SaveHours(h); err != nil {
		t.Fatal(err)
	}
	ds := b.SendToHall(curator.SentHours, "")
	taken := 0
	for _, d := range ds {
		if d.Taken {
			taken++
		}
	}
	if got, _, _ := hall.LoadHours(east.DB); taken != 1 || !got.Follow || got.Signed.IsZero() {
		t.Fatalf("hours sent: %+v; east follows %+v", ds, got)
	}
	// Sent again: east has them already, and says so.
	for _, d := range b.SendToHall(curator.SentHours, "") {
		if d.Screen == "east" && (!d.Taken || !strings.Contains(d.Reason, "already")) {
			t.Fatalf("the same hours again: %+v", d)
		}
	}
}

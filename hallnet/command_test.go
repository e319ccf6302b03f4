package hallnet

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"showhall/store"
	"showhall/store/feed"
	"showhall/store/hall"
)

// commandScreen is a screen with a command gate: its trusted keys and
// nonces in a real hall.db, and the commands it carried out listed.
type commandScreen struct {
	srv  *Server
	db   *store.DB
	mu   sync.Mutex
	done []string
}

func newCommandScreen(t *testing.T, trusted ...feed.PublicKey) *commandScreen {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := feed.Trust(db, trusted...); err != nil {
		t.Fatal(err)
	}
	cs := &commandScreen{db: db}
	nonces := &hall.Nonces{Settings: db, Keep: 3 * CommandWindow}
	gate := &Gate{ID: "screen-1", Trusted: func() ([]feed.PublicKey, error) { return feed.TrustedKeys(db) },
		Accept: nonces.Accept,
		Do: func(ctx context.Context, c Command) (string, error) {
			cs.mu.Lock()
			defer cs.mu.Unlock()
			cs.done = append(cs.done, c.Action)
			if c.Action == ActionNotice {
				return "", ErrUnsupported
			}
			return c.Action + " done", nil
		}}
	sc := fresh("screen one", "screen-1")
	cs.srv, err = Listen("127.0.0.1:0", Handler(sc, gate, quiet()), quiet())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.srv.Close() })
	return cs
}

func (cs *commandScreen) carriedOut() []string {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return append([]string(nil), cs.done...)
}

func curatorKey(t *testing.T) (feed.PublicKey, ed25519.PrivateKey) {
	path := filepath.Join(t.TempDir(), "curator")
	pub, err := feed.WriteKeyPair(path)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := feed.ReadPrivateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

func signed(t *testing.T, priv ed25519.PrivateKey, c Command) []byte {
	env, err := SignCommand(priv, c)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// A signed command for this screen, in time, with a new nonce, is carried
// out once; every other command is refused and nothing is done.
func TestOnlyFreshSignedCommandsAreCarriedOut(t *testing.T) {
	pub, priv := curatorKey(t)
	_, stranger := curatorKey(t)
	cs := newCommandScreen(t, pub)
	c := &Client{}
	send := func(env []byte) error {
		_, err := c.SendCommand(context.Background(), cs.srv.Addr(), env)
		return err
	}
	good := signed(t, priv, Command{Action: ActionIdentify, To: "screen-1", Time: time.Now()})
	if err := send(good); err != nil {
		t.Fatalf("a good command: %v", err)
	}

	unsigned := func() []byte {
		var env Envelope
		json.Unmarshal(signed(t, priv, Command{Action: ActionRestart, To: "screen-1", Time: time.Now()}), &env)
		env.Signature = ""
		raw, _ := json.Marshal(env)
		return raw
	}()
	tampered := func() []byte {
		var env Envelope
		json.Unmarshal(signed(t, priv, Command{Action: ActionIdentify, To: "screen-1", Time: time.Now()}), &env)
		body, _ := base64.StdEncoding.DecodeString(env.Command)
		body = []byte(strings.Replace(string(body), ActionIdentify, ActionRestart, 1))
		env.Command = base64.StdEncoding.EncodeToString(body)
		raw, _ := json.Marshal(env)
		return raw
	}()
	for _, tc := range []struct {
		name, want string
		env        []byte
	}{
		{"unsigned", "not signed", unsigned},
		{"replayed", "accepted before", good},
		{"unknown key", "not from a curator key this screen trusts", signed(t, stranger, Command{Action: ActionRestart, To: "screen-1", Time: time.Now()})},
		{"an hour late", "at most 5m0s", signed(t, priv, Command{Action: ActionRestart, To: "screen-1", Time: time.Now().Add(-time.Hour)})},
		{"an hour early", "at most 5m0s", signed(t, priv, Command{Action: ActionRestart, To: "screen-1", Time: time.Now().Add(time.Hour)})},
		{"for another screen", "not this one", signed(t, priv, Command{Action: ActionRestart, To: "screen-2", Time: time.Now()})},
		{"tampered", "not from a curator key", tampered},
		{"unknown action", "unknown action", signed(t, priv, Command{Action: "format-disk", To: "screen-1", Time: time.Now()})},
		{"garbage", "not a showhall command", []byte("restart please")},
	} {
		err := send(tc.env)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want a refusal saying %q", tc.name, err, tc.want)
		}
	}
	if got := cs.carriedOut(); len(got) != 1 || got[0] != ActionIdentify {
		t.Fatalf("carried out %v; want only the one good identify", got)
	}
}

// A screen that restarts still refuses a command it accepted before.
func TestReplayIsRefusedAfterARestart(t *testing.T) {
	pub, priv := curatorKey(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "catalogue.db")
	env := signed(t, priv, Command{Action: ActionSync, To: "screen-1", Time: time.Now()})
	for i, want := range []string{"", "accepted before"} {
		db, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		feed.Trust(db, pub)
		nonces := &hall.Nonces{Settings: db, Keep: 3 * CommandWindow}
		g := &Gate{ID: "screen-1", Trusted: func() ([]feed.PublicKey, error) { return feed.TrustedKeys(db) }, Accept: nonces.Accept, Now: time.Now}
		_, _, err = g.Check(env)
		db.Close()
		if (want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Fatalf("start %d: %v; want %q", i+1, err, want)
		}
	}
}

// An action this version cannot carry out is answered as such, not as done.
func TestUnsupportedActionSaysSo(t *testing.T) {
	pub, priv := curatorKey(t)
	cs := newCommandScreen(t, pub)
	_, err := (&Client{}).SendCommand(context.Background(), cs.srv.Addr(), signed(t, priv, Command{Action: ActionNotice, To: "screen-1", Time: time.Now()}))
	if err == nil || !strings.Contains(err.Error(), "cannot do that yet") {
		t.Fatalf("notice on a screen without notices: %v", err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+cs.srv.Addr()+PathCommand, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET %s: %s", PathCommand, resp.Status)
	}
}

// A push is checked like any command before its bundle is read; only a
// push command carries one.
func TestPushIsACommandLikeAnyOther(t *testing.T) {
	pub, priv := curatorKey(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	feed.Trust(db, pub)
	var got []string
	nonces := &hall.Nonces{Settings: db, Keep: 3 * CommandWindow}
	gate := &Gate{ID: "screen-1", Trusted: func() ([]feed.PublicKey, error) { return feed.TrustedKeys(db) }, Accept: nonces.Accept,
		Push: func(ctx context.Context, c Command, body io.Reader) (string, error) {
			raw, _ := io.ReadAll(body)
			got = append(got, string(raw))
			return "taken", nil
		}}
	srv, err := Listen("127.0.0.1:0", Handler(fresh("s", "screen-1"), gate, quiet()), quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	bundle := filepath.Join(t.TempDir(), "b.zip")
	os.WriteFile(bundle, []byte("PK bundle bytes"), 0o644)
	c := &Client{}
	if _, err := c.SendPush(context.Background(), srv.Addr(), signed(t, priv, Command{Action: ActionPush, To: "screen-1", Time: time.Now()}), bundle); err != nil {
		t.Fatalf("a signed push: %v", err)
	}
	for name, env := range map[string][]byte{
		"not a push":  signed(t, priv, Command{Action: ActionIdentify, To: "screen-1", Time: time.Now()}),
		"unsigned":    []byte(`{"command":"e30=","signature":""}`),
		"an hour old": signed(t, priv, Command{Action: ActionPush, To: "screen-1", Time: time.Now().Add(-time.Hour)}),
	} {
		if _, err := c.SendPush(context.Background(), srv.Addr(), env, bundle); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if len(got) != 1 || got[0] != "PK bundle bytes" {
		t.Fatalf("bundles taken: %q", got)
	}
}

// TestDocumentCommandCarriesTheSignedBytes: a notice or hours command
// hands the screen the document exactly as its publisher signed it, even
// one at the largest size a notice file may have.
func TestDocumentCommandCarriesTheSignedBytes(t *testing.T) {
	pub, priv := curatorKey(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	feed.Trust(db, pub)
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	gate := &Gate{ID: "screen-1", Trusted: func() ([]feed.PublicKey, error) { return feed.TrustedKeys(db) },
		Accept: (&hall.Nonces{Settings: db, Keep: 3 * CommandWindow}).Accept, Now: func() time.Time { return now }}
	file := []byte("{\n  \"format\": \"showhall-notice/1\",\n  \"notice\": \"{\\\"id\\\":\\\"" + strings.Repeat("闭馆", 2700) + "\\\"}\"\n}")
	c, err := DocumentCommand(ActionNotice, "screen-1", file, now)
	if err != nil {
		t.Fatal(err)
	}
	env, err := SignCommand(priv, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(env) > maxEnvelope {
		t.Fatalf("a notice of %d bytes makes a command of %d bytes, over the %d a screen reads", len(file), len(env), maxEnvelope)
	}
	got, _, err := gate.Check(env)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := got.Document()
	if err != nil || string(doc) != string(file) {
		t.Fatalf("the document came out changed (%v)", err)
	}
	if _, err := (Command{Action: ActionHours}).Document(); err == nil {
		t.Fatal("an hours command with no document was read as one")
	}
}

package hallnet

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"showhall/store/feed"
)

// Signed commands. Reading a status needs no key; changing anything does.
// A command is accepted only when it is signed by a curator key the
// screen trusts (the keys it trusts for catalogues), names this screen,
// carries a time within CommandWindow of the screen's clock, and a nonce
// it never accepted before. Everything else is refused and logged.

// PathCommand takes signed commands (POST).
const PathCommand = "/hall/v1/command"

// CommandWindow is how far a command's time may be from the screen's
// clock: enough for clocks a little apart, too little to keep an
// overheard command for later.
const CommandWindow = 5 * time.Minute

// Actions a curator can ask of a screen.
const (
	ActionSync       = "sync"        // sync the catalogue now
	ActionTakeNewest = "take-newest" // take the newest catalogue another screen of the hall passes on
	ActionRestart    = "restart"     // restart the kiosk
	ActionIdentify   = "identify"    // show the screen's name large for 10 s
	ActionDisplayOff = "display-off" // switch the display off (the hall is closed)
	ActionDisplayOn  = "display-on"
	ActionNotice     = "notice" // show or withdraw a notice to visitors
	ActionHours      = "hours"  // change the opening hours
	// ActionPush hands the screen a signed bundle (POST PathPush, the
	// bundle as the body, its sha256 and size signed in the command's
	// Args as PushArgs).
	ActionPush = "push"
)

// Actions lists every action a command may carry.
var Actions = []string{ActionSync, ActionTakeNewest, ActionRestart, ActionIdentify, ActionDisplayOff, ActionDisplayOn, ActionNotice, ActionHours, ActionPush}

// PathPush takes a bundle pushed by a curator (POST, the signed command in
// the CommandHeader header, the bundle as the body).
const PathPush = "/hall/v1/push"

// CommandHeader carries a push's signed command (the Envelope's JSON).
const CommandHeader = "Showhall-Command"

// PushArgs are what a push command signs about its bundle: the screen
// takes exactly these bytes.
type PushArgs struct {
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Command is what a curator signs.
type Command struct {
	Action string    `json:"action"`
	To     string    `json:"to"` // the screen's id: a command for one screen is refused by the others
	Time   time.Time `json:"time"`
	Nonce  string    `json:"nonce"`
	// Args are the action's own arguments (a notice's text, the hours),
	// signed with the rest.
	Args json.RawMessage `json:"args,omitempty"`
}

// Envelope is a command on the wire: the command's exact bytes and their
// signature, as a feed's manifest.json and manifest.json.sig.
type Envelope struct {
	Command   string `json:"command"`   // base64 of the command's JSON
	Signature string `json:"signature"` // base64 of the ed25519 signature of those bytes
}

// maxEnvelope bounds a command read from the network.
const maxEnvelope = 64 << 10

// SignCommand makes the envelope of c, giving it a fresh nonce.
func SignCommand(priv ed25519.PrivateKey, c Command) ([]byte, error) {
	var raw [16]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, err
	}
	c.Nonce = hex.EncodeToString(raw[:])
	body, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return json.Marshal(Envelope{Command: base64.StdEncoding.EncodeToString(body),
		Signature: strings.TrimSpace(string(feed.Sign(priv, body)))})
}

// ErrUnsupported is an action this screen's version does not carry out:
// the command is refused, not pretended.
var ErrUnsupported = errors.New("this screen cannot do that yet")

// Gate checks commands and hands those that pass to Do.
type Gate struct {
	ID      string                           // this screen's id
	Trusted func() ([]feed.PublicKey, error) // the curator keys the screen trusts
	// Accept records a nonce, or refuses one seen before (hall.Nonces).
	Accept func(nonce string, now time.Time) error
	// Do carries out an accepted command and says what it did. It must
	// not wait on the UI loop without a limit.
	Do func(ctx context.Context, c Command) (string, error)
	// Push takes a pushed bundle whose command passed: body is the
	// bundle, to be checked against the command's PushArgs. Nil refuses
	// pushes.
	Push func(ctx context.Context, c Command, body io.Reader) (string, error)
	Now  func() time.Time
	Log  *slog.Logger
}

// Refusal is a command refused, with the HTTP status that says why.
type Refusal struct {
	Code   int
	Reason string
}

func (r *Refusal) Error() string { return r.Reason }

func refuse(code int, format string, a ...any) *Refusal {
	return &Refusal{Code: code, Reason: fmt.Sprintf(format, a...)}
}

// Check verifies an envelope and returns its command, or a Refusal. A
// command that passes has its nonce recorded: the same bytes are refused
// the next time.
func (g *Gate) Check(raw []byte) (Command, feed.PublicKey, error) {
	var env Envelope
	if err := json.Unmarshal(raw, &env); err != nil || env.Command == "" {
		return Command{}, nil, refuse(http.StatusBadRequest, "not a showhall command")
	}
	if env.Signature == "" {
		return Command{}, nil, refuse(http.StatusForbidden, "the command is not signed")
	}
	body, err := base64.StdEncoding.DecodeString(env.Command)
	if err != nil {
		return Command{}, nil, refuse(http.StatusBadRequest, "the command is damaged (not base64)")
	}
	trusted, err := g.Trusted()
	if err != nil {
		return Command{}, nil, refuse(http.StatusInternalServerError, "the screen cannot read the keys it trusts: %v", err)
	}
	key, err := feed.Verify(trusted, body, []byte(env.Signature))
	if err != nil {
		return Command{}, nil, refuse(http.StatusForbidden, "the command's signature is not from a curator key this screen trusts")
	}
	var c Command
	if err := json.Unmarshal(body, &c); err != nil {
		return Command{}, key, refuse(http.StatusBadRequest, "the signed command cannot be read: %v", err)
	}
	now := g.Now()
	if off := now.Sub(c.Time); off > CommandWindow || off < -CommandWindow {
		return c, key, refuse(http.StatusForbidden, "the command's time %s is %s from this screen's clock (%s); at most %s is accepted",
			c.Time.UTC().Format(time.RFC3339), off.Abs().Round(time.Second), now.UTC().Format(time.RFC3339), CommandWindow)
	}
	if c.To != g.ID {
		return c, key, refuse(http.StatusForbidden, "the command is for screen %q, not this one (%s)", c.To, g.ID)
	}
	if !slices.Contains(Actions, c.Action) {
		return c, key, refuse(http.StatusBadRequest, "unknown action %q (known: %s)", c.Action, strings.Join(Actions, ", "))
	}
	if err := g.Accept(c.Nonce, now); err != nil {
		return c, key, refuse(http.StatusConflict, "%v", err)
	}
	return c, key, nil
}

// Result is a screen's answer to a command.
type Result struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
}

func (g *Gate) serve(w http.ResponseWriter, r *http.Request) {
	http.NewResponseController(w).SetReadDeadline(time.Now().Add(10 * time.Second))
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxEnvelope+1))
	answer := func(code int, res Result) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(res)
	}
	if err != nil || len(raw) > maxEnvelope {
		g.Log.Warn("hall command refused", "from", r.RemoteAddr, "reason", "unreadable or too long")
		answer(http.StatusBadRequest, Result{Message: "the command is unreadable or too long"})
		return
	}
	c, key, err := g.Check(raw)
	if err != nil {
		var ref *Refusal
		errors.As(err, &ref)
		g.Log.Warn("hall command refused", "from", r.RemoteAddr, "action", c.Action, "key", keyID(key), "reason", ref.Reason)
		answer(ref.Code, Result{Message: ref.Reason})
		return
	}
	g.Log.Info("hall command accepted", "from", r.RemoteAddr, "action", c.Action, "key", keyID(key))
	msg, err := g.Do(r.Context(), c)
	switch {
	case errors.Is(err, ErrUnsupported):
		g.Log.Warn("hall command not carried out", "action", c.Action, "error", err)
		answer(http.StatusNotImplemented, Result{Message: err.Error()})
	case err != nil:
		g.Log.Warn("hall command failed", "action", c.Action, "error", err)
		answer(http.StatusInternalServerError, Result{Message: err.Error()})
	default:
		answer(http.StatusOK, Result{OK: true, Message: msg})
	}
}

// servePush takes a bundle: the command in the header is checked like any
// other, and only then is the body read.
func (g *Gate) servePush(w http.ResponseWriter, r *http.Request) {
	answer := func(code int, res Result) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(res)
	}
	c, key, err := g.Check([]byte(r.Header.Get(CommandHeader)))
	if err == nil && c.Action != ActionPush {
		err = refuse(http.StatusBadRequest, "a push carries a push command, not %q", c.Action)
	}
	if err != nil {
		var ref *Refusal
		errors.As(err, &ref)
		g.Log.Warn("hall push refused", "from", r.RemoteAddr, "key", keyID(key), "reason", ref.Reason)
		answer(ref.Code, Result{Message: ref.Reason})
		return
	}
	if g.Push == nil {
		answer(http.StatusNotImplemented, Result{Message: "this screen takes no pushed bundles"})
		return
	}
	g.Log.Info("hall push accepted", "from", r.RemoteAddr, "key", keyID(key))
	// A bundle of a few GB over the hall's network, then its import.
	http.NewResponseController(w).SetReadDeadline(time.Now().Add(time.Hour))
	msg, err := g.Push(r.Context(), c, r.Body)
	if err != nil {
		g.Log.Warn("pushed bundle refused", "from", r.RemoteAddr, "error", err)
		answer(http.StatusUnprocessableEntity, Result{Message: err.Error()})
		return
	}
	answer(http.StatusOK, Result{OK: true, Message: msg})
}

// SendPush hands the bundle at path to the screen at addr with a push
// command signed for it.
func (c *Client) SendPush(ctx context.Context, addr string, envelope []byte, path string) (Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return Result{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Result{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+PathPush, f)
	if err != nil {
		return Result{}, err
	}
	req.ContentLength = st.Size()
	req.Header.Set("Content-Type", "application/zip")
	req.Header.Set(CommandHeader, string(envelope))
	return c.post(req, addr)
}

func keyID(k feed.PublicKey) string {
	if k == nil {
		return ""
	}
	return k.ID()
}

// post sends a command's request and reads the screen's answer: a
// refusal is an error saying why.
func (c *Client) post(req *http.Request, addr string) (Result, error) {
	resp, err := c.http().Do(req)
	if err != nil {
		return Result{}, explainNetError(addr, err)
	}
	defer resp.Body.Close()
	var res Result
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxStatus))
	if err := json.Unmarshal(body, &res); err != nil {
		return Result{}, fmt.Errorf("%s: %s", addr, firstLine(body, resp.Status))
	}
	if !res.OK {
		return res, fmt.Errorf("refused: %s", res.Message)
	}
	return res, nil
}

// SendCommand posts a signed envelope to the screen at addr.
func (c *Client) SendCommand(ctx context.Context, addr string, envelope []byte) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout()+30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+PathCommand, strings.NewReader(string(envelope)))
	if err != nil {
		return Result{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.post(req, addr)
}

// DocumentArgs are the arguments of a notice or hours command: the
// signed document itself (a notice file, an opening hours file), exactly
// as its publisher signed it. The command's signature says a curator
// sent it; the document's own signature is checked by the screen as for
// one from the console or a stick, so a screen never takes from the hall
// what it would refuse from a stick.
type DocumentArgs struct {
	File string `json:"file"`
}

// DocumentCommand makes the unsigned command that hands file to the
// screen with id to (action ActionNotice or ActionHours).
func DocumentCommand(action, to string, file []byte, now time.Time) (Command, error) {
	args, err := json.Marshal(DocumentArgs{File: string(file)})
	if err != nil {
		return Command{}, err
	}
	return Command{Action: action, To: to, Time: now, Args: args}, nil
}

// Document reads the signed document a notice or hours command carries.
func (c Command) Document() ([]byte, error) {
	var a DocumentArgs
	if err := json.Unmarshal(c.Args, &a); err != nil || strings.TrimSpace(a.File) == "" {
		return nil, fmt.Errorf("the %s command carries no signed document", c.Action)
	}
	return []byte(a.File), nil
}

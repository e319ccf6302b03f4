// Package outbox uploads the kiosk's visitor events to the portal in
// batches, each signed with the screen's own key so the portal can tell
// real screens from forged data (see docs/statistics.md), and only over
// HTTPS unless a curator marked the portal as on the hall's own network. An event leaves the store's outbox only after the portal
// answered 2xx for the batch holding it; a failed or unanswered upload
// is simply sent again later. Since every event carries an id, the
// portal drops the ones it already has, so a retry never double-counts
// even when the first try reached it and only its answer was lost.
package outbox

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"showhall/store/stats"
)

// Store is the part of store.DB the uploader uses. The uploader is the
// outbox's only owner: it alone takes batches, marks them done and folds
// old events into summaries.
type Store interface {
	OutboxBatch(n int) ([]stats.Event, error)
	OutboxDone(ids []string) error
	SummariseOutbox(limit int) (int, error)
}

// Upload is the body of one POST to the portal.
type Upload struct {
	Kiosk  string        `json:"kiosk"` // which screen sent it (a name, not a person)
	Events []stats.Event `json:"events"`
}

// Reply is what the portal answers; Accepted counts events it did not
// already have (informative only: the client trusts the status code).
type Reply struct {
	Accepted int `json:"accepted"`
}

// The signature's headers. The signature is ed25519 over SignedPrefix
// followed by the request body, exactly as sent.
const (
	HeaderKey       = "Showhall-Screen-Key" // "ed25519-public <base64>", as in the screen's .pub file
	HeaderSignature = "Showhall-Signature"  // base64 of the 64-byte signature
	SignedPrefix    = "showhall statistics v1\n"
)

// Sign returns the signature header of body.
func Sign(key ed25519.PrivateKey, body []byte) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(key, append([]byte(SignedPrefix), body...)))
}

// PublicKeyText is the screen's public key as HeaderKey carries it.
func PublicKeyText(key ed25519.PrivateKey) string {
	return "ed25519-public " + base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
}

// Verify checks an upload's signature, as the portal does, and returns
// the screen's public key.
func Verify(h http.Header, body []byte) (ed25519.PublicKey, error) {
	b64, ok := bytes.CutPrefix([]byte(h.Get(HeaderKey)), []byte("ed25519-public "))
	pub, err := base64.StdEncoding.DecodeString(string(b64))
	if !ok || err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, errors.New("the upload carries no screen key")
	}
	sig, err := base64.StdEncoding.DecodeString(h.Get(HeaderSignature))
	if err != nil || !ed25519.Verify(pub, append([]byte(SignedPrefix), body...), sig) {
		return nil, errors.New("the upload's signature does not match its content")
	}
	return pub, nil
}

// CheckURL says whether statistics may go to raw: HTTPS always, plain
// HTTP only when the curator marked the portal as local.
func CheckURL(raw string, localHTTP bool) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "":
		return fmt.Errorf("statistics are not sent to %q: it is not a web address", raw)
	case u.Scheme == "https", u.Scheme == "http" && localHTTP:
		return nil
	case u.Scheme == "http":
		return fmt.Errorf("statistics are not sent to %s: the portal address must start with https://, unless a curator marks the portal as on the hall's own network", raw)
	}
	return fmt.Errorf("statistics are not sent to %s: give an https:// address", raw)
}

// Target is where statistics go, as the settings say at each flush.
type Target struct {
	URL       string
	LocalHTTP bool // the curator marked the portal as on the hall's own network
}

// Client sends the outbox to one portal endpoint.
type Client struct {
	URL string
	// LocalHTTP allows a plain http:// URL (a portal on the hall's LAN).
	LocalHTTP bool
	// Key is the screen's own signing key; every batch is signed with it.
	Key   ed25519.PrivateKey
	Kiosk string
	Store Store
	HTTP  *http.Client
	Batch int // events per request; 500 if zero
	Limit int // outbox bound; store.DefaultOutboxLimit if zero
	Log   *slog.Logger
}

// Flush keeps the outbox within its bound, then sends batches until the
// outbox is empty or a request fails. It returns how many events the
// portal acknowledged.
func (c *Client) Flush(ctx context.Context) (sent int, err error) {
	if folded, err := c.Store.SummariseOutbox(c.Limit); err != nil {
		return 0, err
	} else if folded > 0 && c.Log != nil {
		c.Log.Warn("the statistics outbox was full: the oldest events were folded into daily summaries", "folded", folded)
	}
	if c.URL == "" {
		return 0, nil // no portal configured: events wait, bounded
	}
	if err := CheckURL(c.URL, c.LocalHTTP); err != nil {
		return 0, err
	}
	if len(c.Key) != ed25519.PrivateKeySize {
		return 0, errors.New("statistics are not sent: this screen has no key to sign them with")
	}
	n := c.Batch
	if n <= 0 {
		n = 500
	}
	for {
		batch, err := c.Store.OutboxBatch(n)
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		if err := c.post(ctx, batch); err != nil {
			return sent, err
		}
		ids := make([]string, len(batch))
		for i, e := range batch {
			ids[i] = e.ID
		}
		if err := c.Store.OutboxDone(ids); err != nil {
			return sent, err
		}
		sent += len(batch)
	}
}

func (c *Client) post(ctx context.Context, batch []stats.Event) error {
	body, err := json.Marshal(Upload{Kiosk: c.Kiosk, Events: batch})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderKey, PublicKeyText(c.Key))
	req.Header.Set(HeaderSignature, Sign(c.Key, body))
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("the portal answered %s", resp.Status)
	}
	return nil
}

// Run flushes every interval until ctx ends, waiting longer after each
// failure (up to an hour) so a portal that is down is not hammered.
// target is read again before each flush, so a new portal address set
// in the console takes effect without a restart.
func (c *Client) Run(ctx context.Context, interval time.Duration, target func() Target) {
	wait := interval
	for {
		t := target()
		c.URL, c.LocalHTTP = t.URL, t.LocalHTTP
		sent, err := c.Flush(ctx)
		switch {
		case err != nil:
			wait = min(2*wait, time.Hour)
			if c.Log != nil {
				c.Log.Warn("statistics upload failed; events wait in the outbox", "error", err, "retry_in", wait)
			}
		default:
			wait = interval
			if sent > 0 && c.Log != nil {
				c.Log.Info("statistics uploaded", "events", sent)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

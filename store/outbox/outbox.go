// Package outbox uploads the kiosk's visitor events to the portal in
// batches. An event leaves the store's outbox only after the portal
// answered 2xx for the batch holding it; a failed or unanswered upload
// is simply sent again later. Since every event carries an id, the
// portal drops the ones it already has, so a retry never double-counts
// even when the first try reached it and only its answer was lost.
package outbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
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

// Client sends the outbox to one portal endpoint.
type Client struct {
	URL   string
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
// url is read again before each flush, so a new portal address set in
// the console takes effect without a restart.
func (c *Client) Run(ctx context.Context, interval time.Duration, url func() string) {
	wait := interval
	for {
		c.URL = url()
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

package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"showhall/store/catalog"
	"showhall/store/stats"
)

// Visitor statistics live in two buckets (see schema.go):
//   - events: 8-byte big-endian sequence -> JSON stats.Event, in the order
//     they were recorded, kept for the console's figures;
//   - outbox: event id -> the event's 8-byte key, for each event not yet
//     accepted by the portal. Event ids start with their time, so the
//     outbox iterates oldest first.
//
// The outbox has a single owner (the uploader's loop, store/outbox): it
// alone takes batches, marks them done and folds the oldest into
// summaries, so a summary can never swallow an event that is on its way
// to the portal.

// DefaultOutboxLimit is how many events may wait for the portal before the
// oldest are folded into daily summaries: about a year of a busy hall.
const DefaultOutboxLimit = 500_000

// RecordEvents stores events and queues them for upload, all in one
// transaction. Events without an id or time get them here.
func (d *DB) RecordEvents(evs ...stats.Event) error {
	return d.hall.Update(func(tx *bolt.Tx) error {
		for i := range evs {
			if err := putEvent(tx, &evs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func putEvent(tx *bolt.Tx, e *stats.Event) error { return storeEvent(tx, e, true) }

// storeEvent stores e, queued for upload when queue is set.
func storeEvent(tx *bolt.Tx, e *stats.Event, queue bool) error {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	e.Time = e.Time.UTC()
	if e.ID == "" {
		e.ID = stats.NewID(e.Time)
	}
	if e.Kind == "" {
		return errors.New("an event needs a kind")
	}
	events := tx.Bucket(bucketEvents)
	seq, err := events.NextSequence()
	if err != nil {
		return err
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return err
	}
	key := u64(seq)
	if err := events.Put(key, raw); err != nil {
		return err
	}
	if !queue {
		return nil
	}
	return tx.Bucket(bucketOutbox).Put([]byte(e.ID), key)
}

// Events returns the stored events whose time falls in p, in the order
// they were recorded; a zero p returns them all.
func (d *DB) Events(p stats.Period) ([]stats.Event, error) {
	var out []stats.Event
	all := p.From.IsZero() && p.To.IsZero()
	err := d.hall.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEvents).ForEach(func(k, v []byte) error {
			var e stats.Event
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("%w: event %x: %v", ErrCorrupt, k, err)
			}
			if all || p.Contains(e.Time) {
				out = append(out, e)
			}
			return nil
		})
	})
	return out, err
}

// OutboxLen is how many events wait for the portal.
func (d *DB) OutboxLen() (n int, err error) {
	err = d.hall.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketOutbox).Stats().KeyN
		return nil
	})
	return n, err
}

// OutboxBatch returns up to n of the oldest events waiting for upload.
func (d *DB) OutboxBatch(n int) ([]stats.Event, error) {
	var out []stats.Event
	err := d.hall.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutbox).Cursor()
		events := tx.Bucket(bucketEvents)
		for id, key := c.First(); id != nil && len(out) < n; id, key = c.Next() {
			raw := events.Get(key)
			if raw == nil {
				continue // cleaned up by OutboxDone
			}
			var e stats.Event
			if err := json.Unmarshal(raw, &e); err != nil {
				return fmt.Errorf("%w: event %s: %v", ErrCorrupt, id, err)
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// OutboxDone takes events the portal has accepted off the outbox. They
// stay in the events bucket for the console.
func (d *DB) OutboxDone(ids []string) error {
	return d.hall.Update(func(tx *bolt.Tx) error {
		ob := tx.Bucket(bucketOutbox)
		for _, id := range ids {
			if err := ob.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return nil
	})
}

// SummariseOutbox keeps the statistics within their bounds. First, events
// older than the retention a curator set (SettingEventRetentionDays,
// DefaultRetentionDays when unset) are folded into daily summaries (see
// FoldEvents). Then the outbox is kept within limit when the portal has been
// away for a long time: when it holds more, the oldest events (down to
// nine tenths of the limit, so this does not run on every event) are
// folded into one summary event per UTC day, kind, project, theme,
// rotation and language, which replaces them in both buckets. Counts
// survive; only the detail of old events (single dwell times, exact
// instants) is given up. It returns how many events were folded.
func (d *DB) SummariseOutbox(limit int) (folded int, err error) {
	if limit <= 0 {
		limit = DefaultOutboxLimit
	}
	days := DefaultRetentionDays
	if _, err := d.GetSetting(SettingEventRetentionDays, &days); err != nil || days <= 0 {
		days = DefaultRetentionDays
	}
	if folded, err = d.FoldEvents(time.Now().AddDate(0, 0, -days)); err != nil {
		return folded, err
	}
	var full int
	err = d.hall.Update(func(tx *bolt.Tx) error {
		ob, events := tx.Bucket(bucketOutbox), tx.Bucket(bucketEvents)
		n := ob.Stats().KeyN
		if n <= limit {
			return nil
		}
		excess := n - limit*9/10
		type group struct {
			day                             string
			kind                            stats.Kind
			project, theme, rotation, langs string
		}
		sums := map[group]*stats.Event{}
		var order []group
		var ids, keys [][]byte
		c := ob.Cursor()
		for id, key := c.First(); id != nil && len(ids) < excess; id, key = c.Next() {
			ids, keys = append(ids, append([]byte(nil), id...)), append(keys, append([]byte(nil), key...))
			raw := events.Get(key)
			if raw == nil {
				continue
			}
			var e stats.Event
			if err := json.Unmarshal(raw, &e); err != nil {
				return fmt.Errorf("%w: event %s: %v", ErrCorrupt, id, err)
			}
			g := group{e.Time.Format(time.DateOnly), summaryKind(e), e.Project, e.Theme, e.Rotation, e.Lang}
			s := sums[g]
			if s == nil {
				s = newSummary(e)
				sums[g] = s
				order = append(order, g)
			}
			foldInto(s, e)
		}
		for i := range ids {
			if err := ob.Delete(ids[i]); err != nil {
				return err
			}
			if err := events.Delete(keys[i]); err != nil {
				return err
			}
		}
		for _, g := range order {
			if err := putEvent(tx, sums[g]); err != nil {
				return err
			}
		}
		full = len(ids)
		return nil
	})
	return folded + full, err
}

// SettingEventRetentionDays is the setting (an int, days) after which
// visitor events are folded into daily summaries.
const SettingEventRetentionDays = "event_retention_days"

// DefaultRetentionDays keeps a year of single events and a little more,
// so this season can be compared with the same one a year ago in full.
const DefaultRetentionDays = 400

// FoldEvents folds every event that happened before cutoff into one
// summary event per day in the hall's time zone, kind, project, theme,
// rotation and language, so the statistics page reads a few summaries
// instead of every touch of past years. The counts the console shows
// (opens, daily opens, videos, searches, idle resets, languages) stay
// the same; the median dwell of those days is given up, as a summary
// carries no spread. An event still waiting for the portal becomes part
// of a summary that waits for it; one already uploaded, of one that does
// not, so the portal never counts anything twice. Only the outbox's
// owner (the uploader, through SummariseOutbox) calls this, so no event
// on its way to the portal is folded. It returns how many were folded.
func (d *DB) FoldEvents(cutoff time.Time) (folded int, err error) {
	zone, zerr := time.LoadLocation(catalog.HallZone)
	if zerr != nil {
		zone = time.FixedZone("CST", 8*3600) // Asia/Shanghai has had no summer time since 1991
	}
	err = d.hall.Update(func(tx *bolt.Tx) error {
		ob, events := tx.Bucket(bucketOutbox), tx.Bucket(bucketEvents)
		waiting := map[string]string{} // event key -> its id in the outbox
		if err := ob.ForEach(func(id, key []byte) error {
			waiting[string(key)] = string(id)
			return nil
		}); err != nil {
			return err
		}
		type group struct {
			queued                          bool
			day                             string
			kind                            stats.Kind
			project, theme, rotation, langs string
		}
		sums := map[group]*stats.Event{}
		members := map[group][][]byte{}
		var order []group
		c := events.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var e stats.Event
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("%w: event %x: %v", ErrCorrupt, k, err)
			}
			if !e.Time.Before(cutoff) {
				continue
			}
			_, queued := waiting[string(k)]
			g := group{queued, e.Time.In(zone).Format(time.DateOnly), summaryKind(e), e.Project, e.Theme, e.Rotation, e.Lang}
			s := sums[g]
			if s == nil {
				s = newSummary(e)
				sums[g] = s
				order = append(order, g)
			}
			foldInto(s, e)
			members[g] = append(members[g], append([]byte(nil), k...))
		}
		for _, g := range order {
			if len(members[g]) < 2 {
				continue // one event, or one summary: nothing to gain
			}
			for _, k := range members[g] {
				if id, ok := waiting[string(k)]; ok {
					if err := ob.Delete([]byte(id)); err != nil {
						return err
					}
				}
				if err := events.Delete(k); err != nil {
					return err
				}
			}
			if err := storeEvent(tx, sums[g], g.queued); err != nil {
				return err
			}
			folded += len(members[g])
		}
		return nil
	})
	return folded, err
}

// summaryKind is what an event counts as in a daily summary: its own
// kind, or for a summary the kind it sums.
func summaryKind(e stats.Event) stats.Kind {
	if e.Kind == stats.Summary {
		return e.Of
	}
	return e.Kind
}

// newSummary starts the daily summary e is the first of.
func newSummary(e stats.Event) *stats.Event {
	return &stats.Event{Kind: stats.Summary, Of: summaryKind(e), Time: e.Time, Project: e.Project,
		Theme: e.Theme, Rotation: e.Rotation, Lang: e.Lang}
}

// foldInto adds e (an event or a summary) to the summary s.
func foldInto(s *stats.Event, e stats.Event) {
	if e.Time.Before(s.Time) {
		s.Time = e.Time
	}
	s.Count += e.Weight()
	s.Value += e.Value
}

package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"showhall/store/catalog"
)

// Info describes the catalogue a database holds.
type Info struct {
	Version   string
	Published time.Time
	Committed time.Time
	Source    string
	Projects  int
	Rotations int
	Media     int
}

// Empty reports whether no catalogue was ever committed.
func (i Info) Empty() bool { return i.Committed.IsZero() }

// Info reads what catalogue the database holds. A damaged page is an
// ErrCorrupt, never a panic: this is the first read at every start.
func (d *DB) Info() (Info, error) {
	var info Info
	planned, err := d.plannedRotations()
	if err != nil {
		return info, err
	}
	err = d.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		info.Version = string(meta.Get(keyCatVersion))
		info.Source = string(meta.Get(keyCatSource))
		var err error
		if info.Published, err = parseTime(meta, keyCatPublished); err != nil {
			return err
		}
		if info.Committed, err = parseTime(meta, keyCatCommitted); err != nil {
			return err
		}
		info.Projects = tx.Bucket(bucketProjects).Stats().KeyN
		info.Media = tx.Bucket(bucketMedia).Stats().KeyN
		info.Rotations = len(planned)
		return tx.Bucket(bucketRotations).ForEach(func(k, _ []byte) error {
			if _, over := planned[string(k)]; !over {
				info.Rotations++
			}
			return nil
		})
	})
	return info, err
}

// parseTime reads a time kept in meta; absent is the zero time. One that
// does not parse is damage: taken for "never", it would make a hall with
// a catalogue look empty and load the demo over it.
func parseTime(meta *bolt.Bucket, key []byte) (time.Time, error) {
	b := meta.Get(key)
	if b == nil {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return t, fmt.Errorf("%w: %s %q is not a time", ErrCorrupt, key, b)
	}
	return t, nil
}

// ReplaceCatalogue switches the whole catalogue to doc in one transaction:
// afterwards the database holds exactly the old catalogue or exactly the
// new one, whatever happens to the process. The document must already be
// valid and its media already in the media store.
func (d *DB) ReplaceCatalogue(doc catalog.Document, source string, now time.Time) error {
	return d.SwitchCatalogue(doc, source, now, nil)
}

// SwitchCatalogue is ReplaceCatalogue for a catalogue from a signed feed
// (sw nil: from none). The order check (CheckOrder) runs inside the same
// transaction that switches, so two imports at once cannot both pass it
// against the old catalogue; the position is recorded with the switch.
// The catalogue in use offered again is ErrUnchanged: only the time of
// verification and sw.Settings are written.
func (d *DB) SwitchCatalogue(doc catalog.Document, source string, now time.Time, sw *Switch) error {
	if err := doc.Validate(); err != nil {
		return err
	}
	var unchanged error
	err := d.withSettings(sw, func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if sw != nil {
			err := reverify(tx, sw)
			if errors.Is(err, ErrUnchanged) {
				unchanged = err
				return nil
			}
			if err != nil {
				return err
			}
		}
		for _, name := range [][]byte{bucketProjects, bucketMedia, bucketVocab, bucketRotations} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		put := func(bucket []byte, key string, v any) error {
			raw, err := json.Marshal(v)
			if err != nil {
				return err
			}
			return tx.Bucket(bucket).Put([]byte(key), raw)
		}
		if err := put(bucketVocab, string(keyVocabulary), doc.Vocabulary); err != nil {
			return err
		}
		for i := range doc.Projects {
			if err := put(bucketProjects, doc.Projects[i].ID, &doc.Projects[i]); err != nil {
				return err
			}
		}
		for i := range doc.Rotations {
			if err := put(bucketRotations, doc.Rotations[i].ID, &doc.Rotations[i]); err != nil {
				return err
			}
		}
		for i := range doc.Media {
			if err := put(bucketMedia, doc.Media[i].Hash, &doc.Media[i]); err != nil {
				return err
			}
		}
		for k, v := range map[string]string{
			string(keyCatVersion):   doc.Version,
			string(keyCatPublished): doc.Published.UTC().Format(time.RFC3339Nano),
			string(keyCatCommitted): now.UTC().Format(time.RFC3339Nano),
			string(keyCatSource):    source,
		} {
			if err := meta.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		if sw == nil {
			return writeSigned(meta, nil)
		}
		return writeSigned(meta, &sw.Signed)
	})
	if err == nil && unchanged != nil {
		return unchanged
	}
	return err
}

// withSettings runs fn in a catalogue transaction and, for a switch that
// brings settings (the keys a feed announces), writes those in hall.db,
// which survives a damaged catalogue. Two files cannot share one
// transaction, so hall.db's is opened first and committed last: settings
// that are refused (a feed revoking the last key) roll the catalogue
// back too; should the process die between the two commits, the same
// feed offered again (ErrUnchanged, or Reverified) writes them then.
// Always hall.db before catalogue.db, so two switches cannot deadlock.
func (d *DB) withSettings(sw *Switch, fn func(tx *bolt.Tx) error) error {
	if sw == nil || sw.Settings == nil {
		return d.bolt.Update(fn)
	}
	return d.hall.Update(func(htx *bolt.Tx) error {
		return d.bolt.Update(func(tx *bolt.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			return sw.Settings(&SettingsTx{htx})
		})
	})
}

// Document reads the whole catalogue back, with the seasons curators
// planned laid over the feed's. Values are copied out of the transaction
// as they are decoded, so nothing refers to bbolt's memory.
func (d *DB) Document() (doc catalog.Document, err error) {
	planned, err := d.plannedRotations()
	if err != nil {
		return doc, err
	}
	doc.Format = catalog.FormatVersion
	err = d.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		doc.Version = string(meta.Get(keyCatVersion))
		var err error
		if doc.Published, err = parseTime(meta, keyCatPublished); err != nil {
			return err
		}
		if raw := tx.Bucket(bucketVocab).Get(keyVocabulary); raw != nil {
			if err := json.Unmarshal(raw, &doc.Vocabulary); err != nil {
				return fmt.Errorf("%w: vocabulary: %v", ErrCorrupt, err)
			}
		}
		doc.Projects = make([]catalog.Project, 0, tx.Bucket(bucketProjects).Stats().KeyN)
		if err := tx.Bucket(bucketProjects).ForEach(func(k, v []byte) error {
			var p catalog.Project
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("%w: project %s: %v", ErrCorrupt, k, err)
			}
			doc.Projects = append(doc.Projects, p)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketRotations).ForEach(func(k, v []byte) error {
			var r catalog.Rotation
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("%w: rotation %s: %v", ErrCorrupt, k, err)
			}
			doc.Rotations = append(doc.Rotations, r)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMedia).ForEach(func(k, v []byte) error {
			var m catalog.Media
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("%w: media %s: %v", ErrCorrupt, k, err)
			}
			doc.Media = append(doc.Media, m)
			return nil
		}); err != nil {
			return err
		}
		// Everything was copied out: the file's pages are not needed.
		releaseMappedPages(tx)
		return nil
	})
	if err != nil {
		return doc, err
	}
	layPlanned(&doc, planned)
	sort.Slice(doc.Rotations, func(i, j int) bool { return doc.Rotations[i].Start.Before(doc.Rotations[j].Start) })
	return doc, nil
}

// Snapshot loads the catalogue as an immutable snapshot for the screens.
func (d *DB) Snapshot() (*catalog.Snapshot, error) {
	doc, err := d.Document()
	if err != nil {
		return nil, err
	}
	return catalog.NewSnapshot(doc), nil
}

// Reverified records that the catalogue in use was offered and verified
// again (its time of verification, and sw.Settings), without switching
// anything. It fails when sw is not the catalogue in use.
func (d *DB) Reverified(sw *Switch) error {
	return d.withSettings(sw, func(tx *bolt.Tx) error {
		err := reverify(tx, sw)
		if errors.Is(err, ErrUnchanged) {
			return nil
		}
		if err == nil {
			return fmt.Errorf("catalogue %s is not the one in use any more; try again", sw.Signed.Version)
		}
		return err
	})
}

// reverify checks sw against the catalogue in use; when it is that
// catalogue it records its time of verification and returns
// ErrUnchanged (the caller then writes sw.Settings in hall.db).
func reverify(tx *bolt.Tx, sw *Switch) error {
	meta := tx.Bucket(bucketMeta)
	cur, err := readSigned(meta)
	if err != nil {
		return err
	}
	err = CheckOrder(cur, sw.Signed, sw.AllowOlder)
	if !errors.Is(err, ErrUnchanged) {
		return err
	}
	if err := meta.Put(keyFeedVerified, []byte(sw.Signed.Verified.UTC().Format(time.RFC3339Nano))); err != nil {
		return err
	}
	// A catalogue switched before signers were kept learns its signer
	// the next time its feed is verified.
	if sw.Signed.Signer != "" {
		if err := meta.Put(keyFeedSigner, []byte(sw.Signed.Signer)); err != nil {
			return err
		}
	}
	return err
}

package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"showhall/store/catalog"
)

// PutRotation adds or replaces one season a curator planned, after
// checking it against the catalogue it will live in: the same checks a
// whole catalogue gets (catalog.Document.Validate), run on a document made
// of the rotation, the projects it shows and the media it needs.
//
// Planned seasons are kept in hall.db, apart from the feed's seasons in
// catalogue.db, so a sync that brings a new catalogue never takes them
// away; Document lays them over the feed's (see docs/feed.md, "Seasons
// planned on a kiosk").
func (d *DB) PutRotation(r catalog.Rotation) error {
	var doc catalog.Document
	if err := d.view(func(tx *bolt.Tx) (err error) {
		doc, err = rotationDocument(tx, r)
		return err
	}); err != nil {
		return err
	}
	if err := doc.Validate(); err != nil {
		return err
	}
	raw, err := json.Marshal(&r)
	if err != nil {
		return err
	}
	return d.hall.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPlanned).Put([]byte(r.ID), raw)
	})
}

// DeleteRotation removes a season: the curator's plan of that id, and
// the feed's season of that id until the next sync brings it again.
// Removing one that is not there is not an error.
func (d *DB) DeleteRotation(id string) error {
	if err := d.hall.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPlanned).Delete([]byte(id))
	}); err != nil {
		return err
	}
	return d.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRotations).Delete([]byte(id))
	})
}

// plannedRotations reads the seasons curators planned on this machine.
func (d *DB) plannedRotations() (map[string]catalog.Rotation, error) {
	out := map[string]catalog.Rotation{}
	err := d.hall.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPlanned).ForEach(func(k, v []byte) error {
			var r catalog.Rotation
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("%w: planned season %s: %v", ErrCorrupt, k, err)
			}
			out[r.ID] = r
			return nil
		})
	})
	return out, err
}

// layPlanned lays the planned seasons over the feed's: a planned season
// replaces the feed's of the same id, the others stand beside them. A
// planned season keeps only the exhibits and attract files the catalogue
// still has, so a sync that dropped a project leaves the season showing
// the rest instead of a broken page.
func layPlanned(doc *catalog.Document, planned map[string]catalog.Rotation) {
	if len(planned) == 0 {
		return
	}
	projects := make(map[string]bool, len(doc.Projects))
	for i := range doc.Projects {
		projects[doc.Projects[i].ID] = true
	}
	media := make(map[string]bool, len(doc.Media))
	for i := range doc.Media {
		media[doc.Media[i].Hash] = true
	}
	kept := doc.Rotations[:0]
	for _, r := range doc.Rotations {
		if _, over := planned[r.ID]; !over {
			kept = append(kept, r)
		}
	}
	doc.Rotations = kept
	for _, r := range planned {
		var show []catalog.Showcase
		for _, s := range r.Showcase {
			if projects[s.Project] {
				show = append(show, s)
			}
		}
		var attract []string
		for _, h := range r.Attract {
			if media[h] {
				attract = append(attract, h)
			}
		}
		r.Showcase, r.Attract = show, attract
		doc.Rotations = append(doc.Rotations, r)
	}
}

// rotationDocument gathers what validating r needs, without decoding the
// whole catalogue: the vocabulary, r's projects and the media they use.
func rotationDocument(tx *bolt.Tx, r catalog.Rotation) (catalog.Document, error) {
	doc := catalog.Document{Format: catalog.FormatVersion, Rotations: []catalog.Rotation{r}}
	if raw := tx.Bucket(bucketVocab).Get(keyVocabulary); raw != nil {
		if err := json.Unmarshal(raw, &doc.Vocabulary); err != nil {
			return doc, fmt.Errorf("%w: vocabulary: %v", ErrCorrupt, err)
		}
	}
	hashes := map[string]bool{}
	for _, h := range r.Attract {
		hashes[h] = true
	}
	seen := map[string]bool{}
	for _, s := range r.Showcase {
		raw := tx.Bucket(bucketProjects).Get([]byte(s.Project))
		if raw == nil || seen[s.Project] {
			continue // Validate reports it
		}
		seen[s.Project] = true
		var p catalog.Project
		if err := json.Unmarshal(raw, &p); err != nil {
			return doc, fmt.Errorf("%w: project %s: %v", ErrCorrupt, s.Project, err)
		}
		for _, h := range append(append([]string{p.Cover}, p.Gallery...), p.Videos...) {
			if h != "" {
				hashes[h] = true
			}
		}
		doc.Projects = append(doc.Projects, p)
	}
	for h := range hashes {
		raw := tx.Bucket(bucketMedia).Get([]byte(h))
		if raw == nil {
			continue // Validate reports it
		}
		var m catalog.Media
		if err := json.Unmarshal(raw, &m); err != nil {
			return doc, fmt.Errorf("%w: media %s: %v", ErrCorrupt, h, err)
		}
		m.Subtitles = nil // not this check's business, and they would need their own entries
		doc.Media = append(doc.Media, m)
	}
	return doc, nil
}

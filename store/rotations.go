package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"showhall/store/catalog"
)

// PutRotation adds or replaces one rotation (a curator's plan), in one
// transaction, after checking it against the catalogue it will live in:
// the same checks a whole catalogue gets (catalog.Document.Validate),
// run on a document made of the rotation, the projects it shows and the
// media it needs. A feed sync later replaces the whole catalogue,
// rotations included, so a plan meant to last is exported and carried to
// the screens as a bundle.
func (d *DB) PutRotation(r catalog.Rotation) error {
	return d.bolt.Update(func(tx *bolt.Tx) error {
		doc, err := rotationDocument(tx, r)
		if err != nil {
			return err
		}
		if err := doc.Validate(); err != nil {
			return err
		}
		raw, err := json.Marshal(&r)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketRotations).Put([]byte(r.ID), raw)
	})
}

// DeleteRotation removes a rotation; removing one that is not there is
// not an error.
func (d *DB) DeleteRotation(id string) error {
	return d.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRotations).Delete([]byte(id))
	})
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

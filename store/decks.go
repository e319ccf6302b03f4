package store

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"showhall/store/deck"
)

// Decks are kept in bucketDecks as JSON, keyed by id. A deck refers to
// projects by id only, so a catalogue sync never has to touch decks.

// newDeckID makes an id that stays unique across laptops, so an imported
// deck never overwrites one made here.
func newDeckID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "deck-" + hex.EncodeToString(b)
}

// SaveDeck stores d, giving it an id when it has none, and returns it as
// stored.
func (d *DB) SaveDeck(dk deck.Deck, now time.Time) (deck.Deck, error) {
	dk = dk.Clone()
	if dk.ID == "" {
		dk.ID = newDeckID()
	}
	if dk.Created.IsZero() {
		dk.Created = now.UTC()
	}
	dk.Updated = now.UTC()
	if err := dk.Validate(); err != nil {
		return deck.Deck{}, err
	}
	raw, err := json.Marshal(dk)
	if err != nil {
		return deck.Deck{}, err
	}
	err = d.hall.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDecks).Put([]byte(dk.ID), raw)
	})
	return dk, err
}

// Deck reads one deck.
func (d *DB) Deck(id string) (deck.Deck, error) {
	var dk deck.Deck
	err := d.hall.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketDecks).Get([]byte(id))
		if raw == nil {
			return fmt.Errorf("%w: %q", deck.ErrNotFound, id)
		}
		// Unmarshal copies out of bbolt's memory.
		if err := json.Unmarshal(raw, &dk); err != nil {
			return fmt.Errorf("%w: deck %s: %v", ErrCorrupt, id, err)
		}
		return nil
	})
	return dk, err
}

// Decks lists every deck, the most recently changed first.
func (d *DB) Decks() ([]deck.Deck, error) {
	var out []deck.Deck
	err := d.hall.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDecks).ForEach(func(k, v []byte) error {
			var dk deck.Deck
			if err := json.Unmarshal(v, &dk); err != nil {
				return fmt.Errorf("%w: deck %s: %v", ErrCorrupt, k, err)
			}
			out = append(out, dk)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Updated.Equal(out[j].Updated) {
			return out[i].Updated.After(out[j].Updated)
		}
		return out[i].ID < out[j].ID
	})
	return out, err
}

// DuplicateDeck stores a copy of deck id under a new id, its title marked
// as a copy by suffix, and returns the copy.
func (d *DB) DuplicateDeck(id, suffix string, now time.Time) (deck.Deck, error) {
	dk, err := d.Deck(id)
	if err != nil {
		return deck.Deck{}, err
	}
	dk = dk.Clone()
	dk.ID, dk.Created = "", time.Time{}
	dk.Title += suffix
	return d.SaveDeck(dk, now)
}

// DeleteDeck removes a deck; deleting one that is not there is an error,
// so a stale list on screen is noticed.
func (d *DB) DeleteDeck(id string) error {
	return d.hall.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDecks)
		if b.Get([]byte(id)) == nil {
			return fmt.Errorf("%w: %q", deck.ErrNotFound, id)
		}
		return b.Delete([]byte(id))
	})
}

// ExportDeck writes deck id to a deck file at path.
func (d *DB) ExportDeck(id, path string, now time.Time) error {
	dk, err := d.Deck(id)
	if err != nil {
		return err
	}
	info, err := d.Info()
	if err != nil {
		return err
	}
	return deck.WriteFile(path, dk, info.Version, now)
}

// ImportDeck reads a deck file and stores it as a new deck (a new id, so
// importing twice gives two decks and never overwrites one). The caller
// checks the project ids against its catalogue with deck.Missing.
func (d *DB) ImportDeck(path string, now time.Time) (deck.Deck, error) {
	f, err := deck.ReadFile(path)
	if err != nil {
		return deck.Deck{}, err
	}
	dk := f.Deck
	dk.ID, dk.Created = "", time.Time{}
	return d.SaveDeck(dk, now)
}

// Package store keeps the hall's data at rest: the bbolt catalogue
// database and its schema, next to the media store. Every bucket and meta
// key is declared in this file, with the ordered migration plans.
//
// The data lives in two files. catalogue.db holds what a feed brings
// (projects, media, vocabulary, the feed's seasons): it is large, it is
// rewritten by every sync, and when it is damaged it is moved aside and
// the hall starts again from the demo. hall.db holds what belongs to this
// hall and must outlive a damaged catalogue: the settings (PIN hash,
// trusted keys, portal, intervals), visitor statistics and their outbox,
// roadshow decks and the seasons a curator planned. It is small and has
// its own schema version.
package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Buckets of the catalogue database (catalogue.db).
var (
	bucketMeta      = []byte("meta")      // schema version, catalogue version and times
	bucketProjects  = []byte("projects")  // project id -> JSON catalog.Project
	bucketMedia     = []byte("media")     // sha256 -> JSON catalog.Media
	bucketVocab     = []byte("vocab")     // "vocabulary" -> JSON catalog.Vocabulary
	bucketRotations = []byte("rotations") // the feed's seasons: rotation id -> JSON catalog.Rotation
)

// Buckets of the hall's own database (hall.db). Until catalogue schema
// version 4 they lived in catalogue.db; Open moves them over.
var (
	bucketHallMeta = []byte("hall_meta") // the hall file's schema version
	bucketSettings = []byte("settings")  // setting name -> JSON value
	bucketEvents   = []byte("events")    // visitor statistics: 8-byte big-endian sequence -> JSON event
	bucketOutbox   = []byte("outbox")    // events waiting for upload: event id -> the event's 8-byte key in events
	bucketDecks    = []byte("decks")     // roadshow decks: deck id -> JSON deck
	bucketPlanned  = []byte("planned")   // seasons a curator planned: rotation id -> JSON catalog.Rotation
)

// hallBuckets are the buckets that moved from catalogue.db to hall.db.
var hallBuckets = [][]byte{bucketSettings, bucketEvents, bucketOutbox, bucketDecks}

// Keys in the meta buckets.
var (
	keySchemaVersion = []byte("schema_version")      // 8-byte big-endian, in meta and in hall_meta
	keyCatVersion    = []byte("catalogue_version")   // publisher's version string
	keyCatPublished  = []byte("catalogue_published") // RFC 3339
	keyCatCommitted  = []byte("catalogue_committed") // RFC 3339, when this machine switched to it
	keyCatSource     = []byte("catalogue_source")    // where it came from: "demo", a URL, a path
	keyVocabulary    = []byte("vocabulary")          // the one key of bucketVocab

	// Where the catalogue stands in its publisher's order, from what the
	// feed's signature covers (see signed.go). Absent for a catalogue that
	// came from no signed feed (the demo).
	keyFeedSigned     = []byte("feed_signed")      // RFC 3339: the manifest's signed "generated" time
	keyFeedContent    = []byte("feed_content")     // hex sha256 of the signed manifest
	keyFeedValidUntil = []byte("feed_valid_until") // RFC 3339; absent: the feed never expires (format 1)
	keyFeedVerified   = []byte("feed_verified")    // RFC 3339: when this machine last checked its signature
	keyFeedSigner     = []byte("feed_signer")      // fingerprint of the trusted key that signed it
	keyFeedStaleNoted = []byte("feed_stale_noted") // the valid_until whose expiry was already logged
)

// SettingMediaFailures, in the settings bucket, lists the media refused
// when the catalogue in use came in ([]MediaFailure, JSON), for the
// curator's health page.
const SettingMediaFailures = "media_failures"

// A migration moves a database from version-1 to version. Migrations
// run in order, each in its own transaction with the version bump, so a
// crash leaves the database at a version it really has.
type migration struct {
	version int
	about   string
	apply   func(tx *bolt.Tx) error
}

// migrations is the whole history of the catalogue's schema. Append only.
var migrations = []migration{
	{1, "catalogue buckets", func(tx *bolt.Tx) error {
		return createBuckets(tx, bucketMeta, bucketProjects, bucketMedia, bucketVocab, bucketRotations)
	}},
	{2, "settings bucket", func(tx *bolt.Tx) error {
		return createBuckets(tx, bucketSettings)
	}},
	{3, "visitor statistics, their upload outbox, roadshow decks", func(tx *bolt.Tx) error {
		return createBuckets(tx, bucketEvents, bucketOutbox, bucketDecks)
	}},
	// Open copies these buckets into hall.db before this step runs.
	{4, "settings, statistics, outbox and decks moved to hall.db", func(tx *bolt.Tx) error {
		for _, name := range hallBuckets {
			if tx.Bucket(name) == nil {
				continue
			}
			if err := tx.DeleteBucket(name); err != nil {
				return fmt.Errorf("removing bucket %s: %w", name, err)
			}
		}
		return nil
	}},
}

// hallMigrations is the whole history of hall.db's schema. Append only.
var hallMigrations = []migration{
	{1, "settings, visitor statistics, outbox, decks, planned seasons", func(tx *bolt.Tx) error {
		return createBuckets(tx, bucketHallMeta, bucketSettings, bucketEvents, bucketOutbox, bucketDecks, bucketPlanned)
	}},
}

// SchemaVersion is the version of catalogue.db this build reads and writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

// HallSchemaVersion is the version of hall.db this build reads and writes.
func HallSchemaVersion() int { return hallMigrations[len(hallMigrations)-1].version }

func createBuckets(tx *bolt.Tx, names ...[]byte) error {
	for _, n := range names {
		if _, err := tx.CreateBucketIfNotExists(n); err != nil {
			return fmt.Errorf("creating bucket %s: %w", n, err)
		}
	}
	return nil
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// schemaVersion reads the version catalogue.db is at; 0 for a new file.
func schemaVersion(tx *bolt.Tx) (int, error) { return versionIn(tx, bucketMeta) }

// versionIn reads the schema version kept in the meta bucket named.
func versionIn(tx *bolt.Tx, bucket []byte) (int, error) {
	meta := tx.Bucket(bucket)
	if meta == nil {
		return 0, nil
	}
	v := meta.Get(keySchemaVersion)
	if v == nil {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("%w: schema version is %d bytes long", ErrCorrupt, len(v))
	}
	return int(binary.BigEndian.Uint64(v)), nil
}

// migrate brings catalogue.db up to target, one step per transaction.
func migrate(db *bolt.DB, target int) error {
	return migrateWith(db, migrations, bucketMeta, target)
}

// migrateWith applies the steps of plan up to target, keeping the
// version in the meta bucket named.
func migrateWith(db *bolt.DB, plan []migration, meta []byte, target int) error {
	// Read first: a database already up to date is not written to at all
	// (an empty write transaction still rewrites the meta page), so a
	// damaged file moved aside later is kept exactly as it was found.
	var at int
	if err := db.View(func(tx *bolt.Tx) (err error) { at, err = versionIn(tx, meta); return err }); err != nil {
		return err
	}
	for _, m := range plan {
		if m.version > target {
			break
		}
		if m.version <= at {
			continue
		}
		err := db.Update(func(tx *bolt.Tx) error {
			cur, err := versionIn(tx, meta)
			if err != nil || cur >= m.version {
				return err
			}
			if cur != m.version-1 {
				return fmt.Errorf("schema is at version %d, cannot apply migration %d", cur, m.version)
			}
			if err := m.apply(tx); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.version, m.about, err)
			}
			return tx.Bucket(meta).Put(keySchemaVersion, u64(uint64(m.version)))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

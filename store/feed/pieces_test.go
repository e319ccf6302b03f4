package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"showhall/store/feed/feedtest"
)

// Publishing signs the pieces of every media file larger than the piece
// size (each piece's sha256 matches the file's bytes), none of smaller
// ones, and a kiosk syncs the feed as before.
func TestPublishSignsPieces(t *testing.T) {
	k := newKit(t)
	const piece = 128 << 10
	dir, doc := k.feedWith(4, 31, feedtest.MediaOptions{Covers: true, VideoEvery: 2, VideoSize: 300 << 10}, WriteOptions{PieceSize: piece})
	raw, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseManifest(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	large := 0
	for _, f := range doc.Media {
		p, ok := m.Pieces[f.Hash]
		if f.Size <= piece {
			if ok {
				t.Errorf("media %.12s of %d bytes has pieces", f.Hash, f.Size)
			}
			continue
		}
		large++
		body, err := os.ReadFile(filepath.Join(dir, MediaDir, f.Hash))
		if err != nil {
			t.Fatal(err)
		}
		if !ok || p.Size != piece || len(p.SHA256) != 3 {
			t.Fatalf("media %.12s of %d bytes: pieces %+v, want 3 of %d bytes", f.Hash, f.Size, p, piece)
		}
		for i, h := range p.SHA256 {
			sum := sha256.Sum256(body[i*piece : min(len(body), (i+1)*piece)])
			if hex.EncodeToString(sum[:]) != h {
				t.Errorf("media %.12s piece %d: signed %.12s, its bytes hash to %.12x", f.Hash, i, h, sum)
			}
		}
	}
	if large == 0 {
		t.Fatal("the test feed has no media larger than a piece")
	}
	d := newData(t)
	mustSync(t, d.syncOpts(k, serveDir(t, dir, nil).URL))
	d.checkStore(t)
}

// A piece list that does not fit its file is refused with the reason.
func TestManifestPiecesChecked(t *testing.T) {
	k := newKit(t)
	dir, doc := k.feedWith(2, 32, feedtest.MediaOptions{Covers: true, VideoEvery: 1, VideoSize: 200 << 10}, WriteOptions{PieceSize: -1})
	raw, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	video := doc.Media[0]
	for _, f := range doc.Media {
		if f.Size > video.Size {
			video = f
		}
	}
	hash := strings.Repeat("ab", 32)
	for _, c := range []struct {
		name   string
		pieces map[string]any
		want   string
	}{
		{"unknown file", map[string]any{strings.Repeat("cd", 32): map[string]any{"piece_size": 65536, "sha256": []string{hash}}}, "does not have"},
		{"too few hashes", map[string]any{video.Hash: map[string]any{"piece_size": 65536, "sha256": []string{hash}}}, "piece hashes"},
		{"tiny pieces", map[string]any{video.Hash: map[string]any{"piece_size": 1024, "sha256": []string{hash}}}, "fewer than the least"},
		{"not a hash", map[string]any{video.Hash: map[string]any{"piece_size": video.Size, "sha256": []string{"x"}}}, "no valid sha256"},
	} {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		m["pieces"] = c.pieces
		edited, _ := json.Marshal(m)
		_, err := ParseManifest(edited, Limits{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}

// A kiosk reads a manifest with a field it does not know (as a kiosk
// older than piece hashes reads one that has them): it takes whole files.
func TestUnknownManifestFieldsIgnored(t *testing.T) {
	k := newKit(t)
	dir, _ := k.feedWith(2, 33, feedtest.MediaOptions{Covers: true}, WriteOptions{})
	rewriteSigned(t, k, dir, func(m map[string]any) { m["a_field_of_a_later_showhall"] = map[string]any{"x": 1} })
	d := newData(t)
	mustSync(t, d.syncOpts(k, serveDir(t, dir, nil).URL))
	d.checkStore(t)
}

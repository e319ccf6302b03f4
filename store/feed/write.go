package feed

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"showhall/store/catalog"
	"showhall/store/durable"
)

// MediaFile says where the content of a media file is on disk.
type MediaFile func(m catalog.Media) (path string, err error)

// WriteOptions control how a feed is written.
type WriteOptions struct {
	Key       ed25519.PrivateKey
	Generated time.Time
	Generator string // recorded in the manifest, e.g. "showhall v1.2"
	// Link hard-links media files instead of copying them when they are on
	// the same file system. Only for sources that are never changed in
	// place, such as the media store.
	Link bool
	// ValidFor is how long after Generated the feed stays valid; default
	// DefaultValidity.
	ValidFor time.Duration
	// Keys announces keys to trust and to revoke, with this feed's
	// signature as their authority.
	Keys *KeyChanges
	// Hall are the hall's signed documents (notices, opening hours) to
	// carry in the bundle's HallDir, outside the signed manifest.
	Hall []HallFile
	// PieceSize cuts media larger than it into signed pieces; zero is
	// PieceSize, negative signs whole files only.
	PieceSize int64
}

// Publish writes a signed feed for doc into dir. The feed is written in a
// temporary folder beside dir and then swapped in, so a web server serving
// dir never shows a half-written feed. An existing dir must be a feed.
func Publish(dir string, doc catalog.Document, media MediaFile, opt WriteOptions) error {
	manifest, sig, err := signedManifest(doc, media, opt)
	if err != nil {
		return err
	}
	if err := checkHallFiles(opt.Hall); err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(tmp, MediaDir), 0o755); err != nil {
		return err
	}
	for _, m := range doc.Media {
		src, err := media(m)
		if err != nil {
			return fmt.Errorf("media %.12s: %w", m.Hash, err)
		}
		if err := placeFile(src, filepath.Join(tmp, MediaDir, m.Hash), m, opt.Link); err != nil {
			return err
		}
	}
	if err := writeFileSync(filepath.Join(tmp, ManifestName), manifest); err != nil {
		return err
	}
	if err := writeFileSync(filepath.Join(tmp, SignatureName), sig); err != nil {
		return err
	}
	if len(opt.Hall) > 0 {
		if err := os.Mkdir(filepath.Join(tmp, HallDir), 0o755); err != nil {
			return err
		}
		for _, f := range opt.Hall {
			if err := writeFileSync(filepath.Join(tmp, HallDir, f.Name), f.Data); err != nil {
				return err
			}
		}
		durable.SyncDir(filepath.Join(tmp, HallDir))
	}
	durable.SyncDir(filepath.Join(tmp, MediaDir))
	durable.SyncDir(tmp)
	return swapIn(tmp, dir)
}

func signedManifest(doc catalog.Document, media MediaFile, opt WriteOptions) (manifest, sig []byte, err error) {
	if len(opt.Key) != ed25519.PrivateKeySize {
		return nil, nil, errors.New("no signing key")
	}
	if opt.Generated.IsZero() {
		opt.Generated = time.Now()
	}
	if opt.ValidFor <= 0 {
		opt.ValidFor = DefaultValidity
	}
	if opt.PieceSize == 0 {
		opt.PieceSize = PieceSize
	}
	var pieces map[string]FilePieces
	if opt.PieceSize > 0 {
		if pieces, err = hashPieces(doc, media, opt.PieceSize); err != nil {
			return nil, nil, err
		}
	}
	manifest, err = encodeManifest(doc, opt.Generated, opt.Generator, opt.ValidFor, opt.Keys, pieces)
	if err != nil {
		return nil, nil, err
	}
	return manifest, Sign(opt.Key, manifest), nil
}

// hashPieces cuts every media file larger than size into pieces and
// hashes each; the whole file is checked against its hash on the way.
func hashPieces(doc catalog.Document, media MediaFile, size int64) (map[string]FilePieces, error) {
	out := map[string]FilePieces{}
	for _, m := range doc.Media {
		if m.Size <= size || out[m.Hash].SHA256 != nil {
			continue
		}
		src, err := media(m)
		if err != nil {
			return nil, fmt.Errorf("media %.12s: %w", m.Hash, err)
		}
		p, err := piecesOf(src, m, size)
		if err != nil {
			return nil, err
		}
		out[m.Hash] = p
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

func piecesOf(path string, m catalog.Media, size int64) (FilePieces, error) {
	f, err := os.Open(path)
	if err != nil {
		return FilePieces{}, fmt.Errorf("media %.12s: %w", m.Hash, err)
	}
	defer f.Close()
	whole := sha256.New()
	p := FilePieces{Size: size}
	var n int64
	for n < m.Size {
		h := sha256.New()
		k, err := io.Copy(io.MultiWriter(h, whole), io.LimitReader(f, min(size, m.Size-n)))
		if err != nil {
			return FilePieces{}, fmt.Errorf("media %.12s: %w", m.Hash, err)
		}
		if k == 0 {
			break
		}
		n += k
		p.SHA256 = append(p.SHA256, hex.EncodeToString(h.Sum(nil)))
	}
	if got := hex.EncodeToString(whole.Sum(nil)); got != m.Hash || n != m.Size {
		return FilePieces{}, fmt.Errorf("media %.12s: %s does not match the catalogue (%d bytes, sha256 %.12s)", m.Hash, path, n, got)
	}
	return p, nil
}

// checkReplaceable refuses to replace a folder that is not a feed, so that
// a typo in --out never deletes someone's documents.
func checkReplaceable(dir string) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(dir, ManifestName)); err != nil {
		return fmt.Errorf("%s exists and is not a feed (no %s); refusing to replace it", dir, ManifestName)
	}
	return nil
}

// placeFile puts the content of src at dst, checking its size and (when
// copied) its hash, so that a feed never names content it does not hold.
func placeFile(src, dst string, m catalog.Media, link bool) error {
	if link {
		if err := os.Link(src, dst); err == nil {
			st, err := os.Stat(dst)
			if err != nil {
				return err
			}
			if st.Size() != m.Size {
				return fmt.Errorf("media %.12s: %s is %d bytes, the catalogue says %d", m.Hash, src, st.Size(), m.Size)
			}
			return nil
		}
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("media %.12s: %w", m.Hash, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing media %.12s: %w", m.Hash, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != m.Hash || n != m.Size {
		return fmt.Errorf("media %.12s: %s changed since the catalogue was made (now %d bytes, sha256 %.12s)", m.Hash, src, n, got)
	}
	return nil
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rename and exchangeDirs are os.Rename and exchange; tests make them
// fail.
var (
	rename       = os.Rename
	exchangeDirs = exchange
)

// swapIn puts the finished folder tmp in the place of dir.
func swapIn(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
		durable.SyncDir(filepath.Dir(dir))
		return nil
	}
	// Exchanged in one step where the system can; tmp then holds the old
	// feed and is removed by the caller.
	if err := exchangeDirs(tmp, dir); err == nil {
		durable.SyncDir(filepath.Dir(dir))
		return nil
	}
	old := tmp + ".old"
	if err := rename(dir, old); err != nil {
		return err
	}
	if err := rename(tmp, dir); err != nil {
		if rerr := rename(old, dir); rerr != nil {
			// Nothing is lost, but a web server serving dir now finds
			// nothing: say where the previous feed is.
			return fmt.Errorf("%w; the previous feed could not be put back either and is at %s: %v", err, old, rerr)
		}
		return err
	}
	durable.SyncDir(filepath.Dir(dir))
	return os.RemoveAll(old)
}

// WriteBundle writes the signed feed for doc as one zip file at path
// (written beside it and renamed into place). Media are stored without
// compression: pictures and videos are compressed already.
func WriteBundle(path string, doc catalog.Document, media MediaFile, opt WriteOptions) (err error) {
	manifest, sig, err := signedManifest(doc, media, opt)
	if err != nil {
		return err
	}
	if err := checkHallFiles(opt.Hall); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("%s exists and is not a file", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	zw := zip.NewWriter(f)
	add := func(name string, method uint16, r io.Reader) (int64, error) {
		hdr := &zip.FileHeader{Name: name, Method: method, Modified: opt.Generated}
		hdr.SetMode(0o644)
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return 0, err
		}
		return io.Copy(w, r)
	}
	if _, err := add(ManifestName, zip.Deflate, strings.NewReader(string(manifest))); err != nil {
		return err
	}
	if _, err := add(SignatureName, zip.Store, strings.NewReader(string(sig))); err != nil {
		return err
	}
	for _, f := range opt.Hall {
		if _, err := add(HallDir+"/"+f.Name, zip.Deflate, bytes.NewReader(f.Data)); err != nil {
			return err
		}
	}
	for _, m := range doc.Media {
		src, err := media(m)
		if err != nil {
			return fmt.Errorf("media %.12s: %w", m.Hash, err)
		}
		in, err := os.Open(src)
		if err != nil {
			return fmt.Errorf("media %.12s: %w", m.Hash, err)
		}
		h := sha256.New()
		n, err := add(MediaDir+"/"+m.Hash, zip.Store, io.TeeReader(in, h))
		in.Close()
		if err != nil {
			return fmt.Errorf("writing media %.12s: %w", m.Hash, err)
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != m.Hash || n != m.Size {
			return fmt.Errorf("media %.12s: %s does not match the catalogue (%d bytes, sha256 %.12s)", m.Hash, src, n, got)
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	durable.SyncDir(filepath.Dir(path))
	return nil
}

// ForRotation returns the part of doc a roadshow or a single rotation
// needs: that rotation, the projects it showcases, and only their media.
// The vocabulary is kept whole.
func ForRotation(doc catalog.Document, id string) (catalog.Document, error) {
	var rot *catalog.Rotation
	for i := range doc.Rotations {
		if doc.Rotations[i].ID == id {
			rot = &doc.Rotations[i]
		}
	}
	if rot == nil {
		ids := make([]string, len(doc.Rotations))
		for i, r := range doc.Rotations {
			ids[i] = r.ID
		}
		return doc, fmt.Errorf("no rotation %q in the catalogue (it has: %s)", id, strings.Join(ids, ", "))
	}
	out := doc
	out.Rotations = []catalog.Rotation{*rot}
	shown := map[string]bool{}
	for _, s := range rot.Showcase {
		shown[s.Project] = true
	}
	need := map[string]bool{}
	for _, h := range rot.Attract {
		need[h] = true
	}
	out.Projects = nil
	for _, p := range doc.Projects {
		if !shown[p.ID] {
			continue
		}
		out.Projects = append(out.Projects, p)
		for _, h := range append(append(p.Images(), p.Videos...), p.Cover) {
			need[h] = true
		}
	}
	byHash := map[string]catalog.Media{}
	for _, m := range doc.Media {
		byHash[m.Hash] = m
	}
	for h := range need {
		for _, sub := range byHash[h].Subtitles {
			need[sub] = true
		}
	}
	out.Media = nil
	for _, m := range doc.Media {
		if need[m.Hash] {
			out.Media = append(out.Media, m)
		}
	}
	return out, nil
}

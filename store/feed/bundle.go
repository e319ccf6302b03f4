package feed

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/media"
)

// ImportOptions say what to import and where.
type ImportOptions struct {
	Path     string      // a feed folder or a .zip bundle
	Trusted  []PublicKey // nil: the keys trusted in the store's settings
	DB       *store.DB
	Media    *media.Store
	Limits   Limits
	Progress func(Progress) // called from the importing goroutine
	Now      func() time.Time
	// AllowOlder and TrustNew as in SyncOptions.
	AllowOlder bool
	TrustNew   []PublicKey
	// KeepMedia, as in SyncOptions: what a kiosk's screens still show.
	KeepMedia  func() []string
	KeepSigned string // as in SyncOptions
}

// ErrBundle marks a bundle refused for its structure; the message says why.
var ErrBundle = errors.New("the bundle is refused")

// bundle is a feed read from local storage.
type bundle interface {
	// read returns the whole content of a top-level file, at most max bytes.
	read(name string, max int64) ([]byte, error)
	// media checks the declared size of a media file and opens it.
	media(m catalog.Media) (io.ReadCloser, error)
	// hallFiles reads the hall's signed documents in HallDir.
	hallFiles() ([]HallFile, error)
	Close() error
}

// Import reads a feed folder or bundle with the same checks as a sync
// (signature first, then limits, then every file's hash and size) and
// switches the catalogue in one transaction.
func Import(ctx context.Context, opt ImportOptions) (Result, error) {
	res := Result{Source: opt.Path}
	lim := opt.Limits.withDefaults()
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	pr := newProgress(opt.Progress)
	pr.phase(PhaseManifest, 0, 0)
	b, c, err := openVerified(opt.Path, opt.DB, opt.Trusted, opt.TrustNew, lim, now())
	if err != nil {
		return res, err
	}
	defer b.Close()
	res.SignedBy, res.Offered = c.signer.ID(), c.signed
	// The hall's documents are read once the bundle's signature holds,
	// whatever becomes of its catalogue: each is checked by itself where
	// it is taken, and a newer notice is welcome beside an older season.
	res.Hall, res.HallErr = b.hallFiles()
	doc := c.m.Catalogue
	sw := c.storeSwitch(opt.AllowOlder, opt.TrustNew, &res)
	if err := c.precheck(opt.DB, opt.AllowOlder); errors.Is(err, store.ErrUnchanged) {
		if err := opt.DB.Reverified(sw); err != nil {
			return res, err
		}
		res.Current, res.Version = true, doc.Version
		res.PassOnError = keepSigned(opt.KeepSigned, c.raw, c.sig)
		return res, nil
	} else if err != nil {
		return res, err
	}
	var files int
	var total int64
	for _, f := range doc.Media {
		if !opt.Media.Has(f.Hash, f.Size) {
			files++
			total += f.Size
		}
	}
	if err := checkSpace(opt.Media.Dir(), total); err != nil {
		return res, err
	}
	pr.phase(PhaseMedia, files, total)
	open := func(f catalog.Media) (io.ReadCloser, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := b.media(f)
		if err != nil {
			return nil, err
		}
		res.Fetched++
		res.FetchBytes += f.Size
		return countingCloser{r, pr, f.Size}, nil
	}
	var keep []string
	if opt.KeepMedia != nil {
		keep = opt.KeepMedia()
	}
	// store.Import copies (through open), thumbnails, then switches.
	rep, err := store.ImportWith(opt.DB, opt.Media, doc, open, store.ImportOptions{Source: opt.Path, Now: now(), Keep: keep, Switch: sw})
	res.Report = rep
	if errors.Is(err, store.ErrUnchanged) {
		res.Current, res.Version = true, doc.Version
		res.PassOnError = keepSigned(opt.KeepSigned, c.raw, c.sig)
		return res, nil
	}
	if err != nil {
		res.KeysAdded, res.KeysRevoked = nil, nil // rolled back with the switch
		return res, explainWriteError(err)
	}
	res.Changed = true
	res.Version = doc.Version
	res.PassOnError = keepSigned(opt.KeepSigned, c.raw, c.sig)
	return res, nil
}

// openVerified opens a bundle and checks its signature against the
// trusted keys (the store's when trusted is nil, and trustNew) before
// anything else of it is read.
func openVerified(path string, db *store.DB, trusted, trustNew []PublicKey, lim Limits, now time.Time) (bundle, *checked, error) {
	b, err := openBundle(path, lim)
	if err != nil {
		return nil, nil, err
	}
	c, err := func() (*checked, error) {
		if trusted == nil {
			if trusted, err = TrustedKeys(db); err != nil {
				return nil, err
			}
		}
		sig, err := b.read(SignatureName, maxSigFile)
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: the feed is not signed (no %s in %s)", ErrSignature, SignatureName, path)
		}
		if err != nil {
			return nil, err
		}
		raw, err := b.read(ManifestName, lim.MaxManifest)
		if err != nil {
			return nil, err
		}
		trusted = append(trusted[:len(trusted):len(trusted)], trustNew...)
		return verifyFeed(trusted, raw, sig, lim, now)
	}()
	if err != nil {
		b.Close()
		return nil, nil, err
	}
	return b, c, nil
}

// Preview is what a bundle would bring, verified but not applied.
type Preview struct {
	Signed    store.Signed
	SignedBy  string
	Catalogue catalog.Document
	// MediaFiles and MediaBytes are the media not in the store yet.
	MediaFiles int
	MediaBytes int64
	// Order is nil for a catalogue newer than the one in use, otherwise
	// store.ErrUnchanged, store.ErrOlder or store.ErrConflict.
	Order error
}

// Inspect reads a bundle as Import does (signature first), and says what
// it would bring, changing nothing: for a curator to choose one.
func Inspect(path string, db *store.DB, ms *media.Store) (Preview, error) {
	var p Preview
	b, c, err := openVerified(path, db, nil, nil, Limits{}.withDefaults(), time.Now())
	if err != nil {
		return p, err
	}
	defer b.Close()
	p.Signed, p.SignedBy, p.Catalogue = c.signed, c.signer.ID(), c.m.Catalogue
	for _, f := range p.Catalogue.Media {
		if !ms.Has(f.Hash, f.Size) {
			p.MediaFiles++
			p.MediaBytes += f.Size
		}
	}
	p.Order = c.precheck(db, false)
	return p, nil
}

// countingCloser reports bytes read and one finished file at close.
type countingCloser struct {
	io.ReadCloser
	pr   *progress
	size int64
}

func (c countingCloser) Read(b []byte) (int, error) {
	n, err := c.ReadCloser.Read(b)
	c.pr.addBytes(int64(n))
	return n, err
}

func (c countingCloser) Close() error {
	c.pr.fileDone()
	return c.ReadCloser.Close()
}

func openBundle(path string, lim Limits) (bundle, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such feed folder or bundle file (is the USB stick mounted?)", path)
	}
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return dirBundle{dir: path}, nil
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is neither a folder nor a file", ErrBundle, path)
	}
	return openZip(path, lim)
}

// dirBundle is a feed folder, for example on a USB stick. Links are
// refused: a feed is plain files, and a link could point anywhere.
type dirBundle struct{ dir string }

func (d dirBundle) Close() error { return nil }

func (d dirBundle) open(rel string, max int64) (*os.File, error) {
	p := filepath.Join(d.dir, filepath.FromSlash(rel))
	check := []string{p}
	if strings.Contains(rel, "/") {
		check = []string{filepath.Dir(p), p}
	}
	for _, q := range check {
		st, err := os.Lstat(q)
		if err != nil {
			return nil, err
		}
		if q == p && !st.Mode().IsRegular() || q != p && !st.IsDir() {
			return nil, fmt.Errorf("%w: %s is a link or special file, not a plain %s", ErrBundle, q, map[bool]string{true: "file", false: "folder"}[q == p])
		}
		if q == p && st.Size() > max {
			return nil, fmt.Errorf("%w: %s is %d bytes, more than the %d expected", ErrBundle, rel, st.Size(), max)
		}
	}
	return os.Open(p)
}

func (d dirBundle) read(name string, max int64) ([]byte, error) {
	f, err := d.open(name, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAtMost(f, max, name)
}

func (d dirBundle) media(m catalog.Media) (io.ReadCloser, error) {
	f, err := d.open(MediaDir+"/"+m.Hash, m.Size)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: the folder has no %s/%s named in its manifest", ErrBundle, MediaDir, m.Hash)
	}
	return f, err
}

func readAtMost(r io.Reader, max int64, name string) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > max {
		return nil, fmt.Errorf("%w: %s is larger than the limit of %d bytes", ErrManifest, name, max)
	}
	return raw, nil
}

// zipBundle is a feed packed in one zip file.
type zipBundle struct {
	zr    *zip.ReadCloser
	files map[string]*zip.File
}

// openZip opens a bundle and checks every entry's name, kind and size
// before anything is read, so that hostile archives are refused up front.
func openZip(path string, lim Limits) (bundle, error) {
	var magic [4]byte
	if f, err := os.Open(path); err == nil {
		io.ReadFull(f, magic[:])
		f.Close()
	}
	if !bytes.Equal(magic[:], []byte("PK\x03\x04")) && !bytes.Equal(magic[:], []byte("PK\x05\x06")) {
		return nil, fmt.Errorf("%w: %s is not a zip bundle (nor a feed folder)", ErrBundle, path)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is a damaged zip file: %v", ErrBundle, path, err)
	}
	z := &zipBundle{zr: zr, files: map[string]*zip.File{}}
	if err := z.check(lim); err != nil {
		zr.Close()
		return nil, err
	}
	return z, nil
}

func (z *zipBundle) check(lim Limits) error {
	if len(z.zr.File) > lim.MaxMedia+16 {
		return fmt.Errorf("%w: %d entries, more than a feed can have", ErrBundle, len(z.zr.File))
	}
	var total uint64
	for _, f := range z.zr.File {
		name := f.Name
		if err := checkEntryName(name); err != nil {
			return err
		}
		if _, dup := z.files[name]; dup {
			return fmt.Errorf("%w: entry %q appears twice", ErrBundle, name)
		}
		z.files[name] = f
		mode := f.Mode()
		switch {
		case mode.IsDir():
			if f.UncompressedSize64 != 0 {
				return fmt.Errorf("%w: folder entry %q has content", ErrBundle, name)
			}
			continue
		case !mode.IsRegular():
			return fmt.Errorf("%w: entry %q is a link or special file (%v); a bundle holds plain files only", ErrBundle, name, mode.Type())
		case f.Flags&0x1 != 0:
			return fmt.Errorf("%w: entry %q is encrypted", ErrBundle, name)
		}
		if f.UncompressedSize64 > uint64(max(lim.MaxMediaFile, lim.MaxManifest)) {
			return fmt.Errorf("%w: entry %q would expand to %d bytes, more than any feed file may be", ErrBundle, name, f.UncompressedSize64)
		}
		total += f.UncompressedSize64
		if total > uint64(lim.MaxMediaAll)+uint64(lim.MaxManifest) {
			return fmt.Errorf("%w: the entries would expand to more than %d bytes", ErrBundle, uint64(lim.MaxMediaAll)+uint64(lim.MaxManifest))
		}
	}
	return nil
}

// checkEntryName refuses names that could escape a folder they were
// extracted into, or that mean different things on different systems.
func checkEntryName(name string) error {
	bad := func(why string) error { return fmt.Errorf("%w: entry %q %s", ErrBundle, name, why) }
	switch {
	case name == "":
		return bad("has no name")
	case strings.ContainsAny(name, "\\\x00"):
		return bad("contains a backslash or NUL")
	case strings.HasPrefix(name, "/"):
		return bad("is an absolute path")
	case len(name) >= 2 && name[1] == ':':
		return bad("names a drive")
	}
	for _, part := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if part == ".." {
			return bad("escapes the bundle (..)")
		}
		if part == "" || part == "." {
			return bad("is not a clean path")
		}
	}
	return nil
}

func (z *zipBundle) Close() error { return z.zr.Close() }

func (z *zipBundle) read(name string, max int64) ([]byte, error) {
	f, ok := z.files[name]
	if !ok {
		return nil, fmt.Errorf("%w: no %s in the bundle", os.ErrNotExist, name)
	}
	if f.UncompressedSize64 > uint64(max) {
		return nil, fmt.Errorf("%w: %s is %d bytes, more than the limit of %d", ErrManifest, name, f.UncompressedSize64, max)
	}
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBundle, name, err)
	}
	defer r.Close()
	return readAtMost(r, max, name)
}

func (z *zipBundle) media(m catalog.Media) (io.ReadCloser, error) {
	name := MediaDir + "/" + m.Hash
	f, ok := z.files[name]
	if !ok {
		return nil, fmt.Errorf("%w: no %s, though the manifest names it", ErrBundle, name)
	}
	if f.UncompressedSize64 != uint64(m.Size) {
		return nil, fmt.Errorf("%w: %s is %d bytes, the manifest says %d", ErrBundle, name, f.UncompressedSize64, m.Size)
	}
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBundle, name, err)
	}
	return damageReader{r, name}, nil
}

// damageReader says in words what the zip reader's errors mean: data
// that expands past its declared size (a zip bomb) or fails its checksum.
type damageReader struct {
	io.ReadCloser
	name string
}

func (d damageReader) Read(b []byte) (int, error) {
	n, err := d.ReadCloser.Read(b)
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
		err = fmt.Errorf("%w: %s is damaged: its data does not match the size or checksum the archive declares (%v)", ErrBundle, d.name, err)
	}
	return n, err
}

// checkSpace refuses to start when the media obviously will not fit,
// with a margin for thumbnails and the database.
func checkSpace(dir string, need int64) error {
	free := freeBytes(dir)
	if free < 0 || need == 0 {
		return nil
	}
	want := need + need/50 + 16<<20
	if want > free {
		return fmt.Errorf("not enough disk space in %s: the new media need about %s, %s is free; free some space or use a larger disk", dir, human(want), human(free))
	}
	return nil
}

// explainWriteError adds a hint a technician can act on to a full disk.
func explainWriteError(err error) error {
	if err != nil && (strings.Contains(err.Error(), "no space left on device") || strings.Contains(err.Error(), "disk quota exceeded")) {
		return fmt.Errorf("the disk is full; nothing was changed (the catalogue shown is the previous one): %w", err)
	}
	return err
}

func human(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

package app

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"showhall/control"
	"showhall/hallnet"
	"showhall/screens"
	curscreens "showhall/screens/curator"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
	"showhall/store/outbox"
	"showhall/store/plan"
	"showhall/store/stats"
)

func runCurate(env *Env, args []string) int {
	fs := flag.NewFlagSet("curate", flag.ContinueOnError)
	peersFlag := fs.String("peers", "", "the hall's screens for the hall page, HOST:PORT,... (for networks that block multicast; the screens found by multicast are shown too)")
	if err := parseVerbFlags(env, fs, "curate", args); err != nil {
		return usageExit(err)
	}
	peers, err := hallnet.ParsePeers(*peersFlag)
	if err != nil {
		return usageErr(env, "curate", "--peers: "+err.Error())
	}
	log := newLogger(env)
	data, snap, err := openCatalogue(env.DataDir, log)
	if err != nil {
		fmt.Fprintf(env.Stderr, "showhall: %v\n", err)
		return ExitFailure
	}
	defer data.Close()
	a := newGUI()
	w := a.NewWindow("showhall – curator")
	b := newCuratorBackend(data, snap, log)
	b.leave = w.Close
	b.hall = laptopHall(peers, discoverScreens)
	b.pics = screens.NewPictures(storePictures{data.Media})
	// The laptop is the curator's own: its first PIN is chosen here.
	w.SetContent(b.pinPad(w, true, func() { w.SetContent(curscreens.NewConsole(b, w, b.lang()).Object()) }, nil))
	w.Resize(fyne.NewSize(1600, 1000))
	w.ShowAndRun()
	return ExitOK
}

// curatorBackend is the console's way to the data folder: it implements
// screens/curator.Backend for the laptop's window and for the kiosk.
type curatorBackend struct {
	data  *Data
	snap  atomic.Pointer[catalog.Snapshot]
	log   *slog.Logger
	now   func() time.Time
	zone  *time.Location
	pics  *screens.Pictures
	guard *hall.Guard

	k         *kiosk // nil on a laptop
	dedicated bool   // the kiosk runs on a PC with no desktop
	leave     func()
	hall      *hallConsole // the hall page's way to the other screens
}

func newCuratorBackend(data *Data, snap *catalog.Snapshot, log *slog.Logger) *curatorBackend {
	b := &curatorBackend{data: data, log: log, now: time.Now}
	b.snap.Store(snap)
	b.zone = hallZone()
	b.guard = &hall.Guard{Settings: data.DB, Now: func() time.Time { return b.now() }, Log: log}
	return b
}

// hallZone is Asia/Shanghai, or UTC+8 if the machine has no zone data.
func hallZone() *time.Location {
	if z, err := time.LoadLocation(catalog.HallZone); err == nil {
		return z
	}
	return time.FixedZone("CST", 8*3600)
}

// pinPad builds the PIN pad: the PIN opens the console (onOK), with the
// lockout of hall.Guard. With firstUse (a laptop's own console) a
// first PIN is chosen on the pad; a kiosk never lets a touch choose it.
func (b *curatorBackend) pinPad(w fyne.Window, firstUse bool, onOK, onCancel func()) fyne.CanvasObject {
	has, err := b.guard.HasPIN()
	if err != nil {
		b.log.Error("reading the curator PIN", "error", err)
	}
	setting := !has && firstUse
	submit := func(pin string) error {
		if setting {
			if err := b.guard.SetPIN("", pin); err != nil {
				return err
			}
		} else if err := b.guard.Check(pin); err != nil {
			return err
		}
		onOK()
		return nil
	}
	return curscreens.NewPINPad(b.lang(), setting, submit, onCancel, b.Touch).Object()
}

func (b *curatorBackend) lang() catalog.Lang {
	s, _ := hall.LoadSettings(b.data.DB)
	if l, ok := catalog.ParseLang(s.Lang); ok {
		return l
	}
	return catalog.Hans
}

func (b *curatorBackend) Snapshot() *catalog.Snapshot { return b.snap.Load() }
func (b *curatorBackend) Now() time.Time              { return b.now() }
func (b *curatorBackend) Zone() *time.Location        { return b.zone }
func (b *curatorBackend) Pictures() *screens.Pictures { return b.pics }

func (b *curatorBackend) hasMedia(h string) bool {
	m, ok := b.Snapshot().Media(h)
	return ok && b.data.Media.Has(h, m.Size)
}

func (b *curatorBackend) Check(rots []catalog.Rotation) []plan.Finding {
	return plan.Check(plan.Plan{Rotations: rots, Snap: b.Snapshot(), HasMedia: b.hasMedia, Now: b.now(), Zone: b.zone})
}

// reload takes the catalogue back from the store after a change and
// hands it to the kiosk, which shows it at the next return home.
func (b *curatorBackend) reload() error {
	snap, err := b.data.DB.Snapshot()
	if err != nil {
		return err
	}
	b.snap.Store(snap)
	if b.k != nil {
		b.k.SetSnapshot(snap)
	}
	return nil
}

func (b *curatorBackend) SaveRotation(r catalog.Rotation) error {
	if err := b.data.DB.PutRotation(r); err != nil {
		return err
	}
	b.log.Info("rotation saved by a curator", "rotation", r.ID, "start", r.Start, "end", r.End, "exhibits", len(r.Showcase))
	return b.reload()
}

func (b *curatorBackend) DeleteRotation(id string) error {
	if err := b.data.DB.DeleteRotation(id); err != nil {
		return err
	}
	b.log.Info("rotation deleted by a curator", "rotation", id)
	return b.reload()
}

// exportPath is a new file in the data folder's exports/.
func (b *curatorBackend) exportPath(name string) (string, error) {
	dir := filepath.Join(b.data.Dir, "exports")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return filepath.Join(dir, fmt.Sprintf("%s-%s", b.now().In(b.zone).Format("20060102-150405"), name)), nil
}

// Export writes the whole catalogue, rotations included, as a signed
// bundle (the same feed format a kiosk syncs and imports) for carrying to
// the screens. It is signed with this machine's curator key, made on first
// use under the data folder; its public half is written beside the
// bundle, for the kiosks to trust (`showhall import --trust` with
// `--trust-fingerprint`, since a key on the stick itself proves nothing).
func (b *curatorBackend) Export() (string, error) {
	doc, err := b.data.DB.Document()
	if err != nil {
		return "", err
	}
	path, err := b.exportPath("catalogue-" + doc.Version + ".zip")
	if err != nil {
		return "", err
	}
	return path, b.exportTo(path, doc)
}

// exportTo writes doc as a bundle signed with the curator key, the
// hall's notices and opening hours inside it, and the key's public half
// beside it.
func (b *curatorBackend) exportTo(path string, doc catalog.Document) error {
	priv, keyPath, err := b.curatorKey()
	if err != nil {
		return err
	}
	docs, err := hallFiles(b.data, b.now())
	if err != nil {
		return err
	}
	where := func(m catalog.Media) (string, error) { return b.data.Media.Path(m.Hash), nil }
	if err := feed.WriteBundle(path, doc, where, feed.WriteOptions{Key: priv, Generator: "showhall " + Version + " curator", Hall: docs}); err != nil {
		return err
	}
	pub, err := os.ReadFile(keyPath + ".pub")
	if err == nil {
		err = os.WriteFile(strings.TrimSuffix(path, ".zip")+".pub", pub, 0o644)
	}
	return err
}

// curatorKey is this machine's curator signing key, made on first use
// under the data folder, and where it is.
func (b *curatorBackend) curatorKey() (ed25519.PrivateKey, string, error) {
	keyPath := curatorKeyPath(b.data)
	priv, err := feed.ReadPrivateKey(keyPath)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(keyPath), 0o700); err == nil {
			if _, err = feed.WriteKeyPair(keyPath); err == nil {
				b.log.Info("made this machine's curator signing key", "path", keyPath)
				priv, err = feed.ReadPrivateKey(keyPath)
			}
		}
	}
	if err != nil {
		return nil, "", fmt.Errorf("the curator signing key: %w", err)
	}
	return priv, keyPath, nil
}

func (b *curatorBackend) Notices() []notice.Notice { return loadNotices(b.data, b.log) }

// PublishNotice signs the notice with this machine's curator key, puts
// it on this screen, and writes the signed file (with the key's public
// half) into exports/ for the other screens.
func (b *curatorBackend) PublishNotice(n notice.Notice) (string, error) {
	priv, keyPath, err := b.curatorKey()
	if err != nil {
		return "", err
	}
	n.Signed = b.now().UTC()
	file, err := notice.Sign(priv, n)
	if err != nil {
		return "", err
	}
	_, list, err := acceptNotice(b.data, file, b.now())
	if err != nil {
		return "", err
	}
	b.log.Info("notice published by a curator", "notice", n.ID, "level", n.Level, "start", n.Start, "end", n.End, "withdrawn", n.Withdrawn)
	if b.k != nil {
		b.k.setNotices(list)
	}
	path, err := b.exportPath("notice-" + n.ID + notice.Ext)
	if err == nil {
		err = writeNoticeFile(path, file)
	}
	if err == nil {
		var pub []byte
		if pub, err = os.ReadFile(keyPath + ".pub"); err == nil {
			err = os.WriteFile(strings.TrimSuffix(path, notice.Ext)+".pub", pub, 0o644)
		}
	}
	return path, err
}

func (b *curatorBackend) Events(p stats.Period) ([]stats.Event, error) { return b.data.DB.Events(p) }

func (b *curatorBackend) ExportCSV(kind string, p stats.Period) (string, error) {
	evs, err := b.data.DB.Events(p)
	if err != nil {
		return "", err
	}
	path, err := b.exportPath("statistics-" + kind + ".csv")
	if err != nil {
		return "", err
	}
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if kind == "events" {
		err = stats.WriteEventsCSV(f, evs)
	} else {
		err = stats.WriteReportCSV(f, stats.Summarise(evs, p, b.zone))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return path, err
}

func (b *curatorBackend) Health() hall.Health {
	h := readHealth(b.data, b.Snapshot(), b.now(), b.log)
	if b.k != nil {
		h.Display = b.k.sleep.health.Load()
		h.Video = b.k.video.describe()
		h.Memory = b.k.memoryHealth()
	}
	return h
}

// readHealth gathers what the health page shows, and the hall's status
// of this screen (app/hall.go): the catalogue, its signature and sync,
// the media snap needs that are missing or were refused, the statistics
// waiting, the disk.
func readHealth(data *Data, snap *catalog.Snapshot, now time.Time, log *slog.Logger) hall.Health {
	h := hall.Health{AppVersion: Version, DataDir: data.Dir, DiskFree: diskFree(data.Dir)}
	if info, err := data.DB.Info(); err == nil {
		h.CatalogueVersion, h.CatalogueSource, h.Committed, h.Projects = info.Version, info.Source, info.Committed, info.Projects
	}
	var st hall.SyncState
	if found, _ := data.DB.GetSetting(hall.SettingSyncState, &st); found {
		h.Sync = &st
	}
	data.DB.GetSetting(hall.SettingLastStick, &h.LastStick)
	if sg, err := data.DB.Signed(); err == nil {
		h.ValidUntil, h.Verified, h.Stale = sg.ValidUntil, sg.Verified, sg.Expired(now)
	}
	if failed, err := data.DB.MediaFailures(); err == nil {
		for _, f := range failed {
			owner := f.Project
			if owner == "" {
				owner = "no project"
			}
			h.MediaRefused = append(h.MediaRefused, fmt.Sprintf("%s: %s %.12s…: %s", owner, f.Type, f.Hash, f.Reason))
		}
	}
	if n, err := data.DB.OutboxLen(); err != nil {
		// Not 0: that would read as "everything uploaded".
		log.Error("counting the statistics waiting for upload", "error", err)
		h.OutboxWaiting = -1
	} else {
		h.OutboxWaiting = n
	}
	has := func(hash string) bool {
		m, ok := snap.Media(hash)
		return ok && data.Media.Has(hash, m.Size)
	}
	for i := 0; i < snap.Len(); i++ {
		p := snap.At(i)
		for _, m := range append(append([]string{p.Cover}, p.Gallery...), p.Videos...) {
			if m != "" && !has(m) {
				h.MediaMissing = append(h.MediaMissing, fmt.Sprintf("%s: %.12s…", p.ID, m))
			}
		}
	}
	return h
}

func (b *curatorBackend) Settings() (hall.HallSettings, []string) {
	s, err := hall.LoadSettings(b.data.DB)
	if err != nil {
		b.log.Warn("reading settings", "error", err)
	}
	var keys []string
	b.data.DB.GetSetting(hall.SettingTrustedKeys, &keys)
	return s, keys
}

func (b *curatorBackend) SaveSettings(s hall.HallSettings, keys []string) error {
	if err := hall.SaveSettings(b.data.DB, s); err != nil {
		return err
	}
	if err := b.data.DB.PutSetting(hall.SettingTrustedKeys, keys); err != nil {
		return err
	}
	b.log.Info("settings saved by a curator", "idle_seconds", s.IdleSeconds, "lang", s.Lang, "portal", s.PortalURL, "trusted_keys", len(keys))
	if b.k != nil {
		b.k.applySettings(s)
	}
	return nil
}

func (b *curatorBackend) Hours() (hours.Hours, bool) {
	h, found, err := hall.LoadHours(b.data.DB)
	if err != nil {
		b.log.Warn("reading the opening hours", "error", err)
	}
	if !found || err != nil {
		return hours.Default(), false
	}
	return h, true
}

// SaveHours signs the hours with this machine's curator key and puts
// them in use, so that the other screens take them as they are.
func (b *curatorBackend) SaveHours(h hours.Hours) error {
	if err := h.Validate(); err != nil {
		return err
	}
	priv, _, err := b.curatorKey()
	if err != nil {
		return err
	}
	h.Signed = b.now().UTC()
	if have, _, _ := hall.LoadHours(b.data.DB); !h.Signed.After(have.Signed) {
		h.Signed = have.Signed.Add(time.Millisecond) // a clock set back still saves newer hours
	}
	file, err := hours.Sign(priv, h)
	if err != nil {
		return err
	}
	if _, err := acceptHours(b.data, file); err != nil {
		return err
	}
	b.log.Info("opening hours saved by a curator", "follow", h.Follow, "closed_days", len(h.Closed), "special_days", len(h.Special))
	if b.k != nil {
		b.k.setHours(h)
	}
	return nil
}

func (b *curatorBackend) ChangePIN(old, pin string) error { return b.guard.SetPIN(old, pin) }

// NewKeys gives the fingerprints of the keys among lines not trusted yet,
// for the console to name before they are.
func (b *curatorBackend) NewKeys(lines []string) ([]string, error) {
	have, err := feed.TrustedKeys(b.data.DB)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, l := range lines {
		k, err := feed.ParsePublicKey(l)
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(have, func(h feed.PublicKey) bool { return h.ID() == k.ID() }) {
			ids = append(ids, k.ID())
		}
	}
	return ids, nil
}

// GoBack switches the hall back to the older catalogue a feed offered,
// a curator's explicit decision behind the PIN.
// An older catalogue offered on a USB stick is named by its path there
// and comes in through the import, with the stick still in.
func (b *curatorBackend) GoBack(url string) error {
	opt := feed.SyncOptions{URL: url, DB: b.data.DB, Media: b.data.Media, UserAgent: "showhall/" + Version, AllowOlder: true,
		KeepSigned: b.data.signedDir()}
	if b.k != nil {
		opt.KeepMedia = b.k.mediaOnScreen
	}
	var res feed.Result
	var err error
	if filepath.IsAbs(url) {
		res, err = feed.Import(context.Background(), feed.ImportOptions{Path: url, DB: b.data.DB, Media: b.data.Media,
			AllowOlder: true, KeepMedia: opt.KeepMedia})
		if err == nil {
			err = feed.NoteGoneBack(b.data.DB)
		}
	} else {
		res, err = feed.Sync(context.Background(), opt)
	}
	if err != nil {
		return err
	}
	b.log.Warn("a curator took the hall back to an older catalogue", "version", res.Version, "feed", url)
	return b.reload()
}

func (b *curatorBackend) Touch() {
	if b.k != nil {
		b.k.idle.Touch(b.k.now())
	}
}

func (b *curatorBackend) Leave() {
	if b.leave != nil {
		b.leave()
	}
}

func (b *curatorBackend) Kiosk() bool { return b.k != nil }

// Restart quits with the exit code that asks the service (systemd's
// Restart=on-failure) to start the kiosk again.
func (b *curatorBackend) Restart() {
	b.log.Warn("kiosk restart asked for from the curator's console")
	if b.k != nil {
		b.k.leave(ExitFailure)
	}
}

// Quit closes the kiosk. On a dedicated kiosk PC there is no desktop to
// return to (and the service would start it again anyway), so it is a
// restart there, said as one; elsewhere the console warned the curator
// that the screen will show the desktop.
func (b *curatorBackend) Quit() {
	if b.k == nil {
		return
	}
	if b.dedicated {
		b.log.Warn("kiosk close asked for on a dedicated kiosk PC: restarting it, as there is no desktop to return to")
		b.Restart()
		return
	}
	b.log.Warn("kiosk closed from the curator's console")
	b.k.leave(ExitOK)
}

func (b *curatorBackend) QuitWarning() string {
	switch {
	case b.k == nil:
		return ""
	case b.dedicated:
		return "This PC is a dedicated kiosk: closing restarts the kiosk, as there is no desktop to return to."
	case b.k.fullScreen:
		return "This screen will show the computer's desktop until someone starts the kiosk again."
	}
	return ""
}

// dedicatedEnv is set by the dedicated kiosk's service
// (showhall-kiosk.service): the PC has no desktop behind the kiosk.
const dedicatedEnv = "SHOWHALL_DEDICATED"

// visits is what the kiosk keeps to record visitors' events and to
// open the console: one field of the kiosk, so that app/kiosk.go only
// calls into this file.
type visits struct {
	rec      func(stats.Event) // nil records nothing (tests that do not ask)
	project  *catalog.Project  // the exhibit being looked at, for its dwell time
	since    time.Time
	depth    int // the navigation depth it was opened at
	curating bool
	backend  *curatorBackend
}

// record stamps an event with the season and language and hands it on.
func (k *kiosk) record(kind stats.Kind, p *catalog.Project, value int64) {
	if k.visits.rec == nil {
		return
	}
	e := stats.New(kind, k.calendar())
	e.Lang, e.Value = string(k.ui.Lang), value
	if k.ui.Rotation != nil {
		e.Rotation = k.ui.Rotation.ID
	}
	if p != nil {
		e.Project = p.ID
		if len(p.Themes) > 0 {
			e.Theme = p.Themes[0]
		}
	}
	k.visits.rec(e)
}

// noteOpened records an exhibit's page opening and starts its dwell.
func (k *kiosk) noteOpened(p *catalog.Project) {
	k.record(stats.ExhibitOpened, p, 0)
	k.visits.project, k.visits.since, k.visits.depth = p, k.now(), len(k.stack)
}

// noteLeft is called whenever the page changes: if the visitor left the
// exhibit's page (back, home, another page on top, the attract screen)
// its dwell is recorded. A language switch keeps the page, and its
// dwell. Time after the last touch does not count, so an idle reset does
// not add the whole timeout.
func (k *kiosk) noteLeft() {
	v := &k.visits
	if v.project == nil || (len(k.stack) == v.depth && !k.onAttr && !v.curating) {
		return
	}
	end := k.now()
	if last := k.idle.last; last.After(v.since) && last.Before(end) && (k.onAttr || v.curating) {
		end = last
	}
	dwell := end.Sub(v.since)
	if dwell < 0 {
		dwell = 0 // the clock went back
	}
	k.record(stats.ExhibitDwell, v.project, dwell.Milliseconds())
	v.project = nil
}

// startStatistics records the kiosk's events in the store, from a
// goroutine of its own (never a database write on the UI goroutine),
// and uploads them to the portal set in the settings.
func (k *kiosk) startStatistics(ctx context.Context, data *Data) {
	ch := make(chan stats.Event, 1024)
	k.visits.rec = func(e stats.Event) {
		select {
		case ch <- e:
		default:
			k.log.Warn("statistics recorder is behind; an event was dropped", "kind", e.Kind)
		}
	}
	go func() {
		for {
			var batch []stats.Event
			select {
			case <-ctx.Done():
				return
			case e := <-ch:
				batch = append(batch, e)
			}
			for len(ch) > 0 && len(batch) < 256 {
				batch = append(batch, <-ch)
			}
			if err := data.DB.RecordEvents(batch...); err != nil {
				k.log.Error("recording visitor statistics", "error", err, "events", len(batch))
			}
		}
	}()
	key, err := screenKey(data.Dir, k.log)
	if err != nil {
		k.log.Error("this screen has no key to sign its statistics with; they wait in the outbox", "error", err)
	}
	c := &outbox.Client{Store: data.DB, Kiosk: hostname(), Key: key, Log: k.log}
	settings := func() hall.HallSettings {
		s, err := hall.LoadSettings(data.DB)
		if err != nil {
			k.log.Error("reading the statistics upload settings; using the defaults where unreadable", "error", err)
		}
		return s
	}
	// The uploader is the outbox's only owner: a new interval stops the
	// running one and waits for it before the next starts.
	var mu sync.Mutex
	stop, done := context.CancelFunc(func() {}), make(chan struct{})
	close(done)
	run := func(every time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		stop()
		<-done
		if ctx.Err() != nil {
			return
		}
		var runCtx context.Context
		runCtx, stop = context.WithCancel(ctx)
		done = make(chan struct{})
		go func(done chan struct{}) {
			defer close(done)
			c.Run(runCtx, every, func() outbox.Target {
				s := settings()
				return outbox.Target{URL: s.PortalURL, LocalHTTP: s.PortalLocal}
			})
		}(done)
	}
	k.intervals.restartUpload = func(every time.Duration) { go run(every) }
	run(time.Duration(settings().SyncMinutes) * time.Minute)
}

// screenKey is this screen's own signing key for its statistics, made at
// its first start in the data folder (keys/screen, and keys/screen.pub
// for the portal to register).
func screenKey(dir string, log *slog.Logger) (ed25519.PrivateKey, error) {
	path := filepath.Join(dir, "keys", "screen")
	priv, err := feed.ReadPrivateKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return priv, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	pub, err := feed.WriteKeyPair(path)
	if err != nil {
		return nil, err
	}
	log.Info("made this screen's key for signing its statistics; give the portal its public key", "public_key", pub.String(), "path", path+".pub")
	return feed.ReadPrivateKey(path)
}

func hostname() string {
	h, _ := os.Hostname()
	return h
}

// enableCurator lets staff reach the console on this kiosk, and the
// PC's administrator reach the PIN through the control socket in the
// data folder (showhall pin set|unlock). It returns what stops the socket.
func (k *kiosk) enableCurator(data *Data) (stop func()) {
	b := newCuratorBackend(data, k.snap.Load(), k.log)
	b.k = k
	b.dedicated = os.Getenv(dedicatedEnv) == "1"
	b.now = func() time.Time { return k.calendar() }
	b.pics = k.pics
	b.leave = k.showAttract
	b.hall = kioskHall(k)
	k.visits.backend = b
	// Saved settings were applied by runKiosk already, where the command
	// line can override them; here they would undo --idle and --lang.
	if has, _ := b.guard.HasPIN(); !has {
		k.log.Warn(noPINLine, "data", data.Dir)
	}
	ctl, err := control.Listen(control.Path(data.Dir), adminPIN{b.guard}, k.log)
	if err != nil {
		k.log.Error("the PC's administrator cannot reach this kiosk's PIN (showhall pin)", "error", err)
		return func() {}
	}
	return func() { ctl.Close() }
}

// adminPIN is what the PC's administrator may do to the PIN through the
// control socket: lift the pad's lockout, set a PIN without the old one.
type adminPIN struct{ g *hall.Guard }

func (a adminPIN) Unlock() error           { return a.g.Unlock() }
func (a adminPIN) SetPIN(pin string) error { return a.g.ResetPIN(pin) }

// noPINLine tells the technician how to give a kiosk its PIN.
const noPINLine = "no curator PIN is set on this kiosk, so its hidden corner opens nothing; set one on this PC with: showhall --data DIR pin set (as the kiosk's user)"

// applySettings takes saved settings into use at once: the idle timeout
// now, the default language from the next visitor.
func (k *kiosk) applySettings(s hall.HallSettings) {
	if s.IdleSeconds >= 30 {
		k.idle.Timeout = s.Idle()
	}
	if l, ok := catalog.ParseLang(s.Lang); ok {
		k.defaultLang = l
	}
	k.intervals.set(time.Duration(s.SyncMinutes) * time.Minute)
	k.applyViewingSettings(s)
}

// cornerTap is a short tap on the hidden corner: it does what the
// top-left of the screen does for visitors (Home, or "touch to start",
// or keeping the page when the countdown shows).
func (k *kiosk) cornerTap() {
	switch {
	case k.sleep.asleep:
		k.touchedWhileClosed()
	case k.visits.curating:
	case k.countdownShown():
		k.idle.Touch(k.now())
		k.showCountdown(false)
	default:
		k.Home()
	}
}

// openCurator shows the PIN pad over the kiosk (after the corner hold).
// The console stays under the kiosk's idle timer: a curator who walks
// away leaves a kiosk that returns to visitors by itself.
func (k *kiosk) openCurator() {
	b := k.visits.backend
	if b == nil || k.visits.curating {
		return
	}
	// Without a PIN, whoever held the corner would choose one and own
	// the console: nothing shows, the technician reads how to set one.
	if has, err := b.guard.HasPIN(); !has {
		k.log.Warn(noPINLine, "data", b.data.Dir, "error", err)
		return
	}
	k.log.Info("curator PIN pad opened from the hidden corner")
	k.uncoverForStaff()
	if k.attract != nil {
		k.attract.Stop()
	}
	k.stopVideo()
	k.onAttr = false
	k.tidy.visitor() // the console's pages leave textures as a visitor's do
	k.visits.curating = true
	k.noteLeft()
	k.stack = nil
	k.idle.Touch(k.now())
	k.setBody(b.pinPad(k.win, false, func() {
		k.setBody(curscreens.NewConsole(b, k.win, b.lang()).Object())
	}, k.showAttract))
}

// cornerArea is the invisible 80x80 area in the top-left corner that
// opens the PIN pad when held for 5 s.
func (k *kiosk) cornerArea() fyne.CanvasObject {
	c := curscreens.NewCornerHold(k.openCurator, k.cornerTap)
	c.Resize(fyne.NewSize(80, 80))
	return c
}

package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver"

	"showhall/hallnet"
	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/partial"
)

// The kiosk's place in the hall: its identity, and the read-only hall
// endpoint (hallnet) that tells the other screens and the curators'
// laptops how it is, with a screenshot on request.

// heartbeatEvery is how often the kiosk draws its heartbeat pixel, so
// that the last frame's time is fresh even on a page where nothing moves
// (a repaint of the window every 2 s; the attract loop draws far more).
const heartbeatEvery = 2 * time.Second

// hallState is what the hall's status reads from other goroutines: the
// UI goroutine writes it as the screen changes.
type hallState struct {
	showing    atomic.Value                     // string: attract, home, browse, project, console, asleep
	season     atomic.Pointer[catalog.Rotation] // the season on screen
	lastFrame  atomic.Int64                     // unix nanoseconds of the last frame drawn
	displayOff atomic.Bool
	sleeping   atomic.Bool  // dark outside the opening hours (not woken by a touch)
	loop       atomic.Value // playback: the attract loop's player, once open
	taking     atomic.Value // string: the content of the catalogue being taken from the hall, or ""
	piecesOnce sync.Once
	pieces     *partial.Set  // large files being taken in pieces, served onward piece by piece
	window     atomic.Uint64 // the kiosk window's X11 handle; 0: none known (not X11, or not shown yet)
	syncMu     sync.Mutex    // one catalogue change at a time: the feed's sync, the hall's, a push
	takeMu     sync.Mutex
	takeStop   func()            // cuts the take from the hall under way short, for a push; nil: none
	feedURL    string            // where a "sync" command syncs from; "": the kiosk has no feed (set before start)
	layer      *fyne.Container   // over the pages: the name shown by "identify", the blackout
	identify   fyne.CanvasObject // the name to show, or nil
	named      bool              // the layer shows the name
	blackout   fyne.CanvasObject // the display switched off, or nil
	identifyAt time.Time         // when the name was last asked for: a second ask keeps it 10 s more
	// endpoint is the hall endpoint once it listens: the console's hall
	// page reads the hall through it and renames the screen on it, and
	// sends notices and hours to the peers it knows.
	endpoint atomic.Pointer[hallEndpoint]
}

// hallEndpoint is the kiosk's running hall endpoint.
type hallEndpoint struct {
	screen *kioskScreen
	addr   string // where this PC reaches it (loopback for a wildcard listen)
	ann    *announcer
}

// rename gives the screen a new name: kept in the store, told by the
// status at once, and announced again on the network under it.
func (e *hallEndpoint) rename(name string) (hall.Identity, error) {
	id, err := hall.Rename(e.screen.data.DB, hostname(), name)
	if err != nil {
		return hall.Identity{}, err
	}
	e.screen.setIdentity(id)
	e.ann.rename(id.Name)
	e.screen.log.Info("screen renamed by a curator", "name", id.Name, "id", id.ID)
	return id, nil
}

// hallLayer is the layer over the pages where the hall's commands show.
func (k *kiosk) hallLayer() fyne.CanvasObject {
	k.hall.layer = container.NewStack()
	return k.hall.layer
}

// identifyFor is how long "identify" shows the screen's name.
const identifyFor = 10 * time.Second

// showIdentify shows name large for identifyFor (on the UI goroutine).
func (k *kiosk) showIdentify(name string) {
	k.hall.identify = screens.NewIdentify(name)
	k.hall.identifyAt = time.Now()
	at := k.hall.identifyAt
	k.relayer()
	time.AfterFunc(identifyFor, func() {
		fyne.Do(func() {
			if k.hall.identifyAt == at {
				k.hall.identify = nil
				k.relayer()
			}
		})
	})
}

// setDisplay switches the display off (black, touches swallowed, the
// attract loop and video stopped, the monitor put to sleep as the
// opening hours do) or on again (the attract screen, as after a night).
func (k *kiosk) setDisplay(on bool) {
	if on == !k.hall.displayOff.Load() {
		return
	}
	k.hall.displayOff.Store(!on)
	if on {
		k.hall.blackout = nil
		k.showAttract()
	} else {
		if k.attract != nil {
			k.attract.Stop()
		}
		k.stopVideo()
		k.hall.blackout = screens.NewBlackout()
	}
	k.relayer()
	k.followPower()
}

// relayer puts the blackout and the name in the hall's layer.
func (k *kiosk) relayer() {
	before := k.bannerShown()
	var objs []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{k.hall.blackout, k.hall.identify} {
		if o != nil {
			objs = append(objs, o)
		}
	}
	k.hall.layer.Objects = objs
	k.hall.layer.Refresh()
	k.hall.named = k.hall.identify != nil
	k.attractUnderBanners(before)
}

// do carries out a command the gate accepted.
func (s *kioskScreen) do(ctx context.Context, c hallnet.Command) (string, error) {
	k := s.k
	switch c.Action {
	case hallnet.ActionIdentify:
		name := s.identity().Name
		fyne.Do(func() { k.showIdentify(name) })
		return fmt.Sprintf("showing its name for %.0f s", identifyFor.Seconds()), nil
	case hallnet.ActionDisplayOff, hallnet.ActionDisplayOn:
		on := c.Action == hallnet.ActionDisplayOn
		fyne.Do(func() { k.setDisplay(on) })
		if on {
			return "display on", nil
		}
		return "display off", nil
	case hallnet.ActionTakeNewest:
		// One look at the hall now, as the periodic one does; the answer
		// does not wait for the copy.
		s.asked.Add(1)
		go func() {
			defer s.asked.Done()
			k.takeNewest(s.ctx, &hallnet.Client{}, s.data, s.identity(), s.peers, map[string]bool{}, s.log)
		}()
		return "looking for a newer catalogue among the other screens", nil
	case hallnet.ActionSync:
		if k.hall.feedURL == "" {
			return "", errors.New("this screen has no catalogue feed to sync from (give one with showhall sync URL or kiosk --feed)")
		}
		if !k.intervals.syncNow() {
			return "a sync was already asked for", nil
		}
		return "sync started from " + k.hall.feedURL, nil
	case hallnet.ActionRestart:
		// The answer goes out first; then the kiosk quits with the code
		// that asks its service for a new start, as the console's restart.
		time.AfterFunc(500*time.Millisecond, func() {
			fyne.Do(func() {
				s.log.Warn("kiosk restart asked for by a hall command")
				k.leave(ExitFailure)
			})
		})
		return "restarting: the kiosk quits and its service starts it again", nil
	case hallnet.ActionNotice:
		return s.takeNotice(c)
	case hallnet.ActionHours:
		return s.takeHours(c)
	}
	return "", fmt.Errorf("%w: %s", hallnet.ErrUnsupported, c.Action)
}

// screenKind names what the visitor (or the curator) sees now.
func (k *kiosk) screenKind() string {
	switch {
	case k.visits.curating:
		return "console"
	case k.sleep.asleep:
		return "asleep"
	case k.onAttr:
		return "attract"
	case len(k.stack) > 0:
		return k.stack[len(k.stack)-1].kind
	}
	return "home"
}

// heartbeat is the pixel that proves the kiosk draws; it beats until the
// kiosk stops.
func (k *kiosk) heartbeat() fyne.CanvasObject {
	obj, beat := screens.Heartbeat(func(t time.Time) { k.hall.lastFrame.Store(t.UnixNano()) })
	go func() {
		t := time.NewTicker(heartbeatEvery)
		defer t.Stop()
		for {
			select {
			case <-k.done:
				return
			case <-t.C:
				fyne.Do(beat)
			}
		}
	}()
	return obj
}

// kioskScreen is the kiosk as the hall endpoint sees it.
type kioskScreen struct {
	k       *kiosk
	data    *Data
	idMu    sync.Mutex
	id      hall.Identity // changed by a rename: read with identity()
	started time.Time
	peers   func() []string
	log     *slog.Logger
	// ctx ends when the endpoint stops; asked counts the work commands
	// started that the stop waits for.
	ctx   context.Context
	asked sync.WaitGroup
	feed  *hallnet.FeedServer // passes the catalogue on; nil until the endpoint serves

	// The facts read from the store are kept for a few seconds: a hall
	// list asked by several curators at once reads the store once.
	mu      sync.Mutex
	factsAt time.Time
	facts   hallnet.Status
	factsOf *catalog.Snapshot // the catalogue the facts were read with
}

// factsFor is how long facts read from the store are reused.
const factsFor = 3 * time.Second

func (s *kioskScreen) identity() hall.Identity {
	s.idMu.Lock()
	defer s.idMu.Unlock()
	return s.id
}

func (s *kioskScreen) setIdentity(id hall.Identity) {
	s.idMu.Lock()
	s.id = id
	s.idMu.Unlock()
}

func (s *kioskScreen) Status() hallnet.Status {
	st := s.storeFacts()
	id := s.identity()
	st.Name, st.ID, st.Version = id.Name, id.ID, Version
	st.Started = s.started
	st.UptimeSeconds = int64(time.Since(s.started).Seconds())
	st.Screen, _ = s.k.hall.showing.Load().(string)
	if st.Screen == "" {
		st.Screen = "starting"
	}
	st.Display = "on"
	if s.k.hall.displayOff.Load() || s.k.hall.sleeping.Load() {
		st.Display = "off"
	}
	if ns := s.k.hall.lastFrame.Load(); ns != 0 {
		st.LastFrame = time.Unix(0, ns)
	}
	if r := s.k.hall.season.Load(); r != nil {
		st.Season = &hallnet.Season{ID: r.ID, Name: r.Name.In(catalog.Hans)}
	}
	if s.peers != nil {
		st.Peers = s.peers()
	}
	if p, ok := s.k.hall.loop.Load().(playback); ok {
		st.Video = &hallnet.Playback{Decoder: p.Decoder(), Frames: p.Frames(), Dropped: p.Dropped()}
	}
	// The notices and hours it holds, for the others to take.
	_, st.Notices, st.HoursSigned, _ = heldDocuments(s.data, time.Now())
	if s.feed != nil {
		taking, _ := s.k.hall.taking.Load().(string)
		st.Spread = &hallnet.Spread{Serving: s.feed.Serving(), UploadedBytes: s.feed.Uploaded(), Taking: taking}
	}
	return st
}

// playback is what a video player tells of its work.
type playback interface {
	Decoder() string
	Frames() uint64
	Dropped() uint64
}

// storeFacts reads what the curator's health page shows, as the hall
// status gives it.
func (s *kioskScreen) storeFacts() hallnet.Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A new catalogue (a push, a sync, a stick) is told at once: the
	// curator who pushed it reads the status next.
	snap := s.k.snap.Load()
	if time.Since(s.factsAt) < factsFor && snap == s.factsOf {
		return s.facts
	}
	h := readHealth(s.data, snap, time.Now(), s.log)
	st := hallnet.Status{DiskFree: h.DiskFree, EventsWaiting: h.OutboxWaiting,
		Catalogue:     hallnet.Catalogue{Version: h.CatalogueVersion, ValidUntil: h.ValidUntil, Stale: h.Stale, Projects: h.Projects},
		MediaProblems: append(append([]string{}, h.MediaMissing...), h.MediaRefused...)}
	for i, m := range h.MediaMissing {
		st.MediaProblems[i] = m + ": missing"
	}
	if sg, err := s.data.DB.Signed(); err == nil {
		st.Catalogue.Signer, st.Catalogue.Signed, st.Catalogue.Content = sg.Signer, sg.Time, sg.Content
	}
	st.Catalogue.PassedOn = feed.HasSigned(s.data.signedDir(), s.data.DB) == nil
	if h.Sync != nil {
		st.LastSync = &hallnet.SyncResult{LastSuccess: h.Sync.LastSuccess, LastError: h.Sync.LastError, LastErrorAt: h.Sync.LastErrorAt}
	}
	s.facts, s.factsAt, s.factsOf = st, time.Now(), snap
	return st
}

// Screenshot captures what the screen shows. Under X11 it asks the X
// server for the window's place on the screen: the frame as drawn, with
// the video (which Fyne draws into the window like any picture), and it
// works even when the UI loop hangs, which is when a curator most wants
// to see the screen. Elsewhere, Fyne's own capture runs on the UI
// goroutine; a UI that does not run it before ctx ends is reported, not
// waited for.
func (s *kioskScreen) Screenshot(ctx context.Context) (image.Image, error) {
	if h := s.k.hall.window.Load(); h != 0 {
		return captureX11Window(uintptr(h))
	}
	got := make(chan image.Image, 1)
	fyne.Do(func() { got <- s.k.win.Canvas().Capture() })
	select {
	case img := <-got:
		if img == nil || img.Bounds().Empty() {
			return nil, errors.New("the window could not be captured")
		}
		return img, nil
	case <-ctx.Done():
		return nil, errors.New("the screen's UI did not take the screenshot in time: it is stuck or very busy")
	}
}

// noteWindow keeps the kiosk window's X11 handle for the screenshots
// (on the UI goroutine, once the window is shown).
func (k *kiosk) noteWindow() {
	if !canCaptureX11 {
		return
	}
	nw, ok := k.win.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		if x11, ok := ctx.(driver.X11WindowContext); ok && x11.WindowHandle != 0 {
			k.hall.window.Store(uint64(x11.WindowHandle))
		}
	})
}

// startHallEndpoint serves the kiosk's hall endpoint on listen; a port
// that cannot be had is logged and the kiosk runs on without it.
func startHallEndpoint(k *kiosk, data *Data, listen string, peers []string, log *slog.Logger) (stop func()) {
	id, err := hall.LoadIdentity(data.DB, hostname())
	if err != nil {
		log.Error("this screen has no identity in the hall; its hall endpoint stays off", "error", err)
		return func() {}
	}
	found := &discovered{}
	spreadCtx, stopSpread := context.WithCancel(context.Background())
	sc := &kioskScreen{k: k, data: data, id: id, started: processStart, log: log, ctx: spreadCtx,
		peers: func() []string { return found.with(peers) }}
	// The screen's health goes to the portal with the statistics.
	healthCtx, stopHealth := context.WithCancel(context.Background())
	go sc.healthToPortal(healthCtx, healthEvery, healthAtLeast)
	nonces := &hall.Nonces{Settings: data.DB, Keep: 3 * hallnet.CommandWindow}
	gate := &hallnet.Gate{ID: id.ID, Trusted: func() ([]feed.PublicKey, error) { return feed.TrustedKeys(data.DB) },
		Accept: nonces.Accept, Do: sc.do, Push: sc.push, Log: log}
	mux := http.NewServeMux()
	sc.feed = hallnet.ServeFeed(http.StripPrefix(strings.TrimSuffix(hallnet.PathFeed, "/"), feed.PeerHandler(data.signedDir(), data.DB, data.Media)))
	sc.feed.Pieces = k.pieceSet(data)
	mux.Handle(hallnet.PathFeed, sc.feed)
	mux.Handle(hallnet.PathDocuments, hallnet.DocumentsHandler(func() (hallnet.Documents, error) {
		d, _, _, err := heldDocuments(data, time.Now())
		return d, err
	}, log))
	mux.Handle("/", hallnet.Handler(sc, gate, log))
	srv, err := hallnet.Listen(listen, mux, log)
	if err != nil {
		log.Error("the hall endpoint cannot listen; the other screens and curators will not see this one", "listen", listen, "error", err)
		stopSpread()
		stopHealth()
		return func() {}
	}
	log.Info("hall endpoint listening", "address", srv.Addr(), "screen", id.Name, "id", id.ID, "peers", strings.Join(peers, ","))
	ann := announce(id, srv.Addr(), listen, log)
	stopDiscovery := discoverHall(id, found, log)
	k.hall.endpoint.Store(&hallEndpoint{screen: sc, addr: dialable(srv.Addr()), ann: ann})

	spreadDone := make(chan struct{})
	go func() {
		defer close(spreadDone)
		k.takeFromHall(spreadCtx, data, id, sc.peers, log)
	}()
	docsDone := k.followHallDocuments(spreadCtx, data, id.ID, sc.peers, log)
	return func() {
		stopHealth()
		stopSpread()
		<-spreadDone
		<-docsDone
		srv.Close() // no more commands
		sc.asked.Wait()
		stopDiscovery()
		ann.stop()
	}
}

// errPushedFirst ends a take from the hall that a curator's push cut short.
var errPushedFirst = errors.New("a curator pushed a catalogue to this screen")

// cutTake cuts the take from the hall under way short, if there is one.
func (h *hallState) cutTake() {
	h.takeMu.Lock()
	defer h.takeMu.Unlock()
	if h.takeStop != nil {
		h.takeStop()
	}
}

// setTakeStop notes how to cut the take under way short (nil: none).
func (h *hallState) setTakeStop(stop func()) {
	h.takeMu.Lock()
	defer h.takeMu.Unlock()
	h.takeStop = stop
}

// newCatalogue shows the catalogue just switched to: at once on the
// attract screen, else at the visitor's next return home.
func (k *kiosk) newCatalogue(data *Data, log *slog.Logger) {
	snap, err := data.DB.Snapshot()
	if err != nil {
		log.Error("reading the new catalogue", "error", err)
		return
	}
	k.SetSnapshot(snap)
	go warmThumbnails(data.Media, snap, time.Now(), log)
}

// push takes a bundle a curator pushed (hall push): exactly the bytes the
// command signed, then the usual import with every check. Once in use,
// the catalogue is passed on to the hall.
func (s *kioskScreen) push(ctx context.Context, c hallnet.Command, body io.Reader) (string, error) {
	var args hallnet.PushArgs
	if err := json.Unmarshal(c.Args, &args); err != nil || len(args.SHA256) != 64 || args.Size <= 0 {
		return "", errors.New("the push command does not say which bundle it signs (sha256 and size)")
	}
	f, err := os.CreateTemp(s.data.Dir, "pushed-*.zip")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(body, args.Size+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return "", fmt.Errorf("receiving the bundle: %v", err)
	case n != args.Size:
		return "", fmt.Errorf("the bundle received is %d bytes; the command signed %d", n, args.Size)
	case hex.EncodeToString(h.Sum(nil)) != args.SHA256:
		return "", errors.New("the bundle received is not the one the command signed (sha256 differs)")
	}
	// A take from the hall under way gives way: the curator's bundle is
	// here whole, and what the take fetched so far is kept for later. A
	// sync from the feed is short and is waited for.
	for !s.k.hall.syncMu.TryLock() {
		s.k.hall.cutTake()
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	res, err := feed.Import(ctx, feed.ImportOptions{Path: f.Name(), DB: s.data.DB, Media: s.data.Media, KeepSigned: s.data.signedDir()})
	s.k.hall.syncMu.Unlock()
	if err != nil {
		return "", err
	}
	if res.PassOnError != nil {
		s.log.Warn("the pushed catalogue cannot be passed on", "error", res.PassOnError)
	}
	if !res.Changed {
		return fmt.Sprintf("catalogue %s was already in use", res.Version), nil
	}
	s.log.Info("pushed catalogue in use; passing it on to the hall", "version", res.Version, "signed_by", res.SignedBy, "files", res.Fetched)
	s.k.newCatalogue(s.data, s.log)
	return fmt.Sprintf("catalogue %s in use (signed by %s); the other screens take it from here", res.Version, res.SignedBy), nil
}

// discoverEvery is how often a kiosk asks the network for the other
// screens, and discoverWait how long it listens for answers.
const (
	discoverEvery = time.Minute
	discoverWait  = 2 * time.Second
)

// discovered are the other screens the kiosk found by multicast, named
// in its status as its peers beside the static ones.
type discovered struct {
	mu    sync.Mutex
	addrs []string
}

func (d *discovered) with(static []string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := slices.Clone(static)
	for _, a := range d.addrs {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// dialable is where this PC reaches an endpoint listening on addr: a
// wildcard listen is reached on loopback.
func dialable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return addr
}

// announcer keeps the kiosk's DNS-SD announcement, made again under a
// new name when the screen is renamed.
type announcer struct {
	mu   sync.Mutex
	id   hall.Identity
	host string
	port int
	ann  *hallnet.Announcement
	log  *slog.Logger
}

// announce makes the kiosk's hall endpoint known on the hall's networks
// (DNS-SD, _showhall._tcp). A network without multicast is logged; the
// static peers still work.
func announce(id hall.Identity, addr, listen string, log *slog.Logger) *announcer {
	host, _, _ := net.SplitHostPort(listen)
	_, portText, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portText)
	a := &announcer{id: id, host: host, port: port, log: log}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.start()
	return a
}

func (a *announcer) start() {
	ann, err := hallnet.Announce(a.id.ID, a.id.Name, a.host, a.port)
	if err != nil {
		a.log.Warn("this screen is not announced on the network (other screens find it only through their --peers)", "reason", err)
		return
	}
	a.ann = ann
	a.log.Info("screen announced on the network", "service", hallnet.ServiceType, "port", a.port, "name", a.id.Name)
}

// rename announces the screen again under name.
func (a *announcer) rename(name string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ann.Stop()
	a.ann = nil
	a.id.Name = name
	a.start()
}

func (a *announcer) stop() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ann.Stop()
	a.ann = nil
}

// discoverHall looks for the other screens every minute. A network
// without multicast is logged once; the static peers still work.
func discoverHall(id hall.Identity, found *discovered, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		warned := false
		for {
			list, err := hallnet.Discover(ctx, discoverWait)
			if ctx.Err() != nil {
				return
			}
			if err != nil && !warned {
				log.Warn("the other screens cannot be discovered on this network; using the static peers", "reason", err)
				warned = true
			}
			var addrs []string
			for _, f := range list {
				if f.ID != id.ID {
					addrs = append(addrs, f.Addr)
				}
			}
			found.mu.Lock()
			found.addrs = addrs
			found.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-time.After(discoverEvery):
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// kioskPeers is the static list of the other screens: --peers when given
// (and then kept in the settings; "none" forgets it), else the list kept.
func kioskPeers(data *Data, given bool, flagText string, flagPeers []string, log *slog.Logger) []string {
	if given {
		if strings.TrimSpace(flagText) == "none" {
			flagPeers = nil
		}
		if err := data.DB.PutSetting(hall.SettingPeers, flagPeers); err != nil {
			log.Error("the list of peers could not be kept for the next start", "error", err)
		}
		return flagPeers
	}
	var kept []string
	if _, err := data.DB.GetSetting(hall.SettingPeers, &kept); err != nil {
		log.Error("the kept list of peers cannot be read; starting without it", "error", err)
	}
	return kept
}

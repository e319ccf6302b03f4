package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"showhall/assets/fonts"
	"showhall/hallnet"
	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/hall"
	"showhall/store/search"
	"showhall/store/stats"
)

// processStart is as close to the start of the process as Go code gets:
// the kiosk logs how long it took to show its first frame.
var processStart = time.Now()

// kioskMemoryLimit is the soft ceiling on the kiosk's Go heap.
const kioskMemoryLimit = 128 << 20

// kioskGCPercent lets the kiosk's heap grow by a quarter of its live size
// between collections instead of doubling. Once started the kiosk
// allocates little (video frames come from a fixed pool: no collection in
// 20 s of the attract loop), but every page a visitor opens rasterises its
// texts into images that are garbage a moment later. With 10,000 projects
// a visit holds 194 MiB instead of 202 at 50; the extra collections cost
// about 10 ms of the other core each (BENCHMARKS.md).
const kioskGCPercent = 25

// AppID names showhall to the desktop and to Fyne's preferences (of the
// laptop modes: the kiosk uses none, see newKioskGUI).
const AppID = "cn.gov.gz.pilotzone.showhall"

func runKiosk(env *Env, args []string) int {
	fs := flag.NewFlagSet("kiosk", flag.ContinueOnError)
	idle := fs.Int("idle", 90, "seconds without a touch before the kiosk resets to the attract screen (at least 30)")
	langFlag := fs.String("lang", "zh-Hans", "the language a new visitor starts in: zh-Hans, zh-Hant or en")
	feedURL := fs.String("feed", "", "the portal feed to keep the catalogue up to date from (default: the last one synced)")
	textSize := fs.Int("text-size", 0, "a new visitor's text size in percent: 100, 125 or 150 (default: the curator's setting)")
	look := fs.String("look", "", "a new visitor's look: standard or high-contrast (default: the curator's setting)")
	var removable keyList
	fs.Var(&removable, "removable", "a folder where USB sticks are mounted, watched for catalogue bundles (repeatable; default /media and /run/media)")
	hallListen := fs.String("hall-listen", fmt.Sprintf(":%d", hallnet.DefaultPort), "where the hall endpoint (status and screenshot for the other screens and curators) listens, HOST:PORT; \"off\" for none")
	peersFlag := fs.String("peers", "", "the other screens of the hall, HOST:PORT,... (kept in the settings; for networks that block multicast; \"none\" forgets them)")
	if err := parseVerbFlags(env, fs, "kiosk", args); err != nil {
		return usageExit(err)
	}
	lang, ok := catalog.ParseLang(*langFlag)
	if !ok {
		fmt.Fprintf(env.Stderr, "showhall kiosk: unknown language %q (use zh-Hans, zh-Hant or en)\n", *langFlag)
		return ExitUsage
	}
	step := slices.Index([]int{100, 125, 150}, *textSize)
	if *textSize != 0 && step < 0 {
		fmt.Fprintf(env.Stderr, "showhall kiosk: --text-size %d: use 100, 125 or 150\n", *textSize)
		return ExitUsage
	}
	if *look != "" && *look != hall.LookStandard && *look != hall.LookHighContrast {
		fmt.Fprintf(env.Stderr, "showhall kiosk: --look %q: use %s or %s\n", *look, hall.LookStandard, hall.LookHighContrast)
		return ExitUsage
	}
	var peers []string
	if strings.TrimSpace(*peersFlag) != "none" {
		var err error
		if peers, err = hallnet.ParsePeers(*peersFlag); err != nil {
			fmt.Fprintf(env.Stderr, "showhall kiosk: --peers: %v\n", err)
			return ExitUsage
		}
	}
	if _, _, err := net.SplitHostPort(*hallListen); err != nil && *hallListen != "off" {
		fmt.Fprintf(env.Stderr, "showhall kiosk: --hall-listen %q: give HOST:PORT (\":%d\" for every network of this PC) or off\n", *hallListen, hallnet.DefaultPort)
		return ExitUsage
	}
	if *idle < 30 {
		fmt.Fprintf(env.Stderr, "showhall kiosk: --idle %d is too short for a visitor to read; use at least 30\n", *idle)
		return ExitUsage
	}
	log := newLogger(env)
	// A kiosk runs for weeks: a soft ceiling on the Go heap makes the
	// collector work harder rather than let memory creep while pictures
	// are decoded (GOMEMLIMIT in the environment still wins).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(kioskMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(kioskGCPercent)
	}
	a := newKioskGUI()
	// Opening the text faces takes a good part of the first frame's time:
	// it happens on the other core while the catalogue loads. The screens
	// are built only once it is done, so no two goroutines share a face.
	warmed := make(chan struct{})
	go func() {
		defer close(warmed)
		screens.WarmText()
	}()
	data, snap, err := openCatalogue(env.DataDir, log)
	if err != nil {
		fmt.Fprintf(env.Stderr, "showhall: %v\n", err)
		code, maintenance := startFailure(err)
		if maintenance {
			<-warmed
			return runMaintenance(a, env, log, err)
		}
		return code
	}
	<-warmed
	// The curators' settings apply unless the command line says otherwise.
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	stored := storedKioskSettings(data, log)
	if !given["idle"] && stored.idle >= 30 {
		*idle = stored.idle
	}
	if !given["lang"] && stored.lang != "" {
		lang = stored.lang
	}

	k := newKiosk(a, snap, storePictures{data.Media}, lang, time.Duration(*idle)*time.Second, log)
	k.guard, k.exit = newStopGuard(log, env.Stderr), os.Exit
	k.tidy.after, k.tidy.settle, k.tidy.release = tidyAfter, time.Second, k.releaseMemory
	k.atExit(func() { data.Close() }) // the first step in, the last out
	k.removable = removable
	if len(k.removable) == 0 {
		k.removable = defaultRemovable
	}
	hs, err := hall.LoadSettings(data.DB)
	if err != nil {
		log.Warn("reading the hall's text size, look and reach; using the defaults", "error", err)
		hs = hall.DefaultSettings()
	}
	if step >= 0 {
		hs.TextStep = step
	}
	if *look != "" {
		hs.Look = *look
	}
	k.applyViewingSettings(hs)
	k.fullScreen = !env.Windowed
	k.win = a.NewWindow("showhall")
	// The opening hours: a full-screen kiosk is the hall's screen and
	// switches its display off outside them; a window on a desk only
	// goes black.
	if h, _, err := hall.LoadHours(data.DB); err != nil {
		log.Error("the screen stays on day and night until the opening hours are saved again", "error", err)
	} else {
		k.setHours(h)
	}
	if k.fullScreen {
		k.sleep.power = setDisplayPower
	}
	k.setNotices(loadNotices(data, log))
	defer k.restorePower()
	// Under systemd, a UI loop that hangs stops the pings and gets the
	// kiosk restarted; elsewhere this does nothing.
	wd, err := StartWatchdog(fyne.Do, log)
	if err != nil {
		log.Warn("watchdog", "error", err)
	}
	k.atExit(wd.Stop)
	syncCtx, stopSync := context.WithCancel(context.Background())
	k.atExit(stopSync)
	url, every := syncPlan(data, *feedURL, log)
	k.hall.feedURL = url
	var startVideo func() // set below, with the video players
	k.onFirstFrame = func() {
		k.takeSignals()
		wd.Ready()
		fyne.Do(k.noteWindow) // for the hall's screenshots
		startRuntimeLog(log)
		// The first frame opened the text faces, which copied what they
		// need from the binary's fonts.
		fonts.ReleasePages()
		// Thumbnails and the network wait for the first frame: the
		// visitor comes first.
		go func() {
			<-k.firstIndex
			settleMemory(log)
		}()
		go warmThumbnails(data.Media, snap, time.Now(), log)
		go startVideo()
		k.watchMemory(syncCtx)
		if url != "" {
			go k.backgroundSync(syncCtx, data, url, every)
		}
		go k.newStickWatch(data, k.removable).run(syncCtx)
	}
	// Promo videos: without libmpv the kiosk shows picture slideshows.
	// The players start after the first frame (starting libmpv takes a
	// few hundred milliseconds) and only if the catalogue has videos; the
	// attract screen switches from pictures to videos when they are ready.
	volume := stored.volume
	startVideo = func() {
		if !hasVideos(snap) {
			return
		}
		v := openVideo(data.Media, volume, log)
		if p, ok := v.attractPlayer().(playback); ok {
			k.hall.loop.Store(p)
		}
		fyne.Do(func() {
			k.video = v
			if k.onAttr {
				k.showAttract()
			}
		})
	}
	// The players are not freed on the way out: see app/leaving.go.
	// Curator: the console from the hidden corner, visitor statistics
	// recorded and uploaded (app/curate.go).
	k.atExit(k.enableCurator(data))
	statsCtx, stopStats := context.WithCancel(context.Background())
	k.atExit(stopStats)
	k.startStatistics(statsCtx, data)
	k.start()
	startFreezeHook()
	if *hallListen != "off" {
		k.atExit(startHallEndpoint(k, data, *hallListen, kioskPeers(data, given["peers"], *peersFlag, peers, log), log))
	}

	k.leaveOnSignal(log)
	k.win.ShowAndRun()
	// The window closed by other means than leave (a window manager's
	// close on a laptop): the same way out, back to the caller.
	k.stop()
	return k.finish() // the console's restart asks the service for a new start
}

// kioskSettings are the curators' settings the kiosk reads at start.
type kioskSettings struct {
	idle   int          // seconds; 0 when none was saved
	lang   catalog.Lang // "" when none was saved
	volume int
}

// storedKioskSettings reads them. One that cannot be read is logged, once,
// and its default used: the hall starts whatever a setting holds.
func storedKioskSettings(data *Data, log *slog.Logger) kioskSettings {
	s := kioskSettings{volume: 80}
	read := func(name string, v any) bool {
		found, err := data.DB.GetSetting(name, v)
		if err != nil {
			log.Error("a curator's setting cannot be read; using its default until it is saved again", "setting", name, "error", err)
		}
		return found && err == nil
	}
	var secs int
	if read(hall.SettingIdleSeconds, &secs) {
		s.idle = secs
	}
	var code string
	if read(hall.SettingDefaultLang, &code) {
		if l, ok := catalog.ParseLang(code); ok {
			s.lang = l
		} else {
			log.Error("the saved default language is not one the kiosk knows; using its default", "lang", code)
		}
	}
	var volume int
	if read(hall.SettingVolume, &volume) {
		s.volume = volume
	}
	return s
}

// settleMemory gives the system back the memory the start left behind.
// Reading the catalogue, building its search index and opening the fonts
// leave tens of megabytes of garbage at once; the collector frees it but
// keeps the pages for the heap to grow into, which a kiosk that allocates
// little from then on never does. Returning them once, after the first
// frame and the index, takes about 40 ms of the other core and lowers the
// kiosk's resident memory by 4-8 MiB with 10,000 projects (BENCHMARKS.md).
func settleMemory(log *slog.Logger) {
	start := time.Now()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	log.Info("start-up memory released", "heap_in_use_mb", m.HeapInuse>>20, "took", time.Since(start).Round(time.Millisecond))
}

func newLogger(env *Env) *slog.Logger {
	return slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// kiosk owns the visitor's session: which screen shows, in which
// language, and when to reset.
type kiosk struct {
	app        fyne.App
	win        fyne.Window
	fullScreen bool
	// onFirstFrame runs once the visitor can see the kiosk.
	onFirstFrame func()
	log          *slog.Logger
	// now is the real clock: touches, the idle reset, dwell times.
	now func() time.Time
	// calendar is the hall's date and time: seasons, opening hours,
	// notices and the time of visitors' events. It is the real clock,
	// except in a soak build that runs a week in half an hour.
	calendar func() time.Time

	video       *kioskVideo                      // nil: no libmpv, pictures only
	snap        atomic.Pointer[catalog.Snapshot] // the newest catalogue; screens take it at the next return home
	index       atomic.Pointer[indexed]          // the search index of a snapshot, built off the UI goroutine
	indexOnce   sync.Once
	firstIndex  chan struct{}                    // closed once the first snapshot's index is built
	shown       *catalog.Snapshot                // the catalogue the visitor is browsing
	onScreen    atomic.Pointer[catalog.Snapshot] // shown, for the sync goroutine: its media are not pruned
	defaultLang catalog.Lang
	defaultView screens.Viewing // a new visitor's text size and look
	ui          *screens.UI
	pics        *screens.Pictures

	stack   []page // the visitor's way in; Back pops it
	attract *screens.Attract
	overlay *screens.IdleOverlay
	body    *fyne.Container
	top     *fyne.Container // holds the countdown while it shows
	banner  *fyne.Container // holds a USB stick's banner while it shows (app/stick.go)
	idle    Idle
	onAttr  bool

	visits    visits        // statistics and the curator's console (app/curate.go)
	tidy      memoryTidy    // memory given back after visitors (app/memtidy.go)
	sleep     sleeper       // opening hours (app/hours.go)
	notices   kioskNotices  // the hall's notices (app/notices.go)
	hall      hallState     // what the hall's status reads from other goroutines (app/kiosk_hall.go)
	intervals intervals     // how often to sync and upload, live (app/background.go)
	done      chan struct{} // closed by stop: the idle watcher ends
	stopOnce  sync.Once
	exitCode  int
	// The way out (app/leaving.go).
	leaving   bool
	exitSteps []func()
	signals   chan os.Signal
	guard     *stopGuard
	exit      func(code int)

	// removable are the folders watched for USB sticks (set before the
	// console can open).
	removable []string
}

// page is one step of the visitor's way, able to rebuild itself in
// another language.
type page struct {
	kind   string // what the hall's status calls it: home, browse, project
	build  func() fyne.CanvasObject
	object fyne.CanvasObject
	typing *typist // the page takes typed text (the browse search), or nil; set anew by each build
}

// typist is a page that takes text from a physical keyboard.
type typist interface {
	TypedRune(rune)
	TypedKey(*fyne.KeyEvent)
}

func newKiosk(a fyne.App, snap *catalog.Snapshot, src screens.ImageSource, lang catalog.Lang, idle time.Duration, log *slog.Logger) *kiosk {
	k := &kiosk{app: a, log: log, now: time.Now, calendar: hallCalendar(), defaultLang: lang, firstIndex: make(chan struct{})}
	k.intervals.changed = make(chan struct{}, 1)
	k.intervals.now = make(chan struct{}, 1)
	k.done = make(chan struct{})
	// runKiosk makes leaving end the process; elsewhere (tests) the
	// kiosk only stops.
	k.guard, k.exit = newStopGuard(log, io.Discard), func(int) {}
	k.snap.Store(snap)
	go k.buildIndex(snap)
	k.pics = screens.NewPictures(src)
	k.idle = Idle{Timeout: idle, Warning: 10 * time.Second}
	k.ui = &screens.UI{Lang: lang, Pics: k.pics, Nav: k, Reach: hall.DefaultReachPx}
	k.ui.OnSearch = func(q string, results int) {
		k.log.Info("search", "length", len([]rune(q)), "results", results)
		k.record(stats.Search, nil, int64(len([]rune(q))))
	}
	k.overlay = screens.NewIdleOverlay(func() { k.showCountdown(false) })
	k.body = container.NewStack()
	k.top = container.NewStack()
	k.initSleep()
	k.initNotices()
	k.banner = container.NewStack()
	screens.SetActivityHook(func() { k.idle.Touch(k.now()) })
	return k
}

// root is the window's whole content.
func (k *kiosk) root() fyne.CanvasObject {
	painted := screens.FirstPaint(func() {
		k.log.Info("first frame", "since_start", time.Since(processStart).Round(time.Millisecond))
		if k.onFirstFrame != nil {
			k.onFirstFrame()
		}
	})
	// The hidden top-left corner opens the curator's PIN pad (app/curate.go).
	// Outside opening hours the sleeping screen covers the pages; the
	// corner stays above it, so staff can still reach the console.
	// An info notice's banner takes the top of every page; an urgent
	// notice covers all but the corner.
	// The hall's commands (identify, the display switched off) show
	// above them all.
	pages := container.NewBorder(k.notices.banner, nil, nil, nil, k.body)
	content := container.NewStack(painted, k.heartbeat(), pages, k.banner, k.top, k.sleep.layer, k.notices.urgent, k.hallLayer(), container.NewWithoutLayout(k.cornerArea()))
	if k.fullScreen {
		return screens.WithoutCursor(content)
	}
	return content
}

func (k *kiosk) start() {
	k.win.SetPadded(false)
	k.win.SetContent(k.root())
	k.win.Canvas().SetOnTypedRune(func(r rune) { k.typed(r, nil) })
	k.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) { k.typed(0, e) })
	if k.fullScreen {
		k.win.SetFullScreen(true)
		k.win.SetCloseIntercept(func() {
			k.log.Warn("a request to close the kiosk window was refused; stop it from the curator's console or the service")
		})
	} else {
		k.win.Resize(fyne.NewSize(1920, 1080))
	}
	k.showAttract()
	go k.watchIdle()
}

// watchIdle checks the session four times a second, until the kiosk
// stops.
func (k *kiosk) watchIdle() {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-k.done:
			return
		case <-t.C:
			fyne.Do(k.checkIdle)
		}
	}
}

// stop ends what the kiosk runs beside its pages (the idle watcher) and
// the attract screen's slideshow. Called once its window has closed.
func (k *kiosk) stop() {
	k.stopOnce.Do(func() {
		close(k.done)
		if k.attract != nil {
			k.attract.Stop()
		}
	})
}

func (k *kiosk) checkIdle() {
	k.followNotices()
	if k.followHours() {
		return
	}
	if k.hall.displayOff.Load() {
		// Nobody sees the screen and no touch gets through: nothing to
		// renew until the display is switched on, which shows attract.
		return
	}
	if k.onAttr {
		k.refreshAttract()
		return
	}
	phase, left := k.idle.Phase(k.now())
	switch phase {
	case Active:
		k.showCountdown(false)
	case Warning:
		k.overlay.ShowSeconds(k.ui.Lang, int((left+time.Second-1)/time.Second))
		k.showCountdown(true)
	case Expired:
		k.log.Info("idle reset", "after", k.idle.Timeout)
		k.record(stats.IdleReset, nil, 0)
		k.showAttract()
	}
}

// refreshAttract rebuilds the attract screen when what it shows is out of
// date: a season began while nobody touched the screen, or a catalogue
// came in by a sync. The hall switches seasons at the planned instant,
// not at the first touch after it.
func (k *kiosk) refreshAttract() {
	snap := k.snap.Load()
	rot, _ := snap.Current(k.calendar())
	if snap == k.shown && rotationID(rot) == rotationID(k.ui.Rotation) {
		return
	}
	k.showAttract()
}

func rotationID(r *catalog.Rotation) string {
	if r == nil {
		return ""
	}
	return r.ID
}

// indexed pairs a search index with the snapshot it was built from.
type indexed struct {
	snap  *catalog.Snapshot
	index *search.Index
}

// buildIndex makes the search index of a snapshot; it runs on its own
// goroutine (tens of milliseconds for thousands of projects) and the
// search box appears once it is ready.
func (k *kiosk) buildIndex(s *catalog.Snapshot) {
	start := time.Now()
	k.index.Store(&indexed{snap: s, index: search.Build(s)})
	k.log.Info("search index ready", "projects", s.Len(), "took", time.Since(start).Round(time.Millisecond))
	k.indexOnce.Do(func() { close(k.firstIndex) })
}

// refreshCatalogue takes the newest snapshot and the rotation current
// now. Called only between visitors or at home, never mid-page.
func (k *kiosk) refreshCatalogue() {
	k.shown = k.snap.Load()
	k.onScreen.Store(k.shown)
	k.ui.Snap = k.shown
	k.ui.Search = nil
	if ix := k.index.Load(); ix != nil && ix.snap == k.shown {
		k.ui.Search = ix.index
	}
	rot, err := k.shown.Current(k.calendar())
	if err != nil {
		k.log.Warn("no rotation to show; showing the whole catalogue", "error", err)
	}
	k.ui.Rotation = rot
	k.hall.season.Store(rot)
}

// SetSnapshot hands the kiosk a new catalogue (after a sync); it shows at
// once on the attract screen, and otherwise at the visitor's next return
// home, so nobody is thrown out of a page.
func (k *kiosk) SetSnapshot(s *catalog.Snapshot) {
	k.snap.Store(s)
	go k.buildIndex(s)
}

func (k *kiosk) showAttract() {
	k.visits.curating = false // leaving the console returns the kiosk to visitors
	k.onAttr = true
	k.showCountdown(false)
	k.stack = nil
	k.ui.Lang = k.defaultLang
	k.setViewing(k.defaultView)
	shownBefore, seasonBefore := k.shown, rotationID(k.ui.Rotation)
	k.refreshCatalogue()
	// Logged here rather than by the idle watcher: a stick's banner also
	// rebuilds the attract screen, and may be the first to show the new
	// catalogue.
	if shownBefore != nil && (k.shown != shownBefore || rotationID(k.ui.Rotation) != seasonBefore) {
		k.log.Info("attract screen renewed", "season", rotationID(k.ui.Rotation), "new_catalogue", k.shown != shownBefore)
	}
	if k.attract != nil {
		k.attract.Stop()
	}
	k.stopVideo()
	backdrop, covered := k.attractBackdrop()
	k.attract = screens.NewAttractWith(k.ui, backdrop, covered, func() { k.Home() })
	k.attract.Start()
	k.setBody(k.attract)
	k.quiet()
}

// quiet tells the memory tidy that the screen is quiet (attract or dark).
func (k *kiosk) quiet() {
	k.tidy.quietNow(func() bool { return k.onAttr || k.sleep.asleep }, k.top.Refresh)
}

// showCountdown puts the countdown over the screen or takes it away. It
// is added and removed rather than hidden, because the GL canvas did not
// repaint an overlay shown after being hidden from the first frame.
func (k *kiosk) showCountdown(on bool) {
	if on == (len(k.top.Objects) > 0) {
		return
	}
	if on {
		k.top.Objects = []fyne.CanvasObject{k.overlay}
	} else {
		k.top.Objects = nil
	}
	k.top.Refresh()
}

// countdownShown reports whether the visitor sees the countdown.
func (k *kiosk) countdownShown() bool { return len(k.top.Objects) > 0 }

func (k *kiosk) setBody(o fyne.CanvasObject) {
	defer k.noteLeft() // records an exhibit's dwell when its page is left
	k.body.Objects = []fyne.CanvasObject{o}
	k.body.Refresh()
	k.hall.showing.Store(k.screenKind())
}

func (k *kiosk) push(kind string, build func() fyne.CanvasObject) {
	k.pushTyping(kind, build, nil)
}

// pushTyping adds a page whose typed text goes to the typist that
// build sets.
func (k *kiosk) pushTyping(kind string, build func() fyne.CanvasObject, typing *typist) {
	k.stopVideo()
	p := page{kind: kind, build: build, object: build(), typing: typing}
	k.stack = append(k.stack, p)
	k.setBody(p.object)
}

// Home shows the season's exhibits; the visitor's way starts again here.
func (k *kiosk) Home() {
	if k.onAttr && k.attract != nil {
		k.attract.Stop()
	}
	k.onAttr = false
	k.tidy.visitor()
	k.idle.Touch(k.now())
	k.stack = nil
	k.refreshCatalogue()
	k.push("home", func() fyne.CanvasObject { return screens.NewHome(k.ui) })
}

// Browse opens the catalogue with a filter.
func (k *kiosk) Browse(f catalog.Filter) {
	k.browse(f, false)
}

// Search opens the catalogue with the keyboard up.
func (k *kiosk) Search() {
	k.browse(nil, true)
}

func (k *kiosk) browse(f catalog.Filter, keyboard bool) {
	var t typist
	k.pushTyping("browse", func() fyne.CanvasObject {
		b := screens.NewBrowse(k.ui, f, func(nf catalog.Filter) { f = nf })
		if keyboard {
			b.ShowKeyboard()
		}
		t = b
		return b.Object()
	}, &t)
}

// typed sends a physical keyboard's text to the page shown, if it takes
// any (laptops; a hall screen has no keyboard).
func (k *kiosk) typed(r rune, e *fyne.KeyEvent) {
	if k.onAttr || len(k.stack) == 0 {
		return
	}
	tp := k.stack[len(k.stack)-1].typing
	if tp == nil || *tp == nil {
		return
	}
	t := *tp
	k.idle.Touch(k.now())
	if e != nil {
		t.TypedKey(e)
	} else {
		t.TypedRune(r)
	}
}

// Open shows a project's page.
func (k *kiosk) Open(id string) {
	p, ok := k.shown.Project(id)
	if !ok {
		k.log.Warn("asked to open a project the catalogue does not have", "project", id)
		return
	}
	k.log.Info("exhibit opened", "project", id, "lang", string(k.ui.Lang))
	k.push("project", func() fyne.CanvasObject { return k.detailPage(p) })
	k.noteOpened(p)
}

// Back returns to the previous page, or home.
func (k *kiosk) Back() {
	if len(k.stack) <= 1 {
		k.Home()
		return
	}
	k.stopVideo()
	k.stack = k.stack[:len(k.stack)-1]
	k.setBody(k.stack[len(k.stack)-1].object)
}

// SetViewing changes the visitor's text size or look and redraws their
// way with it, keeping where they are; the idle reset takes it back to
// the hall's.
func (k *kiosk) SetViewing(v screens.Viewing) {
	k.stopVideo()
	k.setViewing(v)
	for i := range k.stack {
		k.stack[i].object = k.stack[i].build()
	}
	if n := len(k.stack); n > 0 {
		k.setBody(k.stack[n-1].object)
	}
}

// setViewing makes the app's theme show v (the app starts with the
// hall's theme at its zero viewing).
func (k *kiosk) setViewing(v screens.Viewing) {
	if v == k.ui.Viewing {
		return
	}
	k.ui.Viewing = v
	// Every caller shows a page built for the new theme next. The old
	// one is taken out first: Fyne refreshes all it shows for a new
	// theme, and a two-line tile title refreshed at a size it was not
	// laid out for makes Fyne 2.7's RichText fail.
	k.body.Objects = nil
	k.app.Settings().SetTheme(v.Theme())
}

// applyViewingSettings takes the curator's text size, look and reach:
// the reach at once, the text size and look from the next visitor.
func (k *kiosk) applyViewingSettings(s hall.HallSettings) {
	v := screens.Viewing{Step: s.TextStep}
	if s.Look == hall.LookHighContrast {
		v.Look = screens.LookHighContrast
	}
	k.defaultView = v
	k.ui.Reach = float32(s.ReachPx)
}

// SetLang switches the visitor's language and redraws their way in it,
// keeping where they are.
func (k *kiosk) SetLang(l catalog.Lang) {
	k.stopVideo()
	k.ui.Lang = l
	k.record(stats.Language, nil, 0)
	for i := range k.stack {
		k.stack[i].object = k.stack[i].build()
	}
	if n := len(k.stack); n > 0 {
		k.setBody(k.stack[n-1].object)
	}
}

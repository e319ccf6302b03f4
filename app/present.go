package app

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"showhall/player/mpv"
	"showhall/screens"
	rs "showhall/screens/roadshow"
	"showhall/store/catalog"
	"showhall/store/deck"
	"showhall/store/deck/handout"
)

func runPresent(env *Env, args []string) int {
	fs := flag.NewFlagSet("present", flag.ContinueOnError)
	id := fs.String("deck", "", "the deck to present (see --list)")
	rehearse := fs.Bool("rehearse", false, "show the talk and the console in one window (no projector)")
	display := fs.Int("display", -1, "the display the audience sees, numbered from 0 as the builder lists them")
	langFlag := fs.String("lang", "zh-Hans", "the language of the builder and console: zh-Hans, zh-Hant or en")
	list := fs.Bool("list", false, "list the decks, then the displays to give --display, and exit")
	importPath := fs.String("import", "", "import a deck file and exit")
	exportPath := fs.String("export", "", "export --deck to a deck file and exit")
	pdfPath := fs.String("pdf", "", "write --deck as a PDF handout and exit")
	compact := fs.Bool("compact", false, "with --pdf: several projects a page instead of one page a slide")
	if err := parseVerbFlags(env, fs, "present", args); err != nil {
		return usageExit(err)
	}
	lang, ok := catalog.ParseLang(*langFlag)
	if !ok {
		fmt.Fprintf(env.Stderr, "showhall present: unknown language %q (use zh-Hans, zh-Hant or en)\n", *langFlag)
		return ExitUsage
	}
	if (*exportPath != "" || *pdfPath != "") && *id == "" {
		fmt.Fprintln(env.Stderr, "showhall present: --export and --pdf need --deck ID (see --list)")
		return ExitUsage
	}
	log := newLogger(env)
	data, snap, err := openCatalogue(env.DataDir, log)
	if err != nil {
		fmt.Fprintf(env.Stderr, "showhall: %v\n", err)
		return ExitFailure
	}
	defer data.Close()
	lib := &deckLibrary{data: data, snap: snap, lang: lang}

	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "showhall present: %v\n", err)
		return ExitFailure
	}
	switch {
	case *list:
		decks, err := lib.Decks()
		if err != nil {
			return fail(err)
		}
		for _, d := range decks {
			fmt.Fprintf(env.Stdout, "%s\t%d slides\t%s\t%s\n", d.ID, len(d.Slides), d.Updated.Local().Format("2006-01-02 15:04"), d.Title)
		}
		// The displays, for --display N; a laptop with no screen to show
		// on (a terminal over ssh) lists its decks all the same.
		displays, err := DisplaysAlone()
		if err != nil {
			fmt.Fprintf(env.Stderr, "showhall present: %v\n", err)
			return ExitOK
		}
		for _, d := range displays {
			fmt.Fprintf(env.Stdout, "display %d\t%s\t%dx%d at %d,%d\n", d.Index, d.Name, d.W, d.H, d.X, d.Y)
		}
		return ExitOK
	case *importPath != "":
		d, err := lib.Import(*importPath)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(env.Stdout, "imported %s (%s)\n", d.ID, d.Title)
		if missing := d.Missing(func(id string) bool { _, ok := snap.Project(id); return ok }); len(missing) > 0 {
			fmt.Fprintf(env.Stderr, "showhall present: this catalogue lacks %d of the deck's projects: %v\n", len(missing), missing)
		}
		return ExitOK
	case *exportPath != "":
		if err := lib.Export(*id, *exportPath); err != nil {
			return fail(err)
		}
		return ExitOK
	case *pdfPath != "":
		d, err := data.DB.Deck(*id)
		if err != nil {
			return fail(err)
		}
		start := time.Now()
		if err := handout.WriteFile(*pdfPath, lib.handoutInput(d), layoutOf(*compact)); err != nil {
			return fail(err)
		}
		log.Info("handout written", "path", *pdfPath, "took", time.Since(start).Round(time.Millisecond))
		return ExitOK
	}

	var start *deck.Deck
	if *id != "" {
		d, err := data.DB.Deck(*id)
		if err != nil {
			return fail(err)
		}
		start = &d
	}
	startRuntimeLog(log)
	a := newGUI()
	r := &roadshowApp{app: a, lib: lib, log: log, display: *display}
	lib.present = r.present
	r.builderWin = a.NewWindow(screens.T(lang, "rs_window"))
	firstFrame := screens.FirstPaint(func() {
		log.Info("first frame", "since_start", time.Since(processStart).Round(time.Millisecond))
	})
	r.builder = rs.NewBuilder(lib, snap, lang, r.builderWin)
	r.builderWin.SetContent(container.NewThemeOverride(container.NewStack(firstFrame, r.builder.Object()), screens.LaptopTheme{}))
	r.builderWin.Resize(fyne.NewSize(1600, 960))
	// Displays can be listed once the driver runs: fit the builder to the
	// laptop's screen and start the talk then.
	a.Lifecycle().SetOnStarted(func() {
		if displays, err := Displays(); err == nil {
			r.builderWin.Resize(windowSize(displays, 1600, 960))
		}
		if start != nil {
			r.present(*start, *rehearse)
		}
	})

	quitOnSignal(a, log, func() {
		if r.talk != nil {
			r.talk.Stop()
		}
	})
	r.builderWin.ShowAndRun()
	r.closeVideo()
	return ExitOK
}

func layoutOf(compact bool) handout.Layout {
	if compact {
		return handout.Compact
	}
	return handout.PerSlide
}

// deckLibrary is the builder's way to the database and the files.
type deckLibrary struct {
	data    *Data
	snap    *catalog.Snapshot
	lang    catalog.Lang
	present func(deck.Deck, bool)
}

func (l *deckLibrary) Decks() ([]deck.Deck, error) { return l.data.DB.Decks() }

func (l *deckLibrary) New() deck.Deck {
	return deck.New(screens.T(l.lang, "rs_untitled"), l.lang, time.Now())
}

func (l *deckLibrary) Save(d deck.Deck) (deck.Deck, error) { return l.data.DB.SaveDeck(d, time.Now()) }

func (l *deckLibrary) Duplicate(id string) (deck.Deck, error) {
	return l.data.DB.DuplicateDeck(id, screens.T(l.lang, "rs_copy_suffix"), time.Now())
}

func (l *deckLibrary) Delete(id string) error { return l.data.DB.DeleteDeck(id) }

func (l *deckLibrary) Export(id, path string) error {
	return l.data.DB.ExportDeck(id, path, time.Now())
}

func (l *deckLibrary) Import(path string) (deck.Deck, error) {
	return l.data.DB.ImportDeck(path, time.Now())
}

func (l *deckLibrary) handoutInput(d deck.Deck) handout.Input {
	pics := storePictures{l.data.Media}
	return handout.Input{
		Deck: d, Snap: l.snap,
		Picture: func(hash string) (image.Image, error) { return pics.Load(hash, screens.SizeGallery) },
		T:       func(k string) string { return screens.T(d.Lang, k) },
	}
}

// Handout writes the PDF off the Fyne goroutine: pictures are decoded and
// fonts subset, which takes a second or two.
func (l *deckLibrary) Handout(d deck.Deck, path string, compact bool, done func(error)) {
	go func() {
		err := handout.WriteFile(path, l.handoutInput(d), layoutOf(compact))
		fyne.Do(func() { done(err) })
	}()
}

func (l *deckLibrary) Present(d deck.Deck, rehearse bool) { l.present(d, rehearse) }

// roadshowApp owns the windows of the roadshow mode.
type roadshowApp struct {
	app        fyne.App
	lib        *deckLibrary
	log        *slog.Logger
	display    int
	builderWin fyne.Window
	builder    *rs.Builder

	talk  *rs.Presenter // the talk being given, or nil
	again func()        // gives the last talk again
	// The audience's video player, opened in the background for the
	// first talk with a video and kept for the next ones.
	videos       *rs.Videos
	videoOpening bool
	videoOff     bool // no libmpv: slides show their pictures
	// pics loads the slides' pictures for every talk of this laptop: its
	// loaders live as long as the app, not one pair per talk.
	pics *screens.Pictures
}

// present starts the talk: on a second display when there is one (or the
// one asked for), else in one rehearsal window.
func (r *roadshowApp) present(d deck.Deck, rehearse bool) {
	if r.pics == nil {
		r.pics = screens.NewPictures(storePictures{r.lib.data.Media})
	}
	c := &rs.Content{Deck: d, Snap: r.lib.snap, Pics: r.pics}
	p := rs.NewPresenter(c, time.Now)
	r.talk = p
	r.again = func() { r.present(d, rehearse) }
	r.giveVideos(p, d)
	displays, err := Displays()
	if err != nil {
		r.log.Warn("could not list the displays; rehearsing in one window", "error", err)
	}
	for _, dp := range displays {
		r.log.Info("display", "index", dp.Index, "name", dp.Name, "size", fmt.Sprintf("%dx%d", dp.W, dp.H), "at", fmt.Sprintf("%d,%d", dp.X, dp.Y))
	}
	aud := r.display
	if aud < 0 && len(displays) > 1 {
		aud = 1
	}
	if aud >= len(displays) {
		r.log.Warn("no such display; rehearsing in one window", "display", aud, "displays", len(displays))
		rehearse = true
	}
	if rehearse || aud < 0 {
		r.log.Info("rehearsal: talk and console in one window", "deck", d.ID)
		win := r.app.NewWindow(screens.T(r.lib.lang, "rs_window_console"))
		win.SetPadded(false)
		win.SetContent(r.onFirstPaint(p.Rehearsal(), "rehearsal"))
		win.Resize(windowSize(displays, 1600, 900))
		r.run(p, win)
		return
	}
	// The console goes full screen on another display; with one display
	// (asked for with --display) it is a window over the talk.
	console := -1
	for i := range displays {
		if i != aud {
			console = i
			break
		}
	}
	r.log.Info("presenting", "deck", d.ID, "audience", displays[aud].String())
	audience := r.app.NewWindow(screens.T(r.lib.lang, "rs_window_audience"))
	audience.SetPadded(false)
	audience.SetContent(p.Audience())
	win := r.app.NewWindow(screens.T(r.lib.lang, "rs_window_console"))
	win.SetContent(r.onFirstPaint(p.Console(), "console"))
	win.Resize(windowSize(displays, 1600, 900))
	r.run(p, audience, win)
	placeFullScreen(audience, displays[aud])
	if console >= 0 {
		placeFullScreen(win, displays[console])
	}
}

// onFirstPaint logs when a talk window first shows content. Until then
// the window is still settling: Fyne sets its size again after the first
// paint, which can undo a resize made in that moment.
func (r *roadshowApp) onFirstPaint(content fyne.CanvasObject, window string) fyne.CanvasObject {
	painted := screens.FirstPaint(func() { r.log.Info("talk window painted", "window", window) })
	return container.NewStack(painted, content)
}

// windowSize is w x h, made smaller to fit nine tenths of the first
// display (the laptop's own screen, where windows open): a 1366x768
// laptop gets a window it can show whole.
func windowSize(displays []Display, w, h float32) fyne.Size {
	if len(displays) > 0 && displays[0].W > 0 && displays[0].H > 0 {
		w = min(w, float32(displays[0].W)*0.9)
		h = min(h, float32(displays[0].H)*0.9)
	}
	return fyne.NewSize(w, h)
}

// run shows the windows, wires the keys of all of them to the talk,
// ticks the clock, and closes them all when the presenter leaves.
func (r *roadshowApp) run(p *rs.Presenter, wins ...fyne.Window) {
	stop := make(chan struct{})
	closed := false
	leave := func() {
		if closed {
			return
		}
		closed = true
		close(stop)
		p.Stop()
		if r.talk == p {
			r.talk = nil
		}
		for _, w := range wins {
			closeTalkWindow(w)
		}
		r.builderWin.Show()
		if talksAgain() {
			time.AfterFunc(time.Second, func() { fyne.Do(r.again) })
		}
	}
	p.OnLeave = leave
	for _, w := range wins {
		p.Attach(w.Canvas())
		w.SetOnClosed(leave)
		w.Show()
	}
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(p.Tick)
			}
		}
	}()
}

// closeTalkWindow closes a talk's window so that nothing of it stays
// behind. Fyne keeps the text it drew in a window after the window is
// closed, and through that text the window, its painter and the last
// talk it showed, for the life of the process: a laptop giving the same
// talk all week grew by about 45 KB a talk. New content makes Fyne drop
// a window's text, but only for a window that is not full screen (the
// projector's and the console's are). The talk's keys are let go too,
// should anything else still hold the window.
func closeTalkWindow(w fyne.Window) {
	if w.FullScreen() {
		w.SetFullScreen(false)
	}
	w.SetContent(canvas.NewRectangle(color.Black))
	w.Canvas().SetOnTypedKey(nil)
	w.SetOnClosed(nil)
	w.Close()
}

// giveVideos gives the talk the audience's video player. It is opened in
// the background the first time a deck with videos is presented (libmpv
// takes a few hundred milliseconds to start, during which the slides show
// their pictures) and kept for the next talks. Without libmpv
// (SHOWHALL_LIBMPV=none, or a laptop without libmpv2) the slides show
// their pictures, and the log says why once.
func (r *roadshowApp) giveVideos(p *rs.Presenter, d deck.Deck) {
	switch {
	case r.videos != nil:
		p.SetVideos(r.videos)
	case r.videoOff, r.videoOpening, !deckHasVideos(r.lib.snap, d):
	default:
		r.videoOpening = true
		go func() {
			// No controls lie over the projector's picture: subtitles
			// sit where mpv puts them.
			pl, err := mpv.New(mpv.Options{Volume: 100, Log: r.log})
			fyne.Do(func() {
				r.videoOpening = false
				if err != nil {
					r.log.Warn("videos are off: project slides show their pictures", "error", err)
					r.videoOff = true
					return
				}
				r.log.Info("video player ready")
				vs := &rs.Videos{Player: pl, Path: r.lib.data.Media.Path,
					Posters: storePictures{r.lib.data.Media}, Volume: 100, Log: r.log}
				if r.talk != nil {
					r.talk.SetVideos(vs)
				}
				r.videos = vs
			})
		}()
	}
}

// closeVideo stops the talk's video and closes the player, at exit.
func (r *roadshowApp) closeVideo() {
	if r.talk != nil {
		r.talk.Stop()
	}
	if r.videos != nil {
		r.videos.Close()
	}
}

// deckHasVideos reports whether a slide of the deck has a video to play,
// so that a talk without any never starts libmpv.
func deckHasVideos(snap *catalog.Snapshot, d deck.Deck) bool {
	for _, s := range d.Slides {
		if s.Kind != deck.KindProject {
			continue
		}
		p, ok := snap.Project(s.Project)
		if !ok {
			continue
		}
		for _, h := range p.Videos {
			if m, ok := snap.Media(h); ok && m.IsVideo() {
				return true
			}
		}
	}
	return false
}

package roadshow

import (
	"image"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"showhall/player"
	"showhall/screens"
	"showhall/screens/video"
	"showhall/store/catalog"
	"showhall/store/deck"
)

// Videos lets the audience view play a project slide's videos in place of
// its picture, with sound, on one long-lived player: the slide shown
// holds the player, and the next slide takes it over. Keep one Videos
// per player for the life of the app and give it to every talk.
type Videos struct {
	// Player is the audience's player. Close closes it.
	Player player.Player
	// Path turns a media hash into its file in the media store.
	Path func(hash string) string
	// Posters loads the picture shown until the first frame; it is
	// called off the Fyne goroutine. nil: the video starts on black.
	Posters screens.ImageSource
	// Volume in percent; 0 means 100 (a presenter's laptop has its own
	// volume keys).
	Volume int
	Log    *slog.Logger
	// Clock drives the watchdog (nil: the system clock).
	Clock player.Clock

	// mu guards the lease: commands hold it for reading, a new lease and
	// Close for writing, so nothing reaches a closed player.
	mu     sync.RWMutex
	holder uint64 // the lease that may drive the player
	closed bool
}

// Close ends any lease and closes the player, at the app's exit.
func (v *Videos) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return nil
	}
	v.closed = true
	v.holder++
	return v.Player.Close()
}

// take makes a new lease the only one that drives the player.
func (v *Videos) take() *lease {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.holder++
	return &lease{v: v, id: v.holder}
}

func (v *Videos) log() *slog.Logger {
	if v.Log == nil {
		return slog.Default()
	}
	return v.Log
}

// lease is the talk's player as one slide's video surface sees it. A
// slide's playlist runs on a goroutine of its own and can still be winding
// down (its last Stop, a late event) when the next slide's video starts:
// once the next slide takes the player, the old lease's commands do
// nothing, its frames are not rendered and it hears no more events, so an
// old slide can neither stop the new video nor take its news.
type lease struct {
	v  *Videos
	id uint64
}

var _ player.Player = (*lease)(nil)

// do runs f on the player if this lease still holds it.
func (l *lease) do(f func(p player.Player) error) error {
	l.v.mu.RLock()
	defer l.v.mu.RUnlock()
	if l.v.holder != l.id {
		return nil
	}
	return f(l.v.Player)
}

// holds reports whether this lease still drives the player.
func (l *lease) holds() bool {
	l.v.mu.RLock()
	defer l.v.mu.RUnlock()
	return l.v.holder == l.id
}

func (l *lease) Load(src player.Source) error {
	return l.do(func(p player.Player) error { return p.Load(src) })
}
func (l *lease) Queue(src player.Source) error {
	return l.do(func(p player.Player) error { return p.Queue(src) })
}
func (l *lease) Next() error  { return l.do(player.Player.Next) }
func (l *lease) Stop() error  { return l.do(player.Player.Stop) }
func (l *lease) Play() error  { return l.do(player.Player.Play) }
func (l *lease) Pause() error { return l.do(player.Player.Pause) }
func (l *lease) Seek(pos time.Duration) error {
	return l.do(func(p player.Player) error { return p.Seek(pos) })
}
func (l *lease) SetVolume(percent int) error {
	return l.do(func(p player.Player) error { return p.SetVolume(percent) })
}
func (l *lease) SetMute(mute bool) error {
	return l.do(func(p player.Player) error { return p.SetMute(mute) })
}
func (l *lease) SetSubtitles(path string) error {
	return l.do(func(p player.Player) error { return p.SetSubtitles(path) })
}

func (l *lease) Paused() (paused bool) {
	l.do(func(p player.Player) error { paused = p.Paused(); return nil })
	return paused
}
func (l *lease) Position() (pos time.Duration) {
	l.do(func(p player.Player) error { pos = p.Position(); return nil })
	return pos
}
func (l *lease) Duration() (d time.Duration) {
	l.do(func(p player.Player) error { d = p.Duration(); return nil })
	return d
}
func (l *lease) Frames() (n uint64) {
	l.do(func(p player.Player) error { n = p.Frames(); return nil })
	return n
}

// Events and Redraw are nil channels (never ready) once the lease ended.
func (l *lease) Events() (c <-chan player.Event) {
	l.do(func(p player.Player) error { c = p.Events(); return nil })
	return c
}
func (l *lease) Redraw() (c <-chan struct{}) {
	l.do(func(p player.Player) error { c = p.Redraw(); return nil })
	return c
}

func (l *lease) Render(dst *image.RGBA) (fresh bool, err error) {
	l.do(func(p player.Player) error { fresh, err = p.Render(dst); return nil })
	return fresh, err
}

// Close does nothing: the player outlives every slide (Videos.Close).
func (l *lease) Close() error { return nil }

// slideVideo is the video of the project slide on the audience view.
type slideVideo struct {
	project *catalog.Project
	sources []player.Source
	slot    *fyne.Container   // the slide's picture area
	picture fyne.CanvasObject // what the slot shows without the video

	started bool           // asked to play (the poster may still be loading)
	surface *video.Surface // in the slot once the poster is there
	lease   *lease
	// done: played to its end, or failed; the slide shows its picture.
	done bool
	// pausedByBlack: the blackout paused it (or came before it could
	// start), and its end resumes it.
	pausedByBlack bool

	mu       sync.Mutex // the playlist's tally, kept on its goroutine
	finished map[int]bool
	skipped  map[int]bool
}

// slideVideoSources lists the videos of slide i's project, or nil.
func slideVideoSources(c *Content, v *Videos, i int) (*catalog.Project, []player.Source) {
	p := slideProject(c, i)
	if p == nil || v == nil {
		return nil, nil
	}
	return p, player.ProjectSources(c.Snap, p, c.lang(), v.Path)
}

// slideProject is the project of slide i, or nil for another kind of
// slide or a project not in the catalogue.
func slideProject(c *Content, i int) *catalog.Project {
	if i < 0 || i >= len(c.Deck.Slides) || c.Snap == nil {
		return nil
	}
	s := c.Deck.Slides[i]
	if s.Kind != deck.KindProject {
		return nil
	}
	p, ok := c.Snap.Project(s.Project)
	if !ok {
		return nil
	}
	return p
}

// hasVideo reports whether a project has a video the catalogue knows.
func hasVideo(snap *catalog.Snapshot, p *catalog.Project) bool {
	for _, h := range p.Videos {
		if m, ok := snap.Media(h); ok && m.IsVideo() {
			return true
		}
	}
	return false
}

// SetVideos gives the talk its video player, which the app opens in the
// background; until then, and without one, slides show their pictures.
// A project slide on the projector starts its video as soon as it comes.
func (p *Presenter) SetVideos(v *Videos) {
	if p.videos == v {
		return
	}
	p.endVideo()
	p.videos = v
	p.vid = p.slideVideo()
	p.showAudience()
}

// Stop ends the slide's video: the presenter leaves the talk.
func (p *Presenter) Stop() { p.endVideo() }

// Video is the video surface on the audience view, or nil when the slide
// shows a picture (for tests and the app's log).
func (p *Presenter) Video() *video.Surface {
	if p.vid == nil {
		return nil
	}
	return p.vid.surface
}

// slideVideo prepares the video of the audience slide, or nil when it has
// none to play.
func (p *Presenter) slideVideo() *slideVideo {
	if p.videos == nil || p.slot == nil || len(p.slot.Objects) != 1 {
		return nil
	}
	pr, sources := slideVideoSources(p.c, p.videos, p.show.Pos())
	if len(sources) == 0 || p.failed[pr.ID] {
		return nil
	}
	return &slideVideo{project: pr, sources: sources, slot: p.slot, picture: p.slot.Objects[0]}
}

// redrawn follows the audience slide drawn again at a new scale (the
// projector's or the rehearsal window's size changed): its video, playing
// or about to, moves into the new drawing's picture area and goes on
// where it was, neither stopped nor started again.
func (p *Presenter) redrawn(v *slideView, old, slot *fyne.Container) {
	if v != p.audienceSlide {
		return
	}
	p.slot = slot
	sv := p.vid
	if sv == nil || sv.slot != old {
		return
	}
	if slot == nil || len(slot.Objects) != 1 {
		p.endVideo() // cannot happen: the same slide has the same parts
		return
	}
	picture := slot.Objects[0]
	if sv.surface != nil {
		old.Objects = []fyne.CanvasObject{sv.picture}
		slot.Objects = []fyne.CanvasObject{sv.surface}
	}
	sv.slot, sv.picture = slot, picture
}

// endVideo stops the slide's video as the slide goes. The playlist's
// goroutine stops the player as it ends, unless the next slide's video
// has taken the player by then.
func (p *Presenter) endVideo() {
	v := p.vid
	if v == nil {
		return
	}
	p.vid = nil
	if v.surface != nil {
		v.surface.Stop()
		v.surface = nil
		v.slot.Objects = []fyne.CanvasObject{v.picture}
		v.slot.Refresh()
	}
}

// playVideo starts the slide's video, or resumes it after a blackout.
// It starts on the slide's picture (its poster), loaded in the background,
// so the projector never flashes black.
func (p *Presenter) playVideo(v *slideVideo) {
	if v.done {
		return
	}
	if v.started {
		if v.pausedByBlack && v.surface != nil {
			v.pausedByBlack = false
			v.surface.Play()
		}
		return
	}
	v.started = true
	hash := ""
	if imgs := v.project.Images(); len(imgs) > 0 {
		hash = imgs[0]
	}
	src := p.videos.Posters
	if src == nil || hash == "" {
		p.startSurface(v, nil)
		return
	}
	go func() {
		poster, err := src.Load(hash, screens.SizeGallery)
		if err != nil {
			p.videos.log().Debug("roadshow: no poster for the video", "project", v.project.ID, "error", err)
			poster = nil
		}
		fyne.Do(func() {
			if p.vid == v && !v.done {
				p.startSurface(v, poster)
			}
		})
	}()
}

// pauseForBlack pauses a playing video while the projector is black.
func (p *Presenter) pauseForBlack(v *slideVideo) {
	if v.surface != nil && v.surface.Playing() {
		v.surface.Pause()
		v.pausedByBlack = true
	}
}

// startSurface puts the video in the slide's picture area and plays it
// with sound, once: at its end the slide shows its picture again. It has
// no controls: the audience sees the video alone, and the presenter
// drives it with the talk's keys (B pauses it, the next slide stops it).
func (p *Presenter) startSurface(v *slideVideo, poster image.Image) {
	vs := p.videos
	v.lease = vs.take()
	v.finished, v.skipped = map[int]bool{}, map[int]bool{}
	s := video.New(v.lease, v.sources, video.Options{
		Mode: video.Slide, Poster: poster, Volume: vs.Volume, Log: vs.log(), Clock: vs.Clock,
		OnEvent:           func(e player.LoopEvent) { p.tally(v, e) },
		OnNothingPlayable: func() { p.videoOver(v, true) },
	})
	v.surface = s
	v.slot.Objects = []fyne.CanvasObject{s}
	v.slot.Refresh()
	vs.log().Info("roadshow: the slide's video plays", "slide", p.show.Pos()+1, "project", v.project.ID, "videos", len(v.sources))
	if p.show.Black() {
		v.pausedByBlack = true // starts when the picture comes back
		return
	}
	s.Play()
}

// tally counts the slide's videos that have played or failed; it runs on
// the playlist's goroutine. When none is left, the slide shows its picture.
func (p *Presenter) tally(v *slideVideo, e player.LoopEvent) {
	if !v.lease.holds() {
		return
	}
	v.mu.Lock()
	switch e.Kind {
	case player.ItemFinished:
		v.finished[e.Index] = true
	case player.ItemSkipped:
		v.skipped[e.Index] = true
	default:
		v.mu.Unlock()
		return
	}
	settled := 0
	for i := range v.sources {
		if v.finished[i] || v.skipped[i] {
			settled++
		}
	}
	over, failed := settled == len(v.sources), len(v.finished) == 0
	v.mu.Unlock()
	if over {
		fyne.Do(func() { p.videoOver(v, failed) })
	}
}

// videoOver puts the slide's picture back when its video has played, or
// when none of its videos plays (a missing or broken file, no frame in
// time): the projector never goes dark, and the log says why.
func (p *Presenter) videoOver(v *slideVideo, failed bool) {
	if p.vid != v || v.done {
		return
	}
	v.done, v.pausedByBlack = true, false
	log := p.videos.log()
	if failed {
		p.failed[v.project.ID] = true
		log.Warn("roadshow: the slide's video does not play; the slide shows its picture", "project", v.project.ID)
	} else {
		log.Info("roadshow: the slide's video has played; the slide shows its picture", "project", v.project.ID)
	}
	if v.surface != nil {
		v.surface.Stop()
		v.surface = nil
	}
	v.slot.Objects = []fyne.CanvasObject{v.picture}
	v.slot.Refresh()
	p.showAudience()
}

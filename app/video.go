package app

import (
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"showhall/player"
	"showhall/player/mpv"
	"showhall/screens"
	"showhall/screens/video"
	"showhall/store/catalog"
	"showhall/store/media"
	"showhall/store/stats"
)

// kioskVideo holds the kiosk's two long-lived players: one loops the
// attract videos muted, one plays a project's video with sound. Pages make
// surfaces over them; a player is never torn down between items.
type kioskVideo struct {
	attract player.Player
	// detail plays projects' videos; it is opened at the first one a
	// visitor plays (newDetail), not at start: a second mpv core idle
	// beside the attract loop cost memory on screens whose visitors
	// never open a video (BENCHMARKS.md, "Video cost"). Under mu.
	detail    player.Player
	newDetail func() (player.Player, error)
	path      func(hash string) string
	volume    int
	playing   *video.Surface // stopped whenever the visitor moves on
	// loop is the attract screen's surface, kept across visits while its
	// season and sources stay the same: it shows its last frame until the
	// next Play's first, where a new surface would show black.
	loop         *video.Surface
	loopRotation string
	loopSources  []player.Source
	loopEmbed    bool

	mu     sync.Mutex
	failed map[string]bool // seasons none of whose promo videos plays
}

func (v *kioskVideo) hasFailed(rotation string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.failed[rotation]
}

func (v *kioskVideo) markFailed(rotation string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.failed[rotation] = true
}

// subtitlesAboveBar are the mpv options that place subtitles inside the
// picture, lifted above a control bar at its bottom, rather than in the
// black band below a picture narrower than its surface.
var subtitlesAboveBar = map[string]string{"sub-use-margins": "no", "sub-margin-y": "48"}

// subtitlesAboveInvitation lift the attract loop's subtitles (the only
// voice of a muted loop) above the "touch to start" panel at the bottom
// of the screen, which hid them, and above a promo's own lower title
// line: 150 of mpv's 720-line units are 225 px at 1080p; the panel
// reaches 120 px up, a lower title (the demo clips') another 100.
var subtitlesAboveInvitation = map[string]string{"sub-use-margins": "no", "sub-margin-y": "150"}

// attractOptions are the attract player's mpv options: subtitles above
// the invitation, no audio at all (the loop is muted: its sound is
// neither decoded nor sent to an audio output), and bilinear scaling to
// the screen's size, as a browser's video does (mpv's default, lanczos,
// cost 13% more of the loop's CPU).
func attractOptions() map[string]string {
	o := map[string]string{"aid": "no", "zimg-scaler": "bilinear"}
	for k, v := range subtitlesAboveInvitation {
		o[k] = v
	}
	return o
}

// embedAttract says whether the attract loop's player draws into the
// kiosk's window itself (the cheap way, BENCHMARKS.md "Video cost"), or
// renders its frames for the window to draw, as the detail page's player
// does: SHOWHALL_VIDEO_OUTPUT=frames picks the latter, to compare.
func embedAttract() bool { return os.Getenv("SHOWHALL_VIDEO_OUTPUT") != "frames" }

// videoProbe is the deep check every video gets as it enters the hall
// (publish, import, sync, a stick): libmpv opens it and decodes its first
// frame. Without libmpv the container is still read in Go, and the log
// says the deep check was skipped.
func videoProbe(log *slog.Logger) media.VideoProbe {
	p, err := mpv.Probe("")
	if err != nil {
		log.Info("videos entering the hall get only their container checked: decoding a first frame needs libmpv", "error", err)
		return nil
	}
	return p
}

// openVideo starts the players. Without libmpv the kiosk runs on with
// picture slideshows and says why in the log.
func openVideo(ms *media.Store, volume int, log *slog.Logger) *kioskVideo {
	a, err := mpv.New(mpv.Options{Mute: true, Log: log, Extra: attractOptions()})
	if err != nil {
		log.Warn("videos are off: the attract screen shows a picture slideshow", "error", err)
		return nil
	}
	// The detail player's control bar lies over the bottom of the
	// picture while it plays: subtitles go above it, inside the picture.
	newDetail := func() (player.Player, error) {
		return mpv.New(mpv.Options{Volume: volume, Log: log, Extra: subtitlesAboveBar})
	}
	log.Info("video players ready")
	return &kioskVideo{attract: a, newDetail: newDetail, path: ms.Path, volume: volume, failed: map[string]bool{}}
}

// detailPlayer is the projects' videos' player, opened at the first call;
// nil when it cannot be opened (the log says why, and the page shows no
// video).
func (v *kioskVideo) detailPlayer(log *slog.Logger) player.Player {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.detail == nil && v.newDetail != nil {
		d, err := v.newDetail()
		if err != nil {
			log.Warn("project videos are off", "error", err)
			return nil
		}
		v.detail = d
	}
	return v.detail
}

// attractPlayer is the attract loop's player; nil without video.
func (v *kioskVideo) attractPlayer() player.Player {
	if v == nil {
		return nil
	}
	return v.attract
}

// describe says, for the health page, which decoder each player used
// last and where the attract loop draws.
func (v *kioskVideo) describe() string {
	if v == nil {
		return ""
	}
	dec := func(p player.Player) string {
		if d, ok := p.(interface{ Decoder() string }); ok && d.Decoder() != "" {
			return d.Decoder()
		}
		return "nothing played yet"
	}
	out := "drawn by the player into the window"
	if !embedAttract() {
		out = "frames drawn by the window"
	}
	if p, ok := v.attract.(playback); ok && p.Dropped() > 0 {
		out += fmt.Sprintf(", %d of %d frames dropped", p.Dropped(), p.Dropped()+p.Frames())
	}
	v.mu.Lock()
	detail := "nothing played yet"
	if v.detail != nil {
		detail = dec(v.detail)
	}
	v.mu.Unlock()
	return fmt.Sprintf("attract loop: %s, %s; project videos: %s", dec(v.attract), out, detail)
}

// stop ends whatever surface is playing.
func (v *kioskVideo) stop() {
	if v != nil && v.playing != nil {
		v.playing.Stop()
		v.playing = nil
	}
}

// attractBackdrop is the season's promo loop, or nil for the slideshow
// (no videos, no libmpv, or every video of this season failed to play).
func (k *kiosk) attractBackdrop() (backdrop fyne.CanvasObject, covered bool) {
	v, rot := k.video, k.ui.Rotation
	if v == nil || rot == nil || v.hasFailed(rot.ID) {
		return nil, false
	}
	sources := player.AttractSources(k.shown, rot, k.defaultLang, v.path)
	if len(sources) == 0 {
		return nil, false
	}
	// A new season gets a new loop even with the same videos: its
	// failure is the season's (markFailed below).
	// A player drawing into the window covers all of it: while a banner
	// shows, the loop's frames are drawn by the window, under the banner.
	embed := embedAttract() && !k.bannerShown()
	if v.loop == nil || v.loopRotation != rot.ID || !slices.Equal(v.loopSources, sources) || v.loopEmbed != embed {
		if v.loop != nil {
			v.loop.Stop()
		}
		v.loop = video.New(v.attract, sources, video.Options{
			Mode: video.Attract, Log: k.log, Embed: embed,
			OnEvent: k.videoEvent,
			OnFirstFrame: func() {
				if k.onAttr && k.attract != nil {
					k.attract.Uncover()
				}
			},
			OnNothingPlayable: func() {
				k.log.Warn("no attract video of the season plays; showing the picture slideshow", "rotation", rot.ID)
				v.markFailed(rot.ID)
				v.loop, v.loopRotation, v.loopSources = nil, "", nil
				if k.onAttr {
					k.showAttract()
				}
			},
		})
		v.loopRotation, v.loopSources, v.loopEmbed = rot.ID, sources, embed
	}
	v.playing = v.loop
	v.loop.Play()
	return v.loop, !v.loop.HasFrame()
}

// projectVideo is a project's video surface for its page, or nil when it
// has none (or the kiosk has no player).
func (k *kiosk) projectVideo(p *catalog.Project, onFullScreen func(bool)) *video.Surface {
	v := k.video
	if v == nil {
		return nil
	}
	sources := player.ProjectSources(k.shown, p, k.ui.Lang, v.path)
	if len(sources) == 0 {
		return nil
	}
	d := v.detailPlayer(k.log)
	if d == nil {
		return nil
	}
	return video.New(d, sources, video.Options{
		Mode: video.Detail, Volume: v.volume, Log: k.log,
		OnEvent: k.videoEvent, OnFullScreen: onFullScreen,
	})
}

// detailPage builds a project's page, with its video when it has one.
func (k *kiosk) detailPage(p *catalog.Project) fyne.CanvasObject {
	var d *screens.Detail
	s := k.projectVideo(p, func(on bool) { k.videoFullScreen(d, on) })
	if s == nil {
		d = screens.NewDetail(k.ui, p)
		return d.Object()
	}
	// The video keeps its sound on the detail page, with a volume
	// control a visitor can see and reach under it.
	vol := video.NewVolume(s.HallVolume(), s.SetVolume, func(err error) {
		k.log.Warn("video volume", "error", err)
	})
	withVolume := container.NewBorder(nil, vol, nil, nil, s)
	d = screens.NewDetailWith(k.ui, p, withVolume, func(on bool) {
		if on {
			k.video.playing = s // stopped when the visitor moves on
		} else {
			s.Stop()
		}
	})
	return d.Object()
}

// stopVideo ends any video as the visitor moves on.
func (k *kiosk) stopVideo() {
	if k.video != nil {
		k.video.stop()
		if len(k.top.Objects) > 0 && k.top.Objects[0] != k.overlay {
			k.top.Objects = nil // a video that was full screen
			k.top.Refresh()
		}
	}
}

// videoFullScreen lifts the video over the whole screen and back.
func (k *kiosk) videoFullScreen(d *screens.Detail, on bool) {
	if d == nil {
		return
	}
	if on {
		k.top.Objects = []fyne.CanvasObject{d.TakeVideo()}
	} else {
		k.top.Objects = nil
		d.ReturnVideo()
	}
	k.top.Refresh()
}

// videoEvent records plays for the curators; it arrives from the player's
// goroutine.
func (k *kiosk) videoEvent(e player.LoopEvent) {
	fyne.Do(func() {
		switch e.Kind {
		case player.ItemStarted:
			k.record(stats.VideoStarted, k.videoProject(), 0)
		case player.ItemFinished:
			k.record(stats.VideoFinished, k.videoProject(), 0)
		case player.ItemSkipped:
			k.log.Warn("video skipped", "file", e.Source.Path, "reason", e.Reason)
			k.record(stats.VideoSkipped, k.videoProject(), 0)
		}
	})
}

// videoProject is the project whose video plays: the page's, or none on
// the attract screen.
func (k *kiosk) videoProject() *catalog.Project {
	if k.onAttr {
		return nil
	}
	return k.visits.project
}

// hasVideos reports whether a catalogue has any video to play, so that a
// kiosk without any does not start libmpv at all.
func hasVideos(s *catalog.Snapshot) bool {
	for _, r := range s.Rotations() {
		if len(r.Attract) > 0 {
			return true
		}
	}
	for i := 0; i < s.Len(); i++ {
		if len(s.At(i).Videos) > 0 {
			return true
		}
	}
	return false
}

// Package mpv plays video through libmpv and renders its frames in
// software into an image.RGBA sized to the surface that shows them.
//
// libmpv is opened with dlopen at run time by a small C shim (shim.c)
// rather than linked. A binary linked with -lmpv, as every Go binding does
// (github.com/supersonic-app/go-mpv included), refuses to start on a
// machine without libmpv.so.2; the kiosk must still start there and show
// its picture slideshow. So New returns an error saying why when libmpv
// is missing or cannot be initialised, and the caller falls back. Building
// needs libmpv's headers (Debian: libmpv-dev); running needs the library
// (Debian: libmpv2) only for video. The library's name can be overridden
// with SHOWHALL_LIBMPV (e.g. SHOWHALL_LIBMPV=none to try the fallback).
//
// Each Player is one long-lived mpv core with one software render
// context, or, once embedded (Embed), drawing with mpv's own X11 output
// into a native window the caller owns: no frame then passes through Go. Items follow each other on mpv's own playlist: Queue appends the
// next file while the current one plays and mpv opens it ahead of time
// (prefetch-playlist), so nothing is torn down between items.
package mpv

/*
#cgo LDFLAGS: -ldl -rdynamic
#include <stdlib.h>
#include "shim.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"image"
	"log/slog"
	"os"
	"runtime/cgo"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"showhall/player"
	"showhall/store/media"
)

// DefaultLibrary is the library opened when neither Options.Library nor
// SHOWHALL_LIBMPV names another (Debian 12's libmpv2 package).
const DefaultLibrary = "libmpv.so.2"

// Options configure a Player.
type Options struct {
	// Library is the libmpv to open; "" means $SHOWHALL_LIBMPV, then
	// DefaultLibrary.
	Library string
	// Hwdec is mpv's hwdec option; "" means auto-copy-safe: hardware
	// decoding copied back to memory where the machine offers it (the
	// software renderer needs frames in memory), software otherwise.
	Hwdec  string
	Volume int // 0-100; 0 means 100
	Mute   bool
	// SubFont is the subtitle font family ("" means Noto Sans CJK SC, so
	// Chinese subtitles render).
	SubFont string
	// Extra sets more mpv options, e.g. {"ao": "null"} in tests.
	Extra map[string]string
	Log   *slog.Logger
}

var (
	libMu     sync.Mutex
	libLoaded string
)

// load opens libmpv once per process.
func load(name string) error {
	libMu.Lock()
	defer libMu.Unlock()
	if libLoaded != "" {
		if name != libLoaded {
			return fmt.Errorf("mpv: %s is loaded already, cannot switch to %s", libLoaded, name)
		}
		return nil
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	if msg := C.shim_load(cname); msg != nil {
		return fmt.Errorf("mpv: cannot load %s: %s", name, C.GoString(msg))
	}
	libLoaded = name
	return nil
}

// Player is a player.Player on libmpv.
type Player struct {
	h   *C.mpv_handle
	log *slog.Logger

	renderMu sync.Mutex // the render context is used by one goroutine at a time
	rc       *C.mpv_render_context
	frames   atomic.Uint64

	// embedded: mpv draws into a native window (Embed); frames are
	// counted from mpv's frame number instead of Render.
	embedded atomic.Bool
	frameNo  int64 // the last position seen, in µs (event loop only)
	decoder  atomic.Value
	// dropped counts the frames mpv dropped, at output or at decoding,
	// over every clip; dropSeen is each counter's last value (mpv counts
	// per file, from 0), for the event loop.
	dropped  atomic.Uint64
	dropSeen [2]int64
	// overlayMu keeps one SetOverlay at a time: the ids it numbers and
	// takes away are the player's.
	overlayMu  sync.Mutex
	overlayIDs int // how many overlay ids the newest picture uses

	mu         sync.Mutex
	entries    map[int64]entry // playlist entry id -> source
	queuedID   int64           // the entry queued after the current one
	inTimeline bool            // the options are set for a timeline (timeline.go)

	// subDir holds the subtitles made for timelines (event loop, then
	// Close); subCount numbers them.
	subDir   string
	subCount int
	// toldParts: how many parts of the playing timeline had their
	// decoder logged (event loop only).
	toldParts map[int64]int

	events chan player.Event
	redraw chan struct{}
	quit   chan struct{}
	done   chan struct{}
	token  cgo.Handle
	closed atomic.Bool
	// life is held for reading by every call that reaches the core and
	// for writing by Close while it frees it: a late call from a screen
	// going away gets ErrClosed instead of touching freed memory.
	life sync.RWMutex
}

// ErrClosed is returned by a Player's methods after Close.
var ErrClosed = errors.New("mpv: player closed")

// enter holds the core alive for one call; false once the player is
// closed. A true return must be paired with p.life.RUnlock. Only public
// methods enter, never one from inside another (a waiting Close would
// deadlock a nested read lock).
func (p *Player) enter() bool {
	p.life.RLock()
	if p.closed.Load() {
		p.life.RUnlock()
		return false
	}
	return true
}

type entry struct{ src player.Source }

var _ player.Player = (*Player)(nil)

// nothingOfItsOwn are the options that keep mpv to what the kiosk asks
// of it: no user's mpv.conf, no terminal, no scripts. mpv starts some
// scripts of its own even without load-scripts (the statistics page and
// the console; the on-screen controller and the auto-profiles in some
// setups), each a Lua state on a thread of its own, about 2 MB of the
// kiosk's memory apiece; the kiosk uses none of them.
var nothingOfItsOwn = [][2]string{
	{"config", "no"}, // never read a user's mpv.conf on a kiosk
	{"terminal", "no"},
	{"load-scripts", "no"},
	{"ytdl", "no"},
	{"osc", "no"},
	{"load-stats-overlay", "no"},
	{"load-osd-console", "no"},
	{"load-auto-profiles", "no"},
}

// New opens libmpv and starts an idle player, or says why it cannot.
func New(o Options) (*Player, error) {
	name := o.Library
	if name == "" {
		name = os.Getenv("SHOWHALL_LIBMPV")
	}
	if name == "" {
		name = DefaultLibrary
	}
	if err := load(name); err != nil {
		return nil, err
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	h := C.shim_create()
	if h == nil {
		return nil, errors.New("mpv: mpv_create failed")
	}
	p := &Player{h: h, log: o.Log, entries: map[int64]entry{},
		events: make(chan player.Event, 64), redraw: make(chan struct{}, 1),
		quit: make(chan struct{}), done: make(chan struct{})}
	m := lookAtMachine(o.Log)
	hwdec := or(o.Hwdec, "auto-copy-safe")
	if o.Hwdec == "" && !m.gpu {
		hwdec = "no"
	}
	vol := o.Volume
	if vol <= 0 {
		vol = 100
	}
	opts := slices.Concat(nothingOfItsOwn, [][2]string{
		{"input-default-bindings", "no"},
		{"vo", "libmpv"}, // frames go to our render context only
		{"hwdec", hwdec},
		{"idle", "yes"}, // stay alive between playlists
		{"keep-open", "no"},
		{"prefetch-playlist", "yes"}, // open the next item before this one ends
		{"gapless-audio", "yes"},
		// A hall PC whose sound card is missing or busy still shows its
		// videos: mpv then plays them silently instead of failing them.
		{"audio-fallback-to-null", "yes"},
		{"audio-display", "no"},
		{"sub-auto", "no"}, // subtitles are chosen by language, not by name
		// Embedded in the kiosk's window, mpv's window takes neither
		// touches nor keys (they go through to the kiosk) and never hides
		// the pointer.
		{"input-cursor", "no"},
		{"input-vo-keyboard", "no"},
		{"cursor-autohide", "no"},
		// Local files only: a "video" that is a playlist (M3U, PLS, HLS)
		// or a container with references must not make the kiosk fetch
		// anything. No playlist is expanded from a file's content, and
		// FFmpeg may open nothing but files for a file it reads.
		{"access-references", "no"},
		{"load-unsafe-playlists", "no"},
		{"demuxer-lavf-o", "protocol_whitelist=file"},
		{"sub-font", or(o.SubFont, "Noto Sans CJK SC")},
		{"volume", strconv.Itoa(min(vol, 100))},
		{"mute", yesNo(o.Mute)},
	})
	if !m.sound {
		opts = append(opts, [2]string{"ao", "null"})
	}
	for k, v := range o.Extra {
		opts = append(opts, [2]string{k, v})
	}
	for _, kv := range opts {
		if err := p.setOption(kv[0], kv[1]); err != nil {
			C.shim_terminate_destroy(h)
			return nil, err
		}
	}
	lvl := C.CString("warn")
	C.shim_request_log_messages(h, lvl)
	C.free(unsafe.Pointer(lvl))
	if err := mpvErr("mpv_initialize", C.shim_initialize(h)); err != nil {
		C.shim_terminate_destroy(h)
		return nil, err
	}
	p.token = cgo.NewHandle(p)
	if err := mpvErr("render context", C.shim_render_create(h, &p.rc, C.uintptr_t(p.token))); err != nil {
		p.token.Delete()
		C.shim_terminate_destroy(h)
		return nil, err
	}
	// Embedded, frames are counted from the moves of the playback
	// position: the attract player has no audio, so the position is the
	// last frame's shown, and it stands still when the video stalls.
	for id, name := range map[uint64]string{positionID: "time-pos", dropID: "frame-drop-count", decoderDropID: "decoder-frame-drop-count", chapterID: "chapter"} {
		cn := C.CString(name)
		C.shim_observe(h, C.uint64_t(id), cn)
		C.free(unsafe.Pointer(cn))
	}
	go p.eventLoop()
	return p, nil
}

// Observations' ids: "time-pos", the two counts of dropped frames, and
// the part of a timeline that plays ("chapter").
const (
	positionID = iota + 1
	dropID
	decoderDropID
	chapterID
)

// Embed has mpv draw the video itself into the native X11 window wid
// (scaled to fill it, letterboxed), from the next item it opens; 0 goes
// back to rendering into Render's images. Call it while nothing plays.
func (p *Player) Embed(wid uintptr) error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	if wid == 0 {
		p.embedded.Store(false)
		return p.setProperty("vo", "libmpv")
	}
	if err := p.setProperty("wid", strconv.FormatUint(uint64(wid), 10)); err != nil {
		return err
	}
	if err := p.setProperty("vo", "x11"); err != nil {
		return err
	}
	p.embedded.Store(true)
	return nil
}

// SetOverlay has mpv draw parts (premultiplied RGBA, each placed in the
// window by its Rect) over the embedded video from its next frame on,
// replacing the ones before; none takes them away. mpv's overlays are
// numbered 0-63.
func (p *Player) SetOverlay(parts []*image.RGBA) error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	if len(parts) > 64 {
		return errors.New("mpv: more than 64 overlay pictures")
	}
	p.overlayMu.Lock()
	defer p.overlayMu.Unlock()
	for i, img := range parts {
		if err := p.addOverlay(i, img); err != nil {
			return err
		}
	}
	for i := len(parts); i < p.overlayIDs; i++ {
		p.commandString(fmt.Sprintf("overlay-remove %d", i))
	}
	p.overlayIDs = len(parts)
	return nil
}

// addOverlay hands mpv one picture as overlay id. mpv copies it before
// overlay-add returns (since 0.18.1), so the C copy made for it is freed
// at once.
func (p *Player) addOverlay(id int, img *image.RGBA) error {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if w <= 0 || h <= 0 {
		return nil
	}
	buf := C.malloc(C.size_t(w * h * 4))
	defer C.free(buf)
	dst := unsafe.Slice((*byte)(buf), w*h*4)
	for y := 0; y < h; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y):][:w*4]
		out := dst[y*w*4:][:w*4]
		for x := 0; x < w*4; x += 4 { // RGBA to mpv's BGRA, both premultiplied
			out[x], out[x+1], out[x+2], out[x+3] = row[x+2], row[x+1], row[x], row[x+3]
		}
	}
	cmd := fmt.Sprintf("overlay-add %d %d %d &%d 0 bgra %d %d %d", id, img.Rect.Min.X, img.Rect.Min.Y, uintptr(buf), w, h, w*4)
	return p.commandString(cmd)
}

// Decoder says which decoder plays the current video, as the log says
// once per item: "h264 (hardware: vaapi-copy)" or "h264 (software)"; ""
// before the first.
func (p *Player) Decoder() string {
	d, _ := p.decoder.Load().(string)
	return d
}

//export showhallMpvUpdate
func showhallMpvUpdate(token C.uintptr_t) {
	// Called on an mpv thread: only signal, never call back into mpv.
	p := cgo.Handle(token).Value().(*Player)
	select {
	case p.redraw <- struct{}{}:
	default:
	}
}

func (p *Player) Load(src player.Source) error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	p.mu.Lock()
	defer p.mu.Unlock()
	path, err := p.prepareFor(src)
	if err != nil {
		return err
	}
	id, err := p.loadfile(path, "replace")
	if err != nil {
		return err
	}
	delete(p.entries, p.queuedID)
	p.queuedID = 0
	p.entries[id] = entry{src}
	return nil
}

func (p *Player) Queue(src player.Source) error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	p.mu.Lock()
	defer p.mu.Unlock()
	// playlist-clear keeps the current entry and drops everything else: the
	// finished items and an earlier queued one.
	if err := p.command("playlist-clear"); err != nil {
		return err
	}
	delete(p.entries, p.queuedID)
	path, err := p.prepareFor(src)
	if err != nil {
		return err
	}
	id, err := p.loadfile(path, "append-play")
	if err != nil {
		return err
	}
	p.queuedID = id
	p.entries[id] = entry{src}
	return nil
}

func (p *Player) Next() error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	return p.command("playlist-next")
}

func (p *Player) Stop() error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.entries, p.queuedID)
	p.queuedID = 0
	return p.command("stop")
}

func (p *Player) Play() error  { return p.guardedProperty("pause", "no") }
func (p *Player) Pause() error { return p.guardedProperty("pause", "yes") }

func (p *Player) Paused() bool {
	if !p.enter() {
		return false
	}
	defer p.life.RUnlock()
	var v C.int
	name := C.CString("pause")
	defer C.free(unsafe.Pointer(name))
	return C.shim_get_flag(p.h, name, &v) >= 0 && v != 0
}

func (p *Player) Seek(pos time.Duration) error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	return p.command("seek", strconv.FormatFloat(pos.Seconds(), 'f', 3, 64), "absolute")
}

func (p *Player) Position() time.Duration { return p.guardedSeconds("time-pos") }
func (p *Player) Duration() time.Duration { return p.guardedSeconds("duration") }

func (p *Player) SetVolume(percent int) error {
	return p.guardedProperty("volume", strconv.Itoa(max(0, min(percent, 100))))
}

func (p *Player) SetMute(mute bool) error { return p.guardedProperty("mute", yesNo(mute)) }

func (p *Player) guardedProperty(name, value string) error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	return p.setProperty(name, value)
}

func (p *Player) guardedSeconds(name string) time.Duration {
	if !p.enter() {
		return 0
	}
	defer p.life.RUnlock()
	return p.seconds(name)
}

func (p *Player) SetSubtitles(path string) error {
	if !p.enter() {
		return ErrClosed
	}
	defer p.life.RUnlock()
	if path == "" {
		return p.setProperty("sid", "no")
	}
	if err := media.CheckSubtitle(path); err != nil { // WebVTT or SubRip text only
		return err
	}
	return p.command("sub-add", path, "select")
}

// Property reads any mpv property as text ("" when unavailable), for
// diagnostics: "hwdec-current", "frame-drop-count", "video-codec"...
func (p *Player) Property(name string) string {
	if !p.enter() {
		return ""
	}
	defer p.life.RUnlock()
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	v := C.shim_get_string(p.h, cn)
	if v == nil {
		return ""
	}
	defer C.shim_free(unsafe.Pointer(v))
	return C.GoString(v)
}

func (p *Player) Events() <-chan player.Event { return p.events }
func (p *Player) Redraw() <-chan struct{}     { return p.redraw }
func (p *Player) Frames() uint64              { return p.frames.Load() }

// Render draws the current frame at dst's size; mpv scales and letterboxes.
func (p *Player) Render(dst *image.RGBA) (bool, error) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	if w <= 0 || h <= 0 {
		return false, nil
	}
	if dst.Stride%4 != 0 || len(dst.Pix) < dst.Stride*h {
		return false, errors.New("mpv: bad target image")
	}
	p.renderMu.Lock()
	defer p.renderMu.Unlock()
	if p.rc == nil {
		return false, ErrClosed
	}
	if p.embedded.Load() {
		return false, nil // mpv draws into its window itself
	}
	fresh := C.shim_render_update(p.rc)&C.MPV_RENDER_UPDATE_FRAME != 0
	pix := unsafe.Pointer(&dst.Pix[dst.PixOffset(dst.Rect.Min.X, dst.Rect.Min.Y)])
	if err := mpvErr("render", C.shim_render_sw(p.rc, C.int(w), C.int(h), C.size_t(dst.Stride), pix)); err != nil {
		return false, err
	}
	if fresh {
		p.frames.Add(1)
	}
	return fresh, nil
}

// Close stops the event loop, frees the render context, then the core.
func (p *Player) Close() error {
	if p.closed.Swap(true) {
		return nil
	}
	close(p.quit)
	C.shim_wakeup(p.h)
	<-p.done
	// Calls that entered before closed was set finish first; later ones
	// see closed and never reach the core.
	p.life.Lock()
	defer p.life.Unlock()
	p.renderMu.Lock()
	C.shim_render_free(p.rc) // must go before the core
	p.rc = nil
	p.renderMu.Unlock()
	C.shim_terminate_destroy(p.h)
	p.token.Delete()
	if p.subDir != "" {
		os.RemoveAll(p.subDir)
	}
	return nil
}

// eventLoop turns mpv's events into player events until Close.
func (p *Player) eventLoop() {
	defer close(p.done)
	var (
		ev        C.shim_event
		current   int64  // the entry that started last
		lastError string // mpv's last error line, to explain a failure
		started   bool   // a file started since the last idle report
		told      int64  // the entry whose decoder the log named last
	)
	for !p.closed.Load() {
		C.shim_wait_event(p.h, -1, &ev)
		switch ev.id {
		case C.MPV_EVENT_SHUTDOWN:
			return
		case C.MPV_EVENT_LOG_MESSAGE:
			line := C.GoString(ev.prefix) + ": " + trimNL(C.GoString(ev.text))
			if C.GoString(ev.level) == "error" || C.GoString(ev.level) == "fatal" {
				lastError = line
			}
			p.log.Debug("mpv", "level", C.GoString(ev.level), "msg", line)
		case C.MPV_EVENT_START_FILE:
			current, lastError, started = int64(ev.entry), "", true
			p.mu.Lock()
			if current == p.queuedID {
				p.queuedID = 0
			}
			p.mu.Unlock()
		case C.MPV_EVENT_PROPERTY_CHANGE:
			if id := int64(ev.entry); (id == dropID || id == decoderDropID) && ev.has_value != 0 {
				p.countDrops(int(id-dropID), int64(ev.value)/1e6)
			}
			if int64(ev.entry) == chapterID && ev.has_value != 0 {
				p.tellTimelinePart(current, int(ev.value/1e6))
			}
			if int64(ev.entry) == positionID && ev.has_value != 0 && int64(ev.value) != p.frameNo {
				p.frameNo = int64(ev.value)
				if p.embedded.Load() {
					p.frames.Add(1)
					select {
					case p.redraw <- struct{}{}:
					default:
					}
				}
			}
		case C.MPV_EVENT_PLAYBACK_RESTART:
			// The first frame of an item (or of a seek): its decoder is
			// known now. Once per item in the log.
			if current != told {
				told = current
				p.tellDecoder(current)
			}
		case C.MPV_EVENT_FILE_LOADED:
			// Started means opened: a file that fails to open only fails.
			p.mu.Lock()
			e := p.entries[current]
			p.mu.Unlock()
			p.send(player.Event{Kind: player.Started, Path: e.src.Path})
			if e.src.Timeline != nil {
				p.showTimelineSubtitles(e.src.Timeline)
			}
			if e.src.Subtitles != "" {
				if err := p.SetSubtitles(e.src.Subtitles); err != nil {
					p.log.Warn("video: subtitles not shown", "path", e.src.Subtitles, "err", err)
				}
			}
		case C.MPV_EVENT_END_FILE:
			id := int64(ev.entry)
			p.mu.Lock()
			e := p.entries[id]
			delete(p.entries, id)
			p.mu.Unlock()
			out := player.Event{Kind: player.Stopped, Path: e.src.Path}
			switch ev.reason {
			case C.MPV_END_FILE_REASON_EOF:
				out.Kind = player.Ended
			case C.MPV_END_FILE_REASON_ERROR:
				out.Kind = player.Failed
				out.Err = fmt.Errorf("mpv: %s", C.GoString(C.shim_error_string(ev.error)))
				if lastError != "" {
					out.Err = fmt.Errorf("%w (%s)", out.Err, lastError)
				}
			}
			p.send(out)
		case C.MPV_EVENT_IDLE:
			// mpv reports idle at start-up too; only an idle after
			// playing means the playlist ran out.
			if started {
				started = false
				p.send(player.Event{Kind: player.Idle})
			}
		}
	}
}

// countDrops adds what a drop counter (0: output, 1: decoder) grew by.
// mpv starts each file's counts at 0 again.
func (p *Player) countDrops(which int, now int64) {
	if now > p.dropSeen[which] {
		p.dropped.Add(uint64(now - p.dropSeen[which]))
	}
	p.dropSeen[which] = now
}

// Dropped is how many frames were dropped since the player opened, over
// every clip: those the output could not show in time and those the
// decoder skipped to keep up.
func (p *Player) Dropped() uint64 { return p.dropped.Load() }

// tellDecoder records and logs which decoder plays the entry.
func (p *Player) tellDecoder(entry int64) {
	p.mu.Lock()
	src := p.entries[entry].src
	p.mu.Unlock()
	if src.Timeline != nil {
		return // said for each part as it starts (tellTimelinePart)
	}
	p.sayDecoder(src.Path, p.Property("current-tracks/video/codec"))
}

// tellTimelinePart logs the decoder of a timeline's part as it starts
// to play, the first time round (the parts repeat with the timeline).
func (p *Player) tellTimelinePart(entry int64, part int) {
	p.mu.Lock()
	src := p.entries[entry].src
	p.mu.Unlock()
	if src.Timeline == nil || part < 0 || part >= len(src.Timeline.Parts) || p.toldParts[entry] > part {
		return
	}
	p.toldParts = map[int64]int{entry: part + 1} // only the entry playing
	// The decoder's codec: a timeline's track names its first part's.
	codec, _, _ := strings.Cut(p.Property("video-codec"), " ")
	p.sayDecoder(src.Timeline.Parts[part].Path, codec)
}

// sayDecoder records and logs the decoder playing path.
func (p *Player) sayDecoder(path, codec string) {
	hw := p.Property("hwdec-current")
	if codec == "" {
		codec = p.Property("video-codec")
	}
	d := codec + " (software)"
	if hw != "" && hw != "no" {
		d = codec + " (hardware: " + hw + ")"
	}
	p.decoder.Store(d)
	out := "memory"
	if p.embedded.Load() {
		out = "x11"
	}
	p.log.Info("video decoder", "file", path, "decoder", d, "output", out)
}

func (p *Player) send(ev player.Event) {
	select {
	case p.events <- ev:
	case <-p.quit:
	}
}

func (p *Player) loadfile(path, mode string) (int64, error) {
	cpath, cmode := C.CString(path), C.CString(mode)
	defer C.free(unsafe.Pointer(cpath))
	defer C.free(unsafe.Pointer(cmode))
	var id C.int64_t
	if err := mpvErr("loadfile "+path, C.shim_loadfile(p.h, cpath, cmode, &id)); err != nil {
		return 0, err
	}
	if id == 0 {
		return 0, errors.New("mpv: this libmpv does not report playlist entry ids (0.33 or newer needed)")
	}
	return int64(id), nil
}

// command runs an mpv command of up to four words.
func (p *Player) command(args ...string) error {
	var c [4]*C.char
	for i, a := range args {
		c[i] = C.CString(a)
		defer C.free(unsafe.Pointer(c[i]))
	}
	return mpvErr(args[0], C.shim_command(p.h, c[0], c[1], c[2], c[3]))
}

func (p *Player) commandString(cmd string) error {
	c := C.CString(cmd)
	defer C.free(unsafe.Pointer(c))
	return mpvErr(cmd, C.shim_command_string(p.h, c))
}

func (p *Player) setOption(name, value string) error {
	cn, cv := C.CString(name), C.CString(value)
	defer C.free(unsafe.Pointer(cn))
	defer C.free(unsafe.Pointer(cv))
	return mpvErr("option "+name, C.shim_set_option(p.h, cn, cv))
}

func (p *Player) setProperty(name, value string) error {
	cn, cv := C.CString(name), C.CString(value)
	defer C.free(unsafe.Pointer(cn))
	defer C.free(unsafe.Pointer(cv))
	return mpvErr(name, C.shim_set_property(p.h, cn, cv))
}

// seconds reads a time property; 0 when nothing plays.
func (p *Player) seconds(name string) time.Duration {
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	var v C.double
	if C.shim_get_double(p.h, cn, &v) < 0 {
		return 0
	}
	return time.Duration(float64(v) * float64(time.Second))
}

func mpvErr(what string, code C.int) error {
	if code >= 0 {
		return nil
	}
	return fmt.Errorf("mpv: %s: %s", what, C.GoString(C.shim_error_string(code)))
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func trimNL(s string) string {
	for len(s) > 0 && s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return s
}

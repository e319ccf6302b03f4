package mpv

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"showhall/player"
	"showhall/store/media"
)

// A timeline (player.Timeline) plays as one of mpv's EDL files: mpv then
// switches from one part to the next inside one playback (about a
// frame), where a playlist ends one file and opens the next (three or
// four frames with the X11 output; see README.md). It loops by itself
// (loop-file), so its start again costs a seek, not a new file.

// PlaysTimelines reports that this player plays player.Timeline sources.
func (p *Player) PlaysTimelines() bool { return true }

// timelineURL is the EDL of the parts, each path given with its length so
// that no character of it is read as EDL syntax.
func timelineURL(parts []player.Source) string {
	var b strings.Builder
	b.WriteString("edl://")
	for i, s := range parts {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, "%%%d%%%s", len(s.Path), s.Path)
	}
	return b.String()
}

// prepareFor sets what the next file needs: a timeline loops by itself
// and follows the references to its parts, which a plain file must not
// (a video with references could have mpv open other files). p.mu held.
func (p *Player) prepareFor(src player.Source) (path string, err error) {
	timeline := src.Timeline != nil
	if timeline != p.inTimeline {
		loop, refs := "no", "no"
		if timeline {
			loop, refs = "inf", "yes"
		}
		if err := p.setProperty("loop-file", loop); err != nil {
			return "", err
		}
		if err := p.setProperty("access-references", refs); err != nil {
			return "", err
		}
		p.inTimeline = timeline
	}
	if timeline {
		return timelineURL(src.Timeline.Parts), nil
	}
	return src.Path, nil
}

// showTimelineSubtitles gives mpv one subtitle file for the whole
// timeline, each part's cues moved to where the part starts in it (mpv
// makes a chapter of each part). Event loop only.
func (p *Player) showTimelineSubtitles(tl *player.Timeline) {
	var texts [][]byte
	some := false
	for _, part := range tl.Parts {
		var text []byte
		if part.Subtitles != "" {
			if err := media.CheckSubtitle(part.Subtitles); err != nil {
				p.log.Warn("video: subtitles not shown", "path", part.Subtitles, "err", err)
			} else if b, err := os.ReadFile(part.Subtitles); err == nil {
				text, some = b, true
			}
		}
		texts = append(texts, text)
	}
	if !some {
		return
	}
	starts, err := p.chapterStarts(len(tl.Parts))
	if err != nil {
		p.log.Warn("video: the promos' subtitles are not shown", "err", err)
		return
	}
	if p.subDir == "" {
		if p.subDir, err = os.MkdirTemp("", "showhall-subtitles-"); err != nil {
			p.log.Warn("video: the promos' subtitles are not shown", "err", err)
			return
		}
	}
	p.subCount++
	path := filepath.Join(p.subDir, "timeline-"+strconv.Itoa(p.subCount)+".srt")
	if err := os.WriteFile(path, player.JoinSubtitles(texts, starts), 0o600); err != nil {
		p.log.Warn("video: the promos' subtitles are not shown", "err", err)
		return
	}
	if err := p.SetSubtitles(path); err != nil {
		p.log.Warn("video: the promos' subtitles are not shown", "err", err)
	}
	// mpv has read it; the one before is no longer needed.
	os.Remove(filepath.Join(p.subDir, "timeline-"+strconv.Itoa(p.subCount-1)+".srt"))
}

// chapterStarts reads where each of n parts starts in the playing
// timeline.
func (p *Player) chapterStarts(n int) ([]time.Duration, error) {
	if c := p.Property("chapter-list/count"); c != strconv.Itoa(n) {
		return nil, fmt.Errorf("the timeline has %q chapters, not one for each of its %d videos", c, n)
	}
	starts := make([]time.Duration, n)
	for i := range starts {
		starts[i] = p.seconds("chapter-list/" + strconv.Itoa(i) + "/time")
	}
	return starts, nil
}

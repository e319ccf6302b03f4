package media

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Videos are checked when they enter the hall (publish, import, sync, a
// stick) so that a file that cannot play is refused in front of a curator
// rather than tried in front of visitors. The deep check (the stream
// opened, the first frame decoded) needs a player; store/ links none, so
// it is a VideoProbe handed in by whoever has one (app/ gives libmpv's).
// Without one, the container is still read here in Go.

// VideoInfo is what a check learnt of a video.
type VideoInfo struct {
	Container     string // "mp4" (MP4 and QuickTime) or "matroska" (WebM and Matroska)
	Duration      time.Duration
	Width, Height int
	// Deep says the stream was opened and a first frame decoded, not
	// only the container read.
	Deep bool
}

// VideoProbe opens a video and decodes its first frame, or says in one
// sentence why it cannot.
type VideoProbe func(path string) (VideoInfo, error)

// ErrNotVideo marks a file refused as a video; the message says why.
var ErrNotVideo = errors.New("not a video the hall can play")

// CheckVideo checks a video file: not empty, at most maxBytes (0: no
// limit), a container the hall reads with a video track and a duration,
// then, when probe is not nil, its first frame decoded.
func CheckVideo(path string, maxBytes int64, probe VideoProbe) (VideoInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return VideoInfo{}, err
	}
	if st.Size() == 0 {
		return VideoInfo{}, fmt.Errorf("%w: the file is empty", ErrNotVideo)
	}
	if maxBytes > 0 && st.Size() > maxBytes {
		return VideoInfo{}, fmt.Errorf("%w: it is %d MB, more than the %d MB a video may be", ErrNotVideo, st.Size()>>20, maxBytes>>20)
	}
	info, err := ReadVideoContainer(path)
	if err != nil {
		return info, err
	}
	if probe == nil {
		return info, nil
	}
	deep, err := probe(path)
	if err != nil {
		return info, fmt.Errorf("%w: %v", ErrNotVideo, err)
	}
	deep.Container = info.Container
	return deep, nil
}

// videoVerdicts remembers checks by hash: the hash names the content, so
// a file checked once need not be opened again at every sync.
var videoVerdicts sync.Map // hash -> error (nil for a good file)

// CheckVideo is CheckVideo for a stored file, with the store's probe;
// its verdict is remembered for the life of the process.
func (s *Store) CheckVideo(hash string, maxBytes int64) error {
	if v, ok := videoVerdicts.Load(hash); ok {
		err, _ := v.(error)
		return err
	}
	probe := s.VideoProbe()
	_, err := CheckVideo(s.Path(hash), maxBytes, probe)
	switch {
	case err == nil && probe != nil: // a container check alone is redone once a probe is there
		videoVerdicts.Store(hash, nil)
	case errors.Is(err, ErrNotVideo):
		videoVerdicts.Store(hash, err)
	}
	return err
}

// SetVideoProbe gives the store the deep check its videos get when they
// enter; nil leaves only the container check.
func (s *Store) SetVideoProbe(p VideoProbe) {
	s.probeMu.Lock()
	defer s.probeMu.Unlock()
	s.probe = p
}

// VideoProbe is the deep check set with SetVideoProbe, or nil.
func (s *Store) VideoProbe() VideoProbe {
	s.probeMu.Lock()
	defer s.probeMu.Unlock()
	return s.probe
}

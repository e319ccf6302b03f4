package hallnet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"showhall/hallnet/spread"
)

// Screen is what a kiosk tells the hall endpoint. Both methods are
// called from the endpoint's goroutines and must not wait on the UI
// loop without a limit: a stuck UI must still get its status read.
type Screen interface {
	// Status gives the screen's facts; the endpoint sets Now, the frame
	// age and Stuck.
	Status() Status
	// Screenshot captures what the screen shows now, the video frame
	// included, or says why it cannot.
	Screenshot(ctx context.Context) (image.Image, error)
}

// screenshotTimeout bounds how long a screenshot may take: a UI that does
// not answer in time gets a 503 with the reason rather than a hung request.
const screenshotTimeout = 5 * time.Second

// Handler serves a screen's hall endpoint: GET PathStatus and GET
// PathScreenshot.
//
// With a gate, it also takes signed commands at PathCommand (POST).
func Handler(sc Screen, gate *Gate, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	if gate != nil {
		if gate.Log == nil {
			gate.Log = log
		}
		if gate.Now == nil {
			gate.Now = time.Now
		}
		mux.HandleFunc("POST "+PathCommand, gate.serve)
		mux.HandleFunc("POST "+PathPush, gate.servePush)
	}
	mux.HandleFunc("GET "+PathStatus, func(w http.ResponseWriter, r *http.Request) {
		st := sc.Status()
		st.Now = time.Now()
		st.markStuck()
		body, err := json.Marshal(st)
		if err != nil {
			log.Error("hall status could not be written", "error", err)
			http.Error(w, "the status could not be written", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(body)
	})
	mux.HandleFunc("GET "+PathScreenshot, func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), screenshotTimeout)
		defer cancel()
		img, err := sc.Screenshot(ctx)
		if err != nil {
			log.Warn("hall screenshot refused", "from", r.RemoteAddr, "error", err)
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, img); err != nil {
			http.Error(w, "the screenshot could not be encoded", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		w.Write(buf.Bytes())
		log.Info("hall screenshot taken", "from", r.RemoteAddr, "bytes", buf.Len())
	})
	return mux
}

// Server is a running hall endpoint.
type Server struct {
	srv  *http.Server
	ln   net.Listener
	done chan struct{}
}

// Listen starts serving h on addr (HOST:PORT; ":7470" for every
// interface). The address in use is Addr (useful with port 0).
func Listen(addr string, h http.Handler, log *slog.Logger) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, done: make(chan struct{}), srv: &http.Server{
		Handler: h,
		// No overall read or write timeout: a catalogue's videos passed on
		// to another screen, or a bundle pushed, take minutes on a slow
		// network. Commands set their own deadlines.
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("the hall endpoint stopped", "error", err)
		}
	}()
	return s, nil
}

// Addr is the address the endpoint listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the endpoint, letting requests under way finish for a
// second.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		s.srv.Close()
	}
	<-s.done
	return err
}

// HeaderServing, on every answer of a screen's feed, says how many
// downloads it serves at that moment, so that the screens taking from
// it know how busy it is without asking for its status again.
const HeaderServing = "Showhall-Serving"

// FeedServer passes a screen's catalogue on to the hall (PathFeed): the
// feed's own handler, serving at most spread.Slots media downloads at
// once (beyond that it answers 503 and the asker turns to another
// screen), and counting what it serves for the status.
type FeedServer struct {
	h        http.Handler
	serving  atomic.Int64
	uploaded atomic.Int64
	// Pieces, when set, serves pieces of files this screen is still
	// taking: a range request for a file is answered from the pieces
	// held and checked here before the feed's own handler is asked.
	Pieces Pieces
}

// Pieces gives the checked pieces of media files still being taken.
type Pieces interface {
	// Section opens the bytes [off, off+n) of the file hash when they
	// are held and checked; the reader covers the whole file's size.
	Section(hash string, off, n int64) (r io.ReadSeeker, size int64, closer io.Closer, ok bool)
}

// ServeFeed wraps the feed handler h.
func ServeFeed(h http.Handler) *FeedServer { return &FeedServer{h: h} }

// Serving is how many media downloads are under way.
func (f *FeedServer) Serving() int { return int(f.serving.Load()) }

// Uploaded is how many bytes of feed this screen has served since it
// started.
func (f *FeedServer) Uploaded() int64 { return f.uploaded.Load() }

func (f *FeedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cw := &countingWriter{ResponseWriter: w, n: &f.uploaded}
	if r.Method != http.MethodGet || !strings.Contains(r.URL.Path, "/media/") {
		w.Header().Set(HeaderServing, strconv.FormatInt(f.serving.Load(), 10))
		f.h.ServeHTTP(cw, r)
		return
	}
	if n := f.serving.Add(1); n > spread.Slots {
		f.serving.Add(-1)
		w.Header().Set(HeaderServing, strconv.FormatInt(n-1, 10))
		w.Header().Set("Retry-After", "1")
		http.Error(w, "this screen serves as many downloads as it can; ask another screen or again in a moment", http.StatusServiceUnavailable)
		return
	}
	defer f.serving.Add(-1)
	w.Header().Set(HeaderServing, strconv.FormatInt(f.serving.Load(), 10))
	if f.servePiece(cw, r) {
		return
	}
	f.h.ServeHTTP(cw, r)
}

// servePiece answers a request for one byte range of a media file from
// the pieces this screen holds of a file it is still taking.
func (f *FeedServer) servePiece(w http.ResponseWriter, r *http.Request) bool {
	if f.Pieces == nil {
		return false
	}
	off, n, ok := oneRange(r.Header.Get("Range"))
	if !ok {
		return false
	}
	hash := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	sec, _, c, ok := f.Pieces.Section(hash, off, n)
	if !ok {
		return false
	}
	defer c.Close()
	w.Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(w, r, "", time.Time{}, sec)
	return true
}

// oneRange reads a Range header asking for one closed range of bytes
// ("bytes=A-B"), as screens ask for a piece.
func oneRange(h string) (off, n int64, ok bool) {
	a, b, found := strings.Cut(strings.TrimPrefix(h, "bytes="), "-")
	if !found || !strings.HasPrefix(h, "bytes=") || strings.Contains(b, ",") {
		return 0, 0, false
	}
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil || first < 0 || last < first {
		return 0, 0, false
	}
	return first, last - first + 1, true
}

// countingWriter adds the bytes of a response's body to n.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n.Add(int64(n))
	return n, err
}

// ReadFrom keeps the file-to-socket copy of the server (sendfile).
func (c *countingWriter) ReadFrom(r io.Reader) (int64, error) {
	var n int64
	var err error
	if rf, ok := c.ResponseWriter.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(r)
	} else {
		n, err = io.Copy(struct{ io.Writer }{c.ResponseWriter}, r)
	}
	c.n.Add(n)
	return n, err
}

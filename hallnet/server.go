package hallnet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"
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

// Package control lets the administrator of a hall PC reach the
// running kiosk from that PC's command line: a Unix socket in the data
// folder, readable and writable by the kiosk's user only (and root), on
// which the kiosk takes a few requests: lift the PIN pad's lockout, set
// a new PIN. A visitor at the touch screen cannot reach it, nor can the
// network. One JSON request a connection, one JSON reply.
package control

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// SocketName is the socket's name in the data folder.
const SocketName = "control.sock"

// Path is the socket of the kiosk running on dataDir.
func Path(dataDir string) string { return filepath.Join(dataDir, SocketName) }

// Actions a request may ask for.
const (
	ActionUnlock = "unlock"  // lift the PIN pad's lockout
	ActionSetPIN = "set-pin" // set the curator PIN (PIN given)
)

// Request is what a client sends.
type Request struct {
	Action string `json:"action"`
	PIN    string `json:"pin,omitempty"`
}

// Reply is what the kiosk answers: Error empty means done.
type Reply struct {
	Message string `json:"message,omitempty"`
	Error   string `json:"error,omitempty"`
}

// Handler does what the requests ask, on the kiosk's data.
type Handler interface {
	Unlock() error
	SetPIN(pin string) error
}

// ErrNotRunning means no kiosk listens on the socket.
var ErrNotRunning = errors.New("no running kiosk answers on this data folder")

// Server listens for requests until Close.
type Server struct {
	ln   net.Listener
	path string
	h    Handler
	log  *slog.Logger
	wg   sync.WaitGroup
}

// maxRequest bounds what a client may send.
const maxRequest = 4 << 10

// Listen opens the socket at path. A socket left by a kiosk that died is
// replaced; one that answers means another kiosk runs (the database lock
// should have said so first).
func Listen(path string, h Handler, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, err := os.Lstat(path); err == nil {
		if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
			c.Close()
			return nil, fmt.Errorf("another kiosk already listens on %s", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("removing the stale control socket: %w", err)
		}
	}
	// The socket is made with no permission for anybody but its owner,
	// so nobody can connect between its creation and the chmod below.
	var ln net.Listener
	var err error
	ownerOnly(func() { ln, err = net.Listen("unix", path) })
	if err != nil {
		return nil, fmt.Errorf("opening the control socket: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{ln: ln, path: path, h: h, log: log}
	s.wg.Add(1)
	go s.serve()
	return s, nil
}

// Close stops listening and removes the socket.
func (s *Server) Close() error {
	err := s.ln.Close()
	s.wg.Wait()
	return err
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				s.log.Error("control socket stopped", "error", err)
			}
			return
		}
		s.handle(c.(*net.UnixConn))
	}
}

// handle answers one request; requests come from the PC's administrator,
// rarely, so one at a time is plenty.
func (s *Server) handle(c *net.UnixConn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	reply := func(r Reply) { json.NewEncoder(c).Encode(r) }
	uid, err := peerUID(c)
	if err != nil || (uid != 0 && uid != os.Getuid()) {
		s.log.Warn("control request refused: not the kiosk's user nor root", "uid", uid, "error", err)
		reply(Reply{Error: "only the kiosk's user or root may control the kiosk"})
		return
	}
	line, err := bufio.NewReader(io.LimitReader(c, maxRequest)).ReadBytes('\n')
	var req Request
	if err == nil {
		err = json.Unmarshal(line, &req)
	}
	if err != nil {
		reply(Reply{Error: "the request was not understood"})
		return
	}
	s.log.Info("control request from the PC", "action", req.Action, "uid", uid)
	switch req.Action {
	case ActionUnlock:
		err = s.h.Unlock()
		if err == nil {
			reply(Reply{Message: "the PIN pad is unlocked"})
		}
	case ActionSetPIN:
		err = s.h.SetPIN(req.PIN)
		if err == nil {
			reply(Reply{Message: "the curator PIN is set"})
		}
	default:
		err = fmt.Errorf("unknown action %q", req.Action)
	}
	if err != nil {
		reply(Reply{Error: err.Error()})
	}
}

// Send asks the kiosk listening at path to do req and returns its
// message. ErrNotRunning says nobody listens there.
func Send(path string, req Request) (string, error) {
	c, err := net.DialTimeout("unix", path, 2*time.Second)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) {
			return "", ErrNotRunning
		}
		return "", fmt.Errorf("reaching the running kiosk at %s: %w", path, err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	// A refused client is answered before its request is read, so a
	// failed write may still have a reply waiting that says why.
	werr := json.NewEncoder(c).Encode(req)
	var r Reply
	if err := json.NewDecoder(io.LimitReader(c, maxRequest)).Decode(&r); err != nil {
		if werr != nil {
			return "", werr
		}
		return "", fmt.Errorf("the running kiosk did not answer: %w", err)
	}
	if r.Error != "" {
		return "", errors.New(r.Error)
	}
	return r.Message, nil
}

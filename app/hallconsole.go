package app

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/image/draw"

	"showhall/hallnet"
	curscreens "showhall/screens/curator"
	"showhall/store/feed"
	"showhall/store/hall"
)

// The hall page's way to the network: the console at a screen reads the
// hall through its own endpoint (which names the peers it knows); the
// laptop's through --peers and the screens that answer a multicast
// discovery. Commands are signed with this machine's curator key.

// hallConsole is what the curator's backend needs to reach the hall.
type hallConsole struct {
	client *hallnet.Client
	// seeds are the screens asked first (the others are found through
	// the peers each names).
	seeds func() []string
	// endpoint is this screen's own, on a kiosk (nil on a laptop).
	endpoint func() *hallEndpoint
}

// kioskHall reaches the hall through the kiosk's own endpoint.
func kioskHall(k *kiosk) *hallConsole {
	return &hallConsole{client: &hallnet.Client{}, endpoint: k.hall.endpoint.Load, seeds: func() []string {
		if e := k.hall.endpoint.Load(); e != nil {
			return []string{e.addr}
		}
		return nil
	}}
}

// laptopHall reaches the hall from a laptop: the screens given with
// --peers, and those discover finds on the network (asked again at most
// once a discoverEvery, as a kiosk does).
func laptopHall(peers []string, discover func() []string) *hallConsole {
	var (
		mu    sync.Mutex
		found []string
		at    time.Time
	)
	return &hallConsole{client: &hallnet.Client{}, endpoint: func() *hallEndpoint { return nil }, seeds: func() []string {
		mu.Lock()
		defer mu.Unlock()
		if at.IsZero() || time.Since(at) > discoverEvery {
			found, at = discover(), time.Now()
		}
		out := slices.Clone(peers)
		for _, a := range found {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
		return out
	}}
}

// discoverScreens asks the hall's networks for its screens (DNS-SD).
func discoverScreens() []string {
	list, _ := hallnet.Discover(context.Background(), hallDiscoverWait)
	var addrs []string
	for _, f := range list {
		addrs = append(addrs, f.Addr)
	}
	return addrs
}

func (b *curatorBackend) thisScreenID() string {
	if b.hall == nil {
		return ""
	}
	if e := b.hall.endpoint(); e != nil {
		return e.screen.identity().ID
	}
	return ""
}

// HallScreens reads the hall: this screen first, then by name, those
// that do not answer last (the order stays as the page refreshes, so
// tiles do not jump about).
func (b *curatorBackend) HallScreens() []curscreens.HallScreen {
	if b.hall == nil {
		return nil
	}
	this := b.thisScreenID()
	var out []curscreens.HallScreen
	for _, e := range b.hall.client.Gather(context.Background(), b.hall.seeds()) {
		out = append(out, curscreens.HallScreen{Name: e.Name, ID: e.ID, Address: e.Address, Season: e.Season,
			Catalogue: e.CatalogueVersion, State: e.State, Reason: e.Reason,
			This: this != "" && e.ID == this, Attention: e.State != hallnet.Fine})
	}
	rank := func(s curscreens.HallScreen) int {
		switch {
		case s.This:
			return 0
		case s.ID == "":
			return 2
		}
		return 1
	}
	slices.SortStableFunc(out, func(a, b curscreens.HallScreen) int { return cmp.Compare(rank(a), rank(b)) })
	return out
}

// tileWidth is the width of a screenshot on a tile.
const tileWidth = 320

// HallScreenshot reads a screen's screenshot and makes it tile sized,
// here, off the UI goroutine.
func (b *curatorBackend) HallScreenshot(addr string) (image.Image, error) {
	if b.hall == nil {
		return nil, errors.New("this console does not reach the hall")
	}
	raw, err := b.hall.client.Screenshot(context.Background(), addr)
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s sent a screenshot that is not a PNG: %v", addr, err)
	}
	return shrink(img, tileWidth), nil
}

// shrink scales img down to width, keeping its proportions.
func shrink(img image.Image, width int) image.Image {
	r := img.Bounds()
	if r.Dx() <= width || r.Dx() == 0 {
		return img
	}
	h := max(1, r.Dy()*width/r.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, width, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, r, draw.Src, nil)
	return dst
}

// HallKey is the curator key of this machine, if it has one. The hall
// page never makes one: a key the screens do not trust would only be
// refused.
func (b *curatorBackend) HallKey() (string, string) {
	path := curatorKeyPath(b.data)
	pub, err := feed.ReadPublicKey(path + ".pub")
	if err != nil {
		return "", path
	}
	if _, err := feed.ReadPrivateKey(path); err != nil {
		return "", path
	}
	return pub.ID(), path
}

// HallCommand signs action for each screen (a command names its screen,
// so what one received cannot be replayed to another) and sends them
// side by side.
func (b *curatorBackend) HallCommand(action string, to []curscreens.HallScreen, answer func(curscreens.HallAnswer)) {
	priv, err := feed.ReadPrivateKey(curatorKeyPath(b.data))
	if err != nil || b.hall == nil {
		msg := "this machine has no curator key"
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			msg = err.Error()
		}
		for _, s := range to {
			answer(curscreens.HallAnswer{Screen: s, Outcome: curscreens.OutcomeFailed, Message: msg})
		}
		return
	}
	var wg sync.WaitGroup
	for _, s := range to {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answer(curscreens.HallAnswer{Screen: s, Outcome: curscreens.OutcomeSending})
			envelope, err := hallnet.SignCommand(priv, hallnet.Command{Action: action, To: s.ID, Time: time.Now()})
			if err != nil {
				answer(curscreens.HallAnswer{Screen: s, Outcome: curscreens.OutcomeFailed, Message: err.Error()})
				return
			}
			res, err := b.hall.client.SendCommand(context.Background(), s.Address, envelope)
			if err != nil {
				outcome, msg := commandOutcome(err)
				b.log.Warn("a hall command from the console was not carried out", "action", action, "screen", s.Name, "address", s.Address, "error", err)
				answer(curscreens.HallAnswer{Screen: s, Outcome: outcome, Message: msg})
				return
			}
			b.log.Info("hall command sent from the console", "action", action, "screen", s.Name, "answer", res.Message)
			answer(curscreens.HallAnswer{Screen: s, Outcome: curscreens.OutcomeDone, Message: res.Message})
		}()
	}
	wg.Wait()
}

// commandOutcome sorts a screen's refusal by what the curator can do
// about it.
func commandOutcome(err error) (outcome curscreens.Outcome, msg string) {
	msg = err.Error()
	reason, refused := strings.CutPrefix(msg, "refused: ")
	switch {
	case !refused && (strings.Contains(msg, "did not answer in time") || strings.Contains(msg, "cannot be reached")):
		return curscreens.OutcomeUnreachable, msg
	case !refused:
		return curscreens.OutcomeFailed, msg
	case strings.Contains(reason, "not from a curator key this screen trusts"):
		return curscreens.OutcomeUntrusted, reason
	case strings.Contains(reason, "from this screen's clock"):
		return curscreens.OutcomeClock, reason
	case reason == hall.ErrReplayed.Error():
		return curscreens.OutcomeReplayed, reason
	case strings.HasPrefix(reason, hallnet.ErrUnsupported.Error()):
		return curscreens.OutcomeUnsupported, reason
	}
	return curscreens.OutcomeFailed, reason
}

// ScreenName is this screen's name, "" on a laptop.
func (b *curatorBackend) ScreenName() string {
	if b.hall == nil {
		return ""
	}
	if e := b.hall.endpoint(); e != nil {
		return e.screen.identity().Name
	}
	return ""
}

// RenameScreen renames this screen.
func (b *curatorBackend) RenameScreen(name string) error {
	var e *hallEndpoint
	if b.hall != nil {
		e = b.hall.endpoint()
	}
	if e == nil {
		return errors.New("this console runs on no screen of the hall: there is no screen to rename")
	}
	_, err := e.rename(name)
	return err
}

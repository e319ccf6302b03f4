package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"showhall/hallnet"
	"showhall/screens/curator"
	"showhall/store/hall"
	"showhall/store/notice"
)

// The console hands what a curator published (a notice, the opening
// hours) to the hall's other screens as signed hall commands: each
// screen checks the document itself as one from its own console or a
// stick, and says what it did.

// SendToHall hands the signed notice with id, or the opening hours, to
// every other screen the hall endpoint knows (on a laptop: the kept
// peers and those found on the network).
func (b *curatorBackend) SendToHall(what curator.Sent, id string) []curator.Delivery {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fail := func(err error) []curator.Delivery {
		b.log.Warn("sending to the hall", "what", what, "error", err)
		return []curator.Delivery{{Screen: "showhall", Reason: err.Error()}}
	}
	doc, action, err := b.hallDocument(what, id)
	if err != nil {
		return fail(err)
	}
	priv, _, err := b.curatorKey()
	if err != nil {
		return fail(err)
	}
	self, seeds := "", []string(nil)
	if b.k != nil {
		// A kiosk's console: its own screen (not sent to) and the
		// peers its endpoint knows.
		if e := b.k.hall.endpoint.Load(); e != nil {
			self, seeds = e.screen.identity().ID, e.screen.peers()
		}
	} else {
		b.data.DB.GetSetting(hall.SettingPeers, &seeds)
		found, _ := hallnet.Discover(ctx, hallDiscoverWait)
		for _, f := range found {
			seeds = append(seeds, f.Addr)
		}
	}
	c := &hallnet.Client{}
	var list []hallnet.Entry
	if len(seeds) > 0 {
		list = slices.DeleteFunc(c.Gather(ctx, seeds), func(e hallnet.Entry) bool { return self != "" && e.ID == self })
	}
	out := make([]curator.Delivery, len(list))
	var wg sync.WaitGroup
	for i, e := range list {
		out[i] = curator.Delivery{Screen: e.Name}
		if e.Status == nil {
			out[i].Screen, out[i].Reason = e.Address, e.Reason
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = sendDocument(ctx, c, e, action, doc, priv)
		}()
	}
	wg.Wait()
	for _, d := range out {
		b.log.Info("sent to a screen of the hall", "what", what, "id", id, "screen", d.Screen, "reached", d.Reached, "taken", d.Taken, "answer", d.Reason)
	}
	return out
}

// sendDocument signs the command that hands doc to the screen e and
// reads its answer.
func sendDocument(ctx context.Context, c *hallnet.Client, e hallnet.Entry, action string, doc, priv []byte) curator.Delivery {
	d := curator.Delivery{Screen: e.Name}
	cmd, err := hallnet.DocumentCommand(action, e.ID, doc, time.Now())
	var envelope []byte
	if err == nil {
		envelope, err = hallnet.SignCommand(priv, cmd)
	}
	if err != nil {
		d.Reason = err.Error()
		return d
	}
	res, err := c.SendCommand(ctx, e.Address, envelope)
	switch {
	case err == nil:
		d.Reached, d.Taken, d.Reason = true, true, res.Message
	case res.Message != "":
		d.Reached, d.Reason = true, res.Message // the screen answered: refused
	default:
		d.Reason = err.Error()
	}
	return d
}

// hallDocument is the signed document a curator sends to the hall, and
// the hall command that carries it.
func (b *curatorBackend) hallDocument(what curator.Sent, id string) ([]byte, string, error) {
	switch what {
	case curator.SentNotice:
		file, err := noticeFile(b.data, id)
		return file, hallnet.ActionNotice, err
	case curator.SentHours:
		file, err := hoursFile(b.data)
		return file, hallnet.ActionHours, err
	}
	return nil, "", fmt.Errorf("nothing of kind %d is sent to the hall", what)
}

// noticeFile is the signed file of the notice with id on this screen's
// board.
func noticeFile(data *Data, id string) ([]byte, error) {
	keys, err := noticeKeys(data)
	if err != nil {
		return nil, err
	}
	var b notice.Board
	if _, err := data.DB.GetSetting(hall.SettingNotices, &b); err != nil {
		return nil, err
	}
	for _, f := range b.Files {
		if n, err := notice.Verify(f, keys); err == nil && n.ID == id {
			return f, nil
		}
	}
	return nil, errors.New("the notice is no longer on this screen")
}

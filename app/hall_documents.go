package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	"showhall/hallnet"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
)

// Notices and opening hours spread through the hall as the catalogue
// does: each screen names the versions it holds in its status, and one
// that sees a newer version at a peer reads the signed documents there
// and takes them through acceptNotice and acceptHours, the same checks
// as from its own console or a stick. Never an older version, never one
// signed by a key it does not trust.

// documentsEvery is how often a kiosk looks at the other screens for
// newer notices and hours: they are small, and a notice is urgent.
const documentsEvery = 10 * time.Second

// heldDocuments reads the signed notices (those not ended, withdrawals
// included) and opening hours this screen holds, without checking them
// again: they were checked when taken, and whoever reads them checks
// them with its own keys.
func heldDocuments(data *Data, now time.Time) (hallnet.Documents, []hallnet.DocumentVersion, time.Time, error) {
	var docs hallnet.Documents
	var versions []hallnet.DocumentVersion
	var b notice.Board
	if _, err := data.DB.GetSetting(hall.SettingNotices, &b); err != nil {
		return docs, nil, time.Time{}, err
	}
	for _, f := range b.Files {
		n, err := notice.Read(f)
		if err != nil || !n.End.After(now) {
			continue
		}
		docs.Notices = append(docs.Notices, string(f))
		versions = append(versions, hallnet.DocumentVersion{ID: n.ID, Signed: n.Signed})
	}
	h, _, err := hall.LoadHours(data.DB)
	if err != nil {
		return docs, versions, time.Time{}, err
	}
	if file, err := hoursFile(data); err == nil {
		docs.Hours = string(file)
	}
	return docs, versions, h.Signed, nil
}

// followHallDocuments takes newer notices and hours from the screens at
// peers until ctx ends; done is closed then.
func (k *kiosk) followHallDocuments(ctx context.Context, data *Data, id string, peers func() []string, log *slog.Logger) (done chan struct{}) {
	done = make(chan struct{})
	go func() {
		defer close(done)
		c := &hallnet.Client{}
		failed := map[string]bool{}
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(documentsEvery):
			}
			k.takeDocuments(ctx, c, data, id, peers(), failed, log)
		}
	}()
	return done
}

// takeDocuments is one look at the hall for notices and hours newer than
// this screen's. Documents refused (an unknown key, changed after
// signing) are noted in failed by screen and version, and not read from
// that screen again.
func (k *kiosk) takeDocuments(ctx context.Context, c *hallnet.Client, data *Data, id string, peers []string, failed map[string]bool, log *slog.Logger) {
	_, own, ownHours, err := heldDocuments(data, k.now())
	if err != nil {
		log.Warn("the notices and hours held here cannot be read; not taking the hall's", "error", err)
		return
	}
	have := map[string]time.Time{}
	for _, v := range own {
		have[v.ID] = v.Signed
	}
	for _, e := range c.Gather(ctx, peers) {
		if e.Status == nil || e.ID == id || !offersNewer(e, have, ownHours, failed) {
			continue
		}
		docs, err := c.Documents(ctx, e.Address)
		if err != nil {
			log.Warn("a screen offers newer notices or hours that cannot be read", "screen", e.Name, "address", e.Address, "error", err)
			continue
		}
		for _, f := range docs.Notices {
			k.takeHallNotice(data, e, []byte(f), have, failed, log)
		}
		if docs.Hours != "" && e.Status.HoursSigned.After(ownHours) {
			if h, ok := k.takeHallHours(data, e, []byte(docs.Hours), failed, log); ok {
				ownHours = h.Signed
			}
		}
	}
}

// offersNewer reports whether e names a notice or hours newer than those
// held here, not refused from it before.
func offersNewer(e hallnet.Entry, have map[string]time.Time, hoursSigned time.Time, failed map[string]bool) bool {
	for _, v := range e.Status.Notices {
		if v.Signed.After(have[v.ID]) && !failed[e.Address+" notice "+v.ID+" "+v.Signed.String()] {
			return true
		}
	}
	return e.Status.HoursSigned.After(hoursSigned) && !failed[e.Address+" hours "+e.Status.HoursSigned.String()]
}

// takeHallNotice takes one notice file read from screen e.
func (k *kiosk) takeHallNotice(data *Data, e hallnet.Entry, file []byte, have map[string]time.Time, failed map[string]bool, log *slog.Logger) {
	peek, err := notice.Read(file)
	if err != nil || !peek.Signed.After(have[peek.ID]) {
		return
	}
	n, list, err := acceptNotice(data, file, k.now())
	switch {
	case errors.Is(err, notice.ErrUnchanged), errors.Is(err, notice.ErrOlder):
		return
	case err != nil:
		failed[e.Address+" notice "+peek.ID+" "+peek.Signed.String()] = true
		log.Warn("a notice offered by another screen was refused", "screen", e.Name, "address", e.Address, "notice", peek.ID, "error", err)
		return
	}
	have[n.ID] = n.Signed
	log.Info("notice taken from another screen", "screen", e.Name, "address", e.Address, "notice", n.ID, "level", n.Level, "withdrawn", n.Withdrawn)
	fyne.Do(func() { k.setNotices(list) })
}

// takeHallHours takes the opening hours read from screen e.
func (k *kiosk) takeHallHours(data *Data, e hallnet.Entry, file []byte, failed map[string]bool, log *slog.Logger) (hours.Hours, bool) {
	h, err := acceptHours(data, file)
	switch {
	case errors.Is(err, hours.ErrUnchanged), errors.Is(err, hours.ErrOlder):
		return h, false
	case err != nil:
		failed[e.Address+" hours "+e.Status.HoursSigned.String()] = true
		log.Warn("opening hours offered by another screen were refused", "screen", e.Name, "address", e.Address, "error", err)
		return h, false
	}
	log.Info("opening hours taken from another screen", "screen", e.Name, "address", e.Address, "signed", h.Signed, "follow", h.Follow)
	fyne.Do(func() { k.setHours(h) })
	return h, true
}

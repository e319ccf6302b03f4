package app

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"showhall/hallnet"
	"showhall/screens"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/notice"
)

// kioskNotices shows the hall's notices on the kiosk: an info notice as
// a banner over every page, the attract screen included; an urgent one
// over the whole screen, video stopped, until it ends or is withdrawn.
// One field of the kiosk, so that app/kiosk.go only calls into this file.
type kioskNotices struct {
	list   []notice.Notice // the board's, newest signed first
	banner *screens.NoticeBanner
	urgent *fyne.Container // over everything but the hidden corner
	shown  string          // the urgent notice on screen (id and signing time), "" none
}

func (k *kiosk) initNotices() {
	k.notices.banner = screens.NewNoticeBanner()
	k.notices.urgent = container.NewStack()
}

// setNotices hands the kiosk the notices it may show; they show at the
// next check.
func (k *kiosk) setNotices(ns []notice.Notice) { k.notices.list = ns }

// followNotices puts on screen what the notices say at now; it runs at
// every check of the session.
func (k *kiosk) followNotices() {
	n := &k.notices
	info, urgent := notice.Showing(n.list, k.calendar())
	text := ""
	if info != nil {
		// The attract screen speaks to everyone; a visitor's page in
		// their language.
		if k.onAttr || k.sleep.asleep {
			text = screens.BannerText(info.Text, "")
		} else {
			text = screens.BannerText(info.Text, k.ui.Lang)
		}
	}
	if text != n.banner.Text() {
		if text != "" && info != nil {
			k.log.Info("notice banner", "notice", info.ID, "until", info.End)
		}
		before := k.bannerShown()
		n.banner.SetText(text)
		k.attractUnderBanners(before)
	}
	key := ""
	if urgent != nil {
		key = urgent.ID + "@" + urgent.Signed.String()
		// Nothing plays under an urgent notice, even a page the idle
		// reset returned to the attract loop.
		k.stopVideo()
	}
	if key == n.shown {
		return
	}
	n.shown = key
	if urgent == nil {
		k.log.Info("urgent notice over: the screens return to visitors")
		n.urgent.Objects = nil
		n.urgent.Refresh()
		if k.onAttr {
			k.showAttract() // the attract loop again
		}
		return
	}
	k.log.Warn("urgent notice on screen", "notice", urgent.ID, "until", urgent.End)
	n.urgent.Objects = []fyne.CanvasObject{screens.NewUrgentNotice(urgent.Text)}
	n.urgent.Refresh()
}

// urgentShown reports whether an urgent notice covers the screen.
func (k *kiosk) urgentShown() bool { return k.notices.shown != "" }

// noticeKeys are the keys a notice may be signed with here: the trusted
// feed keys, and this machine's own curator key (a curator who passed
// the PIN here signs with it).
func noticeKeys(data *Data) ([]feed.PublicKey, error) {
	keys, err := feed.TrustedKeys(data.DB)
	if err != nil {
		return nil, err
	}
	own, err := feed.ReadPublicKey(curatorKeyPath(data) + ".pub")
	switch {
	case err == nil:
		keys = append(keys, own)
	case !errors.Is(err, fs.ErrNotExist):
		return keys, fmt.Errorf("this machine's curator key: %w", err)
	}
	return keys, nil
}

// loadNotices reads the notices kept in the hall's settings that the keys
// still vouch for.
func loadNotices(data *Data, log *slog.Logger) []notice.Notice {
	var b notice.Board
	if _, err := data.DB.GetSetting(hall.SettingNotices, &b); err != nil {
		log.Error("the hall's notices cannot be read; none shows until one is published again", "error", err)
		return nil
	}
	keys, err := noticeKeys(data)
	if err != nil {
		log.Warn("reading the keys notices are checked with", "error", err)
	}
	return b.Notices(keys)
}

// acceptNotice checks a signed notice file and keeps it in the hall's
// settings: the way in for a notice from the console, and for one a
// stick, a bundle or the hall's network brings.
func acceptNotice(data *Data, file []byte, now time.Time) (notice.Notice, []notice.Notice, error) {
	keys, err := noticeKeys(data)
	if err != nil {
		return notice.Notice{}, nil, err
	}
	var b notice.Board
	if _, err := data.DB.GetSetting(hall.SettingNotices, &b); err != nil {
		return notice.Notice{}, nil, fmt.Errorf("the hall's notices cannot be read: %w", err)
	}
	n, err := b.Accept(file, keys, now)
	if err != nil {
		return n, nil, err
	}
	if err := data.DB.PutSetting(hall.SettingNotices, b); err != nil {
		return n, nil, err
	}
	return n, b.Notices(keys), nil
}

// curatorKeyPath is this machine's curator signing key, made on first
// use (app/curate.go).
func curatorKeyPath(data *Data) string { return filepath.Join(data.Dir, "keys", "curator") }

// writeNoticeFile keeps a copy of a signed notice for carrying to other
// screens, beside the exported catalogues.
func writeNoticeFile(path string, file []byte) error {
	return os.WriteFile(path, file, 0o644)
}

// takeNotice puts on this screen the signed notice a hall command
// carries, with the same checks as one from the console or a stick: a
// trusted key's signature over the exact bytes, newer than the version
// held. The command's own signature only says a curator sent it.
func (s *kioskScreen) takeNotice(c hallnet.Command) (string, error) {
	file, err := c.Document()
	if err != nil {
		return "", err
	}
	n, list, err := acceptNotice(s.data, file, time.Now())
	switch {
	case errors.Is(err, notice.ErrUnchanged):
		return fmt.Sprintf("notice %s: this screen has this version already", n.ID), nil
	case err != nil:
		s.log.Warn("hall: notice refused", "notice", n.ID, "error", err)
		return "", err
	}
	s.log.Info("hall: notice taken", "notice", n.ID, "level", n.Level, "start", n.Start, "end", n.End, "withdrawn", n.Withdrawn)
	fyne.Do(func() { s.k.setNotices(list) })
	return noticeTaken(n), nil
}

// noticeTaken says what a screen did with a notice it took.
func noticeTaken(n notice.Notice) string {
	if n.Withdrawn {
		return fmt.Sprintf("notice %s withdrawn", n.ID)
	}
	return fmt.Sprintf("notice %s (%s) shows from %s until %s", n.ID, n.Level,
		n.Start.UTC().Format("2006-01-02 15:04 UTC"), n.End.UTC().Format("2006-01-02 15:04 UTC"))
}

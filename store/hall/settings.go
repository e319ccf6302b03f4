package hall

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"showhall/store/catalog"
	"showhall/store/hours"
)

// Setting names of the hall's settings, in the store's settings bucket,
// one value each so that every reader takes only what it needs. The
// first two are the ones the kiosk reads at start (app/kiosk.go), the
// last two belong to the feed sync (store/feed).
const (
	SettingIdleSeconds = "idle_seconds"      // int
	SettingDefaultLang = "default_lang"      // "zh-Hans", "zh-Hant" or "en"
	SettingVolume      = "volume"            // int 0..100
	SettingPortalURL   = "portal_url"        // string: statistics upload endpoint
	SettingPortalLocal = "portal_local_http" // bool: the portal is on the hall's own network, plain HTTP allowed
	SettingSyncMinutes = "sync_minutes"      // int
	SettingTrustedKeys = "trusted_keys"      // []string, each a .pub line
	SettingSyncState   = "sync_state"        // written by the feed sync; read for the health page
	SettingLastStick   = "last_stick"        // string: what the screen did with the last bundle on a USB stick, one line
	// SettingRetentionDays is read by the store itself when it folds old
	// visitor events into daily summaries: the same name as
	// store.SettingEventRetentionDays (this package stays free of bbolt).
	SettingRetentionDays = "event_retention_days" // int, days
	// A new visitor's reading, and where the controls go (app/kiosk.go).
	SettingTextStep = "text_step" // int: 0 (100%), 1 (125%), 2 (150%)
	SettingLook     = "look"      // "standard" or "high-contrast"
	SettingReachPx  = "reach_px"  // int: pixels up from the bottom a seated visitor reaches; 0: controls stay on top
	// SettingPeers are the other screens of the hall by address
	// (HOST:PORT), for networks that block multicast discovery.
	SettingPeers = "hall_peers" // []string
)

// Looks a curator can choose for the hall.
const (
	LookStandard     = "standard"
	LookHighContrast = "high-contrast"
)

// TextSteps is how many text sizes the screens offer (100%, 125%, 150%).
const TextSteps = 3

// HallSettings are what the console's settings page changes. The kiosk
// applies them when saved, without a restart.
type HallSettings struct {
	IdleSeconds int
	Lang        string // a new visitor's language
	Volume      int    // 0..100, the video player's
	PortalURL   string // statistics upload endpoint; empty: keep events here
	PortalLocal bool   // the portal is on the hall's own network: http:// allowed
	SyncMinutes int    // how often to sync and upload
	// RetentionDays is how long visitor events are kept one by one;
	// older ones are folded into daily summaries (counts kept, the
	// median dwell of those days given up).
	RetentionDays int
	TextStep      int    // a new visitor's text size step, 0..TextSteps-1
	Look          string // a new visitor's look: LookStandard or LookHighContrast
	ReachPx       int    // pixels up from the bottom of a screen within a seated visitor's reach; 0 keeps controls on top
}

// LoadSettings reads the settings, defaults where none was saved.
func LoadSettings(s Settings) (HallSettings, error) {
	h := DefaultSettings()
	var errs []error
	for name, v := range map[string]any{SettingIdleSeconds: &h.IdleSeconds, SettingDefaultLang: &h.Lang,
		SettingVolume: &h.Volume, SettingPortalURL: &h.PortalURL, SettingPortalLocal: &h.PortalLocal, SettingSyncMinutes: &h.SyncMinutes,
		SettingRetentionDays: &h.RetentionDays,
		SettingTextStep:      &h.TextStep, SettingLook: &h.Look, SettingReachPx: &h.ReachPx} {
		if _, err := s.GetSetting(name, v); err != nil {
			errs = append(errs, fmt.Errorf("setting %s: %w", name, err))
		}
	}
	return h, errors.Join(errs...)
}

// SaveSettings validates and stores the settings.
func SaveSettings(s Settings, h HallSettings) error {
	if err := h.Validate(); err != nil {
		return err
	}
	for name, v := range map[string]any{SettingIdleSeconds: h.IdleSeconds, SettingDefaultLang: h.Lang,
		SettingVolume: h.Volume, SettingPortalURL: h.PortalURL, SettingPortalLocal: h.PortalLocal, SettingSyncMinutes: h.SyncMinutes,
		SettingRetentionDays: h.RetentionDays,
		SettingTextStep:      h.TextStep, SettingLook: h.Look, SettingReachPx: h.ReachPx} {
		if err := s.PutSetting(name, v); err != nil {
			return err
		}
	}
	return nil
}

// DefaultSettings are used until a curator saves some.
func DefaultSettings() HallSettings {
	return HallSettings{IdleSeconds: 90, Lang: string(catalog.Hans), Volume: 70, SyncMinutes: 30,
		RetentionDays: 400, // store.DefaultRetentionDays
		Look:          LookStandard, ReachPx: DefaultReachPx}
}

// DefaultReachPx is a seated visitor's reach on a typical kiosk mount:
// about 120 cm from the floor is the lower 1200 pixels of a 1080x1920
// totem, so a landscape 1080p screen keeps its controls on top and a
// portrait one brings them down.
const DefaultReachPx = 1200

// Validate says what is wrong, all at once.
func (s HallSettings) Validate() error {
	var errs []error
	if s.IdleSeconds < 30 || s.IdleSeconds > 3600 {
		errs = append(errs, errors.New("idle timeout: between 30 and 3600 seconds (a visitor needs time to read)"))
	}
	if _, ok := catalog.ParseLang(s.Lang); !ok {
		errs = append(errs, fmt.Errorf("default language %q: use zh-Hans, zh-Hant or en", s.Lang))
	}
	if s.Volume < 0 || s.Volume > 100 {
		errs = append(errs, errors.New("volume: 0 to 100"))
	}
	if s.PortalURL != "" {
		u, err := url.Parse(s.PortalURL)
		switch {
		case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
			errs = append(errs, fmt.Errorf("portal URL %q: give an https:// address", s.PortalURL))
		case u.Scheme == "http" && !s.PortalLocal:
			errs = append(errs, fmt.Errorf("portal URL %q: statistics go over https:// only, unless the portal is marked as on the hall's own network", s.PortalURL))
		}
	}
	if s.SyncMinutes < 1 || s.SyncMinutes > 24*60 {
		errs = append(errs, errors.New("sync interval: 1 minute to 24 hours"))
	}
	if s.RetentionDays < 31 || s.RetentionDays > 3650 {
		errs = append(errs, errors.New("keep visitor events: 31 to 3650 days (older ones are kept as daily totals)"))
	}
	if s.TextStep < 0 || s.TextStep >= TextSteps {
		errs = append(errs, fmt.Errorf("text size: step 0 to %d (100%% to 150%%)", TextSteps-1))
	}
	if s.Look != LookStandard && s.Look != LookHighContrast {
		errs = append(errs, fmt.Errorf("look %q: use %s or %s", s.Look, LookStandard, LookHighContrast))
	}
	if s.ReachPx != 0 && (s.ReachPx < 400 || s.ReachPx > 8000) {
		errs = append(errs, errors.New("reach height: 400 to 8000 pixels, or 0 to keep the controls on top"))
	}
	return errors.Join(errs...)
}

// Idle is the idle timeout as a duration.
func (s HallSettings) Idle() time.Duration { return time.Duration(s.IdleSeconds) * time.Second }

// ParseKeys splits the trusted-keys box into one key a line, keeping
// only lines that look like showhall public keys; bad lines are
// reported. Checking the key itself is the feed's job.
func ParseKeys(text string) (keys []string, bad []string) {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case strings.HasPrefix(l, "ed25519-public "):
			keys = append(keys, l)
		default:
			bad = append(bad, l)
		}
	}
	return keys, bad
}

// SyncState is the part of the feed sync's state the health page shows.
type SyncState struct {
	LastSuccess      time.Time `json:"last_success"`
	LastError        string    `json:"last_error"`
	LastErrorAt      time.Time `json:"last_error_at"`
	CatalogueVersion string    `json:"catalogue_version"`
	// Older is a feed refused for offering a catalogue older than the
	// one in use: what a curator may go back to on purpose.
	Older *OlderOffer `json:"older,omitempty"`
}

// OlderOffer names that older catalogue and where it is offered.
type OlderOffer struct {
	URL     string    `json:"url"`
	Version string    `json:"version"`
	Signed  time.Time `json:"signed"`
}

// Memory is how much memory a kiosk holds now, and what it last gave back
// once its visitors had gone (GivenBackAt zero: not yet).
type Memory struct {
	Resident      int64 // bytes
	GivenBackAt   time.Time
	Before, After int64 // bytes resident before and after
}

// Health is what the health page shows.
type Health struct {
	AppVersion       string
	CatalogueVersion string
	CatalogueSource  string
	Committed        time.Time // when this machine switched to the catalogue
	Sync             *SyncState
	Projects         int
	DiskFree         uint64 // bytes free where the data folder is; 0 unknown
	MediaMissing     []string
	OutboxWaiting    int // -1 when it could not be counted
	DataDir          string
	// The catalogue's signed validity (zero: its feed gave none), when
	// its signature was last checked here (zero: it came from no signed
	// feed), and whether it is past its validity: still shown, flagged.
	ValidUntil, Verified time.Time
	Stale                bool

	// MediaRefused lists the media refused when the catalogue came in
	// (a video that cannot play, a damaged picture), and why.
	MediaRefused []string

	// Display is what the kiosk's screen does by the opening hours (nil
	// on a laptop, which has no hall screen).
	Display *Display
	// Video says how the kiosk's players show their videos: the decoder
	// of each player's last video (hardware or software) and where it
	// draws; "" when the kiosk has no video.
	Video string
	// Memory is the kiosk's memory (nil off a kiosk).
	Memory *Memory
	// LastStick says what the screen did with the last bundle found on a
	// USB stick ("" when none was ever found).
	LastStick string
}

// Display says whether a hall screen is on and why.
type Display struct {
	State hours.State
	// Dark says how the screen is dark while asleep: "" when it is on,
	// else the display's power saving (DPMS) or a black cover, and why
	// the first was not available.
	Dark string
}

// SettingHours holds the hall's opening hours (store/hours), one JSON
// value: the kiosk follows them, the console changes them.
const SettingHours = "opening_hours"

// LoadHours reads the opening hours; found is false when none were saved
// (the screens then stay on, and the console offers hours.Default).
func LoadHours(s Settings) (h hours.Hours, found bool, err error) {
	found, err = s.GetSetting(SettingHours, &h)
	if err != nil {
		return hours.Hours{}, found, fmt.Errorf("the opening hours cannot be read: %w", err)
	}
	return h, found, nil
}

// SaveHours validates and stores the opening hours.
func SaveHours(s Settings, h hours.Hours) error {
	if err := h.Validate(); err != nil {
		return err
	}
	return s.PutSetting(SettingHours, h)
}

// SettingNotices holds the hall's notices (store/notice's Board: the
// signed notice files, checked again whenever they are read).
const SettingNotices = "notices"

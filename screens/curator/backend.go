// Package curator draws the curator's console with Fyne: the PIN pad,
// the rotation planner with its timeline and editor, the statistics with
// charts drawn from canvas primitives, the health and settings pages,
// and the preview of the hall on a chosen date. Everything it reads or
// changes goes through Backend, so it never opens the database or the
// network; slow calls run off the UI goroutine and come back with
// fyne.Do.
package curator

import (
	"image"
	"time"

	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
	"showhall/store/plan"
	"showhall/store/stats"
)

// Backend is what the console needs from the app. Methods marked slow
// are called off the UI goroutine.
type Backend interface {
	Snapshot() *catalog.Snapshot
	Now() time.Time
	Zone() *time.Location // the hall's
	Pictures() *screens.Pictures

	// Check runs the planner's checks on the rotations as they would be.
	Check(rots []catalog.Rotation) []plan.Finding
	SaveRotation(r catalog.Rotation) error
	DeleteRotation(id string) error
	// Export writes the catalogue with its rotations for carrying to the
	// screens and says where.
	Export() (string, error)

	Events(p stats.Period) ([]stats.Event, error)          // slow
	ExportCSV(kind string, p stats.Period) (string, error) // slow; kind "events" or "summary"
	Health() hall.Health                                   // slow

	Settings() (hall.HallSettings, []string)
	// Hours are the hall's opening hours (hours.Default when none were
	// saved: found false); SaveHours checks and stores them, and the
	// hall's screen follows them at once.
	Hours() (h hours.Hours, found bool)
	SaveHours(h hours.Hours) error
	// Notices are the hall's notices, newest signed first.
	Notices() []notice.Notice
	// PublishNotice signs a notice (a new one, or a newer version of one:
	// a withdrawal) with this machine's curator key, shows it on this
	// screen, and writes the signed file for the other screens: it says
	// where. Slow only in theory: one small file.
	PublishNotice(n notice.Notice) (string, error)
	// SendToHall hands the signed notice with id (SentNotice) or the
	// opening hours (SentHours) to every other screen of the hall, which
	// checks it as one of its own, and says per screen what happened.
	// Slow.
	SendToHall(what Sent, id string) []Delivery
	SaveSettings(s hall.HallSettings, trustedKeys []string) error
	ChangePIN(old, pin string) error
	// NewKeys gives the fingerprints of the keys among trustedKeys that
	// are not trusted yet, or says which line is not a key.
	NewKeys(trustedKeys []string) ([]string, error)
	// GoBack switches the hall back to the older catalogue offered at
	// url (the health page's Sync.Older), on a curator's say. Slow.
	GoBack(url string) error

	// Sticks lists the bundles on the USB sticks plugged in, with what
	// each would change, and the sticks' folders a catalogue can be
	// exported to. Slow.
	Sticks() ([]hall.StickBundle, []string)
	// ApplyStick applies a bundle from a stick (older: the curator
	// confirmed going back), reporting progress from 0 to 1. Slow.
	ApplyStick(path string, older bool, progress func(float64)) error
	// ExportToStick writes the catalogue (or the rotation with id
	// rotation, when not "") as a signed bundle in a stick's folder, once
	// it checked the stick has room, and says where. Slow.
	ExportToStick(folder, rotation string) (string, error)

	// Touch tells the idle timer the curator is still there.
	Touch()
	// Leave returns the screen to visitors (or closes the laptop's window).
	Leave()
	// Kiosk reports whether the console runs on a hall screen, where it
	// can also restart or close the kiosk.
	Kiosk() bool
	Restart()
	Quit()
	// QuitWarning says what closing the kiosk leaves on this screen, for
	// the confirmation ("" when nothing needs saying).
	QuitWarning() string
}

// HallBackend is what the hall page needs: every screen of the hall as
// this console sees it on the network, and the curator's signed commands
// to them. Both the kiosk's console and the laptop's have it; a backend
// without it shows no hall page. Every method but ScreenName is slow.
type HallBackend interface {
	// HallScreens reads the status of every screen of the hall, this one
	// first, then by name.
	HallScreens() []HallScreen
	// HallScreenshot is a small picture of what the screen at addr shows
	// now, video included.
	HallScreenshot(addr string) (image.Image, error)
	// HallKey is the fingerprint of the curator key the commands are
	// signed with, or "" when this machine has none; path is where the
	// key belongs.
	HallKey() (fingerprint, path string)
	// HallCommand signs action for each screen and sends it, all side by
	// side, telling each screen's answer as it comes (from any
	// goroutine).
	HallCommand(action string, to []HallScreen, answer func(HallAnswer))
	// ScreenName is this screen's name in the hall; "" on a laptop,
	// which has none to rename.
	ScreenName() string
	// RenameScreen renames this screen: kept, told by its status and
	// announced on the network at once.
	RenameScreen(name string) error
}

// A screen's state as the hall judges it, and the actions a curator
// sends: the words of the hall's network (hallnet), which the console
// does not import (app's tests hold the two the same).
const (
	StateFine        = "fine"
	StateBehind      = "behind"
	StateStuck       = "stuck"
	StateAsleep      = "asleep"
	StateUnreachable = "unreachable"
	StateProblem     = "problem"

	ActionSync       = "sync"
	ActionTakeNewest = "take-newest"
	ActionIdentify   = "identify"
	ActionDisplayOff = "display-off"
	ActionDisplayOn  = "display-on"
	ActionRestart    = "restart"
)

// HallScreen is one screen of the hall as its tile shows it.
type HallScreen struct {
	Name, ID, Address string
	Season            string // the season it shows ("" for the whole catalogue)
	Catalogue         string // its catalogue's version
	State             string // StateFine, StateBehind, ... as the hall judged it
	Reason            string // why, in English as the hall judged it; the page says it in its language
	This              bool   // the screen this console runs on
	Attention         bool   // anything but fine: the "needs attention" filter keeps it
}

// Outcome is how a command went at one screen.
type Outcome int

// Outcomes of a command at one screen.
const (
	OutcomeSending     Outcome = iota
	OutcomeDone                // carried out
	OutcomeUntrusted           // refused: the screen does not trust the curator key
	OutcomeClock               // refused: the screen's clock and this one's are minutes apart
	OutcomeReplayed            // refused: the screen saw this command before
	OutcomeUnsupported         // refused: the screen's version cannot do it
	OutcomeUnreachable         // no answer
	OutcomeFailed              // the screen tried and failed, or the command could not be made
)

// HallAnswer is one screen's answer to a command.
type HallAnswer struct {
	Screen  HallScreen
	Outcome Outcome
	Message string // the screen's own words, in English
}

// Sent names what the console sends to the hall's other screens.
type Sent int

const (
	SentNotice Sent = iota // a signed notice (or its withdrawal)
	SentHours              // the signed opening hours
)

// Delivery is what one other screen of the hall did with a notice or
// the opening hours sent to it.
type Delivery struct {
	Screen  string // its name, or its address when it did not answer
	Reached bool   // false: the screen could not be asked
	Taken   bool   // the screen took it (or had it already)
	Reason  string // the screen's answer, or why it could not be asked
}

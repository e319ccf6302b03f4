// Package hall keeps the hall's settings in the store's settings bucket
// (idle timeout, language, volume, portal, trusted keys) and the PIN that
// guards the curator's console. It imports neither Fyne nor bbolt.
package hall

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"time"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// Settings is where the PIN's hash and the lockout state are kept (the
// store's settings bucket), so a restart neither forgets the PIN nor
// clears a lockout.
type Settings interface {
	GetSetting(name string, v any) (bool, error)
	PutSetting(name string, v any) error
}

// Setting names.
const (
	SettingPIN  = "curator_pin"  // PINHash
	SettingLock = "curator_lock" // lockState
)

// PINHash is a PIN as stored: argon2id of the PIN with a random salt, and
// the parameters it was made with, so they can be raised later without
// locking anybody out.
type PINHash struct {
	Algo    string `json:"algo"` // "argon2id"
	Salt    []byte `json:"salt"`
	Hash    []byte `json:"hash"`
	Time    uint32 `json:"time"`
	Memory  uint32 `json:"memory_kib"`
	Threads uint8  `json:"threads"`
}

// Argon2 parameters for new PINs: OWASP's argon2id minimum (19 MiB, two
// passes), about 50 ms on a hall PC. A PIN has few digits, so the slow
// hash and the lockout together are what protect it. Tests lower them.
var (
	ArgonTime   uint32 = 2
	ArgonMemory uint32 = 19 * 1024
)

// MaxTries is how many wrong PINs in a row lock the pad.
const MaxTries = 5

// lockState counts wrong tries and how many lockouts came in a row.
type lockState struct {
	Failures    int       `json:"failures"`
	Lockouts    int       `json:"lockouts"`
	LockedUntil time.Time `json:"locked_until"`
}

// ErrLocked says the pad is locked for a while; Wait says how long.
type ErrLocked struct{ Wait time.Duration }

func (e ErrLocked) Error() string {
	return fmt.Sprintf("too many wrong PINs: try again in %s", e.Wait.Round(time.Second))
}

// ErrWrongPIN is a wrong PIN; Left says how many tries remain before the
// pad locks.
type ErrWrongPIN struct{ Left int }

func (e ErrWrongPIN) Error() string {
	return fmt.Sprintf("wrong PIN (%d tries left before the pad locks)", e.Left)
}

// ErrNoPIN means no PIN was set yet. A laptop's curator sets one at
// first use; a kiosk's is set from the PC (showhall pin set).
var ErrNoPIN = errors.New("no PIN is set yet")

// Guard checks PINs.
type Guard struct {
	Settings Settings
	Now      func() time.Time
	Log      *slog.Logger
}

// lockFor is the lockout after the n-th lockout in a row: 30 s, then
// doubling, at most an hour.
func lockFor(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// ValidPIN says what is wrong with a new PIN, or nil.
func ValidPIN(pin string) error {
	if len(pin) < 6 || len(pin) > 12 {
		return errors.New("a PIN has 6 to 12 digits")
	}
	for _, r := range pin {
		if !unicode.IsDigit(r) || r > '9' {
			return errors.New("a PIN has digits only")
		}
	}
	same := true
	for i := 1; i < len(pin); i++ {
		same = same && pin[i] == pin[0]
	}
	if same || isRun(pin) {
		return errors.New("a PIN must not be one digit repeated or a run like 123456")
	}
	return nil
}

func isRun(pin string) bool {
	up, down := true, true
	for i := 1; i < len(pin); i++ {
		up = up && pin[i] == pin[i-1]+1
		down = down && pin[i] == pin[i-1]-1
	}
	return up || down
}

// HasPIN reports whether a PIN was set.
func (g *Guard) HasPIN() (bool, error) {
	var h PINHash
	return g.Settings.GetSetting(SettingPIN, &h)
}

// SetPIN stores a new PIN. The first one needs no old PIN; changing it
// needs the current one (checked like any attempt, lockout included).
func (g *Guard) SetPIN(old, pin string) error {
	if err := ValidPIN(pin); err != nil {
		return err
	}
	has, err := g.HasPIN()
	if err != nil {
		return err
	}
	if has {
		if err := g.Check(old); err != nil {
			return err
		}
	}
	if err := g.Settings.PutSetting(SettingPIN, newHash(pin)); err != nil {
		return err
	}
	g.log().Info("curator PIN set", "changed", has)
	return nil
}

// ResetPIN is the PC administrator's way to set the PIN: no old PIN is
// asked for, since whoever reaches the PC's command line (or the running
// kiosk's local control socket) owns the kiosk anyway, and the pad's
// lockout is lifted with it.
func (g *Guard) ResetPIN(pin string) error {
	if err := ValidPIN(pin); err != nil {
		return err
	}
	has, err := g.HasPIN()
	if err != nil {
		return err
	}
	if err := g.Settings.PutSetting(SettingPIN, newHash(pin)); err != nil {
		return err
	}
	if err := g.Settings.PutSetting(SettingLock, lockState{}); err != nil {
		return err
	}
	g.log().Warn("curator PIN set by the PC's administrator", "replaced", has)
	return nil
}

// Unlock lifts the pad's lockout, however many lockouts came in a row.
// The pad keeps locking after wrong PINs; this is for staff whom a
// visitor's wrong tries keep out, from the PC itself.
func (g *Guard) Unlock() error {
	var st lockState
	if _, err := g.Settings.GetSetting(SettingLock, &st); err != nil {
		return err
	}
	if err := g.Settings.PutSetting(SettingLock, lockState{}); err != nil {
		return err
	}
	g.log().Warn("curator PIN pad unlocked by the PC's administrator",
		"was_locked_for", max(st.LockedUntil.Sub(g.now()), 0).Round(time.Second), "lockouts_in_a_row", st.Lockouts, "failures", st.Failures)
	return nil
}

// newHash hashes a PIN with a fresh salt and today's parameters.
func newHash(pin string) PINHash {
	salt := make([]byte, 16)
	rand.Read(salt)
	h := PINHash{Algo: "argon2id", Salt: salt, Time: ArgonTime, Memory: ArgonMemory, Threads: 1}
	h.Hash = argon2.IDKey([]byte(pin), salt, h.Time, h.Memory, h.Threads, 32)
	return h
}

// Locked reports how long the pad stays locked (0 when open).
func (g *Guard) Locked() time.Duration {
	var st lockState
	g.Settings.GetSetting(SettingLock, &st)
	if w := st.LockedUntil.Sub(g.now()); w > 0 {
		return w
	}
	return 0
}

// Check tries a PIN. It returns nil when right, ErrWrongPIN, ErrLocked
// (without even hashing: a locked pad does not answer), or ErrNoPIN.
// Every attempt is logged, never the PIN itself.
func (g *Guard) Check(pin string) error {
	var h PINHash
	found, err := g.Settings.GetSetting(SettingPIN, &h)
	if err != nil {
		return err
	}
	if !found {
		return ErrNoPIN
	}
	var st lockState
	if _, err := g.Settings.GetSetting(SettingLock, &st); err != nil {
		return err
	}
	now := g.now()
	if w := st.LockedUntil.Sub(now); w > 0 {
		g.log().Warn("curator PIN attempt while locked", "locked_for", w.Round(time.Second))
		return ErrLocked{w}
	}
	got := argon2.IDKey([]byte(pin), h.Salt, h.Time, h.Memory, h.Threads, uint32(len(h.Hash)))
	if subtle.ConstantTimeCompare(got, h.Hash) == 1 {
		g.log().Info("curator PIN accepted")
		if st.Failures != 0 || st.Lockouts != 0 {
			return g.Settings.PutSetting(SettingLock, lockState{})
		}
		return nil
	}
	st.Failures++
	var result error = ErrWrongPIN{Left: MaxTries - st.Failures}
	if st.Failures >= MaxTries {
		st.Lockouts++
		st.Failures = 0
		wait := lockFor(st.Lockouts)
		st.LockedUntil = now.Add(wait)
		result = ErrLocked{wait}
		g.log().Warn("curator PIN pad locked after wrong PINs", "tries", MaxTries, "lockouts_in_a_row", st.Lockouts, "locked_for", wait)
	} else {
		g.log().Warn("wrong curator PIN", "failures_in_a_row", st.Failures)
	}
	if err := g.Settings.PutSetting(SettingLock, st); err != nil {
		return err
	}
	return result
}

func (g *Guard) now() time.Time {
	if g.Now == nil {
		return time.Now()
	}
	return g.Now()
}

func (g *Guard) log() *slog.Logger {
	if g.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return g.Log
}

package hall

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// SettingScreen is this screen's identity in the hall (Identity).
const SettingScreen = "screen_identity"

// Identity is how the hall knows a screen: an id made once at its first
// start that never changes, and a name staff can read ("入口大屏"),
// first the PC's host name, changed by a curator.
type Identity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// MaxNameRunes bounds a screen's name: it must fit a tile of the hall page.
const MaxNameRunes = 40

// LoadIdentity reads this screen's identity, making it on the first call:
// a random id, and host as its name (or "screen" and the id's start when
// the host name is empty).
func LoadIdentity(s Settings, host string) (Identity, error) {
	var id Identity
	found, err := s.GetSetting(SettingScreen, &id)
	if err != nil {
		return Identity{}, fmt.Errorf("reading this screen's identity: %w", err)
	}
	if found && id.ID != "" {
		return id, nil
	}
	var raw [8]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return Identity{}, err
	}
	id.ID = hex.EncodeToString(raw[:])
	if id.Name = CleanName(host); id.Name == "" {
		id.Name = "screen-" + id.ID[:6]
	}
	if err := s.PutSetting(SettingScreen, id); err != nil {
		return Identity{}, fmt.Errorf("saving this screen's identity: %w", err)
	}
	return id, nil
}

// Rename gives the screen a new name; its id stays.
func Rename(s Settings, host, name string) (Identity, error) {
	clean := CleanName(name)
	switch {
	case clean == "":
		return Identity{}, errors.New("a screen's name cannot be empty")
	case utf8.RuneCountInString(clean) > MaxNameRunes:
		return Identity{}, fmt.Errorf("a screen's name is at most %d characters", MaxNameRunes)
	}
	id, err := LoadIdentity(s, host)
	if err != nil {
		return Identity{}, err
	}
	id.Name = clean
	return id, s.PutSetting(SettingScreen, id)
}

// CleanName trims a name and folds its runs of blanks and control
// characters into single spaces.
func CleanName(name string) string {
	return strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r < 0x20 || r == 0x7f
	}), " ")
}

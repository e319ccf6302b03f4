package hall

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// SettingNonces are the nonces of the signed commands this screen has
// accepted lately (map nonce -> time accepted), so that a command
// overheard on the network and sent again is refused, across restarts.
const SettingNonces = "command_nonces"

// ErrReplayed refuses a command whose nonce was accepted before.
var ErrReplayed = errors.New("this command was accepted before (same nonce): a replay is refused")

// Nonces remembers accepted nonces for as long as a command carrying one
// could still be accepted for its time (Keep); older ones are forgotten,
// since their commands are refused for their time anyway.
type Nonces struct {
	Settings Settings
	Keep     time.Duration
	mu       sync.Mutex
}

// Accept records nonce as accepted at now, or refuses it with ErrReplayed
// when it was accepted before. The record is written before Accept
// returns: a command runs only once its nonce is kept.
func (n *Nonces) Accept(nonce string, now time.Time) error {
	if nonce == "" {
		return errors.New("the command carries no nonce")
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	seen := map[string]time.Time{}
	if _, err := n.Settings.GetSetting(SettingNonces, &seen); err != nil {
		return fmt.Errorf("reading the accepted commands: %w", err)
	}
	if _, ok := seen[nonce]; ok {
		return ErrReplayed
	}
	for k, at := range seen {
		if now.Sub(at) > n.Keep {
			delete(seen, k)
		}
	}
	seen[nonce] = now
	if err := n.Settings.PutSetting(SettingNonces, seen); err != nil {
		return fmt.Errorf("keeping the command's nonce: %w", err)
	}
	return nil
}

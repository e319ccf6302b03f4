package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"showhall/store"
)

// Applying a feed, however it arrived (sync or import): the signature
// checked before anything is parsed, the feed's place in the publisher's
// order checked before any media is fetched and again inside the
// switching transaction, and key changes (announced by the feed, or
// given by a technician with --trust) written in that same transaction,
// so a key is trusted only once what it came with verified and switched.

// checked is a feed whose signature, format and catalogue were checked.
type checked struct {
	m        *Manifest
	signer   PublicKey
	signed   store.Signed
	raw, sig []byte // the manifest and its signature as verified, to pass on
}

// verifyFeed checks the manifest's signature against the trusted keys,
// then parses and checks it.
func verifyFeed(trusted []PublicKey, raw, sig []byte, lim Limits, now time.Time) (*checked, error) {
	key, err := Verify(trusted, raw, sig)
	if err != nil {
		return nil, err
	}
	m, err := ParseManifest(raw, lim)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	c := &checked{m: m, signer: key, raw: raw, sig: sig, signed: store.Signed{
		Time: m.Generated, Version: m.CatalogueVersion, Content: hex.EncodeToString(sum[:]), Verified: now,
		Signer: key.ID(),
	}}
	if m.ValidUntil != nil {
		c.signed.ValidUntil = *m.ValidUntil
	}
	return c, nil
}

// precheck refuses early, from the manifest alone, what the switch would
// refuse, so that nothing is downloaded for an older feed. A feed that is
// the catalogue in use gives store.ErrUnchanged.
func (c *checked) precheck(db *store.DB, allowOlder bool) error {
	have, err := db.Signed()
	if err != nil {
		return err
	}
	return store.CheckOrder(have, c.signed, allowOlder)
}

// storeSwitch is what the store checks and writes with the switch: the
// feed's position, and the trusted keys as the feed and the technician
// change them. The keys added and revoked are reported in res.
func (c *checked) storeSwitch(allowOlder bool, trustNew []PublicKey, res *Result) *store.Switch {
	return &store.Switch{Signed: c.signed, AllowOlder: allowOlder, Settings: func(tx *store.SettingsTx) error {
		added, revoked, err := changeKeys(tx, trustNew, c.m.Keys)
		res.KeysAdded, res.KeysRevoked = added, revoked
		return err
	}}
}

// ErrLastKey refuses a change that would leave the kiosk trusting no key:
// it could then never accept another feed.
var ErrLastKey = errors.New("the feed would revoke every trusted key")

// changeKeys adds trustNew and the announced keys to the trusted keys,
// then removes the revoked ones; it returns the ids added and revoked.
func changeKeys(tx *store.SettingsTx, trustNew []PublicKey, ch *KeyChanges) (added, revoked []string, err error) {
	var lines []string
	if _, err := tx.Get(SettingTrustedKeys, &lines); err != nil {
		return nil, nil, err
	}
	add := append([]PublicKey(nil), trustNew...)
	revoke := map[string]bool{}
	if ch != nil {
		for _, l := range ch.Add {
			k, err := ParsePublicKey(l)
			if err != nil {
				return nil, nil, err
			}
			add = append(add, k)
		}
		for _, r := range ch.Revoke {
			id, err := parseKeyRef(r)
			if err != nil {
				return nil, nil, err
			}
			revoke[id] = true
		}
	}
	have := map[string]bool{}
	for _, l := range lines {
		if k, err := ParsePublicKey(l); err == nil {
			have[k.ID()] = true
		}
	}
	for _, k := range add {
		if !have[k.ID()] && !revoke[k.ID()] {
			lines = append(lines, k.String())
			have[k.ID()] = true
			added = append(added, k.ID())
		}
	}
	var kept []string
	left := 0
	for _, l := range lines {
		k, err := ParsePublicKey(l)
		if err == nil && revoke[k.ID()] {
			revoked = append(revoked, k.ID())
			continue
		}
		if err == nil {
			left++
		}
		kept = append(kept, l)
	}
	if len(revoked) > 0 && left == 0 {
		return nil, nil, fmt.Errorf("%w (%s), which would leave this hall unable to accept any feed; announce the new key in the same feed", ErrLastKey, strings.Join(revoked, ", "))
	}
	if len(added) == 0 && len(revoked) == 0 {
		return nil, nil, nil
	}
	return added, revoked, tx.Put(SettingTrustedKeys, kept)
}

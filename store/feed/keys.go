package feed

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Key files are one line of text, so that they survive e-mail and USB
// sticks and a technician can tell them apart at a glance:
//
//	ed25519-private <base64 of the 32-byte seed>
//	ed25519-public <base64 of the 32-byte public key>
const (
	privatePrefix = "ed25519-private "
	publicPrefix  = "ed25519-public "
)

// PublicKey is a publisher key a kiosk trusts.
type PublicKey ed25519.PublicKey

// ID is a short fingerprint for messages and logs.
func (k PublicKey) ID() string {
	sum := sha256.Sum256(k)
	return hex.EncodeToString(sum[:4])
}

// String is the key as its .pub file holds it (without newline).
func (k PublicKey) String() string {
	return publicPrefix + base64.StdEncoding.EncodeToString(k)
}

// ParsePublicKey reads the text of a .pub file (or a trusted_keys entry).
func ParsePublicKey(text string) (PublicKey, error) {
	s := strings.TrimSpace(text)
	if strings.HasPrefix(s, privatePrefix) {
		return nil, errors.New("this is a PRIVATE key; give the public key (the .pub file) and keep the private key secret")
	}
	b64, ok := strings.CutPrefix(s, publicPrefix)
	if !ok {
		return nil, fmt.Errorf("not a showhall public key (expected a line starting with %q)", strings.TrimSpace(publicPrefix))
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, errors.New("the public key is damaged (not 32 bytes of base64)")
	}
	return PublicKey(raw), nil
}

// ReadPublicKey reads a .pub file.
func ReadPublicKey(path string) (PublicKey, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := ParsePublicKey(string(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// ReadPrivateKey reads a private key file written by WriteKeyPair.
func ReadPrivateKey(path string) (ed25519.PrivateKey, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := strings.TrimSpace(string(raw))
	if strings.HasPrefix(s, publicPrefix) {
		return nil, fmt.Errorf("%s is a public key; signing needs the private key (the file without .pub)", path)
	}
	b64, ok := strings.CutPrefix(s, privatePrefix)
	if !ok {
		return nil, fmt.Errorf("%s is not a showhall private key", path)
	}
	seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%s: the private key is damaged", path)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// WriteKeyPair makes a new key pair: the private key in path (mode 0600)
// and the public key in path+".pub". Neither file may exist already, so
// a key in use is never overwritten by accident.
func WriteKeyPair(path string) (PublicKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	for _, p := range []string{path, path + ".pub"} {
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s already exists; refusing to overwrite a key (choose another name or remove it first)", p)
		}
	}
	write := func(p, text string, mode os.FileMode) error {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if err != nil {
			return err
		}
		_, err = f.WriteString(text + "\n")
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	if err := write(path, privatePrefix+base64.StdEncoding.EncodeToString(priv.Seed()), 0o600); err != nil {
		return nil, err
	}
	if err := write(path+".pub", PublicKey(pub).String(), 0o644); err != nil {
		os.Remove(path)
		return nil, err
	}
	return PublicKey(pub), nil
}

// Sign returns the content of manifest.json.sig for the manifest bytes:
// the base64 of the detached ed25519 signature, and a newline.
func Sign(priv ed25519.PrivateKey, manifest []byte) []byte {
	sig := ed25519.Sign(priv, manifest)
	return []byte(base64.StdEncoding.EncodeToString(sig) + "\n")
}

// ErrSignature marks a feed that is unsigned or not signed by a trusted key.
var ErrSignature = errors.New("the feed's signature is not valid")

// maxSigFile bounds how much of a signature file is read.
const maxSigFile = 1024

// Verify checks that sigFile (the content of manifest.json.sig) is a
// signature of manifest by one of the trusted keys, and returns that key.
func Verify(trusted []PublicKey, manifest, sigFile []byte) (PublicKey, error) {
	if len(trusted) == 0 {
		return nil, errors.New("no trusted publisher keys: give one with --trust KEY.pub (it is remembered for later syncs)")
	}
	s := bytes.TrimSpace(sigFile)
	if len(s) == 0 {
		return nil, fmt.Errorf("%w: the feed is not signed (%s is empty or missing)", ErrSignature, SignatureName)
	}
	sig := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Decode(sig, s)
	if err != nil || n != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: %s is not an ed25519 signature in base64", ErrSignature, SignatureName)
	}
	if k := SignedBy(trusted, manifest, sig[:n]); k != nil {
		return k, nil
	}
	ids := make([]string, len(trusted))
	for i, k := range trusted {
		ids[i] = k.ID()
	}
	return nil, fmt.Errorf("%w: the manifest is not signed by any trusted key (trusted: %s); it was signed with another key, or changed after signing",
		ErrSignature, strings.Join(ids, ", "))
}

// SignedBy is the trusted key whose ed25519 signature of body sig is, or
// nil: what a feed, a notice and the opening hours are checked with.
func SignedBy(trusted []PublicKey, body, sig []byte) PublicKey {
	for _, k := range trusted {
		if len(k) == ed25519.PublicKeySize && ed25519.Verify(ed25519.PublicKey(k), body, sig) {
			return k
		}
	}
	return nil
}

// parseKeyRef reads a key named for revocation: its id as messages show
// it (8 hex digits) or its .pub line. It returns the id.
func parseKeyRef(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) == 8 {
		if _, err := hex.DecodeString(s); err == nil {
			return strings.ToLower(s), nil
		}
	}
	k, err := ParsePublicKey(s)
	if err != nil {
		return "", fmt.Errorf("%q is neither a key id (8 hex digits) nor a public key", s)
	}
	return k.ID(), nil
}

// ErrCarriedKey refuses a key that travels with the feed it would vouch
// for: whoever wrote the stick chose it, so it proves nothing.
var ErrCarriedKey = errors.New("a key carried with the feed proves nothing")

// ReadVouchedKey reads a key a technician gives to trust (--trust) for
// the feed at feedPath (a folder or a bundle file; empty for a URL). A
// key file inside that folder, or beside that bundle file (where an
// export writes it), is refused unless fingerprint, obtained from the
// publisher by other means, matches it.
func ReadVouchedKey(keyPath, feedPath, fingerprint string) (PublicKey, error) {
	k, err := ReadPublicKey(keyPath)
	if err != nil {
		return nil, err
	}
	fingerprint = strings.ToLower(strings.TrimSpace(fingerprint))
	if fingerprint != "" && fingerprint != k.ID() {
		return nil, fmt.Errorf("%s has fingerprint %s, not %s as given; it is not the publisher's key", keyPath, k.ID(), fingerprint)
	}
	if feedPath == "" || fingerprint != "" {
		return k, nil
	}
	carrier, err := filepath.Abs(feedPath)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(carrier); err == nil && !st.IsDir() {
		carrier = filepath.Dir(carrier) // the stick's folder holding the bundle
	}
	if real, err := filepath.EvalSymlinks(carrier); err == nil {
		carrier = real
	}
	key, err := filepath.Abs(keyPath)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(key); err == nil {
		key = real
	}
	if rel, err := filepath.Rel(carrier, key); err == nil && filepath.IsLocal(rel) {
		return nil, fmt.Errorf("%w: %s comes with the catalogue it would vouch for (in %s), so ask the publisher whether their key's fingerprint is %s and, if it is, give --trust-fingerprint %s", ErrCarriedKey, keyPath, carrier, k.ID(), k.ID())
	}
	return k, nil
}

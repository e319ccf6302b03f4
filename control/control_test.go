package control

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

type kioskSide struct {
	mu       sync.Mutex
	unlocked int
	pin      string
}

func (k *kioskSide) Unlock() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.unlocked++
	return nil
}

func (k *kioskSide) SetPIN(pin string) error {
	if len(pin) < 6 {
		return errors.New("a PIN has 6 to 12 digits")
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.pin = pin
	return nil
}

func socketDir(t *testing.T) string {
	t.Helper()
	// A socket path must fit in 108 bytes; t.TempDir can be longer.
	dir, err := os.MkdirTemp("", "lc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func TestAdministratorReachesTheRunningKiosk(t *testing.T) {
	dir := socketDir(t)
	path := Path(dir)
	if _, err := Send(path, Request{Action: ActionUnlock}); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("with no kiosk: %v, want ErrNotRunning", err)
	}
	// A socket file left by a kiosk that was killed.
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	k := &kioskSide{}
	s, err := Listen(path, k, nil)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("control socket %v, want a socket with mode 0600", fi.Mode())
	}
	if _, err := Listen(path, k, nil); err == nil {
		t.Fatal("a second kiosk took over the socket of a running one")
	}

	if msg, err := Send(path, Request{Action: ActionUnlock}); err != nil || !strings.Contains(msg, "unlocked") {
		t.Fatalf("unlock: %q, %v", msg, err)
	}
	if msg, err := Send(path, Request{Action: ActionSetPIN, PIN: "246813"}); err != nil || msg == "" {
		t.Fatalf("set PIN: %q, %v", msg, err)
	}
	if _, err := Send(path, Request{Action: ActionSetPIN, PIN: "12"}); err == nil || err.Error() != "a PIN has 6 to 12 digits" {
		t.Fatalf("a weak PIN: %v, want the kiosk's reason", err)
	}
	if _, err := Send(path, Request{Action: "reboot"}); err == nil || !strings.Contains(err.Error(), `unknown action "reboot"`) {
		t.Fatalf("an unknown action: %v", err)
	}
	k.mu.Lock()
	if k.unlocked != 1 || k.pin != "246813" {
		t.Fatalf("kiosk side: unlocked %d times, PIN %q", k.unlocked, k.pin)
	}
	k.mu.Unlock()

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, SocketName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("socket left after Close: %v", err)
	}
	if _, err := Send(path, Request{Action: ActionUnlock}); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("after the kiosk stopped: %v", err)
	}
}

// TestOtherUsersAreRefusedEvenIfTheSocketIsOpen: the kernel's word on
// who connects is checked, not only the socket's mode: with the mode
// loosened by mistake, another user's request is still refused.
func TestOtherUsersAreRefusedEvenIfTheSocketIsOpen(t *testing.T) {
	if os.Getenv("LOCALCONTROL_CLIENT") != "" {
		return // the other user's side runs in TestOtherUsers… below
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to act as another user")
	}
	dir := socketDir(t)
	os.Chmod(dir, 0o755)
	k := &kioskSide{}
	path := Path(dir)
	s, err := Listen(path, k, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	os.Chmod(path, 0o666)
	// This test program, copied where the user nobody may run it.
	exe, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "client")
	if err := os.WriteFile(bin, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestClientAsAnotherUser$")
	cmd.Env = append(os.Environ(), "LOCALCONTROL_CLIENT="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the other user's client: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "only the kiosk's user or root may control the kiosk") {
		t.Fatalf("another user was not refused:\n%s", out)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.unlocked != 0 {
		t.Fatal("another user unlocked the pad")
	}
}

// TestClientAsAnotherUser is the other user's side of the test above.
func TestClientAsAnotherUser(t *testing.T) {
	path := os.Getenv("LOCALCONTROL_CLIENT")
	if path == "" {
		t.Skip("run by TestOtherUsersAreRefusedEvenIfTheSocketIsOpen")
	}
	_, err := Send(path, Request{Action: ActionUnlock})
	fmt.Println("answer:", err)
}

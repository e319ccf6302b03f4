package control

import (
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// peerUID is the user of the process at the other end (SO_PEERCRED):
// the kernel's word, not the client's.
func peerUID(c *net.UnixConn) (int, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		return -1, err
	}
	var cred *unix.Ucred
	var cerr error
	if err := raw.Control(func(fd uintptr) {
		cred, cerr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
	}); err != nil {
		return -1, err
	}
	if cerr != nil {
		return -1, cerr
	}
	return int(cred.Uid), nil
}

// ownerOnly runs f with a umask that gives new files to their owner only.
func ownerOnly(f func()) {
	old := syscall.Umask(0o177)
	defer syscall.Umask(old)
	f()
}

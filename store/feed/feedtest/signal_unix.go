//go:build unix

package feedtest

import "syscall"

// syscallZero asks whether a process is still there.
var syscallZero = syscall.Signal(0)

package fonts

import (
	"os"
	"syscall"
	"unsafe"
)

// release drops the whole pages inside b from this process's memory. b is
// read-only data mapped from the binary, so they come back unchanged from
// the file when read again; pages b shares with other data are left alone.
func release(b []byte) {
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	first := (start + page - 1) &^ (page - 1)
	last := (start + uintptr(len(b))) &^ (page - 1)
	if last <= first {
		return
	}
	syscall.Madvise(b[first-start:last-start], syscall.MADV_DONTNEED)
}

//go:build !linux || !cgo

package heaptrim

// Release does nothing where the C allocator is not glibc's.
func Release() bool { return false }

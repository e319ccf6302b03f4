//go:build !linux

package feed

// freeBytes cannot tell the free space here; the write errors will.
func freeBytes(dir string) int64 { return -1 }

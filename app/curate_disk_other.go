//go:build !unix

package app

// diskFree is unknown on this platform.
func diskFree(string) uint64 { return 0 }

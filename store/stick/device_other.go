//go:build !linux

package stick

// device is unknown off Linux: no folder is taken for a mounted stick.
func device(string) (uint64, bool) { return 0, false }

//go:build unix

package app

import "syscall"

// diskFree is the space left for the data folder, 0 when unknown.
func diskFree(dir string) uint64 {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0
	}
	return st.Bavail * uint64(st.Bsize)
}

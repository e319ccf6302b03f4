package stick

import "syscall"

// device is the file system a folder is on.
func device(p string) (uint64, bool) {
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		return 0, false
	}
	return uint64(st.Dev), true
}

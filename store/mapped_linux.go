package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMappedPages tells the kernel this process is done with the pages
// of the database file it has touched. Loading the snapshot reads every
// project once; without this, all of those pages stay counted in the
// kiosk's resident memory for as long as it runs, although the snapshot
// holds its own copy. The pages stay in the page cache and come back on
// the next read, so nothing is lost. It must run inside a transaction:
// bbolt cannot remap the file while one is open, so the range is still
// the database's own mapping.
func releaseMappedPages(tx *bolt.Tx) {
	info := tx.DB().Info()
	if info == nil || info.Data == 0 || tx.Size() <= 0 {
		return
	}
	// Only the file's mapping is touched, and MADV_DONTNEED on a shared
	// file mapping drops nothing but this process's view of it.
	syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
}

// Package durable makes changes to folders survive a power cut: after a
// file is created in, renamed into or removed from a folder, the folder
// itself must be synced, or the change may be lost although the file's
// own data was synced.
package durable

import "os"

// SyncDir syncs a folder's entries to disk. Errors are ignored: some file
// systems cannot sync a folder, and the file's own data is already safe.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

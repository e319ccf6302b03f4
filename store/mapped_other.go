//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMappedPages is a no-op where the kiosk is not measured.
func releaseMappedPages(*bolt.Tx) {}

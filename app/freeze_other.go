//go:build !uifreeze

package app

// startFreezeHook does nothing in the real binary: only the test build
// (app/freeze_uifreeze.go) can freeze its own UI.
func startFreezeHook() {}

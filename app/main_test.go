package app

import (
	"os"
	"testing"
)

// TestMain lets the test binary stand in for showhall when the kiosk
// starts a child of itself (the database check, app/data.go), and as a
// presenter's laptop on Fyne's real driver (TestTalksLeaveNothingBehind).
func TestMain(m *testing.M) {
	if os.Getenv(checkChildEnv) != "" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	if dir := os.Getenv(talksChildEnv); dir != "" {
		os.Exit(giveTalksOnGL(dir))
	}
	os.Exit(m.Run())
}

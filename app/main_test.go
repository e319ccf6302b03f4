package app

import (
	"os"
	"testing"
)

// TestMain lets the test binary stand in for showhall when the kiosk
// starts a child of itself (the database check, app/data.go).
func TestMain(m *testing.M) {
	if os.Getenv(checkChildEnv) != "" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

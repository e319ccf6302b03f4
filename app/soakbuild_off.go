//go:build !soakclock

package app

import "time"

// What a soak build (the soakclock build tag, e2e/soak) changes; the
// hall's own builds leave it out.

// hallCalendar is the clock of the hall's calendar: the real one.
func hallCalendar() func() time.Time { return time.Now }

// talksAgain is false: a talk left returns to the deck builder.
func talksAgain() bool { return false }

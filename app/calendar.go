//go:build !soakclock

package app

import "time"

// hallCalendar is the clock of the hall's calendar: the real one.
func hallCalendar() func() time.Time { return time.Now }

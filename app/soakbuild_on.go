//go:build soakclock

package app

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// What a soak build (e2e/soak) changes, by the environment it is given.

// calendarEnv sets a soak build's hall calendar: "START*SPEED", for
// example "2026-08-31T08:00:00+08:00*336" starts on that instant and runs
// 336 times faster than real time (a week in half an hour), so that
// seasons turn, the hall opens and closes, and notices end within a soak.
// Touches and the idle reset keep real time.
const calendarEnv = "SHOWHALL_TEST_CLOCK"

// hallCalendar reads calendarEnv once; without it, the real clock.
func hallCalendar() func() time.Time {
	v := os.Getenv(calendarEnv)
	if v == "" {
		return time.Now
	}
	start, speed, err := parseCalendar(v)
	if err != nil {
		fmt.Fprintf(os.Stderr, "showhall: %s=%q: %v\n", calendarEnv, v, err)
		os.Exit(2)
	}
	origin := time.Now()
	return func() time.Time {
		return start.Add(time.Duration(float64(time.Since(origin)) * speed))
	}
}

func parseCalendar(v string) (time.Time, float64, error) {
	at, sp, ok := strings.Cut(v, "*")
	if !ok {
		return time.Time{}, 0, fmt.Errorf("want START*SPEED")
	}
	start, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return time.Time{}, 0, err
	}
	speed, err := strconv.ParseFloat(sp, 64)
	if err != nil || speed <= 0 {
		return time.Time{}, 0, fmt.Errorf("speed %q is not a positive number", sp)
	}
	return start, speed, nil
}

// talksEnv, set to 1, has a talk that is left start again a second
// later, as a presenter giving the same talk all day would: the soak
// drives the talks with a clicker's keys and watches the process grow.
const talksEnv = "SHOWHALL_SOAK_TALKS"

func talksAgain() bool { return os.Getenv(talksEnv) == "1" }

package app

import (
	"context"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"showhall/hallnet"
	"showhall/screens/curator"
	"showhall/store/catalog"
)

// The console's words for the hall's states are the hall's own.
func TestTheConsoleNamesTheHallsStatesAndActionsAsTheHallDoes(t *testing.T) {
	for _, p := range [][2]string{
		{curator.StateFine, hallnet.Fine}, {curator.StateBehind, hallnet.Behind}, {curator.StateStuck, hallnet.Stuck},
		{curator.StateAsleep, hallnet.Asleep}, {curator.StateUnreachable, hallnet.Unreachable}, {curator.StateProblem, hallnet.Problem},
		{curator.ActionSync, hallnet.ActionSync}, {curator.ActionTakeNewest, hallnet.ActionTakeNewest}, {curator.ActionIdentify, hallnet.ActionIdentify},
		{curator.ActionDisplayOff, hallnet.ActionDisplayOff}, {curator.ActionDisplayOn, hallnet.ActionDisplayOn}, {curator.ActionRestart, hallnet.ActionRestart},
	} {
		if p[0] != p[1] {
			t.Errorf("the console says %q where the hall says %q", p[0], p[1])
		}
	}
}

// englishWord is a word of English left in a Chinese text.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// The reasons the hall gives for every state read in Chinese, with their
// values: the console's list of the hall's messages keeps up with what
// hallnet says.
func TestHallReasonsAreTranslated(t *testing.T) {
	now := time.Date(2026, 10, 15, 2, 0, 0, 0, time.UTC)
	base := hallnet.Status{ID: "x", Now: now, LastFrame: now, Display: "on", DiskFree: 50 << 30,
		Catalogue: hallnet.Catalogue{Version: "2026-10", Signed: now}}
	var sts []hallnet.Status
	add := func(f func(*hallnet.Status)) {
		s := base
		f(&s)
		sts = append(sts, s)
	}
	add(func(s *hallnet.Status) { s.Stuck, s.LastFrame, s.FrameAgeSeconds = true, now.Add(-40*time.Second), 40 })
	add(func(s *hallnet.Status) { s.Stuck, s.LastFrame = true, time.Time{} })
	add(func(s *hallnet.Status) {
		s.MediaProblems = []string{"p1: abc: missing"}
		s.LastSync = &hallnet.SyncResult{LastError: "the feed is down", LastErrorAt: now}
		s.DiskFree = 200 << 20
		s.Catalogue.Stale = true
		s.EventsWaiting = 200000
	})
	add(func(s *hallnet.Status) { s.Catalogue.Version, s.Catalogue.Signed = "2026-09", now.Add(-time.Hour) })
	add(func(s *hallnet.Status) { s.Display = "off" })
	var entries []hallnet.Entry
	for i := range sts {
		entries = append(entries, hallnet.Entry{Status: &sts[i]})
	}
	hallnet.Judge(entries)
	// And a screen that does not answer, as the hall reads it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gone := ln.Addr().String()
	ln.Close()
	entries = append(entries, (&hallnet.Client{}).Gather(context.Background(), []string{gone})...)
	for _, e := range entries {
		if e.Reason == "" {
			t.Fatalf("no reason for %+v", e.Status)
		}
		for _, line := range strings.Split(curator.HallReason(catalog.Hans, e.State, e.Reason), "\n") {
			rest := strings.NewReplacer("the feed is down", "", "abc: missing", "", "MB", "", "connect: connection refused", "").Replace(line)
			if englishWord.MatchString(rest) {
				t.Errorf("reason %q reads in Chinese as %q", e.Reason, line)
			}
		}
	}
}

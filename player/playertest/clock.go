package playertest

import (
	"sync"
	"time"
)

// Clock is a player.Clock whose time moves only when Advance is called.
type Clock struct {
	mu      sync.Mutex
	now     time.Time
	tickers []*ticker
}

type ticker struct {
	every, left time.Duration
	c           chan time.Time
	stopped     bool
}

// NewClock starts a fake clock at a fixed instant.
func NewClock() *Clock {
	return &Clock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *Clock) NewTicker(d time.Duration) (<-chan time.Time, func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &ticker{every: d, left: d, c: make(chan time.Time, 1)}
	c.tickers = append(c.tickers, t)
	return t.c, func() {
		c.mu.Lock()
		t.stopped = true
		c.mu.Unlock()
	}
}

// Advance moves the time on and fires the tickers that came due; like
// time.Ticker, a ticker whose reader is slow drops ticks.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, t := range c.tickers {
		if t.stopped {
			continue
		}
		t.left -= d
		for t.left <= 0 {
			t.left += t.every
			select {
			case t.c <- c.now:
			default:
			}
		}
	}
}

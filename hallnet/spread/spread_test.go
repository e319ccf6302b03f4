package spread

import (
	"fmt"
	"testing"
	"time"
)

func files(n int) []File {
	var out []File
	for i := range n {
		out = append(out, File{Hash: fmt.Sprintf("%064x", i+1), Size: 100})
	}
	return out
}

// The file the fewest screens hold goes first, from the holder that is
// not busy.
func TestRarestFromTheLeastBusy(t *testing.T) {
	fs := files(3)
	s := New(fs, 1, nil)
	s.Offer(Source{Addr: "a", Complete: true, Serving: 1})
	s.Offer(Source{Addr: "b", Has: map[string]bool{fs[0].Hash: true, fs[1].Hash: true}})
	s.Offer(Source{Addr: "c", Has: map[string]bool{fs[0].Hash: true}})
	// a is busy (one slot, serving one): only b and c can be asked, and
	// fs[1] (held by a and b) is rarer than fs[0] (a, b and c).
	f, addr, ok := s.Next()
	if !ok || f.Hash != fs[1].Hash || addr != "b" {
		t.Fatalf("first pick %s from %q (%v), want %.8s from b", f.Hash, addr, ok, fs[1].Hash)
	}
	f, addr, ok = s.Next()
	if !ok || f.Hash != fs[0].Hash || addr != "c" {
		t.Fatalf("second pick %.8s from %q (%v), want %.8s from c", f.Hash, addr, ok, fs[0].Hash)
	}
	if _, _, ok := s.Next(); ok {
		t.Fatal("a third download started although every holder is busy")
	}
	s.Serving("a", 0)
	if f, addr, ok := s.Next(); !ok || f.Hash != fs[2].Hash || addr != "a" {
		t.Fatalf("third pick %.8s from %q (%v), want the last file from a", f.Hash, addr, ok)
	}
}

// A screen that sent a damaged copy is not asked for anything again;
// another holder is, and files only it holds are reported hopeless.
func TestDamagedCopyNotAskedAgain(t *testing.T) {
	fs := files(2)
	now := time.Unix(0, 0)
	s := New(fs, 1, func() time.Time { return now })
	s.Offer(Source{Addr: "bad", Complete: true})
	f, addr, _ := s.Next()
	s.Damaged(f.Hash, addr)
	now = now.Add(time.Hour)
	if _, _, ok := s.Next(); ok {
		t.Fatal("the damaged file was asked of the screen that damaged it again")
	}
	if h := s.Hopeless(); len(h) != 2 {
		t.Fatalf("hopeless %v, want both files", h)
	}
	s.Offer(Source{Addr: "good", Complete: true})
	for range 2 {
		f, addr, ok := s.Next()
		if !ok || addr != "good" {
			t.Fatalf("asked %q (%v), want good", addr, ok)
		}
		s.Got(f.Hash, "good")
	}
	if s.Left() != 0 {
		t.Fatalf("left %d", s.Left())
	}
}

// A screen still taking the catalogue that lacks a file is asked again
// only after LacksFor; a busy one after a short rest.
func TestLacksAndBusyWait(t *testing.T) {
	fs := files(1)
	now := time.Unix(0, 0)
	s := New(fs, 1, func() time.Time { return now })
	s.Offer(Source{Addr: "p"})
	_, addr, ok := s.Next()
	if !ok || addr != "p" {
		t.Fatalf("asked %q (%v)", addr, ok)
	}
	s.Lacks(fs[0].Hash, "p")
	if _, _, ok := s.Next(); ok {
		t.Fatal("asked again at once")
	}
	now = now.Add(LacksFor)
	_, _, ok = s.Next()
	if !ok {
		t.Fatal("not asked again after LacksFor")
	}
	s.Busy(fs[0].Hash, "p")
	if _, _, ok := s.Next(); ok {
		t.Fatal("a busy screen asked again at once")
	}
	s.Serving("p", 0)
	now = now.Add(LacksFor)
	if _, _, ok := s.Next(); !ok {
		t.Fatal("not asked after its rest")
	}
}

// Among idle holders, a screen still taking the catalogue is asked
// before the complete one that every screen asks; when it lacks the
// file, the complete one is.
func TestTakerAskedBeforeTheCompleteOne(t *testing.T) {
	fs := files(1)
	s := New(fs, 1, nil)
	s.Offer(Source{Addr: "complete", Complete: true})
	s.Offer(Source{Addr: "taker"})
	f, addr, ok := s.Next()
	if !ok || addr != "taker" {
		t.Fatalf("asked %q (%v), want the taker", addr, ok)
	}
	s.Lacks(f.Hash, addr)
	if _, addr, ok := s.Next(); !ok || addr != "complete" {
		t.Fatalf("then asked %q (%v), want the complete one", addr, ok)
	}
}

// A large file in pieces: each piece is its own download, so two
// screens can each send one piece of the same file at once, and a
// damaged piece is blamed on the screen that sent it alone.
func TestPiecesFromSeveralScreens(t *testing.T) {
	whole := File{Hash: fmt.Sprintf("%064x", 7), Size: 25}
	ps := Pieces(whole, 10, []string{"p0", "p1", "p2"})
	if len(ps) != 3 || ps[2].Size != 5 || ps[2].Offset != 20 || ps[1].Of != whole.Hash {
		t.Fatalf("pieces %+v", ps)
	}
	if Pieces(whole, 10, []string{"p0", "p1"}) != nil {
		t.Fatal("two hashes accepted for a file of three pieces")
	}
	if ps[0].Key() == ps[1].Key() || ps[0].Key() == whole.Key() {
		t.Fatalf("keys %q %q %q are not distinct", ps[0].Key(), ps[1].Key(), whole.Key())
	}
	s := New(ps, 1, nil)
	s.Offer(Source{Addr: "a", Complete: true})
	s.Offer(Source{Addr: "b", Complete: true})
	f1, a1, ok1 := s.Next()
	f2, a2, ok2 := s.Next()
	if !ok1 || !ok2 || a1 == a2 || f1.Key() == f2.Key() {
		t.Fatalf("two pieces of one file should come from two screens at once: %q from %q, %q from %q", f1.Key(), a1, f2.Key(), a2)
	}
	s.Damaged(f1.Key(), a1)
	s.Got(f2.Key(), a2)
	for s.Left() > 0 {
		f, addr, ok := s.Next()
		if !ok || addr != a2 {
			t.Fatalf("asked %q (%v) after %q sent a damaged piece, want only %q", addr, ok, a1, a2)
		}
		s.Got(f.Key(), addr)
	}
}

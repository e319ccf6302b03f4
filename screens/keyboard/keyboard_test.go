package keyboard

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/screens/uitest"
)

func tapAll(t *testing.T, k *Keyboard, names ...string) {
	t.Helper()
	for _, n := range names {
		key := k.Key(n)
		if key == nil {
			t.Fatalf("no key %q", n)
		}
		test.Tap(key)
	}
}

func TestTyping(t *testing.T) {
	uitest.NewApp(t)
	FlashTime = 0
	k := New(0)
	var got []string
	k.OnChanged = func(s string) { got = append(got, s) }

	tapAll(t, k, Space, "z", "h", "y", "l", Space, "2", Backspace, Backspace)
	if k.Text() != "zhyl" {
		t.Fatalf("text %q, want zhyl", k.Text())
	}
	want := []string{"z", "zh", "zhy", "zhyl", "zhyl ", "zhyl 2", "zhyl ", "zhyl"}
	if len(got) != len(want) {
		t.Fatalf("OnChanged got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("OnChanged got %q, want %q", got, want)
		}
	}

	tapAll(t, k, Clear)
	if k.Text() != "" || got[len(got)-1] != "" {
		t.Fatalf("after clear: text %q, last callback %q", k.Text(), got[len(got)-1])
	}
	n := len(got)
	tapAll(t, k, Backspace, Clear) // nothing to change, nothing to report
	if len(got) != n {
		t.Fatalf("callbacks on no change: %q", got[n:])
	}

	k.SetText("robot")
	tapAll(t, k, "s")
	if k.Text() != "robots" || got[len(got)-1] != "robots" {
		t.Fatalf("after SetText and s: %q", k.Text())
	}
	if k.Key("?") != nil || k.Key("A") != nil {
		t.Fatal("unknown keys should be nil")
	}
}

func TestMaxLen(t *testing.T) {
	uitest.NewApp(t)
	FlashTime = 0
	k := New(0)
	k.MaxLen = 3
	tapAll(t, k, "a", "b", "c", "d")
	if k.Text() != "abc" {
		t.Fatalf("text %q, want abc", k.Text())
	}
	k.SetText("abcdef")
	if k.Text() != "abc" {
		t.Fatalf("SetText kept %q, want abc", k.Text())
	}
}

// TestKeySize checks that keys are at least 60 px, the touch target size,
// and that the keyboard asks for room for them.
func TestKeySize(t *testing.T) {
	uitest.NewApp(t)
	k := New(0)
	w := test.NewTempWindow(t, k)
	w.Resize(k.MinSize())
	for name, key := range k.keys {
		if s := key.Size(); s.Height < 60 || s.Width < 60 {
			t.Errorf("key %s is %v", name, s)
		}
	}
	if min := k.MinSize(); min.Width < 10*64 || min.Height < 5*64 {
		t.Errorf("keyboard min size %v", min)
	}
}

// TestRender pins the drawing at rest and while a key is held down.
func TestRender(t *testing.T) {
	uitest.NewApp(t)
	FlashTime = 0
	k := New(48)
	w := test.NewTempWindow(t, k)
	w.Resize(k.MinSize().Add(fyne.NewSize(16, 16)))
	test.AssertRendersToMarkup(t, "keyboard.xml", w.Canvas())

	k.keys["g"].MouseDown(nil)
	test.AssertRendersToMarkup(t, "keyboard_pressed.xml", w.Canvas())
	k.keys["g"].MouseUp(nil)
	test.AssertRendersToMarkup(t, "keyboard.xml", w.Canvas())

	k.keys[Backspace].MouseDown(nil)
	test.AssertRendersToMarkup(t, "keyboard_backspace_pressed.xml", w.Canvas())
	k.keys[Backspace].MouseUp(nil)
}

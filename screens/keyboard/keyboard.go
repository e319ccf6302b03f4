// Package keyboard is the on-screen keyboard the kiosk draws itself, for
// touchscreens with no physical keyboard and no input method: lower-case
// letters in QWERTY rows, digits, space, backspace and clear. Pinyin is
// typed as plain letters; the search turns it into Chinese.
package keyboard

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DefaultKeySize is the side of a letter key: at 1080p on a 24-inch
// screen 64 px is about 17 mm, above the 15 mm a finger needs.
const DefaultKeySize float32 = 64

// Names of the keys that do not type themselves, for Key.
const (
	Space     = "space"
	Backspace = "backspace"
	Clear     = "clear"
)

var rows = [][]string{
	{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
	{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
	{"a", "s", "d", "f", "g", "h", "j", "k", "l"},
	{"z", "x", "c", "v", "b", "n", "m", Backspace},
	{Space, Clear},
}

// width of a key in letter-key widths.
func width(name string) float32 {
	switch name {
	case Backspace:
		return 2
	case Space:
		return 6
	case Clear:
		return 2.5
	}
	return 1
}

// Keyboard is the keyboard and the text typed on it. Create it with New.
type Keyboard struct {
	widget.BaseWidget

	// OnChanged is called with the new text after every change, from a
	// key, SetText or Clear; on the UI goroutine.
	OnChanged func(text string)
	// MaxLen bounds the text in characters; keys beyond it do nothing.
	MaxLen int

	keySize float32
	text    string
	keys    map[string]*key
	order   [][]*key
}

// New makes a keyboard whose letter keys are keySize pixels square
// (DefaultKeySize if keySize <= 0).
func New(keySize float32) *Keyboard {
	if keySize <= 0 {
		keySize = DefaultKeySize
	}
	k := &Keyboard{keySize: keySize, MaxLen: 32, keys: map[string]*key{}}
	for _, row := range rows {
		var line []*key
		for _, name := range row {
			ky := newKey(name, keySize, k.press)
			switch name {
			case Space:
				ky.label.Text = "space"
			case Clear:
				ky.label.Text = "clear"
			case Backspace:
				ky.icon = theme.NavigateBackIcon() // fyne has no backspace icon; a back arrow reads as one
				ky.label.Text = ""
			}
			k.keys[name] = ky
			line = append(line, ky)
		}
		k.order = append(k.order, line)
	}
	k.ExtendBaseWidget(k)
	return k
}

// SetLabels names the space and clear keys in the visitor's language.
func (k *Keyboard) SetLabels(space, clear string) {
	k.keys[Space].label.Text = space
	k.keys[Clear].label.Text = clear
	k.keys[Space].Refresh()
	k.keys[Clear].Refresh()
}

// Text is what has been typed.
func (k *Keyboard) Text() string { return k.text }

// SetText replaces the typed text, as when a screen restores a search.
func (k *Keyboard) SetText(s string) {
	if k.MaxLen > 0 && utf8.RuneCountInString(s) > k.MaxLen {
		s = string([]rune(s)[:k.MaxLen])
	}
	if s == k.text {
		return
	}
	k.text = s
	if k.OnChanged != nil {
		k.OnChanged(s)
	}
}

// Clear empties the text.
func (k *Keyboard) Clear() { k.SetText("") }

// Key returns the key with a name: a letter, a digit, Space, Backspace or
// Clear; nil for any other. Tests tap it with test.Tap.
func (k *Keyboard) Key(name string) fyne.Tappable {
	if ky, ok := k.keys[name]; ok {
		return ky
	}
	return nil
}

// press applies a key.
func (k *Keyboard) press(name string) {
	switch name {
	case Backspace:
		if k.text != "" {
			_, n := utf8.DecodeLastRuneInString(k.text)
			k.SetText(k.text[:len(k.text)-n])
		}
	case Clear:
		k.Clear()
	case Space:
		if k.text != "" { // a leading space finds nothing more
			k.SetText(k.text + " ")
		}
	default:
		if k.MaxLen <= 0 || utf8.RuneCountInString(k.text) < k.MaxLen {
			k.SetText(k.text + name)
		}
	}
}

func (k *Keyboard) CreateRenderer() fyne.WidgetRenderer {
	var objs []fyne.CanvasObject
	for _, line := range k.order {
		for _, ky := range line {
			objs = append(objs, ky)
		}
	}
	return &renderer{k: k, objs: objs}
}

type renderer struct {
	k    *Keyboard
	objs []fyne.CanvasObject
}

func (r *renderer) gap() float32 { return r.k.keySize / 8 }

// rowWidth is a row's width in pixels, gaps included.
func (r *renderer) rowWidth(line []*key) float32 {
	w := float32(0)
	for _, ky := range line {
		w += width(ky.name) * r.k.keySize
	}
	return w + float32(len(line)-1)*r.gap()
}

func (r *renderer) MinSize() fyne.Size {
	w := float32(0)
	for _, line := range r.k.order {
		w = max(w, r.rowWidth(line))
	}
	n := float32(len(r.k.order))
	return fyne.NewSize(w, n*r.k.keySize+(n-1)*r.gap())
}

// Layout centres each row; keys keep their size so that they stay the
// same under a finger whatever the window.
func (r *renderer) Layout(size fyne.Size) {
	s, g := r.k.keySize, r.gap()
	top := (size.Height - r.MinSize().Height) / 2
	for i, line := range r.k.order {
		x := (size.Width - r.rowWidth(line)) / 2
		y := top + float32(i)*(s+g)
		for _, ky := range line {
			w := width(ky.name) * s
			ky.Move(fyne.NewPos(x, y))
			ky.Resize(fyne.NewSize(w, s))
			x += w + g
		}
	}
}

func (r *renderer) Refresh() {
	for _, o := range r.objs {
		o.Refresh()
	}
}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *renderer) Destroy()                     {}

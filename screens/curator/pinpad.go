package curator

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/store/catalog"
)

// PINPad is a touch keypad for the curator's PIN. The digits show as
// dots; the pad never shows what was typed.
type PINPad struct {
	root    fyne.CanvasObject
	dots    *canvas.Text
	prompt  *canvas.Text
	message *widget.Label
	digits  strings.Builder
	setting bool   // choosing a first PIN: ask twice
	first   string // the first entry while setting
	lang    catalog.Lang
	submit  func(pin string) error
	touch   func()
}

// NewPINPad builds the pad. With setting true it asks for a new PIN twice
// and calls submit with it; otherwise it calls submit with what was
// typed. submit's error is shown (wrong PIN, locked for a while).
func NewPINPad(l catalog.Lang, setting bool, submit func(pin string) error, cancel func(), touch func()) *PINPad {
	p := &PINPad{lang: l, setting: setting, submit: submit, touch: touch}
	p.dots = canvas.NewText("", screens.ColorText)
	p.dots.TextSize = 40
	p.dots.Alignment = fyne.TextAlignCenter
	prompt := "Enter the curator PIN"
	if setting {
		prompt = "Choose a PIN (6 to 12 digits)"
	}
	p.prompt = canvas.NewText(tr(l, prompt), screens.ColorText)
	p.prompt.TextSize = 28
	p.prompt.Alignment = fyne.TextAlignCenter
	p.message = widget.NewLabel("")
	p.message.Alignment = fyne.TextAlignCenter
	p.message.Wrapping = fyne.TextWrapWord

	key := func(label string, f func()) fyne.CanvasObject {
		b := widget.NewButton(label, func() { p.touched(); f() })
		size := canvas.NewRectangle(color.Transparent)
		size.SetMinSize(fyne.NewSize(120, screens.TouchTarget+16)) // finger sized
		return container.NewStack(size, b)
	}
	var keys []fyne.CanvasObject
	for _, d := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		d := d
		keys = append(keys, key(d, func() { p.Type(d) }))
	}
	keys = append(keys, key(tr(l, "Clear"), p.Clear), key("0", func() { p.Type("0") }), key(tr(l, "OK"), p.Enter))
	grid := container.NewGridWithColumns(3, keys...)
	bottom := []fyne.CanvasObject{layout.NewSpacer()}
	if cancel != nil {
		bottom = append(bottom, widget.NewButton(tr(l, "Cancel"), func() { p.touched(); cancel() }))
	}
	bottom = append(bottom, layout.NewSpacer())
	box := container.NewVBox(p.prompt, p.dots, container.NewCenter(grid), p.message, container.NewHBox(bottom...))
	frame := canvas.NewRectangle(color.NRGBA{R: 0x22, G: 0x33, B: 0x58, A: 0xff}) // lighter than the keys
	frame.CornerRadius = 12
	fixed := canvas.NewRectangle(color.Transparent)
	fixed.SetMinSize(fyne.NewSize(420, 0))
	p.root = container.NewCenter(container.NewStack(frame, fixed, container.NewPadded(container.NewPadded(box))))
	return p
}

// Object is the pad, centred.
func (p *PINPad) Object() fyne.CanvasObject { return p.root }

func (p *PINPad) touched() {
	if p.touch != nil {
		p.touch()
	}
}

// Type adds a digit.
func (p *PINPad) Type(d string) {
	if p.digits.Len() >= 12 {
		return
	}
	p.digits.WriteString(d)
	p.dots.Text = strings.Repeat("● ", p.digits.Len())
	p.dots.Refresh()
}

// Clear forgets what was typed.
func (p *PINPad) Clear() {
	p.digits.Reset()
	p.dots.Text = ""
	p.dots.Refresh()
}

// Message shows a line under the keys.
func (p *PINPad) Message() string { return p.message.Text }

// Enter submits what was typed.
func (p *PINPad) Enter() {
	pin := p.digits.String()
	p.Clear()
	if p.setting && p.first == "" {
		p.first = pin
		p.prompt.Text = tr(p.lang, "Enter it again")
		p.prompt.Refresh()
		return
	}
	if p.setting && pin != p.first {
		p.first = ""
		p.prompt.Text = tr(p.lang, "Choose a PIN (6 to 12 digits)")
		p.prompt.Refresh()
		p.message.SetText(tr(p.lang, "The two PINs differ."))
		return
	}
	p.first = ""
	if err := p.submit(pin); err != nil {
		p.message.SetText(trMsg(p.lang, err.Error()))
		if p.setting {
			p.prompt.Text = tr(p.lang, "Choose a PIN (6 to 12 digits)")
			p.prompt.Refresh()
		}
		return
	}
	p.message.SetText("")
}

// HoldTime is how long the hidden corner must be held.
var HoldTime = 5 * time.Second

// CornerHold is an invisible touch area: held for HoldTime it calls
// onHold (the way staff get to the PIN pad on a kiosk, which visitors
// will not stumble on); a short tap is handed to onTap, so the corner
// still does what lies under it.
type CornerHold struct {
	widget.BaseWidget
	onHold, onTap func()
	down          int // counts presses, so a timer of an earlier press does nothing
	held          bool
}

// NewCornerHold makes the area; both callbacks run on the UI goroutine.
func NewCornerHold(onHold, onTap func()) *CornerHold {
	c := &CornerHold{onHold: onHold, onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

func (c *CornerHold) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// MouseDown starts measuring the hold.
func (c *CornerHold) MouseDown(*desktop.MouseEvent) {
	c.down++
	c.held = false
	press := c.down
	time.AfterFunc(HoldTime, func() {
		fyne.Do(func() {
			if c.down == press && !c.held {
				c.held = true
				c.onHold()
			}
		})
	})
}

// MouseUp ends the press before the hold time: nothing happens.
func (c *CornerHold) MouseUp(*desktop.MouseEvent) { c.down++ }

// Tapped passes a short tap on to what the corner covers.
func (c *CornerHold) Tapped(*fyne.PointEvent) {
	if !c.held && c.onTap != nil {
		c.onTap()
	}
}

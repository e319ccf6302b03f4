package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"showhall/assets/fonts"
)

// Colours of the hall's standard look: a deep night-blue stage with a
// warm accent, so pictures stand out and text reads from a step back.
// Screens that follow the visitor's look read them through Colors().
var (
	ColorStage   = color.NRGBA{R: 0x0b, G: 0x14, B: 0x26, A: 0xff}
	ColorPanel   = color.NRGBA{R: 0x15, G: 0x22, B: 0x3d, A: 0xff}
	ColorPressed = color.NRGBA{R: 0x2a, G: 0x3f, B: 0x6b, A: 0xff}
	ColorAccent  = color.NRGBA{R: 0xff, G: 0xb3, B: 0x3b, A: 0xff}
	ColorText    = color.NRGBA{R: 0xf2, G: 0xf5, B: 0xfa, A: 0xff}
	ColorMuted   = color.NRGBA{R: 0xa9, G: 0xb6, B: 0xcc, A: 0xff}
	// ColorChipOn marks what is coming (the curator's upcoming seasons)
	// and is drawn as text on panels: light enough for 4.5:1 there (the
	// earlier #2e7dd7 gave white text on it, and it on a panel, 3.8:1).
	ColorChipOn = color.NRGBA{R: 0x6c, G: 0xa8, B: 0xf0, A: 0xff}
)

// TouchTarget is the smallest side of anything a visitor presses: about
// 15 mm on a 24-inch 1080p screen.
const TouchTarget float32 = 64

// Look is how the screens are coloured: the hall's standard look, or a
// high-contrast one for visitors with low vision.
type Look int

const (
	LookStandard Look = iota
	LookHighContrast
)

// Palette is one look's colours. Every text colour is checked against
// every background it is drawn on (theme_test.go): 4.5:1 at least in the
// standard look, 7:1 in the high-contrast one.
type Palette struct {
	Stage, Panel, Pressed color.NRGBA // backgrounds
	Text, Muted, Accent   color.NRGBA // text on backgrounds
	OnAccent              color.NRGBA // text on an accent fill (a chosen chip, the main button)
	Info                  color.NRGBA // text for what is coming, on panels
	Outline               color.NRGBA // a button's edge
}

var palettes = map[Look]Palette{
	LookStandard: {
		Stage: ColorStage, Panel: ColorPanel, Pressed: ColorPressed,
		Text: ColorText, Muted: ColorMuted, Accent: ColorAccent,
		OnAccent: ColorStage, Info: ColorChipOn, Outline: ColorMuted,
	},
	// Black and white with yellow, the high-contrast scheme of signage:
	// no colour below 7:1 against anything it sits on.
	LookHighContrast: {
		Stage:    color.NRGBA{A: 0xff},
		Panel:    color.NRGBA{R: 0x14, G: 0x14, B: 0x14, A: 0xff},
		Pressed:  color.NRGBA{R: 0x00, G: 0x2e, B: 0x7a, A: 0xff},
		Text:     color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff},
		Muted:    color.NRGBA{R: 0xe6, G: 0xe6, B: 0xe6, A: 0xff},
		Accent:   color.NRGBA{R: 0xff, G: 0xe6, B: 0x00, A: 0xff},
		OnAccent: color.NRGBA{A: 0xff},
		Info:     color.NRGBA{R: 0x9e, G: 0xd4, B: 0xff, A: 0xff},
		Outline:  color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff},
	},
}

// TextSteps are the text sizes a visitor can choose, from the hall's
// own: 100%, 125% and 150%.
var TextSteps = []float32{1, 1.25, 1.5}

// HallTheme sizes and colours Fyne's widgets for a touchscreen read from a
// step back, in a look and at a text size step; the zero value is the
// standard look at 100%.
type HallTheme struct {
	Look Look
	Step int // index into TextSteps
}

var _ fyne.Theme = HallTheme{}

// Palette is the theme's colours.
func (t HallTheme) Palette() Palette {
	if p, ok := palettes[t.Look]; ok {
		return p
	}
	return palettes[LookStandard]
}

// Scale is the theme's text size as a share of the hall's standard one.
func (t HallTheme) Scale() float32 {
	if t.Step <= 0 || t.Step >= len(TextSteps) {
		return 1
	}
	return TextSteps[t.Step]
}

func (t HallTheme) hall() HallTheme { return t }

// current is the hall theme in use (the standard one when the app's
// theme is not the hall's, or in code run without an app).
func current() HallTheme {
	a := fyne.CurrentApp()
	if a == nil {
		return HallTheme{}
	}
	if h, ok := a.Settings().Theme().(interface{ hall() HallTheme }); ok {
		return h.hall()
	}
	return HallTheme{}
}

// Colors are the colours of the look in use; screens read them as they
// are built, and the kiosk rebuilds its pages when the look changes.
func Colors() Palette { return current().Palette() }

// TextPx is a text size given at the hall's standard size, at the size
// the visitor chose. Every fixed text size of the visitor's screens goes
// through it.
func TextPx(base float32) float32 { return base * current().Scale() }

func (t HallTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	p := t.Palette()
	switch n {
	case theme.ColorNameBackground:
		return p.Stage
	case theme.ColorNameForeground:
		return p.Text
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		return p.Accent
	case theme.ColorNameButton, theme.ColorNameInputBackground:
		return p.Panel
	case theme.ColorNamePressed:
		return p.Pressed
	case theme.ColorNameHover:
		// No hover-only cues on a touchscreen: hover looks like rest.
		return color.Transparent
	case theme.ColorNameForegroundOnPrimary:
		return p.OnAccent
	case theme.ColorNameSeparator:
		return p.Panel
	case theme.ColorNameScrollBar:
		return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x40}
	}
	if t.Look == LookHighContrast {
		switch n {
		case theme.ColorNamePlaceHolder:
			return p.Muted
		case theme.ColorNameInputBorder:
			return p.Outline
		}
	}
	return theme.DefaultTheme().Color(n, theme.VariantDark)
}

// The hall's own faces, made once: Fyne caches the faces it loads by the
// resource, so every call must return the same one.
var (
	fontRegular = fyne.NewStaticResource("HallSansSC-Regular.otf", fonts.Regular)
	fontBold    = fyne.NewStaticResource("HallSansSC-Bold.otf", fonts.Bold)
)

// WarmText opens the text faces the screens use (the hall's own, and the
// fallbacks Fyne opens with them), as measuring a first text does. It may
// run on any goroutine, but not while another one measures or draws text:
// Fyne's faces are not shared safely. The kiosk calls it while its
// catalogue loads, before it builds any screen.
func WarmText() {
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText("展厅 Hall", theme.TextSize(), style)
	}
}

// Font gives plain and bold text the hall's Chinese faces, which carry
// Latin letters too; italic, monospace and symbols keep Fyne's.
func (HallTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Italic || s.Monospace || s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return fontBold
	}
	return fontRegular
}

func (HallTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t HallTheme) Size(n fyne.ThemeSizeName) float32 {
	// Text, and the icons that sit in a line of it, grow with the step;
	// everything measured from text (button heights, rows) follows.
	k := t.Scale()
	switch n {
	case theme.SizeNameText:
		return 20 * k
	case theme.SizeNameHeadingText:
		return 34 * k
	case theme.SizeNameSubHeadingText:
		return 26 * k
	case theme.SizeNameCaptionText:
		return 16 * k
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 14
	case theme.SizeNameInlineIcon:
		return 28 * k
	case theme.SizeNameScrollBar:
		return 6
	case theme.SizeNameScrollBarSmall:
		return 4
	}
	return theme.DefaultTheme().Size(n)
}

// LaptopTheme is the hall's look at a laptop's size, for windows used
// with a mouse and read from a chair (the roadshow's deck builder): the
// hall's colours and faces, Fyne's ordinary sizes, so that the window
// fits a 1366x768 screen.
type LaptopTheme struct{ HallTheme }

var _ fyne.Theme = LaptopTheme{}

func (LaptopTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 14
	case theme.SizeNameHeadingText:
		return 24
	case theme.SizeNameSubHeadingText:
		return 18
	case theme.SizeNameCaptionText:
		return 12
	}
	return theme.DefaultTheme().Size(n)
}

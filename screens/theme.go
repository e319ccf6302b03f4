package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"showhall/assets/fonts"
)

// Colours of the hall: a deep night-blue stage with a warm accent, so
// pictures stand out and text reads from a step back.
var (
	ColorStage   = color.NRGBA{R: 0x0b, G: 0x14, B: 0x26, A: 0xff}
	ColorPanel   = color.NRGBA{R: 0x15, G: 0x22, B: 0x3d, A: 0xff}
	ColorPressed = color.NRGBA{R: 0x2a, G: 0x3f, B: 0x6b, A: 0xff}
	ColorAccent  = color.NRGBA{R: 0xff, G: 0xb3, B: 0x3b, A: 0xff}
	ColorText    = color.NRGBA{R: 0xf2, G: 0xf5, B: 0xfa, A: 0xff}
	ColorMuted   = color.NRGBA{R: 0xa9, G: 0xb6, B: 0xcc, A: 0xff}
	ColorChipOn  = color.NRGBA{R: 0x2e, G: 0x7d, B: 0xd7, A: 0xff}
)

// TouchTarget is the smallest side of anything a visitor presses: about
// 15 mm on a 24-inch 1080p screen.
const TouchTarget float32 = 64

// HallTheme sizes and colours Fyne's widgets for a touchscreen read from a
// step back.
type HallTheme struct{}

var _ fyne.Theme = HallTheme{}

func (HallTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return ColorStage
	case theme.ColorNameForeground:
		return ColorText
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		return ColorAccent
	case theme.ColorNameButton, theme.ColorNameInputBackground:
		return ColorPanel
	case theme.ColorNamePressed:
		return ColorPressed
	case theme.ColorNameHover:
		// No hover-only cues on a touchscreen: hover looks like rest.
		return color.Transparent
	case theme.ColorNameForegroundOnPrimary:
		return ColorStage
	case theme.ColorNameSeparator:
		return ColorPanel
	case theme.ColorNameScrollBar:
		return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x40}
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

func (HallTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 20
	case theme.SizeNameHeadingText:
		return 34
	case theme.SizeNameSubHeadingText:
		return 26
	case theme.SizeNameCaptionText:
		return 16
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 14
	case theme.SizeNameInlineIcon:
		return 28
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

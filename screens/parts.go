package screens

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	qrcode "github.com/skip2/go-qrcode"

	"showhall/store/catalog"
)

func themePadding() float32 { return theme.Padding() }

// label is a single canvas text, for titles that must not wrap; size is
// at the hall's standard text size and grows with the visitor's choice.
func label(s string, size float32, c color.Color, bold bool) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = TextPx(size)
	t.TextStyle.Bold = bold
	return t
}

// wrapped is a wrapping label with the hall's text sizes.
func wrapped(s string, style widget.RichTextStyle) *widget.RichText {
	rt := widget.NewRichText(&widget.TextSegment{Text: s, Style: style})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

var (
	styleHeading    = widget.RichTextStyleHeading
	styleSubHeading = widget.RichTextStyleSubHeading
	styleBody       = widget.RichTextStyleParagraph
	styleMuted      = widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: false}
)

// Button is a touch button with room for a finger and press feedback.
func Button(text string, icon fyne.Resource, onTap func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, icon, func() {
		noteActivity()
		onTap()
	})
	return b
}

// sized gives any object a minimum size.
func sized(o fyne.CanvasObject, s fyne.Size) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(s)
	return container.NewStack(r, o)
}

// panel puts content on a rounded panel.
func panel(content fyne.CanvasObject, fill color.Color) fyne.CanvasObject {
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = 10
	return container.NewStack(bg, container.NewPadded(content))
}

// QRImage draws a QR code for url, or nil when there is no url.
func QRImage(url string, px int) image.Image {
	if url == "" {
		return nil
	}
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil
	}
	q.DisableBorder = false
	return q.Image(px)
}

// TopBar is the strip on every screen: a way home, a way back, the title,
// the text size and look switches, and the language switch with each
// language named in itself. On a narrow screen or with large text the
// controls wrap below the title.
type TopBar struct {
	Lang    catalog.Lang
	Title   string
	OnHome  func()
	OnBack  func() // nil hides Back
	OnLang  func(catalog.Lang)
	Actions []fyne.CanvasObject
	// Viewing is the visitor's text size and look; OnViewing, when set,
	// shows the switches that change them.
	Viewing   Viewing
	OnViewing func(Viewing)
}

// Build lays the bar out.
func (b TopBar) Build() fyne.CanvasObject {
	var before []fyne.CanvasObject
	if b.OnHome != nil {
		before = append(before, Button(T(b.Lang, "home"), theme.HomeIcon(), b.OnHome))
	}
	if b.OnBack != nil {
		before = append(before, Button(T(b.Lang, "back"), theme.NavigateBackIcon(), b.OnBack))
	}
	// The title gives way (an ellipsis) before any control does.
	title := widget.NewRichText(&widget.TextSegment{Text: b.Title, Style: widget.RichTextStyle{
		SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter}})
	title.Truncation = fyne.TextTruncateEllipsis
	after := append([]fyne.CanvasObject{}, b.Actions...)
	if b.OnViewing != nil {
		after = append(after, viewSwitches(b)...)
	}
	if b.OnLang != nil {
		after = append(after, langButtons(b.Lang, b.OnLang)...)
	}
	objs := append([]fyne.CanvasObject{canvas.NewRectangle(Colors().Panel), title}, before...)
	return container.New(&barLayout{before: len(before)}, append(objs, after...)...)
}

// LangSwitch offers the three languages by their own names; the current
// one is highlighted.
func LangSwitch(cur catalog.Lang, onLang func(catalog.Lang)) fyne.CanvasObject {
	return container.NewHBox(langButtons(cur, onLang)...)
}

func langButtons(cur catalog.Lang, onLang func(catalog.Lang)) []fyne.CanvasObject {
	var items []fyne.CanvasObject
	for _, l := range catalog.Langs {
		l := l
		b := Button(l.NativeName(), nil, func() { onLang(l) })
		if l == cur {
			b.Importance = widget.HighImportance
		}
		items = append(items, outlined(b))
	}
	return items
}

// outlined frames a button, so it shows as a button, not a caption.
func outlined(b *widget.Button) fyne.CanvasObject {
	frame := canvas.NewRectangle(color.Transparent)
	frame.StrokeColor = Colors().Outline
	frame.StrokeWidth = 1
	frame.CornerRadius = 5
	return container.NewStack(frame, b)
}

// panelBox sets content on the panel colour across the full width.
func panelBox(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(canvas.NewRectangle(Colors().Panel), container.NewPadded(content))
}

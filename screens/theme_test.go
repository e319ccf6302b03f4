package screens

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// contrast is WCAG 2's contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastFormulaMatchesWCAG(t *testing.T) {
	black, white := color.NRGBA{A: 0xff}, color.White
	if r := contrast(black, white); math.Abs(r-21) > 0.01 {
		t.Fatalf("black on white is %.2f:1, want 21:1", r)
	}
	// The pair issue 19 names: the hall's white on the old chip blue, 3.8:1.
	if r := contrast(ColorText, color.NRGBA{R: 0x2e, G: 0x7d, B: 0xd7, A: 0xff}); r < 3.7 || r > 3.9 {
		t.Fatalf("the hall's white on #2e7dd7 is %.2f:1, want about 3.8:1", r)
	}
}

// TestEveryTextColourReadsOnItsBackgrounds computes every text colour over
// every background it is drawn on, in both looks: WCAG AA (4.5:1) in the
// standard look, AAA (7:1) in the high-contrast one.
func TestEveryTextColourReadsOnItsBackgrounds(t *testing.T) {
	type pair struct{ text, on fyne.ThemeColorName }
	// Fyne's widgets: labels and buttons on the stage and on panels, a
	// pressed button, placeholder (muted) text, accent text (section
	// titles, search matches), a chosen chip or main button.
	themed := []pair{
		{theme.ColorNameForeground, theme.ColorNameBackground},
		{theme.ColorNameForeground, theme.ColorNameButton},
		{theme.ColorNameForeground, theme.ColorNameInputBackground},
		{theme.ColorNameForeground, theme.ColorNamePressed},
		{theme.ColorNamePlaceHolder, theme.ColorNameBackground},
		{theme.ColorNamePlaceHolder, theme.ColorNameButton},
		{theme.ColorNamePrimary, theme.ColorNameBackground},
		{theme.ColorNamePrimary, theme.ColorNameButton},
		{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
	}
	for _, look := range []Look{LookStandard, LookHighContrast} {
		min := 4.5
		if look == LookHighContrast {
			min = 7
		}
		th := HallTheme{Look: look}
		for _, p := range themed {
			fg, bg := th.Color(p.text, theme.VariantDark), th.Color(p.on, theme.VariantDark)
			if r := contrast(fg, bg); r < min {
				t.Errorf("look %d: %s on %s is %.2f:1, below %.1f:1", look, p.text, p.on, r, min)
			}
		}
		// The screens' own canvas texts, drawn with the palette.
		c := th.Palette()
		for _, p := range []struct {
			name     string
			text, on color.Color
		}{
			{"text on stage", c.Text, c.Stage}, {"text on panel", c.Text, c.Panel}, {"text pressed", c.Text, c.Pressed},
			{"muted on stage", c.Muted, c.Stage}, {"muted on panel", c.Muted, c.Panel},
			{"accent on stage", c.Accent, c.Stage}, {"accent on panel", c.Accent, c.Panel},
			{"on accent", c.OnAccent, c.Accent},
			{"info on panel", c.Info, c.Panel}, {"info on stage", c.Info, c.Stage},
		} {
			if r := contrast(p.text, p.on); r < min {
				t.Errorf("look %d: %s is %.2f:1, below %.1f:1", look, p.name, r, min)
			}
		}
	}
}

func TestTextStepsScaleEveryTextSize(t *testing.T) {
	if len(TextSteps) < 3 || TextSteps[len(TextSteps)-1] < 1.5 {
		t.Fatalf("text steps %v: a visitor needs at least two steps up, to 150%%", TextSteps)
	}
	base := HallTheme{}
	big := HallTheme{Step: len(TextSteps) - 1}
	for _, n := range []fyne.ThemeSizeName{theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText} {
		if got, want := big.Size(n), base.Size(n)*1.5; got != want {
			t.Errorf("%s at the largest step is %v, want %v", n, got, want)
		}
	}
}

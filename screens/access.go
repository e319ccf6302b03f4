package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Viewing is how a visitor reads the screens: the text size step and the
// look. It lasts until the idle reset, as the language does.
type Viewing struct {
	Step int // index into TextSteps
	Look Look
}

// Theme is the hall theme that shows this viewing.
func (v Viewing) Theme() HallTheme { return HallTheme{Look: v.Look, Step: v.Step} }

// Viewer is a Nav that lets the visitor change the text size and look;
// the top bar offers the switches only when the Nav is one.
type Viewer interface {
	SetViewing(v Viewing)
}

// nextStep is the text size after s, round to the hall's own after the
// largest, so one switch serves every step.
func nextStep(s int) int {
	if s+1 >= len(TextSteps) || s < 0 {
		return 0
	}
	return s + 1
}

// viewSwitches are the text size and look buttons of the top bar.
func viewSwitches(t TopBar) []fyne.CanvasObject {
	v := t.Viewing
	pct := fmt.Sprintf("%.0f%%", HallTheme{Step: v.Step}.Scale()*100)
	size := Button(T(t.Lang, "text_size")+" "+pct, nil, func() {
		t.OnViewing(Viewing{Step: nextStep(v.Step), Look: v.Look})
	})
	contrast := Button(T(t.Lang, "high_contrast"), nil, func() {
		next := LookHighContrast
		if v.Look == LookHighContrast {
			next = LookStandard
		}
		t.OnViewing(Viewing{Step: v.Step, Look: next})
	})
	if v.Look == LookHighContrast {
		contrast.Importance = widget.HighImportance
	}
	return []fyne.CanvasObject{outlined(size), outlined(contrast)}
}

// bar fills in what every visitor screen's top bar shares: the language
// and, when the app offers them, the text size and look switches.
func (u *UI) bar(b TopBar) TopBar {
	b.Lang = u.Lang
	b.OnLang = u.Nav.SetLang
	if vw, ok := u.Nav.(Viewer); ok {
		b.Viewing = u.Viewing
		b.OnViewing = vw.SetViewing
	}
	return b
}

// page is a visitor screen: its bar, and the body under it, or above it
// on a screen taller than a seated visitor's reach.
func (u *UI) page(b TopBar, body fyne.CanvasObject) fyne.CanvasObject {
	return NewPage(u.Reach, u.bar(b).Build(), body)
}

package curator

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dateLayout is how the console writes dates: the same on every
// machine, whatever its locale (Fyne's DateEntry follows the locale,
// where 02/01 and 01/02 read differently).
const dateLayout = "2006-01-02"

// dateField puts a calendar button beside a date entry: a curator at a
// hall screen picks the date with a finger, one at a laptop may still
// type it.
func (c *Console) dateField(e *widget.Entry) fyne.CanvasObject {
	var pop *widget.PopUp
	open := func() {
		c.b.Touch()
		shown := c.b.Now().In(c.b.Zone())
		if d, err := time.ParseInLocation(dateLayout, strings.TrimSpace(e.Text), c.b.Zone()); err == nil {
			shown = d
		}
		cal := newDayPicker(c, shown, func(d time.Time) {
			e.SetText(d.Format(dateLayout))
			if pop != nil {
				pop.Hide()
			}
		})
		pop = widget.NewPopUp(cal.root, c.win.Canvas())
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
		pop.ShowAtPosition(pos.AddXY(0, e.Size().Height))
		c.calendar = cal.root
	}
	b := widget.NewButtonWithIcon("", theme.CalendarIcon(), open)
	return container.NewBorder(nil, nil, nil, b, e)
}

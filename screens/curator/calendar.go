package curator

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// dayPicker is a month of days to pick one from, in the console's
// language (Fyne's Calendar names months and weekdays in the process's
// locale, which on a hall screen is not the curator's), Monday first as
// calendars in the hall are.
type dayPicker struct {
	c      *Console
	month  time.Time // the first of the month shown, in the hall's zone
	pick   func(time.Time)
	header *widget.Label
	days   *fyne.Container
	root   *fyne.Container
}

func newDayPicker(c *Console, shown time.Time, pick func(time.Time)) *dayPicker {
	d := &dayPicker{c: c, pick: pick, header: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		days: container.NewGridWithColumns(7)}
	d.month = time.Date(shown.Year(), shown.Month(), 1, 0, 0, 0, 0, shown.Location())
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.b.Touch(); d.show(d.month.AddDate(0, -1, 0)) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.b.Touch(); d.show(d.month.AddDate(0, 1, 0)) })
	d.root = container.NewBorder(container.NewBorder(nil, nil, prev, next, d.header), nil, nil, nil, d.days)
	d.show(d.month)
	return d
}

// weekdayShort are the column heads, Monday first.
var weekdayShort = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// show draws the month of first.
func (d *dayPicker) show(first time.Time) {
	d.month = first
	if d.c.lang == catalog.En {
		d.header.SetText(first.Format("January 2006"))
	} else {
		d.header.SetText(fmt.Sprintf("%d年%s", first.Year(), d.c.t(first.Month().String())))
	}
	d.days.Objects = nil
	for _, w := range weekdayShort {
		d.days.Add(widget.NewLabelWithStyle(d.c.t(w), fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	for i := 0; i < (int(first.Weekday())+6)%7; i++ {
		d.days.Add(widget.NewLabel(""))
	}
	for day := first; day.Month() == first.Month(); day = day.AddDate(0, 0, 1) {
		day := day
		d.days.Add(widget.NewButton(strconv.Itoa(day.Day()), func() { d.c.b.Touch(); d.pick(day) }))
	}
	d.days.Refresh()
}

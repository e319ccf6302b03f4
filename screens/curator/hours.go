package curator

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/hours"
)

// HoursPage changes the hall's opening hours: a week of hours, closed
// days and special days, and whether the screens sleep outside them.
// At its top it says today's hours and the next change.
type HoursPage struct {
	c      *Console
	root   fyne.CanvasObject
	Today  *widget.Label
	Follow *widget.Check
	// Week is indexed by time.Weekday (Sunday first), shown Monday first.
	Week                                   [7]DayRow
	ClosedDate                             *widget.Entry
	SpecialDate, SpecialOpen, SpecialClose *widget.Entry
	closedList, specialList                *fyne.Container
	closed                                 []string
	special                                []hours.Special
	message                                *widget.Label
}

// DayRow is one weekday's hours.
type DayRow struct {
	Closed      *widget.Check
	Open, Close *widget.Entry
}

// weekOrder is the order a week is read in the hall: Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func newHoursPage(c *Console) *HoursPage {
	p := &HoursPage{c: c, Today: widget.NewLabel(""), message: widget.NewLabel(""),
		closedList: container.NewVBox(), specialList: container.NewVBox()}
	p.Today.Wrapping = fyne.TextWrapWord
	p.message.Wrapping = fyne.TextWrapWord
	p.Follow = widget.NewCheck(c.t("Screens sleep outside opening hours"), func(bool) { c.b.Touch() })
	week := container.NewGridWithColumns(4)
	for _, wd := range weekOrder {
		row := DayRow{Open: c.entry("09:00"), Close: c.entry("17:00")}
		row.Closed = widget.NewCheck(c.t("Closed"), func(closed bool) {
			c.b.Touch()
			if closed {
				row.Open.Disable()
				row.Close.Disable()
			} else {
				row.Open.Enable()
				row.Close.Enable()
			}
		})
		p.Week[wd] = row
		week.Add(widget.NewLabel(c.t(wd.String())))
		week.Add(row.Closed)
		week.Add(row.Open)
		week.Add(row.Close)
	}
	p.ClosedDate = c.entry("2026-10-01")
	p.SpecialDate, p.SpecialOpen, p.SpecialClose = c.entry("2026-10-02"), c.entry("09:00"), c.entry("21:00")
	head := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(c.t(s), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	addClosed := container.NewBorder(nil, nil, nil, c.button("Add closed day", theme.ContentAddIcon(), func() { p.AddClosed() }),
		c.dateField(p.ClosedDate))
	addSpecial := container.NewBorder(nil, nil, nil, c.button("Add special day", theme.ContentAddIcon(), func() { p.AddSpecial() }),
		container.NewGridWithColumns(3, c.dateField(p.SpecialDate), p.SpecialOpen, p.SpecialClose))
	p.root = container.NewVScroll(container.NewVBox(
		p.Today, p.Follow,
		head("Weekly hours"), week,
		head("Closed days"), addClosed, p.closedList,
		head("Special days"), addSpecial, p.specialList,
		c.button("Save", theme.DocumentSaveIcon(), func() { p.Save() }), p.message))
	p.Reset()
	return p
}

// Reset shows the stored hours (the usual hall's when none were saved).
func (p *HoursPage) Reset() {
	h, _ := p.c.b.Hours()
	p.Follow.SetChecked(h.Follow)
	for wd, d := range h.Week {
		row := p.Week[wd]
		row.Open.SetText(d.Open.String())
		row.Close.SetText(d.Close.String())
		row.Closed.SetChecked(d.Closed)
	}
	p.closed = slices.Clone(h.Closed)
	p.special = slices.Clone(h.Special)
	p.showLists()
	p.showToday(h)
}

// showToday says today's hours and the hall's next change.
func (p *HoursPage) showToday(h hours.Hours) {
	t, zone := p.c.t, p.c.b.Zone()
	now := p.c.b.Now().In(zone)
	day, kind := h.On(now, zone)
	hoursText := day.Open.String() + "–" + day.Close.String()
	if day.Closed {
		hoursText = t("closed")
	}
	from := [...]string{"weekly hours", "closed day", "special day"}[kind]
	text := fmt.Sprintf(t("Today, %s %s: %s (%s)."), now.Format(dateLayout), t(now.Weekday().String()), hoursText, t(from))
	switch ch := h.NextChange(now, zone); {
	case ch.When.IsZero():
		text += " " + t("No opening within the next year.")
	case ch.Opens:
		text += " " + fmt.Sprintf(t("Opens next %s %s."), ch.When.In(zone).Format("2006-01-02 15:04"), t(ch.When.In(zone).Weekday().String()))
	default:
		text += " " + fmt.Sprintf(t("Closes at %s."), ch.When.In(zone).Format("15:04"))
	}
	if !h.Follow {
		text += " " + t("The screens stay on day and night.")
	}
	p.Today.SetText(text)
}

// showLists redraws the closed and special days, each with Remove.
func (p *HoursPage) showLists() {
	slices.Sort(p.closed)
	slices.SortFunc(p.special, func(a, b hours.Special) int { return strings.Compare(a.Date, b.Date) })
	p.closedList.Objects = nil
	for _, d := range p.closed {
		p.closedList.Add(container.NewBorder(nil, nil, nil,
			p.c.button("Remove", theme.DeleteIcon(), func() { p.closed = slices.DeleteFunc(p.closed, func(x string) bool { return x == d }); p.showLists() }),
			widget.NewLabel(d)))
	}
	p.closedList.Refresh()
	p.specialList.Objects = nil
	for _, s := range p.special {
		p.specialList.Add(container.NewBorder(nil, nil, nil,
			p.c.button("Remove", theme.DeleteIcon(), func() {
				p.special = slices.DeleteFunc(p.special, func(x hours.Special) bool { return x.Date == s.Date })
				p.showLists()
			}),
			widget.NewLabel(s.Date+"  "+s.Open.String()+"–"+s.Close.String())))
	}
	p.specialList.Refresh()
}

// date reads a date entry.
func (p *HoursPage) date(e *widget.Entry) (string, error) {
	s := strings.TrimSpace(e.Text)
	if _, err := time.Parse(dateLayout, s); err != nil {
		return "", fmt.Errorf(p.c.t("%q is not a date: pick it from the calendar, or write it as 2026-10-01."), s)
	}
	return s, nil
}

// AddClosed adds the date in ClosedDate to the closed days.
func (p *HoursPage) AddClosed() error {
	d, err := p.date(p.ClosedDate)
	if err == nil && slices.Contains(p.closed, d) {
		err = fmt.Errorf(p.c.t("%s is a closed day already."), d)
	}
	if err != nil {
		p.message.SetText(p.c.msg(err))
		return err
	}
	p.closed = append(p.closed, d)
	p.ClosedDate.SetText("")
	p.message.SetText("")
	p.showLists()
	return nil
}

// AddSpecial adds the date and hours in the special day's entries.
func (p *HoursPage) AddSpecial() error {
	d, err := p.date(p.SpecialDate)
	var s hours.Special
	if err == nil {
		s = hours.Special{Date: d}
		s.Open, err = p.clock(p.SpecialOpen)
	}
	if err == nil {
		s.Close, err = p.clock(p.SpecialClose)
	}
	if err == nil && slices.ContainsFunc(p.special, func(x hours.Special) bool { return x.Date == d }) {
		err = fmt.Errorf(p.c.t("%s is a special day already: remove it first to change its hours."), d)
	}
	if err == nil {
		err = s.Check(d)
	}
	if err != nil {
		p.message.SetText(p.c.msg(err))
		return err
	}
	p.special = append(p.special, s)
	p.SpecialDate.SetText("")
	p.message.SetText("")
	p.showLists()
	return nil
}

func (p *HoursPage) clock(e *widget.Entry) (hours.Clock, error) {
	c, err := hours.ParseClock(e.Text)
	if err != nil {
		return 0, fmt.Errorf(p.c.t("%q is not a time of day: write it as 09:00."), strings.TrimSpace(e.Text))
	}
	return c, nil
}

// Hours reads the page into opening hours, or says what is wrong.
func (p *HoursPage) Hours() (hours.Hours, error) {
	h := hours.Hours{Follow: p.Follow.Checked, Closed: slices.Clone(p.closed), Special: slices.Clone(p.special)}
	var errs []error
	for wd := range h.Week {
		row := p.Week[wd]
		if row.Closed.Checked {
			h.Week[wd] = hours.Day{Closed: true}
			continue
		}
		open, err1 := p.clock(row.Open)
		close, err2 := p.clock(row.Close)
		if err1 != nil || err2 != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.c.t(time.Weekday(wd).String()), errors.Join(err1, err2)))
			continue
		}
		h.Week[wd] = hours.Day{Open: open, Close: close}
	}
	if err := errors.Join(errs...); err != nil {
		return h, err
	}
	return h, h.Validate()
}

// Save stores the hours, signed; this screen follows them at once, and
// they are sent to the hall's other screens.
func (p *HoursPage) Save() error {
	h, err := p.Hours()
	if err == nil {
		err = p.c.b.SaveHours(h)
	}
	if err != nil {
		p.message.SetText(p.c.msg(err))
		return err
	}
	p.showToday(h)
	p.message.SetText(p.c.t("Saved here; sending the hours to the hall's other screens…"))
	p.c.sendToHall(p.message, SentHours, "", p.c.t("Saved."))
	return nil
}

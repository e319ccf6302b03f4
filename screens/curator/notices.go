package curator

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
	"showhall/store/hours"
	"showhall/store/notice"
)

// NoticesPage writes the hall's notices: the text in the three
// languages, a start, an end and a level; published, a notice is signed
// with this machine's curator key, shows on this screen and is written
// out for the others. Notices still to come or showing are listed, each
// with Withdraw.
type NoticesPage struct {
	c                                      *Console
	root                                   fyne.CanvasObject
	Hans, Hant, En                         *widget.Entry
	Level                                  *widget.RadioGroup
	StartDate, StartTime, EndDate, EndTime *widget.Entry
	list                                   *fyne.Container
	message                                *widget.Label
}

func newNoticesPage(c *Console) *NoticesPage {
	p := &NoticesPage{c: c, list: container.NewVBox(), message: widget.NewLabel("")}
	p.message.Wrapping = fyne.TextWrapWord
	text := func(ph string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.SetPlaceHolder(ph)
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
		e.OnChanged = func(string) { c.b.Touch() }
		return e
	}
	p.Hans, p.Hant, p.En = text("今日16:00闭馆"), text("今日16:00閉館"), text("The hall closes at 16:00 today")
	p.Level = widget.NewRadioGroup([]string{c.t("Info: a banner on every page"), c.t("Urgent: the whole screen, video stopped")}, func(string) { c.b.Touch() })
	p.Level.Horizontal = true
	p.StartDate, p.StartTime, p.EndDate, p.EndTime = c.entry("2026-10-01"), c.entry("09:00"), c.entry("2026-10-01"), c.entry("16:00")
	form := widget.NewForm(
		widget.NewFormItem(c.t("Text (简体)"), p.Hans),
		widget.NewFormItem(c.t("Text (繁體)"), p.Hant),
		widget.NewFormItem(c.t("Text (English)"), p.En),
		widget.NewFormItem(c.t("Level"), p.Level),
		widget.NewFormItem(c.t("Starts"), container.NewGridWithColumns(2, c.dateField(p.StartDate), p.StartTime)),
		widget.NewFormItem(c.t("Ends"), container.NewGridWithColumns(2, c.dateField(p.EndDate), p.EndTime)),
	)
	p.root = container.NewVScroll(container.NewVBox(form,
		c.button("Publish notice", theme.MailSendIcon(), func() { p.Publish() }), p.message,
		widget.NewLabelWithStyle(c.t("Notices showing or to come"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.list))
	p.Clear()
	return p
}

// Clear sets the form for a new notice: info, from now to the hall's
// closing time today (or the end of the day).
func (p *NoticesPage) Clear() {
	zone := p.c.b.Zone()
	now := p.c.b.Now().In(zone)
	p.Hans.SetText("")
	p.Hant.SetText("")
	p.En.SetText("")
	p.Level.SetSelected(p.Level.Options[0])
	end := time.Date(now.Year(), now.Month(), now.Day(), 23, 59, 0, 0, zone)
	p.StartDate.SetText(now.Format(dateLayout))
	p.StartTime.SetText(now.Format("15:04"))
	p.EndDate.SetText(end.Format(dateLayout))
	p.EndTime.SetText(end.Format("15:04"))
	p.Load()
}

// Load lists the notices showing or to come.
func (p *NoticesPage) Load() {
	now := p.c.b.Now()
	p.list.Objects = nil
	for _, n := range p.c.b.Notices() {
		if n.Withdrawn || !n.End.After(now) {
			continue
		}
		level := p.c.t("info")
		if n.Level == notice.Urgent {
			level = p.c.t("urgent")
		}
		zone := p.c.b.Zone()
		when := n.Start.In(zone).Format("2006-01-02 15:04") + " – " + n.End.In(zone).Format("2006-01-02 15:04")
		l := widget.NewLabel(fmt.Sprintf("%s · %s · %s", level, when, n.Text.In(p.c.lang)))
		l.Wrapping = fyne.TextWrapWord
		p.list.Add(container.NewBorder(nil, nil, nil, p.c.button("Withdraw", theme.DeleteIcon(), func() { p.Withdraw(n) }), l))
	}
	p.list.Refresh()
}

// when reads a date entry and a time entry as an instant in the hall's
// zone.
func (p *NoticesPage) when(date, clock *widget.Entry) (time.Time, error) {
	d, err := time.ParseInLocation(dateLayout, strings.TrimSpace(date.Text), p.c.b.Zone())
	if err != nil {
		return time.Time{}, fmt.Errorf(p.c.t("%q is not a date: pick it from the calendar, or write it as 2026-10-01."), strings.TrimSpace(date.Text))
	}
	c, err := hours.ParseClock(clock.Text)
	if err != nil {
		return time.Time{}, fmt.Errorf(p.c.t("%q is not a time of day: write it as 09:00."), strings.TrimSpace(clock.Text))
	}
	return d.Add(time.Duration(c) * time.Minute), nil
}

// Notice reads the form into a new notice, or says what is wrong.
func (p *NoticesPage) Notice() (notice.Notice, error) {
	n := notice.Notice{ID: "n" + p.c.b.Now().UTC().Format("20060102T150405"), Level: notice.Info,
		Text: catalog.Text{Hans: strings.TrimSpace(p.Hans.Text), Hant: strings.TrimSpace(p.Hant.Text), En: strings.TrimSpace(p.En.Text)}}
	if p.Level.Selected == p.Level.Options[1] {
		n.Level = notice.Urgent
	}
	var err error
	if n.Start, err = p.when(p.StartDate, p.StartTime); err != nil {
		return n, err
	}
	if n.End, err = p.when(p.EndDate, p.EndTime); err != nil {
		return n, err
	}
	n.Signed = p.c.b.Now() // the backend signs it with its own time
	return n, n.Validate()
}

// Publish signs and shows the notice in the form.
func (p *NoticesPage) Publish() error {
	n, err := p.Notice()
	if err == nil && !n.End.After(p.c.b.Now()) {
		err = fmt.Errorf("%s", p.c.t("The notice ends before now: nothing would show."))
	}
	var path string
	if err == nil {
		path, err = p.c.b.PublishNotice(n)
	}
	if err != nil {
		p.message.SetText(p.c.msg(err))
		return err
	}
	p.Clear()
	p.message.SetText(p.c.t("Published here; sending it to the hall's other screens…"))
	p.send(n.ID, fmt.Sprintf(p.c.t("Published; carry %s to the other screens."), path))
	return nil
}

// send hands the notice to the hall's other screens off the UI
// goroutine and says per screen what happened; alone is said when no
// other screen answered.
func (p *NoticesPage) send(id, alone string) {
	p.c.sendToHall(p.message, SentNotice, id, alone)
}

// Withdraw takes a notice off the screens with a newer signed version.
func (p *NoticesPage) Withdraw(n notice.Notice) error {
	n.Withdrawn = true
	_, err := p.c.b.PublishNotice(n)
	if err != nil {
		p.message.SetText(p.c.msg(err))
		return err
	}
	p.message.SetText(p.c.t("Withdrawn."))
	p.Load()
	p.send(n.ID, p.c.t("Withdrawn."))
	return nil
}

// sendToHall sends a notice or the opening hours to the hall's other
// screens off the UI goroutine, then says on label what each did (alone
// when none answered).
func (c *Console) sendToHall(label *widget.Label, what Sent, id, alone string) {
	go func() {
		ds := c.b.SendToHall(what, id)
		fyne.Do(func() { label.SetText(c.deliveries(ds, alone)) })
	}()
}

// deliveries says per screen what it did with what was sent.
func (c *Console) deliveries(ds []Delivery, alone string) string {
	if len(ds) == 0 {
		return alone + "\n" + c.t("No other screen of the hall answered.")
	}
	lines := make([]string, 0, len(ds))
	taken := 0
	for _, d := range ds {
		switch {
		case !d.Reached:
			lines = append(lines, fmt.Sprintf(c.t("%s: not reached (%s)"), d.Screen, c.passed(d.Reason)))
		case d.Taken:
			taken++
			lines = append(lines, fmt.Sprintf(c.t("%s: taken"), d.Screen))
		default:
			lines = append(lines, fmt.Sprintf(c.t("%s: refused (%s)"), d.Screen, c.passed(d.Reason)))
		}
	}
	head := fmt.Sprintf(c.t("Sent to the hall: %d of %d other screens took it."), taken, len(ds))
	return head + "\n" + strings.Join(lines, "\n")
}

package curator

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/store/catalog"
)

// Console is the curator's console: a bar with the ways out, and tabs
// for the rotations, the statistics, the health and the settings.
type Console struct {
	b       Backend
	win     fyne.Window // for dialogs and previews
	lang    catalog.Lang
	root    fyne.CanvasObject
	tabs    *container.AppTabs
	Planner *Planner
	Stats   *StatsPage
	health  *HealthPage
	prefs   *SettingsPage
	Hours   *HoursPage
	Notices *NoticesPage
	// calendar is the last calendar a date field opened, for the tests.
	calendar fyne.CanvasObject
	Sticks   *StickPage
	Hall     *HallPage // nil when the backend does not reach the hall
	asked    string    // the last confirmation's question, for the tests
}

// NewConsole builds the console for win.
func NewConsole(b Backend, win fyne.Window, l catalog.Lang) *Console {
	c := &Console{b: b, win: win, lang: l}
	c.Planner = newPlanner(c)
	c.Stats = newStatsPage(c)
	c.health = newHealthPage(c)
	c.prefs = newSettingsPage(c)
	c.Hours = newHoursPage(c)
	c.Notices = newNoticesPage(c)
	c.Sticks = newStickPage(c)
	c.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(c.t("Rotations"), theme.ListIcon(), c.Planner.root),
		container.NewTabItemWithIcon(c.t("Statistics"), theme.GridIcon(), c.Stats.root),
		container.NewTabItemWithIcon(c.t("Health"), theme.InfoIcon(), c.health.root),
		container.NewTabItemWithIcon(c.t("Settings"), theme.SettingsIcon(), c.prefs.root),
		container.NewTabItemWithIcon(c.t("Opening hours"), theme.HistoryIcon(), c.Hours.root),
		container.NewTabItemWithIcon(c.t("Notices"), theme.WarningIcon(), c.Notices.root),
		container.NewTabItemWithIcon(c.t("USB stick"), theme.StorageIcon(), c.Sticks.root),
	)
	if hb, ok := b.(HallBackend); ok {
		c.Hall = newHallPage(c, hb)
		c.tabs.Append(container.NewTabItemWithIcon(c.t("Hall"), theme.ComputerIcon(), c.Hall.root))
	}
	c.tabs.OnSelected = func(ti *container.TabItem) {
		b.Touch()
		if c.Hall != nil {
			if ti.Content == c.Hall.root {
				c.Hall.Load()
			} else {
				c.Hall.Stop()
			}
		}
		switch ti.Content {
		case c.Stats.root:
			c.Stats.Load()
		case c.health.root:
			c.health.Load()
		case c.Hours.root:
			c.Hours.Reset()
		case c.Notices.root:
			c.Notices.Load()
		case c.Sticks.root:
			c.Sticks.Load()
		}
	}
	title := canvas.NewText(c.t("Curator console"), screens.ColorText)
	title.TextSize = 24
	title.TextStyle.Bold = true
	right := []fyne.CanvasObject{c.button("Back to visitors", theme.HomeIcon(), func() {
		if c.Hall != nil {
			c.Hall.Stop()
		}
		b.Leave()
	})}
	if b.Kiosk() {
		right = append(right,
			c.button("Restart kiosk", theme.ViewRefreshIcon(), func() { c.confirm("Restart kiosk", b.Restart) }),
			c.button("Close kiosk", theme.LogoutIcon(), func() { c.confirmWarning("Close kiosk", b.QuitWarning(), b.Quit) }))
	}
	bar := container.NewHBox(append([]fyne.CanvasObject{title, layout.NewSpacer()}, right...)...)
	bg := canvas.NewRectangle(screens.ColorPanel)
	top := container.NewStack(bg, container.NewPadded(bar))
	c.root = container.NewBorder(top, nil, nil, nil, c.tabs)
	return c
}

// Object is the whole console.
func (c *Console) Object() fyne.CanvasObject { return c.root }

// Select shows the tab at index i (0 rotations, 1 statistics, 2 health,
// 3 settings, 4 opening hours, 5 notices, 6 USB stick, 7 hall when the
// backend reaches it).
func (c *Console) Select(i int) { c.tabs.SelectIndex(i) }

func (c *Console) t(en string) string { return tr(c.lang, en) }

// msg is an error as the console says it, in its language.
func (c *Console) msg(err error) string { return trMsg(c.lang, err.Error()) }

// button is a console button that also tells the idle timer.
func (c *Console) button(label string, icon fyne.Resource, f func()) *widget.Button {
	return widget.NewButtonWithIcon(c.t(label), icon, func() { c.b.Touch(); f() })
}

func (c *Console) confirm(what string, f func()) {
	c.confirmWarning(what, "", f)
}

// confirmWarning asks before doing what, saying what it leaves behind.
func (c *Console) confirmWarning(what, warning string, f func()) {
	msg := c.t(what) + "?"
	if warning != "" {
		msg += "\n" + c.t(warning)
	}
	c.asked = msg
	dialog.ShowConfirm(c.t(what), msg, func(ok bool) {
		if ok {
			f()
		}
	}, c.win)
}

// entry is a one-line entry that tells the idle timer as it is typed in.
func (c *Console) entry(placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(c.t(placeholder))
	e.OnChanged = func(string) { c.b.Touch() }
	return e
}

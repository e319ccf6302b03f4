package curator

import (
	"fmt"
	"image"
	"image/color"
	"showhall/store/catalog"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
)

// HallPage shows every screen of the hall as a tile (its name, a recent
// screenshot, its season and catalogue, its state and why) and sends the
// curator's signed commands to one screen or all, with each screen's
// answer. While the page is open it refreshes gently; it stops when the
// page is left.
type HallPage struct {
	c    *Console
	hb   HallBackend
	root fyne.CanvasObject

	KeyNote   *widget.Label
	Attention *widget.Check  // show only the screens that need attention
	Target    *widget.Select // "All screens" or one screen
	Buttons   map[string]*widget.Button
	grid      *fyne.Container
	Answers   *fyne.Container // one line per screen asked
	empty     *widget.Label

	keyID   string
	screens []HallScreen
	shots   map[string]image.Image // by address
	shotAt  map[string]time.Time
	answers []HallAnswer // in the order the screens were asked
	busy    bool
	stop    chan struct{} // closed when the page is left; nil while not refreshing
	every   time.Duration // hallRefreshEvery when the page was made
}

// How gently the page refreshes: the states every few seconds, each
// screenshot at most twice a minute (a screenshot costs the screen a
// capture and an encoding).
var (
	hallRefreshEvery = 5 * time.Second
	hallShotEvery    = 30 * time.Second
)

// hallActions are the commands the page offers, in the order of its
// buttons.
var hallActions = []struct {
	action, label string
	icon          fyne.Resource
}{
	{ActionSync, "Sync now", theme.ViewRefreshIcon()},
	{ActionTakeNewest, "Take newest catalogue", theme.DownloadIcon()},
	{ActionIdentify, "Identify", theme.VisibilityIcon()},
	{ActionDisplayOff, "Display off", theme.VisibilityOffIcon()},
	{ActionDisplayOn, "Display on", theme.ComputerIcon()},
	{ActionRestart, "Restart", theme.MediaReplayIcon()},
}

// tileSize is a screen's tile: a 16:9 screenshot and four lines.
var tileSize = fyne.NewSize(340, 400)

func newHallPage(c *Console, hb HallBackend) *HallPage {
	p := &HallPage{c: c, hb: hb, KeyNote: widget.NewLabel(""), Buttons: map[string]*widget.Button{},
		grid: container.NewGridWrap(tileSize), Answers: container.NewVBox(), empty: widget.NewLabel(""),
		shots: map[string]image.Image{}, shotAt: map[string]time.Time{}, every: hallRefreshEvery}
	p.KeyNote.Wrapping = fyne.TextWrapWord
	p.Attention = widget.NewCheck(c.t("Needs attention only"), func(bool) { c.b.Touch(); p.showTiles() })
	p.Target = widget.NewSelect([]string{c.t("All screens")}, func(string) { c.b.Touch() })
	p.Target.SetSelectedIndex(0)
	bar := []fyne.CanvasObject{widget.NewLabel(c.t("Send to")), p.Target}
	for _, a := range hallActions {
		b := c.button(a.label, a.icon, func() { p.ask(a.action) })
		b.Disable()
		p.Buttons[a.action] = b
		bar = append(bar, b)
	}
	top := container.NewVBox(p.KeyNote, p.Attention, container.NewHBox(bar...), p.Answers)
	p.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(p.empty, p.grid)))
	return p
}

// Load shows the key the commands are signed with and starts the
// refresh, while the page is open.
func (p *HallPage) Load() {
	if p.stop != nil {
		return
	}
	stop := make(chan struct{})
	p.stop = stop
	p.empty.SetText(p.c.t("Looking for the hall's screens…"))
	go p.refresh(stop)
}

// Stop ends the refresh (the page was left).
func (p *HallPage) Stop() {
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
}

// refresh reads the hall every p.every and the screenshots
// that are due, off the UI goroutine, until stop.
func (p *HallPage) refresh(stop chan struct{}) {
	for {
		// The key is read each round: one made meanwhile (an export
		// makes it) turns the actions on without leaving the page.
		fp, path := p.hb.HallKey()
		list := p.hb.HallScreens()
		select {
		case <-stop:
			return
		default:
		}
		var due []HallScreen
		shown := make(chan bool, 1)
		fyne.Do(func() {
			if !p.shown() {
				p.Stop()
				shown <- false
				return
			}
			if fp != p.keyID || p.KeyNote.Text == "" {
				p.showKey(fp, path)
			}
			p.Show(list)
			for _, s := range list {
				if s.State != StateUnreachable && time.Since(p.shotAt[s.Address]) >= hallShotEvery {
					due = append(due, s)
				}
			}
			shown <- true
		})
		select {
		case <-stop:
			return
		case ok := <-shown:
			if !ok {
				return
			}
		}
		for _, s := range due {
			img, err := p.hb.HallScreenshot(s.Address)
			select {
			case <-stop:
				return
			default:
			}
			fyne.Do(func() { p.setShot(s.Address, img, err) })
		}
		select {
		case <-stop:
			return
		case <-time.After(p.every):
		}
	}
}

// shown reports whether the page is on screen: its tab chosen, and the
// console in the window (not left for the visitors).
func (p *HallPage) shown() bool {
	sel := p.c.tabs.Selected()
	return sel != nil && sel.Content == p.root && holds(p.c.win.Content(), p.c.root)
}

// holds reports whether o is parent or among the containers under it.
func holds(parent, o fyne.CanvasObject) bool {
	if parent == o {
		return true
	}
	if c, ok := parent.(*fyne.Container); ok {
		for _, x := range c.Objects {
			if holds(x, o) {
				return true
			}
		}
	}
	return false
}

// showKey says which key signs the commands, or how to get one; without
// one, the actions are off.
func (p *HallPage) showKey(fingerprint, path string) {
	p.keyID = fingerprint
	if fingerprint == "" {
		p.KeyNote.SetText(fmt.Sprintf(p.c.t("This console has no curator key, so it cannot send commands to the screens. Make one on this machine with: showhall keygen --out %s, then add the key's .pub to the trusted keys of every screen (Settings)."), path))
	} else {
		p.KeyNote.SetText(fmt.Sprintf(p.c.t("Commands are signed with this machine's curator key %s: a screen carries them out only if it trusts this key."), fingerprint))
	}
	p.enableActions()
}

func (p *HallPage) enableActions() {
	for _, b := range p.Buttons {
		if p.keyID == "" || p.busy || len(p.targets()) == 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// Show lays out the screens read.
func (p *HallPage) Show(list []HallScreen) {
	p.screens = list
	opts := []string{p.c.t("All screens")}
	for _, s := range list {
		if s.ID != "" {
			opts = append(opts, p.targetName(s))
		}
	}
	p.Target.SetOptions(opts)
	// Chosen again only when the screen chosen is gone: a choice made
	// here would tell the idle timer a curator is there, and the page's
	// own refresh must not keep an abandoned console open.
	if !slices.Contains(opts, p.Target.Selected) {
		p.Target.Selected = opts[0]
		p.Target.Refresh()
	}
	p.showTiles()
	p.enableActions()
}

func (p *HallPage) targetName(s HallScreen) string {
	if s.This {
		return s.Name + " (" + p.c.t("this screen") + ")"
	}
	return s.Name
}

// showTiles puts the tiles of the screens the filter keeps in the grid.
func (p *HallPage) showTiles() {
	var tiles []fyne.CanvasObject
	for _, s := range p.screens {
		if p.Attention.Checked && !s.Attention {
			continue
		}
		tiles = append(tiles, p.tile(s))
	}
	switch {
	case len(p.screens) == 0:
		p.empty.SetText(p.c.t("No screen of the hall answered. A laptop finds the screens on the hall's network by itself; where the network blocks that, start it with showhall curate --peers HOST:PORT,..."))
		p.empty.Show()
	case len(tiles) == 0:
		p.empty.SetText(p.c.t("Every screen is fine."))
		p.empty.Show()
	default:
		p.empty.Hide()
	}
	p.grid.Objects = tiles
	p.grid.Refresh()
}

// stateColor marks a state at a glance.
func stateColor(state string) color.Color {
	switch state {
	case StateFine:
		return color.NRGBA{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff}
	case StateBehind:
		return screens.ColorAccent
	case StateAsleep:
		return screens.ColorPressed
	}
	return screens.ColorUrgent
}

// stateWord is a state in the console's language.
func (p *HallPage) stateWord(state string) string {
	switch state {
	case StateFine:
		return p.c.t("fine")
	case StateBehind:
		return p.c.t("behind")
	case StateStuck:
		return p.c.t("stuck")
	case StateAsleep:
		return p.c.t("asleep")
	case StateUnreachable:
		return p.c.t("unreachable")
	case StateProblem:
		return p.c.t("problem")
	}
	return state
}

// reason is the hall's reason in the console's language; a problem's
// reason names each thing wrong, one line each.
func (p *HallPage) reason(state, en string) string { return HallReason(p.c.lang, state, en) }

// HallReason says in l why the hall judged a screen as in state, from
// the hall's English reason (a problem's several reasons a line each).
func HallReason(l catalog.Lang, state, en string) string {
	if state != StateProblem {
		return trMsg(l, en)
	}
	parts := strings.Split(en, "; ")
	for i, s := range parts {
		parts[i] = trMsg(l, s)
	}
	return strings.Join(parts, "\n")
}

// tile is one screen: its screenshot, name, season, catalogue, state
// and why.
func (p *HallPage) tile(s HallScreen) fyne.CanvasObject {
	var shot fyne.CanvasObject
	if img := p.shots[s.Address]; img != nil && s.State != StateUnreachable {
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillContain
		shot = ci
	} else {
		msg := canvas.NewText(p.c.t("no screenshot yet"), screens.ColorMuted)
		if s.State == StateUnreachable {
			msg.Text = p.c.t("no screenshot")
		}
		shot = container.NewStack(canvas.NewRectangle(screens.ColorStage), container.NewCenter(msg))
	}
	shotBox := container.NewGridWrap(fyne.NewSize(tileSize.Width-20, (tileSize.Width-20)*9/16), shot)

	name := canvas.NewText(s.Name, screens.ColorText)
	if s.Name == "" {
		name.Text = s.Address
	}
	name.TextSize = 18
	name.TextStyle.Bold = true
	chipBg := canvas.NewRectangle(stateColor(s.State))
	chipBg.CornerRadius = 4
	chipText := canvas.NewText(p.stateWord(s.State), screens.ColorText)
	if s.State == StateBehind {
		chipText.Color = screens.ColorStage // dark on the amber
	}
	chipText.TextStyle.Bold = true
	chip := container.NewStack(chipBg, container.NewPadded(chipText))

	head := container.NewHBox(name)
	if s.This {
		mark := canvas.NewText(p.c.t("this screen"), screens.ColorAccent)
		mark.TextStyle.Bold = true
		head.Add(mark)
	}
	head.Add(layout.NewSpacer())
	head.Add(chip)

	var facts []fyne.CanvasObject
	if s.State != StateUnreachable {
		season := s.Season
		if season == "" {
			season = p.c.t("the whole catalogue")
		}
		facts = append(facts,
			p.line(fmt.Sprintf(p.c.t("Season: %s"), season)),
			p.line(fmt.Sprintf(p.c.t("Catalogue: %s"), s.Catalogue)))
	}
	why := widget.NewLabel(p.reason(s.State, s.Reason))
	why.Wrapping = fyne.TextWrapWord

	// A long reason scrolls within the tile rather than spill over the
	// next row.
	body := container.NewBorder(container.NewVBox(append([]fyne.CanvasObject{shotBox, head}, facts...)...), nil, nil, nil,
		container.NewVScroll(why))
	bg := canvas.NewRectangle(screens.ColorPanel)
	bg.CornerRadius = 8
	if s.This {
		bg.StrokeColor, bg.StrokeWidth = screens.ColorAccent, 2
	}
	return container.NewStack(bg, container.NewPadded(body))
}

func (p *HallPage) line(s string) fyne.CanvasObject {
	t := canvas.NewText(s, screens.ColorMuted)
	t.TextSize = 14
	return t
}

// setShot puts a screen's new screenshot on its tile; a failed one keeps
// the last, and is tried again no sooner than a good one would be (a
// screen that cannot be captured must not slow every round).
func (p *HallPage) setShot(addr string, img image.Image, err error) {
	p.shotAt[addr] = time.Now()
	if err != nil || img == nil {
		return
	}
	p.shots[addr] = img
	p.showTiles()
}

// targets are the screens a command goes to: the one chosen, or every
// screen that answers.
func (p *HallPage) targets() []HallScreen {
	var out []HallScreen
	for _, s := range p.screens {
		if s.ID == "" {
			continue // unreachable: no screen to sign for
		}
		if p.Target.SelectedIndex() <= 0 || p.Target.Selected == p.targetName(s) {
			out = append(out, s)
		}
	}
	return out
}

// ask sends action to the chosen screens; a restart is confirmed first.
func (p *HallPage) ask(action string) {
	to := p.targets()
	if p.busy || p.keyID == "" || len(to) == 0 {
		return
	}
	if action == ActionRestart {
		p.c.confirmWarning("Restart the screens", "The screens chosen stop for a moment and start again; a visitor at one loses the page.", func() { p.send(action, to) })
		return
	}
	p.send(action, to)
}

// send hands the command to the backend and shows each screen's answer
// as it comes.
func (p *HallPage) send(action string, to []HallScreen) {
	p.busy = true
	p.enableActions()
	p.answers = nil
	for _, s := range to {
		p.answers = append(p.answers, HallAnswer{Screen: s, Outcome: OutcomeSending})
	}
	p.showAnswers()
	go func() {
		p.hb.HallCommand(action, to, func(a HallAnswer) {
			fyne.Do(func() { p.setAnswer(a) })
		})
		fyne.Do(func() {
			p.busy = false
			p.enableActions()
		})
	}()
}

func (p *HallPage) setAnswer(a HallAnswer) {
	for i := range p.answers {
		if p.answers[i].Screen.ID == a.Screen.ID {
			p.answers[i] = a
		}
	}
	p.showAnswers()
}

// showAnswers writes one line per screen asked: how it went, in the
// screen's words, and what to do about a refusal.
func (p *HallPage) showAnswers() {
	p.Answers.Objects = nil
	for _, a := range p.answers {
		l := widget.NewLabel(p.answerText(a))
		l.Wrapping = fyne.TextWrapWord
		p.Answers.Add(l)
	}
	p.Answers.Refresh()
	p.root.Refresh()
}

// answerText is one screen's answer as the curator reads it.
func (p *HallPage) answerText(a HallAnswer) string {
	var word, advice string
	switch a.Outcome {
	case OutcomeSending:
		word = p.c.t("sending…")
	case OutcomeDone:
		word = p.c.t("done")
	case OutcomeUntrusted:
		word = p.c.t("refused")
		advice = fmt.Sprintf(p.c.t("this screen does not trust your key: add this machine's key %s to its trusted keys (Settings on that screen), or use a key it trusts"), p.keyID)
	case OutcomeClock:
		word = p.c.t("refused")
		advice = p.c.t("this screen's clock and this machine's are minutes apart: set the clocks right, then send again")
	case OutcomeReplayed:
		word = p.c.t("refused")
		advice = p.c.t("the screen saw this very command before: send it again")
	case OutcomeUnsupported:
		word = p.c.t("refused")
		advice = p.c.t("this screen's version of showhall cannot do that: update it")
	case OutcomeUnreachable:
		word = p.c.t("no answer")
		advice = p.c.t("check that the screen is on and on the hall's network")
	default:
		word = p.c.t("failed")
	}
	s := p.targetName(a.Screen) + ": " + word
	if a.Message != "" {
		s += " – " + trMsg(p.c.lang, a.Message)
	}
	if advice != "" {
		s += "\n    " + advice
	}
	return s
}

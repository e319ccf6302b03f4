package curator

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ScreenNameForm renames the screen the console runs on: the name its
// tile, its status and its announcement on the hall's network carry.
type ScreenNameForm struct {
	c       *Console
	hb      HallBackend
	root    fyne.CanvasObject
	Name    *widget.Entry
	Rename  *widget.Button
	Message *widget.Label
}

// newScreenNameForm is nil where there is no screen to rename (a
// laptop, or a backend without the hall).
func newScreenNameForm(c *Console) *ScreenNameForm {
	hb, ok := c.b.(HallBackend)
	if !ok {
		return nil
	}
	name := hb.ScreenName()
	if name == "" {
		return nil
	}
	f := &ScreenNameForm{c: c, hb: hb, Name: c.entry(""), Message: widget.NewLabel("")}
	f.Name.SetText(name)
	f.Message.Wrapping = fyne.TextWrapWord
	f.Message.Hide() // until there is something to say
	f.Rename = c.button("Rename", theme.DocumentCreateIcon(), f.Save)
	form := widget.NewForm(widget.NewFormItem(c.t("This screen's name"), container.NewBorder(nil, nil, nil, f.Rename, f.Name)))
	f.root = container.NewVBox(form, f.Message, widget.NewSeparator())
	return f
}

// Save renames the screen off the UI goroutine (the name is written
// and announced again on the network), then says how it went.
func (f *ScreenNameForm) Save() {
	name := f.Name.Text
	f.Rename.Disable()
	go func() {
		err := f.hb.RenameScreen(name)
		fyne.Do(func() {
			f.Rename.Enable()
			if err != nil {
				f.Message.SetText(f.c.msg(err))
			} else {
				f.Name.SetText(f.hb.ScreenName())
				f.Message.SetText(f.c.t("Renamed: the other screens and the curators' laptops see the new name at once."))
			}
			f.Message.Show()
		})
	}()
}

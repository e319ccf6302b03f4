package video

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// volumeStep is how much one press changes the volume, in percent, and
// the lowest it goes: the video keeps its sound.
const volumeStep = 10

// Volume is a visible volume control for a video with sound: a quieter
// and a louder button the size of a finger, and the level between them.
// A visitor's change lasts for this video: the next one starts at the
// hall volume again.
type Volume struct {
	widget.BaseWidget
	level  int
	set    func(percent int) error
	down   *widget.Button
	up     *widget.Button
	shown  *widget.Label
	failed func(error)
}

// NewVolume makes a control starting at level (10-100) that calls set
// with each new level; failed, if not nil, hears a level the player
// refused (the control then keeps the old level).
func NewVolume(level int, set func(percent int) error, failed func(error)) *Volume {
	v := &Volume{level: min(max(level, volumeStep), 100), set: set, failed: failed}
	v.down = widget.NewButtonWithIcon("", theme.VolumeDownIcon(), func() { v.change(-volumeStep) })
	v.up = widget.NewButtonWithIcon("", theme.VolumeUpIcon(), func() { v.change(volumeStep) })
	v.shown = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	v.show()
	v.ExtendBaseWidget(v)
	return v
}

// Level is the volume in percent.
func (v *Volume) Level() int { return v.level }

// Louder and Quieter act as the buttons do.
func (v *Volume) Louder()  { v.change(volumeStep) }
func (v *Volume) Quieter() { v.change(-volumeStep) }

func (v *Volume) change(d int) {
	next := min(max(v.level+d, volumeStep), 100)
	if next == v.level {
		return
	}
	if v.set != nil {
		if err := v.set(next); err != nil {
			if v.failed != nil {
				v.failed(fmt.Errorf("setting the volume to %d%%: %w", next, err))
			}
			return
		}
	}
	v.level = next
	v.show()
}

func (v *Volume) show() {
	v.shown.SetText(fmt.Sprintf("%d%%", v.level))
	if v.level <= volumeStep {
		v.down.Disable()
	} else {
		v.down.Enable()
	}
	if v.level == 100 {
		v.up.Disable()
	} else {
		v.up.Enable()
	}
}

func (v *Volume) CreateRenderer() fyne.WidgetRenderer {
	touch := fyne.NewSquareSize(64) // about 15 mm on a 24-inch 1080p screen
	icon := widget.NewIcon(theme.VolumeUpIcon())
	row := container.NewHBox(
		container.NewCenter(icon),
		container.NewGridWrap(touch, v.down),
		container.NewGridWrap(fyne.NewSize(96, 64), v.shown),
		container.NewGridWrap(touch, v.up))
	return widget.NewSimpleRenderer(container.NewCenter(row))
}

// SetVolume changes the volume of this surface's video, now if it plays
// and from its next Play otherwise: a Volume control's set.
func (s *Surface) SetVolume(percent int) error {
	s.o.Volume = min(max(percent, 1), 100)
	if s.running {
		return s.p.SetVolume(s.o.Volume)
	}
	return nil
}

// HallVolume is the volume the surface plays at, in percent.
func (s *Surface) HallVolume() int { return volume(s.o.Volume) }

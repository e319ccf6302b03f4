package screens

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// rect is an area of the canvas.
type rect struct{ x0, y0, x1, y1 float32 }

func (r rect) intersect(o rect) rect {
	return rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
}

func (r rect) empty() bool { return r.x1-r.x0 < 1 || r.y1-r.y0 < 1 }

// inside reports whether r lies within o, give or take a pixel.
func (r rect) inside(o rect) bool {
	const slack = 1
	return r.x0 >= o.x0-slack && r.y0 >= o.y0-slack && r.x1 <= o.x1+slack && r.y1 <= o.y1+slack
}

func (r rect) String() string {
	return fmt.Sprintf("(%.0f,%.0f)-(%.0f,%.0f)", r.x0, r.y0, r.x1, r.y1)
}

// drawnText is a text as the visitor sees it: where its letters are, and
// the part of the screen it can show in (scroll areas clip their content).
type drawnText struct {
	text    string
	ink     rect
	visible rect
}

// textProblems walks everything laid out under root, as the canvas draws
// it, and reports each text whose letters are wider or taller than its
// box or run out of a box around it (cut), and each pair of texts whose
// visible letters overlap.
func textProblems(root fyne.CanvasObject, screen fyne.Size) []string {
	var problems []string
	var texts []drawnText
	var visit func(o fyne.CanvasObject, at fyne.Position, boxes []rect, clip rect)
	visit = func(o fyne.CanvasObject, at fyne.Position, boxes []rect, clip rect) {
		if o == nil || !o.Visible() {
			return
		}
		pos := at.Add(o.Position())
		size := o.Size()
		box := rect{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
		if t, ok := o.(*canvas.Text); ok {
			if strings.TrimSpace(t.Text) == "" {
				return
			}
			m := fyne.MeasureText(t.Text, t.TextSize, t.TextStyle)
			x := pos.X
			switch t.Alignment {
			case fyne.TextAlignCenter:
				x += (size.Width - m.Width) / 2
			case fyne.TextAlignTrailing:
				x += size.Width - m.Width
			}
			ink := rect{x, pos.Y, x + m.Width, pos.Y + m.Height}
			if m.Width > size.Width+1 || m.Height > size.Height+1 {
				problems = append(problems, fmt.Sprintf("%q is cut: it needs %.0fx%.0f, its box is %.0fx%.0f", t.Text, m.Width, m.Height, size.Width, size.Height))
			}
			for _, b := range boxes {
				if !ink.inside(b) {
					problems = append(problems, fmt.Sprintf("%q is cut: its letters %v run out of %v", t.Text, ink, b))
					break
				}
			}
			if v := ink.intersect(clip); !v.empty() {
				texts = append(texts, drawnText{t.Text, ink, v})
			}
			return
		}
		var children []fyne.CanvasObject
		switch c := o.(type) {
		case *fyne.Container:
			children = c.Objects
		case fyne.Widget:
			children = test.WidgetRenderer(c).Objects()
		}
		if sc, ok := o.(*container.Scroll); ok {
			// What scrolls is clipped to the scroll's area, not cut; but
			// what runs past the sides of a scroll that only goes up and
			// down can never be seen.
			clip = clip.intersect(box)
			boxes = nil
			if sc.Direction == container.ScrollVerticalOnly {
				boxes = []rect{{box.x0, -1e9, box.x1, 1e9}}
			}
		} else if _, ok := o.(fyne.Widget); ok {
			boxes = append(boxes[:len(boxes):len(boxes)], box)
		}
		for _, c := range children {
			visit(c, pos, boxes, clip)
		}
	}
	visit(root, fyne.Position{}, nil, rect{0, 0, screen.Width, screen.Height})
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			if o := texts[i].visible.intersect(texts[j].visible); !o.empty() {
				problems = append(problems, fmt.Sprintf("%q %v and %q %v overlap", texts[i].text, texts[i].ink, texts[j].text, texts[j].ink))
			}
		}
	}
	return problems
}

// The check itself must find what it is for: a label too narrow for its
// words, a button too narrow for its text, two texts on top of each other.
func TestTextCheckFindsCutAndOverlappingText(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(HallTheme{})
	narrow := canvas.NewText("具身智能与人形机器人 · 13", ColorText)
	narrow.Resize(fyne.NewSize(120, 30))
	chip := widget.NewButton("具身智能与人形机器人 · 13", nil)
	chip.Resize(fyne.NewSize(196, 64))
	chip.Move(fyne.NewPos(0, 100))
	one, two := canvas.NewText("首页", ColorText), canvas.NewText("返回", ColorText)
	one.Resize(fyne.NewSize(100, 40))
	one.Move(fyne.NewPos(0, 300))
	two.Resize(fyne.NewSize(100, 40))
	two.Move(fyne.NewPos(20, 310))
	root := container.NewWithoutLayout(narrow, chip, one, two)
	root.Resize(fyne.NewSize(800, 600))
	got := strings.Join(textProblems(root, fyne.NewSize(800, 600)), "\n")
	for _, want := range []string{"needs", "run out of", "overlap"} {
		if !strings.Contains(got, want) {
			t.Errorf("the check did not report %q in:\n%s", want, got)
		}
	}

	fine := container.NewVBox(widget.NewLabel("首页"), widget.NewLabel("返回"))
	fine.Resize(fyne.NewSize(400, 200))
	if p := textProblems(fine, fyne.NewSize(400, 200)); len(p) > 0 {
		t.Errorf("two labels in a column reported: %v", p)
	}
}

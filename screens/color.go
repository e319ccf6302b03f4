package screens

import (
	"image/color"

	"fyne.io/fyne/v2/canvas"
)

func colorAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

func canvasRect(c color.Color) *canvas.Rectangle { return canvas.NewRectangle(c) }

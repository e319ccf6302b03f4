package app

import (
	"io"
	"time"

	"showhall/assets"
	"showhall/store"
	"showhall/store/catalog"
)

// loadDemo imports the demo catalogue embedded in the binary.
func loadDemo(data *Data) (store.Report, error) {
	doc, err := assets.DemoDocument()
	if err != nil {
		return store.Report{}, err
	}
	open := func(m catalog.Media) (io.ReadCloser, error) { return assets.OpenDemoMedia(m.Hash) }
	return store.Import(data.DB, data.Media, doc, open, "demo", time.Now())
}

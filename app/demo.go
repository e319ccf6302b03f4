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
	// Its media are built into the binary and tested with it: decoding
	// its 300 pictures again at every first start would only delay it.
	return store.ImportWith(data.DB, data.Media, doc, open, store.ImportOptions{Source: "demo", Now: time.Now(), BuiltIn: true})
}

package app

import (
	"io"
	"os"
	"time"

	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

func loadDemo(data *Data) (store.Report, error) {
	doc := catalogtest.Generate(150, 1)
	open := func(m catalog.Media) (io.ReadCloser, error) { return nil, os.ErrNotExist }
	return store.Import(data.DB, data.Media, doc, open, "demo", time.Now())
}

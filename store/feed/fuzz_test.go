package feed

import (
	"testing"
	"time"

	"showhall/store/catalog/catalogtest"
)

func FuzzManifest(f *testing.F) {
	doc := catalogtest.Generate(2, 1)
	good, err := EncodeManifest(doc, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(`{"feed_format":2}`))
	f.Add([]byte(`{"feed_format":1,"catalogue_version":"x","catalogue":{"format":1,"version":"x"}}`))
	f.Add([]byte(`{"feed_format":1,"catalogue":{"media":[{"sha256":"` + string(make([]byte, 64)) + `","size":-1}]}}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"feed_format":1}{}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := ParseManifest(raw, Limits{MaxManifest: 1 << 20})
		if err != nil {
			return
		}
		// Whatever is accepted must be a valid catalogue that writes back.
		if err := m.Catalogue.Validate(); err != nil {
			t.Fatalf("accepted an invalid catalogue: %v", err)
		}
		generated := m.Generated
		if generated.IsZero() { // format 1 did not need it; format 2 does
			generated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		if _, err := EncodeManifest(m.Catalogue, generated, ""); err != nil {
			t.Fatalf("accepted but cannot write back: %v", err)
		}
	})
}

package catalog_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"unsafe"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

// decoded returns a generated document as it comes out of the database:
// every string its own copy.
func decoded(t *testing.T, n int) catalog.Document {
	t.Helper()
	raw, err := json.Marshal(catalogtest.Generate(n, 4))
	if err != nil {
		t.Fatal(err)
	}
	var doc catalog.Document
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// A snapshot keeps one copy of a string repeated across projects (an
// organisation, a theme id) and changes no project.
func TestSnapshotSharesRepeatedStrings(t *testing.T) {
	want := map[string]catalog.Project{}
	for _, p := range decoded(t, 300).Projects {
		want[p.ID] = p
	}
	snap := catalog.NewSnapshot(decoded(t, 300))
	byOrg := map[string]*catalog.Project{}
	byTheme := map[string]string{}
	shared := 0
	for i := 0; i < snap.Len(); i++ {
		p := snap.At(i)
		if !reflect.DeepEqual(*p, want[p.ID]) {
			t.Fatalf("project %s changed in the snapshot", p.ID)
		}
		if q, ok := byOrg[p.Organisation.Hans]; ok {
			if unsafe.StringData(q.Organisation.Hans) != unsafe.StringData(p.Organisation.Hans) {
				t.Fatalf("%s and %s hold two copies of %q", q.ID, p.ID, p.Organisation.Hans)
			}
			shared++
		}
		byOrg[p.Organisation.Hans] = p
		for _, th := range p.Themes {
			if s, ok := byTheme[th]; ok && unsafe.StringData(s) != unsafe.StringData(th) {
				t.Fatalf("two copies of the theme id %q", th)
			}
			byTheme[th] = th
		}
	}
	if shared == 0 {
		t.Fatal("no organisation repeats in the test catalogue: the test proves nothing")
	}
}

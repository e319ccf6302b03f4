package search_test

import (
	"encoding/json"
	"fmt"
	"os"

	"showhall/store/catalog"
	"showhall/store/search"
)

// A browse screen combines the visitor's chips with what they type, and
// highlights the matched part of each result.
func ExampleIndex_Find() {
	b, _ := os.ReadFile("testdata/catalog.json")
	var doc catalog.Document
	_ = json.Unmarshal(b, &doc)
	snap := catalog.NewSnapshot(doc)
	idx := search.Build(snap) // once per snapshot, swapped with it

	within := snap.Filter(catalog.Filter{catalog.FacetTrack: {"health"}})
	hits, total := idx.Find("zhyl", catalog.Hant, within, 2)
	fmt.Println(total, "found")
	for _, h := range hits {
		text := []rune(h.Text)
		r := h.Ranges[0]
		fmt.Printf("%s %s: %s[%s]%s\n", snap.At(h.Index).ID, h.Field,
			string(text[:r.Start]), string(text[r.Start:r.End]), string(text[r.End:]))
	}
	// Output:
	// 3 found
	// med-imaging title: [智慧醫療]影像輔助診斷平台
	// medical-records tag: [智慧醫療]
}

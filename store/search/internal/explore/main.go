// Command explore shows what the kiosk's search finds for some queries,
// in each language, so that results can be looked at before they are
// pinned in a golden test (TestGolden, TestDemoGolden):
//
//	go run ./store/search/internal/explore [-catalogue FILE] [-n 5] QUERY...
//
// With no -catalogue it searches the demo catalogue the hall ships with;
// store/search/testdata/catalog.json is the hand-written one of the tests.
// An underscore in a query stands for a space ("smart_health").
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"showhall/assets"
	"showhall/store/catalog"
	"showhall/store/search"
)

func main() {
	file := flag.String("catalogue", "", "a catalogue document (JSON); default: the demo catalogue")
	n := flag.Int("n", 5, "hits to show per query and language")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("give one or more queries")
	}
	doc, err := load(*file)
	if err != nil {
		log.Fatal(err)
	}
	snap := catalog.NewSnapshot(doc)
	x := search.Build(snap)
	for _, q := range flag.Args() {
		q = strings.ReplaceAll(q, "_", " ")
		for _, l := range catalog.Langs {
			fmt.Printf("%s %s: %s\n", q, l, hits(snap, x.Search(q, l, *n)))
		}
	}
}

func load(file string) (catalog.Document, error) {
	if file == "" {
		return assets.DemoDocument()
	}
	var doc catalog.Document
	b, err := os.ReadFile(file)
	if err == nil {
		err = json.Unmarshal(b, &doc)
	}
	if err == nil {
		err = doc.Validate()
	}
	if err != nil {
		return doc, fmt.Errorf("%s: %w", file, err)
	}
	return doc, nil
}

// hits writes each hit as id:field/lang[highlighted parts]score, best first.
func hits(snap *catalog.Snapshot, hs []search.Hit) string {
	parts := make([]string, 0, len(hs))
	for _, h := range hs {
		text := []rune(h.Text)
		var marked []string
		for _, r := range h.Ranges {
			marked = append(marked, string(text[r.Start:r.End]))
		}
		parts = append(parts, fmt.Sprintf("%s:%s/%s[%s]%d", snap.At(h.Index).ID, h.Field, h.Lang, strings.Join(marked, "|"), h.Score))
	}
	if len(parts) == 0 {
		return "(nothing)"
	}
	return strings.Join(parts, " ")
}

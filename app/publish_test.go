package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"showhall/assets"
)

// A spreadsheet published from a data folder with no catalogue yet takes
// its vocabulary and its seasons from the demo catalogue built into the
// binary, as docs/spreadsheet.md says: a district and a season that only
// the demo has are accepted, and the kiosk that imports the feed gets the
// demo's seasons with their names.
func TestPublishFromSheetWithNoCatalogueUsesTheDemo(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "hall")
	run := func(data string, args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"--data", filepath.Join(dir, data)}, args...), &out, &errb)
		return code, out.String() + errb.String()
	}
	if code, out := run("laptop", "keygen", "--out", key); code != ExitOK {
		t.Fatalf("keygen: %d %s", code, out)
	}
	sheet := filepath.Join(dir, "projects.csv")
	csv := "id,title_en,themes,zone,funding,status,year,rotations\n" +
		"p-001,Low-altitude delivery,low-altitude,nansha,market,deployed,2026,r2025-3*\n"
	if err := os.WriteFile(sheet, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	feedDir := filepath.Join(dir, "feed")
	if code, out := run("laptop", "publish", "--key", key, "--out", feedDir, "--from", sheet); code != ExitOK {
		t.Fatalf("publish --from: exit %d: %s", code, out)
	}
	if code, out := run("kiosk", "import", "--trust", key+".pub", feedDir); code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, out)
	}
	data, err := openData(filepath.Join(dir, "kiosk"), feedLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	doc, err := data.DB.Document()
	if err != nil {
		t.Fatal(err)
	}
	demo, err := assets.DemoDocument()
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Rotations) != len(demo.Rotations) {
		t.Fatalf("%d seasons published, the demo has %d", len(doc.Rotations), len(demo.Rotations))
	}
	for i, r := range doc.Rotations {
		if r.ID != demo.Rotations[i].ID || r.Name != demo.Rotations[i].Name || !r.Start.Equal(demo.Rotations[i].Start) {
			t.Errorf("season %d published as %s %q from %s, the demo's is %s %q from %s", i, r.ID, r.Name.En, r.Start, demo.Rotations[i].ID, demo.Rotations[i].Name.En, demo.Rotations[i].Start)
		}
	}
	if r := doc.Rotations[0]; len(r.Showcase) != 1 || r.Showcase[0].Project != "p-001" || !r.Showcase[0].Featured {
		t.Errorf("season %s showcases %+v, want p-001 featured", r.ID, r.Showcase)
	}
	if len(doc.Projects) != 1 || doc.Projects[0].Zone != "nansha" {
		t.Errorf("projects published: %+v", doc.Projects)
	}
}

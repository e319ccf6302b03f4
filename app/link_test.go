package app

import (
	"go/build"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// linkedPackages walks the showhall packages that the binary (the module
// root's main package) links, from the sources, and returns their import
// paths with the project packages each imports.
func linkedPackages(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	ctx := build.Default
	ctx.BuildTags = append(ctx.BuildTags, "no_emoji", "migrated_fynedo")
	seen := map[string][]string{}
	var walk func(path string)
	walk = func(path string) {
		if _, ok := seen[path]; ok {
			return
		}
		dir := filepath.Join(root, strings.TrimPrefix(strings.TrimPrefix(path, "showhall"), "/"))
		pkg, err := ctx.ImportDir(dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		seen[path] = pkg.Imports
		for _, imp := range pkg.Imports {
			if imp == "showhall" || strings.HasPrefix(imp, "showhall/") {
				walk(imp)
			}
		}
	}
	walk("showhall")
	return seen
}

// Packages made for tests (their names end in "test": catalogtest,
// playertest, feedtest, uitest; or they import "testing") are never
// linked into the binary the hall runs.
func TestBinaryLinksNoTestPackage(t *testing.T) {
	linked := linkedPackages(t)
	for path, imports := range linked {
		if strings.HasSuffix(path, "test") || slices.Contains(imports, "testing") {
			t.Errorf("the binary links %s, a package made for tests", path)
		}
	}
	for _, want := range []string{"showhall/app", "showhall/screens", "showhall/store", "showhall/player/mpv"} {
		if _, ok := linked[want]; !ok {
			t.Errorf("the walk missed %s: it does not follow the binary's imports", want)
		}
	}
}

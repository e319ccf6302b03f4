package screens

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// screenImportsAllowed are the project's packages a screen may import:
// the data it shows, the embedded files, video playback and its own
// sub-packages. Anything it needs from the application (app/...) it asks
// for through an interface of its own, so that things flow one way.
var screenImportsAllowed = []string{"showhall/screens", "showhall/store", "showhall/assets", "showhall/player"}

// badScreenImports lists the imports, in the Go files under dir, of
// project packages a screen may not use, as "file: path".
func badScreenImports(t *testing.T, dir string) []string {
	t.Helper()
	var bad []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != "showhall" && !strings.HasPrefix(p, "showhall/") {
				continue // the standard library, Fyne and other modules
			}
			ok := false
			for _, a := range screenImportsAllowed {
				ok = ok || p == a || strings.HasPrefix(p, a+"/")
			}
			if !ok {
				bad = append(bad, path+": "+p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return bad
}

func TestScreensNeverImportApp(t *testing.T) {
	if bad := badScreenImports(t, "."); len(bad) > 0 {
		t.Errorf("screens import packages they may not (declare an interface in the screen instead, or move the logic beside its data):\n%s", strings.Join(bad, "\n"))
	}
	n := 0
	filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			n++
		}
		return err
	})
	if n < 30 {
		t.Fatalf("only %d Go files under screens/: the walk missed the sub-packages", n)
	}
}

// The check itself catches what it is for: a screen importing app/.
func TestScreenImportCheckCatchesApp(t *testing.T) {
	dir := t.TempDir()
	src := "package x\n\nimport (\n\t\"fmt\"\n\n\t\"fyne.io/fyne/v2\"\n\n\t\"showhall/app\"\n\t\"showhall/store/catalog\"\n)\n"
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := badScreenImports(t, dir)
	if len(bad) != 1 || !strings.HasSuffix(bad[0], ": showhall/app") {
		t.Fatalf("want only showhall/app reported, got %q", bad)
	}
}

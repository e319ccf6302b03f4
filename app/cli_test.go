package app

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCommandLineSaysWhatItDidNotUnderstand(t *testing.T) {
	cases := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--help"}, ExitOK, "Commands:"},
		{[]string{"help"}, ExitOK, "kiosk"},
		{[]string{"--version"}, ExitOK, "showhall"},
		{[]string{"dance"}, ExitUsage, `unknown command "dance"`},
		{[]string{"--frobnicate"}, ExitUsage, "flag provided but not defined"},
		{[]string{"--data", t.TempDir(), "kiosk", "--idle", "5"}, ExitUsage, "at least 30"},
		{[]string{"--data", t.TempDir(), "kiosk", "--lang", "fr"}, ExitUsage, `unknown language "fr"`},
		{[]string{"--data", t.TempDir(), "kiosk", "--text-size", "200"}, ExitUsage, "use 100, 125 or 150"},
		{[]string{"--data", t.TempDir(), "kiosk", "--look", "dark"}, ExitUsage, "use standard or high-contrast"},
		{[]string{"kiosk", "--bogus"}, ExitUsage, "Usage: showhall [--data DIR] kiosk"},
		{[]string{"kiosk", "--help"}, ExitOK, "-idle"},
	}
	for _, c := range cases {
		code, out, errs := run(c.args...)
		if code != c.code || !strings.Contains(out+errs, c.says) {
			t.Errorf("showhall %v: exit %d, output %q %q; want exit %d saying %q", c.args, code, out, errs, c.code, c.says)
		}
	}
}

func TestDataFolderFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SHOWHALL_DATA", dir)
	var seen string
	verbs := append(verbTable(), verb{name: "test-data", run: func(env *Env, _ []string) int { seen = env.DataDir; return ExitOK }})
	run := func(args ...string) int { return mainWith(verbs, args, io.Discard, io.Discard) }
	if code := run("test-data"); code != ExitOK || seen != dir {
		t.Fatalf("exit %d, data folder %q, want %q", code, seen, dir)
	}
	other := t.TempDir()
	if run("--data", other, "test-data"); seen != other {
		t.Fatalf("--data did not win over SHOWHALL_DATA: %q", seen)
	}
}

// The verbs are listed once, in verbs.go: every one has a name of its
// own, a summary and its code, and --help lists them all.
func TestEveryVerbIsInTheTableAndTheHelp(t *testing.T) {
	_, help, _ := run("--help")
	seen := map[string]bool{}
	for _, v := range verbTable() {
		if seen[v.name] || v.run == nil || v.summary == "" {
			t.Errorf("verb %q: listed twice, or without code or summary", v.name)
		}
		seen[v.name] = true
		if listed := strings.Contains(help, "  "+v.name+" "); listed == v.hidden {
			t.Errorf("--help lists %q: %v; a verb showhall runs itself is not listed, every other one is", v.name, listed)
		}
	}
	for _, want := range []string{"kiosk", "curate", "present", "keygen", "publish", "serve", "sync", "import", "export"} {
		if !seen[want] {
			t.Errorf("the table has no verb %q", want)
		}
	}
}

// No file of the composition root registers anything from an init
// function: what the binary can do is read in one place, verbs.go.
func TestNoInitFunctions(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
				t.Errorf("%s: func init at %s; list verbs in verbs.go and wire them from runX", name, fset.Position(fn.Pos()))
			}
		}
	}
	if len(files) < 10 {
		t.Fatalf("found only %d Go files in app/", len(files))
	}
}

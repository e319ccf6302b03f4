package app

import (
	"bytes"
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
	registerVerb(verb{name: "test-data", run: func(env *Env, _ []string) int { seen = env.DataDir; return ExitOK }})
	defer delete(verbs, "test-data")
	if code, _, _ := run("test-data"); code != ExitOK || seen != dir {
		t.Fatalf("exit %d, data folder %q, want %q", code, seen, dir)
	}
	other := t.TempDir()
	if run("--data", other, "test-data"); seen != other {
		t.Fatalf("--data did not win over SHOWHALL_DATA: %q", seen)
	}
}

package app

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Under the Debian service defaults every command starts quietly: Fyne
// reads the locale while it initialises, so only a real process tells.
// The test binary stands in for showhall (TestMain runs Main).
func TestCommandsAreQuietUnderTheCLocale(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, lang := range []string{"C.UTF-8", "C", "POSIX", "C.utf8"} {
		for _, args := range [][]string{{"--help"}, {"--data", dir, "check-database", "nowhere.db"}, {"--data", dir, "help"}} {
			cmd := exec.Command(exe, args...)
			cmd.Env = []string{checkChildEnv + "=1", "LANG=" + lang, "HOME=" + dir, "PATH=" + os.Getenv("PATH")}
			out, _ := cmd.CombinedOutput()
			if strings.Contains(string(out), "Error parsing user locale") || strings.Contains(string(out), "Fyne error") {
				t.Errorf("LANG=%s showhall %s says:\n%s", lang, strings.Join(args, " "), out)
			}
		}
	}
}

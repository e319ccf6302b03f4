// Tests of what the package installs on a dedicated kiosk PC.
package packaging_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestKioskXServerRefusesConsoleKeys checks that a keyboard at a hall PC
// can neither switch to a text console nor kill the X server: the kiosk's
// X server is started with the shipped configuration, which the real
// Xorg reads with both options on, and the package installs it where
// that -config finds it.
func TestKioskXServerRefusesConsoleKeys(t *testing.T) {
	conf := read(t, "xorg/showhall-kiosk.conf")
	server := read(t, "scripts/display-server")
	var xorgLine string
	for _, l := range strings.Split(server, "\n") {
		if strings.HasPrefix(l, "exec /usr/bin/Xorg ") {
			xorgLine = l
		}
	}
	if !strings.Contains(xorgLine, " -config showhall-kiosk.conf ") {
		t.Fatalf("the kiosk's Xorg is started without its configuration: %q", xorgLine)
	}
	if !strings.Contains(read(t, "build-deb.sh"), `"$root/etc/X11/showhall-kiosk.conf"`) {
		t.Fatal("build-deb.sh does not install the configuration in /etc/X11, where Xorg's -config looks")
	}
	for _, opt := range []string{"DontVTSwitch", "DontZap"} {
		re := regexp.MustCompile(`(?s)Section "ServerFlags".*Option\s+"` + opt + `"\s+"(true|on|yes)".*EndSection`)
		if !re.MatchString(conf) {
			t.Errorf("showhall-kiosk.conf does not set %s in ServerFlags", opt)
		}
	}

	// The real X server, on the dummy driver, says what it took in.
	xorg, err := exec.LookPath("Xorg")
	if err != nil {
		t.Skip("no Xorg here to read the configuration")
	}
	if _, err := os.Stat("/usr/lib/xorg/modules/drivers/dummy_drv.so"); err != nil {
		t.Skip("no dummy video driver (xserver-xorg-video-dummy)")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "kiosk.conf")
	dummy := "\nSection \"Device\"\n\tIdentifier \"test\"\n\tDriver \"dummy\"\nEndSection\n"
	if err := os.WriteFile(cfg, []byte(conf+dummy), 0o644); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "Xorg.log")
	display := fmt.Sprintf(":%d", 140+os.Getpid()%50)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, xorg, display, "-config", cfg, "-logfile", logPath, "-nolisten", "tcp", "-sharevts", "-novtswitch")
	if err := cmd.Start(); err != nil {
		t.Skipf("Xorg does not start here: %v", err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	want := []string{`(**) Option "DontVTSwitch" "true"`, `(**) Option "DontZap" "true"`}
	for {
		got, _ := os.ReadFile(logPath)
		if strings.Contains(string(got), want[0]) && strings.Contains(string(got), want[1]) {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("Xorg's log does not show %q:\n%s", want, got)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestDedicatedKioskServiceSaysSo: the console's "Close kiosk" restarts
// the kiosk on a PC with no desktop; the app knows it from the service.
func TestDedicatedKioskServiceSaysSo(t *testing.T) {
	if !strings.Contains(read(t, "systemd/showhall-kiosk.service"), "\nEnvironment=SHOWHALL_DEDICATED=1\n") {
		t.Fatal("showhall-kiosk.service does not tell the kiosk it runs on a dedicated PC")
	}
	if strings.Contains(read(t, "systemd/showhall-desktop-kiosk.service"), "SHOWHALL_DEDICATED") {
		t.Fatal("the desktop session's kiosk claims a dedicated PC")
	}
}

// TestKioskUnitsHaveAMemoryCeiling checks that both kiosk units bound
// the kiosk's memory, the hard limit above the soft one that the kiosk
// reads to restart itself between visitors.
func TestKioskUnitsHaveAMemoryCeiling(t *testing.T) {
	size := regexp.MustCompile(`(?m)^Memory(High|Max)=(\d+)M$`)
	for _, unit := range []string{"systemd/showhall-kiosk.service", "systemd/showhall-desktop-kiosk.service"} {
		m := size.FindAllStringSubmatch(read(t, unit), -1)
		got := map[string]int{}
		for _, x := range m {
			var n int
			fmt.Sscan(x[2], &n)
			got[x[1]] = n
		}
		if got["High"] < 600 || got["Max"] <= got["High"] {
			t.Errorf("%s: MemoryHigh=%dM MemoryMax=%dM; want a high of at least 600M and a max above it", unit, got["High"], got["Max"])
		}
	}
}

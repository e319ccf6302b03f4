package hallnet

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The discovery test runs screens in network namespaces joined by a
// bridge, as a hall's switch joins its PCs: real multicast between real
// network stacks, and nothing of the machine's own network touched (the
// bridge is in a namespace of its own too). It needs root and iproute2.

const roleEnv = "SHOWHALL_DISCOVERY_ROLE"

// TestDiscoveryRole is not a test of its own: run inside a namespace by
// TestScreensFindEachOtherByMulticast, it announces a screen or
// discovers the others, as SHOWHALL_DISCOVERY_ROLE says.
func TestDiscoveryRole(t *testing.T) {
	role := os.Getenv(roleEnv)
	switch {
	case role == "":
		t.Skip("run by TestScreensFindEachOtherByMulticast inside a network namespace")
	case strings.HasPrefix(role, "announce "):
		f := strings.Fields(role)
		port, _ := strconv.Atoi(f[3])
		a, err := Announce(f[1], f[2], "", port)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		defer a.Stop()
		fmt.Println("announced")
		time.Sleep(time.Minute) // until the test kills it
	case role == "discover":
		found, err := Discover(context.Background(), 2*time.Second)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		json.NewEncoder(os.Stdout).Encode(found)
	}
}

func TestScreensFindEachOtherByMulticast(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("network namespaces need root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("iproute2 (ip) is not installed")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tag := strconv.Itoa(os.Getpid() % 100000)
	sw := "shsw" + tag // the switch's namespace
	screens := []string{"sha" + tag, "shb" + tag, "shc" + tag}
	ip := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	for _, ns := range append([]string{sw}, screens...) {
		ip("netns", "add", ns)
		t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
		ip("-n", ns, "link", "set", "lo", "up")
	}
	ip("-n", sw, "link", "add", "br0", "type", "bridge")
	ip("-n", sw, "link", "set", "br0", "up")
	for i, ns := range screens {
		port := fmt.Sprintf("p%d", i)
		ip("-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", port, "netns", sw)
		ip("-n", sw, "link", "set", port, "master", "br0")
		ip("-n", sw, "link", "set", port, "up")
		ip("-n", ns, "addr", "add", fmt.Sprintf("10.77.0.%d/24", i+1), "dev", "eth0")
		ip("-n", ns, "link", "set", "eth0", "up")
		// As on a hall's network with a router: the library's query
		// joins the multicast group on the interface of the default
		// route, and finds none without one.
		ip("-n", ns, "route", "add", "default", "dev", "eth0")
	}

	// Screens A and C announce; B, a curator's laptop, discovers them.
	start := func(ns, role string) *exec.Cmd {
		cmd := exec.Command("ip", "netns", "exec", ns, self, "-test.run", "^TestDiscoveryRole$", "-test.count=1")
		cmd.Env = append(os.Environ(), roleEnv+"="+role)
		return cmd
	}
	for i, ns := range []string{screens[0], screens[2]} {
		cmd := start(ns, fmt.Sprintf("announce screen%d 展厅屏%d %d", i, i, 7470+i))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		line, _ := bufio.NewReader(out).ReadString('\n')
		if strings.TrimSpace(line) != "announced" {
			t.Fatalf("announcing in %s: %s", ns, line)
		}
	}
	raw, err := start(screens[1], "discover").Output()
	if err != nil {
		t.Fatalf("discovering: %v: %s", err, raw)
	}
	var found []Found
	for _, l := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(l, "[") {
			json.Unmarshal([]byte(l), &found)
		}
	}
	want := []Found{{ID: "screen0", Name: "展厅屏0", Addr: "10.77.0.1:7470"}, {ID: "screen1", Name: "展厅屏1", Addr: "10.77.0.3:7471"}}
	if fmt.Sprint(found) != fmt.Sprint(want) {
		t.Fatalf("found %+v; want %+v (output %s)", found, want, raw)
	}
}

func TestTXTNamesComeBackWhole(t *testing.T) {
	for in, want := range map[string]string{
		`name=\229\133\165\229\143\163\229\164\167\229\177\143`: "name=入口大屏",
		`name=a\"b\\c`: `name=a"b\c`,
		`name=plain`:   "name=plain",
		`name=end\`:    `name=end\`,
	} {
		if got := unescapeTXT(in); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

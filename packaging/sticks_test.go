package packaging_test

import (
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Debian 12's kernel (6.1) mounts these itself: vfat and exfat are
// modules of it. "ntfs3" is the name of a kernel driver Debian 12 does
// not build (Debian bug 998627), never a type blkid gives a stick; the
// rule lists it for kernels that have it, and it needs no package.
var kernelMounts = []string{"vfat", "exfat", "ntfs3"}

// mountHelpers are the packages whose mount.TYPE helper the rule relies
// on: udev names an NTFS stick "ntfs", and `mount -t ntfs` runs
// ntfs-3g's /sbin/mount.ntfs (read-write through FUSE, so the kiosk can
// write its result back), which Debian 12 installs only on request.
var mountHelpers = map[string]string{"ntfs": "ntfs-3g"}

// TestStickRuleMountHelpersAreRecommended checks that every file system
// the USB stick rule mounts is one the kernel mounts, or one whose mount
// helper's package the .deb recommends, so that a hall PC installed with
// the package's Recommends mounts every stick the rule takes.
func TestStickRuleMountHelpersAreRecommended(t *testing.T) {
	rule := read(t, "udev/90-showhall-sticks.rules")
	m := regexp.MustCompile(`ENV\{ID_FS_TYPE\}=="([^"]+)"`).FindStringSubmatch(rule)
	if m == nil {
		t.Fatal("the stick rule names no file system types")
	}
	control := read(t, "debian/control.in")
	recommends := regexp.MustCompile(`(?m)^Recommends: (.*)$`).FindStringSubmatch(control)
	if recommends == nil {
		t.Fatal("control.in has no Recommends")
	}
	var recommended []string
	for _, p := range strings.Split(recommends[1], ",") {
		recommended = append(recommended, strings.TrimSpace(p))
	}
	for _, fs := range strings.Split(m[1], "|") {
		if slices.Contains(kernelMounts, fs) {
			continue
		}
		pkg, ok := mountHelpers[fs]
		if !ok {
			t.Errorf("the stick rule mounts %q, which Debian 12's kernel does not mount and no package here is known to", fs)
			continue
		}
		if !slices.Contains(recommended, pkg) {
			t.Errorf("the stick rule mounts %q through %s's helper, and the package does not recommend %s (Recommends: %s)", fs, pkg, pkg, recommends[1])
		}
		// Where the helper is installed here, the package named is the
		// one that ships it.
		if out, err := exec.Command("dpkg-query", "-S", "/sbin/mount."+fs).Output(); err == nil {
			if owner, _, _ := strings.Cut(string(out), ":"); owner != pkg {
				t.Errorf("/sbin/mount.%s comes from %s here, not %s", fs, owner, pkg)
			}
		}
	}
}

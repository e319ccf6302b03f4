//go:build linux && cgo

package heaptrim_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"showhall/app/heaptrim"
	"showhall/app/heaptrim/internal/scatter"
)

func resident(t *testing.T) int64 {
	t.Helper()
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// 64 MB freed in 64 KB holes between blocks still in use stay resident
// until Release, which gives most of them back.
func TestReleaseGivesBackTheHolesInTheHeap(t *testing.T) {
	const n, size = 2048, 64 << 10
	before := resident(t)
	freeRest := scatter.Holes(n, size)
	defer freeRest()
	holed := resident(t)
	if holed-before < n*size*3/4 {
		t.Fatalf("the blocks did not become resident: %d MB -> %d MB", before>>20, holed>>20)
	}
	if !heaptrim.Release() {
		t.Fatal("Release found nothing to give back")
	}
	after := resident(t)
	if given := holed - after; given < n/2*size*3/4 {
		t.Fatalf("Release gave back %d MB of the %d MB of holes (%d -> %d MB)", given>>20, n/2*size>>20, holed>>20, after>>20)
	}
	t.Logf("resident %d MB with the holes, %d MB after Release", holed>>20, after>>20)
}

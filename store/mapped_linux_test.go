package store

import (
	"bufio"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"showhall/store/catalog/catalogtest"
)

// mappedRSS is how many kB of the file at path this process has resident
// through its memory mappings.
func mappedRSS(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	defer f.Close()
	total, inFile := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-"):
			inFile = len(fields) >= 6 && fields[len(fields)-1] == path
		case inFile && fields[0] == "Rss:":
			kb, _ := strconv.Atoi(fields[1])
			total += kb
		}
	}
	return total
}

func TestLoadingTheSnapshotLeavesTheFileUnmapped(t *testing.T) {
	db, ms, _ := openTemp(t)
	if _, err := Import(db, ms, catalogtest.Generate(3000, 1), nil, "test", now); err != nil {
		t.Fatal(err)
	}
	// Touch every page as a plain read would, to see that it counts.
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
	before := mappedRSS(t, db.Path())
	if before < 1024 {
		t.Fatalf("reading the whole database left only %d kB resident; the check below would prove nothing", before)
	}
	first, err := db.Document()
	if err != nil {
		t.Fatal(err)
	}
	if after := mappedRSS(t, db.Path()); after > before/4 {
		t.Fatalf("after loading, %d kB of the database are still resident (%d kB before)", after, before)
	}
	// The pages come back from the file when read again.
	second, err := db.Document()
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Projects) != 3000 || !reflect.DeepEqual(first.Projects, second.Projects) {
		t.Fatalf("the catalogue read differently the second time: %d projects", len(second.Projects))
	}
}

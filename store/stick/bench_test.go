package stick

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLookAtAStick is what the kiosk spends every two seconds: one
// look at a removable-media folder holding one stick with a bundle in
// its showhall/ folder, 200 photos and 20 folders beside it.
func BenchmarkLookAtAStick(b *testing.B) {
	root := b.TempDir()
	s := filepath.Join(root, "kiosk", "CURATOR")
	os.MkdirAll(filepath.Join(s, FolderName), 0o755)
	os.WriteFile(filepath.Join(s, FolderName, "season.zip"), []byte("PK"), 0o644)
	for i := range 200 {
		os.WriteFile(filepath.Join(s, fmt.Sprintf("IMG_%04d.jpg", i)), nil, 0o644)
	}
	for i := range 20 {
		os.MkdirAll(filepath.Join(s, fmt.Sprintf("folder-%02d", i), "inner"), 0o755)
	}
	b.ResetTimer()
	for range b.N {
		if found, _ := Scan([]string{root, filepath.Join(root, "absent")}, DefaultLimits); len(found) != 1 {
			b.Fatalf("found %v", found)
		}
	}
}

// BenchmarkLookWithoutAStick is the look when no stick is plugged in.
func BenchmarkLookWithoutAStick(b *testing.B) {
	root := b.TempDir()
	os.MkdirAll(filepath.Join(root, "kiosk"), 0o755)
	b.ResetTimer()
	for range b.N {
		Scan([]string{root, filepath.Join(root, "absent")}, DefaultLimits)
	}
}

// Package demogen writes the hall's demo catalogue: sample projects in
// three languages composed from hand-written word banks, rotations for
// 2025 and 2026, and procedurally painted pictures, plus the promo clips
// committed in assets/video, copied as they are. Everything follows from
// fixed seeds, so running it twice gives the same bytes.
//
// The pictures are painted with floating-point arithmetic; Go keeps that
// bit-exact on one architecture, but a platform that fuses multiply-adds
// (arm64, ppc64, s390x) may round a few pixels differently. The committed
// files were made on amd64.
package demogen

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"showhall/store/catalog"
)

// JPEGQuality balances looks against the size of the embedded media.
const JPEGQuality = 80

// Picture paints and encodes one job's picture.
func Picture(j ImageJob) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Render(j), &jpeg.Options{Quality: JPEGQuality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Hash names media the way the store does: lowercase hex sha256.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Assemble fills covers, galleries and the media list from the encoded
// pictures (data[i] belongs to jobs[i]), then adds the promo clips
// (clips[i] belongs to Clips[i]) to the media, projects and rotations.
func Assemble(doc catalog.Document, jobs []ImageJob, data [][]byte, clips []ClipData) catalog.Document {
	byProject := map[string][]int{}
	for i, j := range jobs {
		byProject[j.Project] = append(byProject[j.Project], i)
	}
	doc.Media = nil
	for pi := range doc.Projects {
		p := &doc.Projects[pi]
		p.Cover, p.Gallery, p.Videos = "", nil, nil
		for _, i := range byProject[p.ID] {
			h := Hash(data[i])
			if jobs[i].Slot == 0 {
				p.Cover = h
			} else {
				p.Gallery = append(p.Gallery, h)
			}
			doc.Media = append(doc.Media, catalog.Media{
				Hash: h, Type: "image/jpeg", Size: int64(len(data[i])),
				Width: jobs[i].Width, Height: jobs[i].Height,
			})
		}
	}
	addClips(&doc, clips)
	return doc
}

// Marshal writes the document as the committed file has it.
func Marshal(doc catalog.Document) ([]byte, error) {
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Stats tells what Generate wrote.
type Stats struct {
	Projects, Images, Clips int
	MediaBytes              int64
}

// Generate writes dir/catalogue.json and dir/media/<sha256>.<ext> with
// the promo clips read from videoDir, removing media left over from an
// earlier run.
func Generate(dir, videoDir string) (Stats, error) {
	clips, err := LoadClips(videoDir)
	if err != nil {
		return Stats{}, err
	}
	doc, jobs := Plan()
	data := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data[i], errs[i] = Picture(jobs[i])
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return Stats{}, err
		}
	}
	doc = Assemble(doc, jobs, data, clips)
	if err := doc.Validate(); err != nil {
		return Stats{}, err
	}

	media := filepath.Join(dir, "media")
	if err := os.MkdirAll(media, 0o755); err != nil {
		return Stats{}, err
	}
	st := Stats{Projects: len(doc.Projects), Images: len(data), Clips: len(clips)}
	content := map[string][]byte{}
	for _, d := range data {
		content[Hash(d)] = d
	}
	for _, c := range clips {
		content[Hash(c.Video)] = c.Video
		for _, s := range c.Subtitles {
			content[Hash(s)] = s
		}
	}
	keep := map[string]bool{}
	for _, m := range doc.Media {
		name := m.Hash + Ext(m.Type)
		keep[name] = true
		st.MediaBytes += m.Size
		if err := os.WriteFile(filepath.Join(media, name), content[m.Hash], 0o644); err != nil {
			return Stats{}, err
		}
	}
	old, err := os.ReadDir(media)
	if err != nil {
		return Stats{}, err
	}
	for _, e := range old {
		if !e.IsDir() && !keep[e.Name()] {
			if err := os.Remove(filepath.Join(media, e.Name())); err != nil {
				return Stats{}, err
			}
		}
	}
	b, err := Marshal(doc)
	if err != nil {
		return Stats{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "catalogue.json"), b, 0o644); err != nil {
		return Stats{}, fmt.Errorf("writing the catalogue: %w", err)
	}
	return st, nil
}

package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"io/fs"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the rotation test must not depend on the machine's zone files
	"unicode/utf8"

	"showhall/assets/internal/demogen"
	"showhall/store/catalog"
	"showhall/store/feed"
)

func demo(t *testing.T) catalog.Document {
	t.Helper()
	doc, err := DemoDocument()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDemoValidates(t *testing.T) {
	doc := demo(t)
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
	if doc.Format != catalog.FormatVersion {
		t.Errorf("format %d, want %d", doc.Format, catalog.FormatVersion)
	}
	if len(doc.Projects) < 120 {
		t.Errorf("%d projects, want at least 120", len(doc.Projects))
	}
	perYear := map[int]int{}
	for _, p := range doc.Projects {
		perYear[p.Year]++
		if !p.OnList("demonstration") {
			t.Errorf("%s is not on the demonstration list", p.ID)
		}
		if want := "https://scenes.example.gov.cn/project/" + p.ID; p.PortalURL != want {
			t.Errorf("%s: portal URL %q, want %q", p.ID, p.PortalURL, want)
		}
		if p.Updated.Location() != time.UTC || p.Updated.Year() < 2024 || p.Updated.Year() > 2026 {
			t.Errorf("%s: updated %v, want a UTC time in 2024-2026", p.ID, p.Updated)
		}
	}
	for y := 2024; y <= 2026; y++ {
		if perYear[y] < 40 {
			t.Errorf("%d projects in %d, want at least 40", perYear[y], y)
		}
	}
}

// Every value of every vocabulary is used, so every chip has projects.
func TestDemoCoversVocabulary(t *testing.T) {
	doc := demo(t)
	used := map[string]map[string]bool{}
	use := func(kind, id string) {
		if used[kind] == nil {
			used[kind] = map[string]bool{}
		}
		used[kind][id] = true
	}
	for _, p := range doc.Projects {
		for _, th := range p.Themes {
			use("theme", th)
		}
		use("track", p.Track)
		use("zone", p.Zone)
		use("funding", p.Funding)
		use("status", p.Status)
		for _, l := range p.Lists {
			use("list", l.List)
			if l.List == "opportunity" && !strings.HasPrefix(l.Batch, fmt.Sprint(p.Year)+"-") {
				t.Errorf("%s: opportunity batch %q is not of the form %d-n", p.ID, l.Batch, p.Year)
			}
		}
	}
	v := doc.Vocabulary
	for kind, terms := range map[string][]catalog.Term{
		"theme": v.Themes, "track": v.Tracks, "zone": v.Zones, "list": v.Lists, "funding": v.Funding, "status": v.Statuses,
	} {
		for _, term := range terms {
			if !used[kind][term.ID] {
				t.Errorf("%s %q is used by no project", kind, term.ID)
			}
		}
	}
	groups := map[string]int{}
	for _, z := range v.Zones {
		groups[z.Group]++
	}
	if groups["area"] != 3 || groups["district"] < 5 {
		t.Errorf("zones by group: %v, want 3 areas and several districts", groups)
	}
	for _, id := range []string{"smart-healthcare", "smart-education", "smart-tourism", "smart-commerce", "smart-rail"} {
		if !used["theme"][id] {
			t.Errorf("showcased theme %q is missing", id)
		}
	}
}

func TestDemoSpeaksThreeLanguages(t *testing.T) {
	doc := demo(t)
	check := func(who string, x catalog.Text) {
		if x.Hans == "" || x.Hant == "" || x.En == "" {
			t.Errorf("%s: missing a language: %+v", who, x)
		}
	}
	v := doc.Vocabulary
	for _, terms := range [][]catalog.Term{v.Themes, v.Tracks, v.Zones, v.Lists, v.Funding, v.Statuses} {
		for _, term := range terms {
			check("term "+term.ID, term.Name)
		}
	}
	titles := map[catalog.Lang]map[string]string{catalog.Hans: {}, catalog.Hant: {}, catalog.En: {}}
	differs := 0
	for _, p := range doc.Projects {
		check(p.ID+" title", p.Title)
		check(p.ID+" summary", p.Summary)
		check(p.ID+" body", p.Body)
		check(p.ID+" organisation", p.Organisation)
		check(p.ID+" site", p.Site)
		if len(p.Technologies) == 0 {
			t.Errorf("%s has no technologies", p.ID)
		}
		for _, x := range p.Technologies {
			check(p.ID+" technology", x)
		}
		if p.Title.Hant != p.Title.Hans {
			differs++
		}
		for _, l := range catalog.Langs {
			s := p.Title.In(l)
			if other, dup := titles[l][s]; dup {
				t.Errorf("%s and %s share the title %q", other, p.ID, s)
			}
			titles[l][s] = p.ID
		}
		// Sample content must say so wherever it names someone.
		if !strings.Contains(p.Organisation.Hans, "示例") || !strings.Contains(p.Organisation.Hant, "示例") || !strings.Contains(p.Organisation.En, "(sample)") {
			t.Errorf("%s: organisation %+v is not marked as a sample", p.ID, p.Organisation)
		}
		// Summaries are a sentence or two, bodies three to five.
		if n := strings.Count(p.Summary.Hans, "。"); n < 1 || n > 2 {
			t.Errorf("%s: summary has %d sentences", p.ID, n)
		}
		if n := strings.Count(p.Body.Hans, "。"); n < 3 || n > 5 {
			t.Errorf("%s: body has %d sentences", p.ID, n)
		}
	}
	if differs*10 < len(doc.Projects)*8 {
		t.Errorf("only %d of %d titles differ between zh-Hant and zh-Hans", differs, len(doc.Projects))
	}
	for _, r := range doc.Rotations {
		check("rotation "+r.ID, r.Name)
	}
}

func TestDemoRotationsCover2026(t *testing.T) {
	doc := demo(t)
	snap := catalog.NewSnapshot(doc)
	zone, err := time.LoadLocation(catalog.HallZone)
	if err != nil {
		t.Fatal(err)
	}
	for d := time.Date(2026, 1, 1, 12, 0, 0, 0, zone); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		r, err := snap.Current(d)
		if err != nil {
			t.Fatalf("%s: %v", d.Format(time.DateOnly), err)
		}
		if !r.ActiveAt(d) {
			t.Errorf("%s: no rotation is active (current is %s)", d.Format(time.DateOnly), r.ID)
		}
		if d.Before(time.Date(2026, 9, 1, 0, 0, 0, 0, zone)) {
			if _, ok := snap.Upcoming(d); !ok {
				t.Errorf("%s: no upcoming rotation", d.Format(time.DateOnly))
			}
		}
	}
	past := false
	for _, r := range doc.Rotations {
		if r.TimeZone != catalog.HallZone {
			t.Errorf("%s: time zone %q", r.ID, r.TimeZone)
		}
		for _, at := range []time.Time{r.Start, r.End} {
			if l := at.In(zone); l.Hour() != 0 || l.Minute() != 0 || at.Location() != time.UTC {
				t.Errorf("%s: boundary %v is not a UTC instant at local midnight", r.ID, at)
			}
		}
		featured := 0
		for _, s := range r.Showcase {
			if s.Featured {
				featured++
			}
		}
		if len(r.Showcase) < 12 || len(r.Showcase) > 16 || featured < 3 || featured > 4 {
			t.Errorf("%s shows %d projects, %d featured; want 12-16 and 3-4", r.ID, len(r.Showcase), featured)
		}
		if len(r.Attract) < 2 || len(r.Attract) > 4 {
			t.Errorf("%s has %d attract videos, want 2-4", r.ID, len(r.Attract))
		}
		seen := map[string]bool{}
		for _, h := range r.Attract {
			if m, ok := snap.Media(h); !ok || !m.IsVideo() {
				t.Errorf("%s: attract entry %.12s is not a video of the catalogue", r.ID, h)
			}
			if seen[h] {
				t.Errorf("%s plays %.12s twice", r.ID, h)
			}
			seen[h] = true
		}
		past = past || r.End.Before(time.Date(2026, 1, 1, 0, 0, 0, 0, zone).Add(time.Second))
	}
	if !past {
		t.Error("no rotation ended by 2026: the most-recent-past rule has nothing to show")
	}
}

func TestDemoMedia(t *testing.T) {
	doc := demo(t)
	listed := map[string]catalog.Media{}
	for _, m := range doc.Media {
		listed[m.Hash] = m
	}
	for _, p := range doc.Projects {
		if p.Cover == "" || len(p.Gallery) < 1 || len(p.Gallery) > 3 {
			t.Errorf("%s: cover %q and %d gallery pictures; want a cover and 1-3", p.ID, p.Cover, len(p.Gallery))
		}
		if m := listed[p.Cover]; m.Width != 1600 || m.Height != 900 {
			t.Errorf("%s: cover is %dx%d, want 1600x900", p.ID, m.Width, m.Height)
		}
	}

	// Every file is listed, and nothing listed is missing.
	entries, err := fs.ReadDir(DemoMedia(), ".")
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, e := range entries {
		h, ext, _ := strings.Cut(e.Name(), ".")
		if m, known := listed[h]; !known || "."+ext != demogen.Ext(m.Type) {
			t.Errorf("media file %s is not in the catalogue under that type", e.Name())
		}
	}
	if len(entries) != len(doc.Media) {
		t.Errorf("%d media files for %d media entries", len(entries), len(doc.Media))
	}

	// Decoding is the slow part: share it between the cores.
	var mu sync.Mutex
	var wg sync.WaitGroup
	work := make(chan catalog.Media)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range work {
				var problem string
				switch {
				case m.IsImage():
					problem = checkPicture(m)
				case m.IsVideo():
					problem = checkVideo(m)
				default:
					problem = checkSubtitles(m)
				}
				mu.Lock()
				if problem != "" {
					t.Errorf("%s: %s", m.Hash, problem)
				}
				total += m.Size
				mu.Unlock()
			}
		}()
	}
	for _, m := range doc.Media {
		work <- m
	}
	close(work)
	wg.Wait()
	t.Logf("%d media files, %.1f MB", len(doc.Media), float64(total)/1e6)
	// Every kiosk binary embeds these. The pictures take about 23 MB; the
	// four 8 s promo clips add 2.1 MB (1.4 MB of it the cellular-automaton
	// one, which compresses poorly), so 27 MB leaves room for a few more
	// pictures but not for another clip of that kind without a look here.
	if total > 27e6 {
		t.Errorf("the demo media take %.1f MB; keep them under 27 MB", float64(total)/1e6)
	}
}

// readMedia reads one demo file and checks its hash and size; it returns
// the content, or what is wrong.
func readMedia(m catalog.Media) ([]byte, string) {
	f, err := OpenDemoMedia(m.Hash)
	if err != nil {
		return nil, err.Error()
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, err.Error()
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != m.Hash {
		return nil, "content does not match its name"
	}
	if int64(len(data)) != m.Size {
		return nil, fmt.Sprintf("%d bytes, listed as %d", len(data), m.Size)
	}
	return data, ""
}

// checkPicture says what is wrong with one picture, or "".
func checkPicture(m catalog.Media) string {
	if m.Type != "image/jpeg" {
		return "type " + m.Type
	}
	data, problem := readMedia(m)
	if problem != "" {
		return problem
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return err.Error()
	}
	if b := img.Bounds(); b.Dx() != m.Width || b.Dy() != m.Height {
		return fmt.Sprintf("%dx%d, listed as %dx%d", b.Dx(), b.Dy(), m.Width, m.Height)
	}
	// A flat fill is near 0; the quietest pictures here are around 12.
	if sd := lumaSpread(img); sd < 9 {
		return fmt.Sprintf("looks flat: brightness varies by only %.1f", sd)
	}
	return ""
}

// lumaSpread is the standard deviation of brightness (0-255) over a grid
// of samples.
func lumaSpread(img image.Image) float64 {
	b := img.Bounds()
	var sum, sq, n float64
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			l := (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(bl)) / 257
			sum, sq, n = sum+l, sq+l*l, n+1
		}
	}
	mean := sum / n
	return math.Sqrt(sq/n - mean*mean)
}

// checkVideo says what is wrong with one promo clip, or "".
func checkVideo(m catalog.Media) string {
	if m.Type != "video/mp4" {
		return "type " + m.Type
	}
	data, problem := readMedia(m)
	if problem != "" {
		return problem
	}
	codec, w, h, err := mp4Picture(data)
	if err != nil {
		return err.Error()
	}
	if codec != "avc1" {
		return "video codec " + codec + ", want H.264 (avc1), which every kiosk decodes"
	}
	if w != m.Width || h != m.Height {
		return fmt.Sprintf("%dx%d, listed as %dx%d", w, h, m.Width, m.Height)
	}
	return ""
}

// checkSubtitles says what is wrong with one subtitle file, or "".
func checkSubtitles(m catalog.Media) string {
	if m.Type != demogen.SubtitleType {
		return "type " + m.Type
	}
	data, problem := readMedia(m)
	if problem != "" {
		return problem
	}
	if !utf8.Valid(data) || !bytes.HasPrefix(data, []byte("1\n")) || !bytes.Contains(data, []byte(" --> ")) {
		return "not a UTF-8 SubRip file"
	}
	return ""
}

// mp4Picture reads the video track's sample entry of an MP4 file: its
// codec and the picture size the decoder is told.
func mp4Picture(data []byte) (codec string, w, h int, err error) {
	var walk func(b []byte, video bool) bool
	walk = func(b []byte, video bool) bool {
		for len(b) >= 8 {
			size, typ, head := uint64(binary.BigEndian.Uint32(b)), string(b[4:8]), uint64(8)
			switch size {
			case 0:
				size = uint64(len(b))
			case 1:
				if len(b) < 16 {
					return false
				}
				size, head = binary.BigEndian.Uint64(b[8:]), 16
			}
			if size < head || size > uint64(len(b)) {
				return false
			}
			body := b[head:size]
			switch typ {
			case "moov", "mdia", "minf", "stbl":
				if walk(body, video) {
					return true
				}
			case "trak":
				// A track is video when its handler says so.
				if walk(body, handler(body) == "vide") {
					return true
				}
			case "stsd":
				// Full box header, entry count, then the first sample entry:
				// size, type, 6+2 reserved/reference, 16 predefined, width, height.
				if video && len(body) >= 8+36 {
					e := body[8:]
					codec = string(e[4:8])
					w, h = int(binary.BigEndian.Uint16(e[32:])), int(binary.BigEndian.Uint16(e[34:]))
					return true
				}
			}
			b = b[size:]
		}
		return false
	}
	if !walk(data, false) {
		return "", 0, 0, errors.New("no video track found in the MP4 file")
	}
	return codec, w, h, nil
}

// handler finds the handler type of a trak box's media (mdia/hdlr).
func handler(trak []byte) string {
	i := bytes.Index(trak, []byte("hdlr"))
	if i < 0 || len(trak) < i+4+12 {
		return ""
	}
	return string(trak[i+12 : i+16]) // after version/flags and pre_defined
}

// Each promo clip is in the catalogue with subtitles in every language,
// a caption, a place in some attract loop and on the pages of projects
// of its theme.
func TestDemoClips(t *testing.T) {
	doc := demo(t)
	snap := catalog.NewSnapshot(doc)
	clips, err := demogen.LoadClips("video")
	if err != nil {
		t.Fatal(err)
	}
	attract := map[string]int{}
	for _, r := range doc.Rotations {
		for _, h := range r.Attract {
			attract[h]++
		}
	}
	videos := 0
	for _, m := range doc.Media {
		if m.IsVideo() {
			videos++
		}
	}
	if videos != len(demogen.Clips) {
		t.Errorf("%d videos in the catalogue, want the %d clips", videos, len(demogen.Clips))
	}
	for i, c := range demogen.Clips {
		h := demogen.Hash(clips[i].Video)
		m, ok := snap.Media(h)
		if !ok || !m.IsVideo() {
			t.Errorf("%s (%.12s) is not a video of the catalogue", c.Name, h)
			continue
		}
		if m.Caption.Hans == "" || m.Caption.Hant == "" || m.Caption.En == "" {
			t.Errorf("%s: caption %+v misses a language", c.Name, m.Caption)
		}
		for _, l := range catalog.Langs {
			sub, ok := snap.Media(m.Subtitles[l])
			if !ok || sub.Type != demogen.SubtitleType {
				t.Errorf("%s: no %s subtitles in the catalogue", c.Name, l)
			} else if sub.Hash != demogen.Hash(clips[i].Subtitles[l]) {
				t.Errorf("%s: %s subtitles are not video/%s.%s.srt", c.Name, l, c.Name, l)
			}
		}
		if len(m.Subtitles) != len(catalog.Langs) {
			t.Errorf("%s: subtitles in %d languages, want %d", c.Name, len(m.Subtitles), len(catalog.Langs))
		}
		if attract[h] == 0 {
			t.Errorf("%s is in no rotation's attract loop", c.Name)
		}
		var shown []string
		for _, p := range doc.Projects {
			for _, v := range p.Videos {
				if v == h {
					shown = append(shown, p.ID)
					if !p.HasTheme(c.Theme) {
						t.Errorf("%s is on %s, which is not about %s", c.Name, p.ID, c.Theme)
					}
				}
			}
		}
		if len(shown) < 1 || len(shown) > 2 {
			t.Errorf("%s is on the pages of %v, want 1-2 projects", c.Name, shown)
		}
	}
}

// The demo can be published as a feed as it is: the feed refuses media
// types it does not know, subtitles included.
func TestDemoPublishes(t *testing.T) {
	if _, err := feed.EncodeManifest(demo(t), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "assets test"); err != nil {
		t.Fatal(err)
	}
}

func TestOpenDemoMedia(t *testing.T) {
	if _, err := OpenDemoMedia("../catalogue.json"); err == nil {
		t.Error("a path that is not a hash opened")
	}
	if _, err := OpenDemoMedia(strings.Repeat("0", 64)); err == nil {
		t.Error("a hash that is not in the demo opened")
	}
	// Every kind of file opens by hash alone.
	kinds := map[string]bool{}
	for _, m := range demo(t).Media {
		if kinds[m.Type] {
			continue
		}
		kinds[m.Type] = true
		f, err := OpenDemoMedia(m.Hash)
		if err != nil {
			t.Errorf("%s %s: %v", m.Type, m.Hash, err)
			continue
		}
		f.Close()
	}
	if len(kinds) != 3 {
		t.Errorf("media types %v, want pictures, videos and subtitles", kinds)
	}
}

// The committed catalogue is what the generator writes today from the
// clips in assets/video: the text part exactly, and a sample of the pictures (painting all takes a while;
// `go generate ./assets/...` followed by `git diff` checks the rest).
func TestGeneratorReproducesDemo(t *testing.T) {
	doc := demo(t)
	plan, jobs := demogen.Plan()
	again, _ := demogen.Plan()
	a, _ := demogen.Marshal(plan)
	b, _ := demogen.Marshal(again)
	if !bytes.Equal(a, b) {
		t.Fatal("two plans differ: the generator is not deterministic")
	}

	// Assemble the plan with the committed pictures, slot by slot.
	slots := map[string][]string{}
	for _, p := range doc.Projects {
		slots[p.ID] = p.Images()
	}
	data := make([][]byte, len(jobs))
	for i, j := range jobs {
		if j.Slot >= len(slots[j.Project]) {
			t.Fatalf("%s has no picture in slot %d: regenerate the demo", j.Project, j.Slot)
		}
		f, err := OpenDemoMedia(slots[j.Project][j.Slot])
		if err != nil {
			t.Fatal(err)
		}
		data[i], _ = io.ReadAll(f)
		f.Close()
	}
	clips, err := demogen.LoadClips("video")
	if err != nil {
		t.Fatal(err)
	}
	got, err := demogen.Marshal(demogen.Assemble(plan, jobs, data, clips))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, demoCatalogue) {
		t.Fatal("assets/demo/catalogue.json is not what the generator writes: run go generate ./assets/...")
	}

	// Repaint a few pictures, one of each size and several motifs.
	step := len(jobs)/5 + 1
	for i := 0; i < len(jobs); i += step {
		pic, err := demogen.Picture(jobs[i])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(pic, data[i]) {
			t.Errorf("picture %d of %s paints differently from the committed file", jobs[i].Slot, jobs[i].Project)
		}
	}
}

package demogen

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"showhall/store/catalog"
)

// Clip is one promo clip committed in assets/video (made by
// make-clips.sh): NAME.mp4 with NAME.<lang>.srt beside it.
type Clip struct {
	Name    string // file stem
	Theme   string // the projects of this theme show it on their page
	Caption catalog.Text
}

// The clips are 960x540, as make-clips.sh renders them; the assets tests
// read the size back from each file.
const (
	ClipWidth  = 960
	ClipHeight = 540
)

// SubtitleType is the type the feed accepts for .srt files (store/feed
// allows text/vtt and application/x-subrip only), so the demo can be
// published as it is.
const SubtitleType = "application/x-subrip"

// Clips lists the promo clips in the order their media are listed.
var Clips = []Clip{
	{"promo-healthcare", "smart-healthcare", t3("智慧医疗应用场景", "智慧醫療應用場景", "Smart healthcare scenes")},
	{"promo-education", "smart-education", t3("智慧教育应用场景", "智慧教育應用場景", "Smart education scenes")},
	{"promo-culture-tourism", "smart-tourism", t3("智慧文旅应用场景", "智慧文旅應用場景", "Smart culture and tourism scenes")},
	{"promo-rail-transit", "smart-rail", t3("智慧轨交应用场景", "智慧軌交應用場景", "Smart rail transit scenes")},
}

// clipProjects is how many projects of a clip's theme show the clip.
const clipProjects = 2

// ClipData is the content of one clip's files.
type ClipData struct {
	Video     []byte
	Subtitles map[catalog.Lang][]byte
}

// LoadClips reads every clip of Clips from dir (assets/video), in order.
// A missing file is an error: the demo must not lose a clip quietly.
func LoadClips(dir string) ([]ClipData, error) {
	out := make([]ClipData, len(Clips))
	for i, c := range Clips {
		v, err := os.ReadFile(filepath.Join(dir, c.Name+".mp4"))
		if err != nil {
			return nil, fmt.Errorf("promo clip: %w", err)
		}
		out[i] = ClipData{Video: v, Subtitles: map[catalog.Lang][]byte{}}
		for _, l := range catalog.Langs {
			s, err := os.ReadFile(filepath.Join(dir, c.Name+"."+string(l)+".srt"))
			if err != nil {
				return nil, fmt.Errorf("promo clip subtitles: %w", err)
			}
			out[i].Subtitles[l] = s
		}
	}
	return out, nil
}

// Ext is the file extension the demo's media folder gives a media type.
func Ext(typ string) string {
	switch typ {
	case "image/jpeg":
		return ".jpg"
	case "video/mp4":
		return ".mp4"
	case SubtitleType:
		return ".srt"
	}
	return ""
}

// addClips lists the clips and their subtitles as media, puts each clip
// on the pages of the leading projects of its theme, and fills the
// rotations' attract lists (clips[i] belongs to Clips[i]).
func addClips(doc *catalog.Document, clips []ClipData) {
	byName := map[string]string{}
	for i, c := range Clips {
		d := clips[i]
		v := catalog.Media{
			Hash: Hash(d.Video), Type: "video/mp4", Size: int64(len(d.Video)),
			Width: ClipWidth, Height: ClipHeight, Caption: c.Caption,
			Subtitles: map[catalog.Lang]string{},
		}
		var subs []catalog.Media
		for _, l := range catalog.Langs {
			s := d.Subtitles[l]
			v.Subtitles[l] = Hash(s)
			subs = append(subs, catalog.Media{Hash: Hash(s), Type: SubtitleType, Size: int64(len(s))})
		}
		doc.Media = append(append(doc.Media, v), subs...)
		byName[c.Name] = v.Hash

		for _, p := range leading(doc.Projects, c.Theme, clipProjects) {
			p.Videos = append(p.Videos, v.Hash)
		}
	}
	for ri := range doc.Rotations {
		r := &doc.Rotations[ri]
		r.Attract = nil
		for _, s := range seasons {
			if s.id != r.ID {
				continue
			}
			for _, name := range s.attract {
				r.Attract = append(r.Attract, byName[name])
			}
		}
	}
}

// leading returns the n projects of a theme (their first theme) that the
// rotations rank highest: landed and recent ones first, so the clip sits
// on pages the hall actually showcases.
func leading(projects []catalog.Project, theme string, n int) []*catalog.Project {
	var ps []*catalog.Project
	for i := range projects {
		if projects[i].Themes[0] == theme {
			ps = append(ps, &projects[i])
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ranksBefore(ps[i], ps[j]) })
	return ps[:min(n, len(ps))]
}

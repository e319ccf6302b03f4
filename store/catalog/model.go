package catalog

import "time"

// HallZone is the time zone in which the hall's dates are planned and read.
const HallZone = "Asia/Shanghai"

// Term is one entry of a vocabulary: a theme, a track, a zone, a list...
type Term struct {
	ID   string `json:"id"`
	Name Text   `json:"name"`
	// Group sorts zones into pilot-zone areas ("area") and city districts
	// ("district"); other vocabularies leave it empty.
	Group string `json:"group,omitempty"`
}

// Vocabulary holds every controlled word a project may refer to.
type Vocabulary struct {
	Themes   []Term `json:"themes"`   // application fields: smart healthcare, ...
	Tracks   []Term `json:"tracks"`   // the four leading AI tracks
	Zones    []Term `json:"zones"`    // pilot-zone areas and city districts
	Lists    []Term `json:"lists"`    // demonstration, opportunity list, AI case, product catalogue
	Funding  []Term `json:"funding"`  // government or market scene
	Statuses []Term `json:"statuses"` // call, review, publish, matchmaking, deployed
}

// ListEntry says a project is on a list, and in which batch or year.
type ListEntry struct {
	List  string `json:"list"`
	Batch string `json:"batch,omitempty"`
}

// Project is one demonstration project (a scene) as the hall shows it.
type Project struct {
	ID           string      `json:"id"`
	Title        Text        `json:"title"`
	Summary      Text        `json:"summary"`
	Body         Text        `json:"body"`
	Organisation Text        `json:"organisation"`
	Site         Text        `json:"site"` // where it runs
	Themes       []string    `json:"themes"`
	Track        string      `json:"track,omitempty"`
	Zone         string      `json:"zone"`
	Funding      string      `json:"funding"`
	Lists        []ListEntry `json:"lists"`
	Year         int         `json:"year"`
	Status       string      `json:"status"`
	Technologies []Text      `json:"technologies,omitempty"`
	Cover        string      `json:"cover,omitempty"` // media hash
	Gallery      []string    `json:"gallery,omitempty"`
	Videos       []string    `json:"videos,omitempty"`
	PortalURL    string      `json:"portal_url,omitempty"`
	Updated      time.Time   `json:"updated"`
}

// OnList reports whether the project is on the list with the given id.
func (p *Project) OnList(id string) bool {
	for _, l := range p.Lists {
		if l.List == id {
			return true
		}
	}
	return false
}

// HasTheme reports whether the project belongs to the theme.
func (p *Project) HasTheme(id string) bool {
	for _, t := range p.Themes {
		if t == id {
			return true
		}
	}
	return false
}

// Images lists the cover then the gallery, without repeats.
func (p *Project) Images() []string {
	out := make([]string, 0, 1+len(p.Gallery))
	if p.Cover != "" {
		out = append(out, p.Cover)
	}
	for _, h := range p.Gallery {
		if h != p.Cover {
			out = append(out, h)
		}
	}
	return out
}

// Showcase is one exhibit of a rotation.
type Showcase struct {
	Project  string `json:"project"`
	Featured bool   `json:"featured,omitempty"`
}

// Rotation is a season of the hall: from Start (inclusive) to End
// (exclusive), both instants in UTC, planned in TimeZone.
type Rotation struct {
	ID       string     `json:"id"`
	Name     Text       `json:"name"`
	Start    time.Time  `json:"start"`
	End      time.Time  `json:"end"`
	TimeZone string     `json:"time_zone"`
	Showcase []Showcase `json:"showcase"`
	Attract  []string   `json:"attract,omitempty"` // media hashes of promo videos, in play order
}

// ActiveAt reports whether the rotation is current at t.
func (r *Rotation) ActiveAt(t time.Time) bool {
	return !t.Before(r.Start) && t.Before(r.End)
}

// Media describes one stored file, named by the sha256 of its content.
type Media struct {
	Hash   string `json:"sha256"`
	Type   string `json:"type"` // MIME type
	Size   int64  `json:"size"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	// Subtitles are sidecar subtitle files of a video, by language.
	Subtitles map[Lang]string `json:"subtitles,omitempty"`
	// Caption is a short title for promo videos and gallery images.
	Caption Text `json:"caption,omitempty"`
}

// IsImage reports whether the media is a picture.
func (m Media) IsImage() bool { return len(m.Type) > 6 && m.Type[:6] == "image/" }

// IsVideo reports whether the media is a video.
func (m Media) IsVideo() bool { return len(m.Type) > 6 && m.Type[:6] == "video/" }

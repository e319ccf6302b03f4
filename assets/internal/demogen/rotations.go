package demogen

import (
	"sort"
	"time"

	"showhall/store/catalog"
)

// season is a rotation to write: its dates (local midnights in the hall's
// zone), its name, the themes it showcases and the promo clips (names of
// Clips) its attract loop plays, the clips nearest its themes first.
type season struct {
	id         string
	name       catalog.Text
	start, end [3]int // year, month, day
	themes     []string
	attract    []string
}

// seasons tile 2026 without a gap, after one past season of 2025.
var seasons = []season{
	{"r2025-3", t3("2025秋冬展期 · 湾区数字生活", "2025秋冬展期 · 灣區數字生活", "Autumn–winter 2025: digital life in the Bay Area"),
		[3]int{2025, 9, 1}, [3]int{2026, 1, 1},
		[]string{"smart-tourism", "smart-commerce", "smart-exhibitions", "digital-finance", "blockchain"},
		[]string{"promo-culture-tourism", "promo-rail-transit", "promo-education"}},
	{"r2026-1", t3("2026春季展期 · 健康与学习", "2026春季展期 · 健康與學習", "Spring 2026: health and learning"),
		[3]int{2026, 1, 1}, [3]int{2026, 5, 1},
		[]string{"smart-healthcare", "smart-education", "smart-tourism", "large-models", "data-elements"},
		[]string{"promo-healthcare", "promo-education", "promo-culture-tourism"}},
	{"r2026-2", t3("2026夏季展期 · 智造与出行", "2026夏季展期 · 智造與出行", "Summer 2026: making and moving"),
		[3]int{2026, 5, 1}, [3]int{2026, 9, 1},
		[]string{"intelligent-manufacturing", "connected-vehicles", "embodied-ai", "smart-rail", "industrial-internet"},
		[]string{"promo-rail-transit", "promo-culture-tourism"}},
	{"r2026-3", t3("2026秋冬展期 · 城市与低空", "2026秋冬展期 · 城市與低空", "Autumn–winter 2026: the city and the sky"),
		[3]int{2026, 9, 1}, [3]int{2027, 1, 1},
		[]string{"digital-government", "low-altitude", "smart-logistics", "smart-commerce", "blockchain"},
		[]string{"promo-rail-transit", "promo-culture-tourism", "promo-healthcare", "promo-education"}},
}

// hallZone is Asia/Shanghai, which has kept UTC+8 without daylight saving
// since 1991; a fixed zone keeps the generator free of the tz database.
var hallZone = time.FixedZone("CST", 8*3600)

const (
	showcaseSize = 14
	featuredSize = 4
)

// rotations picks each season's exhibits: projects of its themes that
// existed by then, landed ones first, taken theme by theme in turn.
func rotations(projects []catalog.Project) []catalog.Rotation {
	var out []catalog.Rotation
	for _, s := range seasons {
		at := func(d [3]int) time.Time { return time.Date(d[0], time.Month(d[1]), d[2], 0, 0, 0, 0, hallZone).UTC() }
		r := catalog.Rotation{ID: s.id, Name: s.name, Start: at(s.start), End: at(s.end), TimeZone: catalog.HallZone}

		byTheme := make([][]*catalog.Project, len(s.themes))
		for i := range projects {
			p := &projects[i]
			if p.Year > s.start[0] {
				continue
			}
			for ti, th := range s.themes {
				if p.Themes[0] == th {
					byTheme[ti] = append(byTheme[ti], p)
				}
			}
		}
		for _, ps := range byTheme {
			sort.SliceStable(ps, func(i, j int) bool { return ranksBefore(ps[i], ps[j]) })
		}
		for round := 0; len(r.Showcase) < showcaseSize; round++ {
			added := false
			for _, ps := range byTheme {
				if round < len(ps) && len(r.Showcase) < showcaseSize {
					r.Showcase = append(r.Showcase, catalog.Showcase{Project: ps[round].ID, Featured: len(r.Showcase) < featuredSize})
					added = true
				}
			}
			if !added {
				break
			}
		}
		out = append(out, r)
	}
	return out
}

var stage = map[string]int{"deployed": 4, "matchmaking": 3, "publish": 2, "review": 1}

// ranksBefore orders a theme's projects for showing: further along and
// newer first, then by id.
func ranksBefore(p, q *catalog.Project) bool {
	a, b := stage[p.Status]+p.Year-2024, stage[q.Status]+q.Year-2024
	if a != b {
		return a > b
	}
	return p.ID < q.ID
}

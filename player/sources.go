package player

import "showhall/store/catalog"

// AttractSources picks the attract loop's videos, as the hall wants them:
// the rotation's own attract list; when it has none, the showcased
// projects' videos in showcase order. Media that are unknown or not
// videos are left out. An empty result means the picture slideshow.
// path turns a media hash into the file of the media store.
func AttractSources(snap *catalog.Snapshot, rot *catalog.Rotation, lang catalog.Lang, path func(hash string) string) []Source {
	if rot == nil {
		return nil
	}
	if out := videoSources(snap, rot.Attract, lang, path); len(out) > 0 {
		return out
	}
	var hashes []string
	for _, sc := range rot.Showcase {
		if p, ok := snap.Project(sc.Project); ok {
			hashes = append(hashes, p.Videos...)
		}
	}
	return videoSources(snap, hashes, lang, path)
}

// ProjectSources lists a project's videos for its detail page.
func ProjectSources(snap *catalog.Snapshot, p *catalog.Project, lang catalog.Lang, path func(hash string) string) []Source {
	return videoSources(snap, p.Videos, lang, path)
}

// videoSources resolves hashes, without repeats, with the subtitles in
// the visitor's language when there are some (none otherwise).
func videoSources(snap *catalog.Snapshot, hashes []string, lang catalog.Lang, path func(string) string) []Source {
	var out []Source
	seen := map[string]bool{}
	for _, h := range hashes {
		m, ok := snap.Media(h)
		if !ok || !m.IsVideo() || seen[h] {
			continue
		}
		seen[h] = true
		s := Source{Path: path(h)}
		if sub, ok := m.Subtitles[lang]; ok && sub != "" {
			s.Subtitles = path(sub)
		}
		out = append(out, s)
	}
	return out
}

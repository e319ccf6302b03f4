package feed

// The city's project portal spells funding and status in Chinese in more
// than one way (政府场景 for 政府类场景, 已落地 for 落地, ...), and curators
// copy its lists as they are. These spellings name the same terms; the
// list is in docs/spreadsheet.md.
var portalSpellings = map[string]map[string][]string{
	"funding": {
		"government": {"政府类场景", "政府场景", "政府类", "政府類場景", "政府場景", "政府類"},
		"market":     {"市场化场景", "市场场景", "市场类", "市場化場景", "市場場景", "市場類"},
	},
	"status": {
		"call":        {"征集", "征集中", "徵集", "徵集中"},
		"review":      {"审核", "审核中", "審核", "審核中"},
		"publish":     {"发布", "已发布", "發佈", "已發佈", "發布", "已發布"},
		"matchmaking": {"对接", "对接中", "對接", "對接中"},
		"deployed":    {"落地", "已落地"},
	},
}

// addPortalSpellings lets the portal's spellings name the terms of the
// catalogue's vocabulary. A term the catalogue does not have gets none,
// and a name the catalogue itself gives to a term keeps meaning that term.
func addPortalSpellings(lookup map[string]map[string]string) {
	for vocab, terms := range portalSpellings {
		m := lookup[vocab]
		for id, spellings := range terms {
			if m[id] != id {
				continue
			}
			for _, s := range spellings {
				if _, taken := m[s]; !taken {
					m[s] = id
				}
			}
		}
	}
}

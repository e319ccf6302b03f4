package demogen

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"showhall/store/catalog"
)

// Seed fixes every random choice of the demo catalogue.
const Seed = 20260101

// Version and Published describe the demo catalogue as a publisher would.
const Version = "demo-2026.1"

var Published = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Vocabulary is the demo's controlled vocabulary.
func Vocabulary() catalog.Vocabulary {
	t := func(id string, name catalog.Text) catalog.Term { return catalog.Term{ID: id, Name: name} }
	var v catalog.Vocabulary
	for _, th := range themes {
		v.Themes = append(v.Themes, t(th.id, th.name))
	}
	v.Tracks = []catalog.Term{
		t("manufacturing", t3("制造业", "製造業", "Manufacturing")),
		t("automotive", t3("汽车", "汽車", "Automotive")),
		t("health", t3("医疗健康", "醫療健康", "Health")),
		t("city", t3("城市管理", "城市管理", "City management")),
	}
	for _, z := range zones {
		v.Zones = append(v.Zones, catalog.Term{ID: z.id, Name: z.name, Group: z.group})
	}
	v.Lists = []catalog.Term{
		t(listDemo, t3("示范项目清单", "示範項目清單", "Demonstration project list")),
		t(listOpportunity, t3("城市机会场景清单", "城市機會場景清單", "City Opportunity Scene List")),
		t(listAICase, t3("人工智能应用场景典型案例", "人工智能應用場景典型案例", "Typical AI application-scene cases")),
		t(listProduct, t3("数字经济创新产品目录", "數字經濟創新產品目錄", "Digital-economy innovation product catalogue")),
	}
	v.Funding = []catalog.Term{
		t(fundGov, t3("政府类场景", "政府類場景", "Government scene")),
		t(fundMarket, t3("市场化场景", "市場化場景", "Market scene")),
	}
	v.Statuses = []catalog.Term{
		t("call", t3("征集", "徵集", "Call for proposals")),
		t("review", t3("审核", "審核", "Under review")),
		t("publish", t3("发布", "發佈", "Published")),
		t("matchmaking", t3("对接", "對接", "Matchmaking")),
		t("deployed", t3("落地", "落地", "Deployed")),
	}
	return v
}

const (
	listDemo        = "demonstration"
	listOpportunity = "opportunity"
	listAICase      = "ai-case"
	listProduct     = "innovation-product"
	fundGov         = "government"
	fundMarket      = "market"
)

// statusOdds weighs the lifecycle stages by year: old projects have mostly
// landed, this year's are mostly still being called for and reviewed.
var statusOdds = map[int][]struct {
	id   string
	odds int
}{
	2024: {{"deployed", 60}, {"matchmaking", 28}, {"publish", 12}},
	2025: {{"deployed", 30}, {"matchmaking", 35}, {"publish", 25}, {"review", 10}},
	2026: {{"call", 30}, {"review", 28}, {"publish", 27}, {"matchmaking", 15}},
}

// ImageJob is one picture to render: which project and slot it fills, and
// everything the renderer needs, so that pictures can be made in any order.
type ImageJob struct {
	Project string // project id
	Slot    int    // 0 is the cover, then the gallery
	Width   int
	Height  int
	Look    look
	Motif   motif
	Seed    int64
}

// Plan writes the demo catalogue without media: covers, galleries and the
// media list are filled in once the pictures the jobs describe exist.
func Plan() (catalog.Document, []ImageJob) {
	rng := rand.New(rand.NewSource(Seed))
	doc := catalog.Document{
		Format:     catalog.FormatVersion,
		Version:    Version,
		Published:  Published,
		Vocabulary: Vocabulary(),
	}

	// Every scene becomes one project; shuffling spreads themes over years.
	type pick struct{ theme, scene int }
	var picks []pick
	for ti, th := range themes {
		for si := range th.scenes {
			picks = append(picks, pick{ti, si})
		}
	}
	rng.Shuffle(len(picks), func(i, j int) { picks[i], picks[j] = picks[j], picks[i] })

	seq := map[int]int{}
	batches := map[string]int{}
	var jobs []ImageJob
	for k, pk := range picks {
		th := &themes[pk.theme]
		s := th.scenes[pk.scene]
		year := 2024 + k%3
		seq[year]++
		p := compose(rng, th, s, year, seq[year], batches)
		doc.Projects = append(doc.Projects, p)

		// A cover, then one to three gallery pictures in other motifs. Most
		// gallery pictures are 4:3, which keeps the embedded media small and
		// gives the gallery mixed shapes to lay out.
		n := 1 + weighted(rng, []int{72, 25, 3})
		m0 := rng.Intn(len(th.look.motifs))
		for slot := 0; slot <= n; slot++ {
			w := 1600
			if slot > 0 && rng.Intn(4) > 0 {
				w = 1200
			}
			jobs = append(jobs, ImageJob{
				Project: p.ID, Slot: slot, Width: w, Height: 900,
				Look: th.look, Motif: th.look.motifs[(m0+slot)%len(th.look.motifs)],
				Seed: rng.Int63(),
			})
		}
	}
	sort.SliceStable(doc.Projects, func(i, j int) bool { return doc.Projects[i].ID < doc.Projects[j].ID })
	doc.Rotations = rotations(doc.Projects)
	return doc, jobs
}

// compose writes one project.
func compose(rng *rand.Rand, th *themeWords, s scene, year, n int, batches map[string]int) catalog.Project {
	id := fmt.Sprintf("p%d-%03d", year, n)
	z := zones[weightedZone(rng)]
	place, prefix := z.name, z.short
	if z.id == "pazhou" && rng.Intn(5) < 2 {
		place, prefix = megaCenter, megaCenterShort
	}
	kind := th.sites[rng.Intn(len(th.sites))]
	site := t3(place.Hans+kind.Hans, place.Hant+kind.Hant, capFirst(kind.En)+" in "+withThe(place.En))
	on := orgNames[rng.Intn(len(orgNames))]
	org := t3(on.Hans+th.orgKind.Hans+"有限公司（示例）", on.Hant+th.orgKind.Hant+"有限公司（示例）",
		on.En+" "+th.orgKind.En+" Co., Ltd. (sample)")
	title := t3(prefix.Hans+s.name.Hans, prefix.Hant+s.name.Hant, prefix.En+" "+s.name.En)

	p := catalog.Project{
		ID:           id,
		Title:        title,
		Organisation: org,
		Site:         site,
		Themes:       []string{th.id},
		Track:        th.track,
		Zone:         z.id,
		Funding:      fundMarket,
		Year:         year,
		PortalURL:    "https://scenes.example.gov.cn/project/" + id,
	}
	if s.also != "" {
		p.Themes = append(p.Themes, s.also)
	}
	if s.track != nil {
		p.Track = *s.track
	}
	if rng.Intn(100) < th.govShare {
		p.Funding = fundGov
	}
	odds := statusOdds[year]
	w := make([]int, len(odds))
	for i, o := range odds {
		w[i] = o.odds
	}
	p.Status = odds[weighted(rng, w)].id

	// Two or three of the theme's technologies, sometimes a common one.
	ti := rng.Perm(len(th.techs))
	p.Technologies = []catalog.Text{th.techs[ti[0]], th.techs[ti[1]]}
	if c := commonTechs[rng.Intn(len(commonTechs))]; rng.Intn(3) == 0 && !hasText(p.Technologies, c) {
		p.Technologies = append(p.Technologies, c)
	} else if rng.Intn(2) == 0 {
		p.Technologies = append(p.Technologies, th.techs[ti[2]])
	}

	// Every project is a demonstration project; some are on other lists too.
	p.Lists = []catalog.ListEntry{{List: listDemo, Batch: fmt.Sprint(year)}}
	if year >= 2025 && rng.Intn(100) < 28 {
		// At most ten key projects per batch of the opportunity list.
		for b := 1; b <= 2; b++ {
			batch := fmt.Sprintf("%d-%d", year, b)
			if batches[batch] < 10 {
				batches[batch]++
				p.Lists = append(p.Lists, catalog.ListEntry{List: listOpportunity, Batch: batch})
				break
			}
		}
	}
	if p.Track != "" && p.Status != "call" && p.Status != "review" && rng.Intn(100) < 35 {
		p.Lists = append(p.Lists, catalog.ListEntry{List: listAICase, Batch: fmt.Sprint(year)})
	}
	if (s.device && rng.Intn(100) < 75) || rng.Intn(100) < 8 {
		p.Lists = append(p.Lists, catalog.ListEntry{List: listProduct, Batch: fmt.Sprint(year)})
	}

	o1 := rng.Intn(len(th.outcomes))
	o2 := (o1 + 1 + rng.Intn(len(th.outcomes)-1)) % len(th.outcomes)
	p.Summary = summary(rng, &p, s, th.outcomes[o1])
	p.Body = body(rng, &p, s, th.outcomes[o2])

	// Updated some time in its year, never after the demo was last edited.
	from := time.Date(year, 1, 10, 0, 0, 0, 0, time.UTC)
	to := time.Date(year, 12, 20, 0, 0, 0, 0, time.UTC)
	if last := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC); to.After(last) {
		to = last
	}
	p.Updated = from.Add(time.Duration(rng.Int63n(int64(to.Sub(from)/time.Second))) * time.Second)
	return p
}

// summary: one sentence on what and where, sometimes one on how.
func summary(rng *rand.Rand, p *catalog.Project, s scene, outcome catalog.Text) catalog.Text {
	var out catalog.Text
	if p.Status == "deployed" {
		out = t3(
			p.Organisation.Hans+"在"+p.Site.Hans+"建成"+s.name.Hans+"，"+outcome.Hans+"。",
			p.Organisation.Hant+"在"+p.Site.Hant+"建成"+s.name.Hant+"，"+outcome.Hant+"。",
			p.Organisation.En+" has built the "+s.name.En+" at "+lowerFirst(p.Site.En)+", "+outcome.En+".")
	} else {
		out = t3(
			p.Site.Hans+"计划引入"+s.name.Hans+"，"+outcome.Hans+"。",
			p.Site.Hant+"計劃引入"+s.name.Hant+"，"+outcome.Hant+"。",
			p.Site.En+" plans to introduce the "+s.name.En+", "+outcome.En+".")
	}
	if rng.Intn(2) == 0 {
		a, b := p.Technologies[0], p.Technologies[1]
		out = join(out, t3("方案以"+a.Hans+"和"+b.Hans+"为核心。", "方案以"+a.Hant+"和"+b.Hant+"為核心。",
			"It is built around "+lowerFirst(a.En)+" and "+lowerFirst(b.En)+"."))
	}
	return out
}

// body: who and where, how, who pays, which lists, and where it stands.
func body(rng *rand.Rand, p *catalog.Project, s scene, outcome catalog.Text) catalog.Text {
	y := fmt.Sprint(p.Year)
	org, site, title := p.Organisation, p.Site, p.Title
	var out catalog.Text
	if rng.Intn(2) == 0 {
		out = t3(title.Hans+"是"+y+"年示范项目，由"+org.Hans+"牵头，落点在"+site.Hans+"。",
			title.Hant+"是"+y+"年示範項目，由"+org.Hant+"牽頭，落點在"+site.Hant+"。",
			"The "+title.En+" is a "+y+" demonstration project led by "+org.En+" at "+lowerFirst(site.En)+".")
	} else {
		out = t3(y+"年，"+org.Hans+"牵头的"+title.Hans+"入选示范项目清单，应用地点为"+site.Hans+"。",
			y+"年，"+org.Hant+"牽頭的"+title.Hant+"入選示範項目清單，應用地點為"+site.Hant+"。",
			"In "+y+", the "+title.En+", led by "+org.En+", joined the demonstration list; it runs at "+lowerFirst(site.En)+".")
	}

	techs := listText(p.Technologies, true)
	out = join(out, t3("项目综合运用"+techs.Hans+"，"+outcome.Hans+"。", "項目綜合運用"+techs.Hant+"，"+outcome.Hant+"。",
		"It combines "+techs.En+", "+outcome.En+"."))

	funding := map[string][]catalog.Text{
		fundGov: {
			t3("作为政府类场景，项目主要使用财政资金，成果将向全市同类单位推广。", "作為政府類場景，項目主要使用財政資金，成果將向全市同類單位推廣。",
				"As a government scene it is funded mainly from public budgets, and its results are meant to spread to similar sites across the city."),
			t3("项目由政府部门提出需求并组织实施，面向公共服务。", "項目由政府部門提出需求並組織實施，面向公共服務。",
				"The need was set by a public body, and the project serves the public."),
		},
		fundMarket: {
			t3("作为市场化场景，项目由企业投资建设和运营。", "作為市場化場景，項目由企業投資建設和營運。",
				"As a market scene it is financed and operated by the companies involved."),
			t3("项目采用市场化运作，按实际使用效果收费。", "項目採用市場化運作，按實際使用效果收費。",
				"It runs on market terms and is paid for by the results it delivers."),
		},
	}[p.Funding]
	out = join(out, funding[rng.Intn(len(funding))])

	var lists []catalog.Text
	for _, l := range p.Lists {
		switch l.List {
		case listOpportunity:
			yb, nb, _ := strings.Cut(l.Batch, "-")
			lists = append(lists, t3(yb+"年第"+nb+"批城市机会场景清单", yb+"年第"+nb+"批城市機會場景清單",
				"City Opportunity Scene List (batch "+l.Batch+")"))
		case listAICase:
			lists = append(lists, t3(l.Batch+"年人工智能应用场景典型案例", l.Batch+"年人工智能應用場景典型案例",
				l.Batch+" list of typical AI application-scene cases"))
		case listProduct:
			if s.device {
				lists = append(lists, t3(l.Batch+"年数字经济创新产品目录（首台套）", l.Batch+"年數字經濟創新產品目錄（首台套）",
					l.Batch+" digital-economy innovation product catalogue as first-of-a-kind equipment"))
			} else {
				lists = append(lists, t3(l.Batch+"年数字经济创新产品目录", l.Batch+"年數字經濟創新產品目錄",
					l.Batch+" digital-economy innovation product catalogue"))
			}
		}
	}
	if len(lists) > 0 {
		for i := range lists {
			lists[i].En = "the " + lists[i].En
		}
		l := listText(lists, false)
		out = join(out, t3("项目同时入选"+l.Hans+"。", "項目同時入選"+l.Hant+"。", "It is also on "+l.En+"."))
	}

	status := map[string]catalog.Text{
		"call": t3("该场景正在公开征集解决方案，欢迎有能力的企业报名。", "該場景正在公開徵集解決方案，歡迎有能力的企業報名。",
			"The scene is open for proposals, and capable companies are welcome to apply."),
		"review": t3("征集到的方案正在评审，结果将在场景发布对接平台公布。", "徵集到的方案正在評審，結果將在場景發佈對接平台公佈。",
			"The proposals received are under review; results will appear on the scene matchmaking platform."),
		"publish": t3("场景已在场景发布对接平台发布，正在寻找合作伙伴。", "場景已在場景發佈對接平台發佈，正在尋找合作夥伴。",
			"The scene is published on the matchmaking platform and is looking for partners."),
		"matchmaking": t3("项目已进入供需对接阶段，并在每月路演中亮相。", "項目已進入供需對接階段，並在每月路演中亮相。",
			"The project is in matchmaking and has featured in the monthly roadshows."),
		"deployed": t3("项目已落地运行，经验在季度对接会上分享。", "項目已落地運行，經驗在季度對接會上分享。",
			"The project is up and running, and its lessons were shared at a quarterly matchmaking event."),
	}[p.Status]
	return join(out, status)
}

// join puts two texts one after the other, with a space in English.
func join(a, b catalog.Text) catalog.Text {
	return t3(a.Hans+b.Hans, a.Hant+b.Hant, a.En+" "+b.En)
}

// listText writes "a、b和c" and "a, b and c"; lower makes English items
// lower case, as technology names are inside a sentence.
func listText(items []catalog.Text, lower bool) catalog.Text {
	var hans, hant, en []string
	for _, it := range items {
		hans, hant = append(hans, it.Hans), append(hant, it.Hant)
		if lower {
			en = append(en, lowerFirst(it.En))
		} else {
			en = append(en, it.En)
		}
	}
	last := len(items) - 1
	if last == 0 {
		return t3(hans[0], hant[0], en[0])
	}
	return t3(strings.Join(hans[:last], "、")+"和"+hans[last], strings.Join(hant[:last], "、")+"和"+hant[last],
		strings.Join(en[:last], ", ")+" and "+en[last])
}

func hasText(list []catalog.Text, t catalog.Text) bool {
	for _, x := range list {
		if x.Hans == t.Hans {
			return true
		}
	}
	return false
}

// lowerFirst lower-cases the first letter unless the first word is an
// acronym or a name with capitals inside (AI, RFID, BeiDou).
func lowerFirst(s string) string {
	word, _, _ := strings.Cut(s, " ")
	for i, r := range word {
		if i > 0 && unicode.IsUpper(r) {
			return s
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// withThe adds the article English wants before some place names.
func withThe(place string) string {
	if strings.HasSuffix(place, " area") || strings.HasSuffix(place, "Mega Center") {
		return "the " + place
	}
	return place
}

// weighted picks an index with the given relative odds.
func weighted(rng *rand.Rand, odds []int) int {
	total := 0
	for _, o := range odds {
		total += o
	}
	n := rng.Intn(total)
	for i, o := range odds {
		if n < o {
			return i
		}
		n -= o
	}
	return len(odds) - 1
}

func weightedZone(rng *rand.Rand) int {
	w := make([]int, len(zones))
	for i, z := range zones {
		w[i] = z.weight
	}
	return weighted(rng, w)
}

// Package catalogtest makes valid catalogues of any size for tests and
// benchmarks: deterministic, so a failure can be reproduced.
package catalogtest

import (
	"fmt"
	"math/rand"
	"time"

	"showhall/store/catalog"
)

// Vocabulary is a small but complete vocabulary.
func Vocabulary() catalog.Vocabulary {
	t := func(id, hans, hant, en string) catalog.Term {
		return catalog.Term{ID: id, Name: catalog.Text{Hans: hans, Hant: hant, En: en}}
	}
	zone := func(id, group, hans, hant, en string) catalog.Term {
		z := t(id, hans, hant, en)
		z.Group = group
		return z
	}
	return catalog.Vocabulary{
		Themes: []catalog.Term{
			t("smart-healthcare", "智慧医疗", "智慧醫療", "Smart healthcare"),
			t("smart-education", "智慧教育", "智慧教育", "Smart education"),
			t("smart-tourism", "智慧文旅", "智慧文旅", "Smart culture and tourism"),
			t("smart-commerce", "智慧商贸", "智慧商貿", "Smart commerce and trade"),
			t("smart-rail", "智慧轨交", "智慧軌交", "Smart rail transit"),
			t("embodied-ai", "具身智能", "具身智能", "Embodied AI"),
		},
		Tracks: []catalog.Term{
			t("manufacturing", "制造业", "製造業", "Manufacturing"),
			t("automotive", "汽车", "汽車", "Automotive"),
			t("health", "医疗健康", "醫療健康", "Health"),
			t("city", "城市管理", "城市管理", "City management"),
		},
		Zones: []catalog.Term{
			zone("pazhou", "area", "琶洲核心片区", "琶洲核心片區", "Pazhou core area"),
			zone("ifc", "area", "广州国际金融城", "廣州國際金融城", "Guangzhou International Financial City"),
			zone("yuzhu", "area", "鱼珠片区", "魚珠片區", "Yuzhu area"),
			zone("tianhe", "district", "天河区", "天河區", "Tianhe District"),
			zone("huangpu", "district", "黄埔区", "黃埔區", "Huangpu District"),
		},
		Lists: []catalog.Term{
			t("demonstration", "示范项目", "示範項目", "Demonstration projects"),
			t("opportunity", "城市机会场景清单", "城市機會場景清單", "City opportunity scene list"),
			t("ai-case", "人工智能应用场景典型案例", "人工智能應用場景典型案例", "Typical AI application cases"),
			t("innovation-product", "数字经济创新产品目录", "數字經濟創新產品目錄", "Innovation product catalogue"),
		},
		Funding: []catalog.Term{
			t("government", "政府类场景", "政府類場景", "Government scene"),
			t("market", "市场化场景", "市場化場景", "Market scene"),
		},
		Statuses: []catalog.Term{
			t("call", "征集", "徵集", "Call"),
			t("review", "审核", "審核", "Review"),
			t("publish", "发布", "發佈", "Published"),
			t("matchmaking", "对接", "對接", "Matchmaking"),
			t("deployed", "落地", "落地", "Deployed"),
		},
	}
}

var (
	nounsHans = []string{"影像诊断平台", "课堂助手", "导览机器人", "供应链中台", "客流预测系统", "巡检无人机", "质检视觉系统", "数字孪生园区"}
	nounsHant = []string{"影像診斷平台", "課堂助手", "導覽機器人", "供應鏈中台", "客流預測系統", "巡檢無人機", "質檢視覺系統", "數字孿生園區"}
	nounsEn   = []string{"imaging diagnosis platform", "classroom assistant", "guide robot", "supply-chain hub", "passenger-flow forecaster", "inspection drone", "visual quality inspection", "digital-twin campus"}
)

// Generate makes a valid catalogue of n projects with three rotations in
// 2026, without media (covers are empty, as a catalogue may have).
func Generate(n int, seed int64) catalog.Document {
	rng := rand.New(rand.NewSource(seed))
	v := Vocabulary()
	doc := catalog.Document{
		Format:     catalog.FormatVersion,
		Version:    fmt.Sprintf("test-%d-%d", n, seed),
		Published:  time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Vocabulary: v,
	}
	pick := func(terms []catalog.Term) string { return terms[rng.Intn(len(terms))].ID }
	for i := 0; i < n; i++ {
		k := rng.Intn(len(nounsHans))
		year := 2024 + i%3
		p := catalog.Project{
			ID:           fmt.Sprintf("p%d-%05d", year, i),
			Title:        catalog.Text{Hans: fmt.Sprintf("%s%d号", nounsHans[k], i), Hant: fmt.Sprintf("%s%d號", nounsHant[k], i), En: fmt.Sprintf("%s no. %d", nounsEn[k], i)},
			Summary:      catalog.Text{Hans: "示例项目摘要。", Hant: "示例項目摘要。", En: "A sample project summary."},
			Body:         catalog.Text{Hans: "示例项目正文。", Hant: "示例項目正文。", En: "A sample project body."},
			Organisation: catalog.Text{Hans: fmt.Sprintf("示例科技%d公司", i%50), Hant: fmt.Sprintf("示例科技%d公司", i%50), En: fmt.Sprintf("Sample Tech %d Co.", i%50)},
			Site:         catalog.Text{Hans: "琶洲", Hant: "琶洲", En: "Pazhou"},
			Themes:       []string{pick(v.Themes)},
			Track:        pick(v.Tracks),
			Zone:         pick(v.Zones),
			Funding:      pick(v.Funding),
			Lists:        []catalog.ListEntry{{List: "demonstration", Batch: fmt.Sprint(year)}},
			Year:         year,
			Status:       pick(v.Statuses),
			PortalURL:    fmt.Sprintf("https://scenes.example.gov.cn/project/p%d-%05d", year, i),
			Updated:      time.Date(year, 6, 1, 0, 0, 0, 0, time.UTC),
		}
		if rng.Intn(3) == 0 {
			p.Themes = append(p.Themes, v.Themes[(rng.Intn(len(v.Themes)))].ID)
			if p.Themes[0] == p.Themes[1] {
				p.Themes = p.Themes[:1]
			}
		}
		if rng.Intn(4) == 0 {
			p.Lists = append(p.Lists, catalog.ListEntry{List: pick(v.Lists[1:])})
		}
		doc.Projects = append(doc.Projects, p)
	}
	sh := time.FixedZone("CST", 8*3600)
	bounds := []time.Time{
		time.Date(2026, 1, 1, 0, 0, 0, 0, sh), time.Date(2026, 5, 1, 0, 0, 0, 0, sh),
		time.Date(2026, 9, 1, 0, 0, 0, 0, sh), time.Date(2027, 1, 1, 0, 0, 0, 0, sh),
	}
	for r := 0; r < 3; r++ {
		rot := catalog.Rotation{
			ID:       fmt.Sprintf("r2026-%d", r+1),
			Name:     catalog.Text{Hans: fmt.Sprintf("2026年第%d期", r+1), Hant: fmt.Sprintf("2026年第%d期", r+1), En: fmt.Sprintf("2026 season %d", r+1)},
			Start:    bounds[r].UTC(),
			End:      bounds[r+1].UTC(),
			TimeZone: catalog.HallZone,
		}
		for k := 0; k < 12 && k < n; k++ {
			rot.Showcase = append(rot.Showcase, catalog.Showcase{Project: doc.Projects[(r*12+k)%n].ID, Featured: k < 3})
		}
		doc.Rotations = append(doc.Rotations, rot)
	}
	return doc
}

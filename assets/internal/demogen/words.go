package demogen

import (
	"strings"

	"showhall/store/catalog"
)

// t3 writes one text in the three languages, in the model's order.
func t3(hans, hant, en string) catalog.Text { return catalog.Text{Hans: hans, Hant: hant, En: en} }

// scene is a kind of project a title is made of. Options after the three
// names: "dev" marks a piece of equipment (a first-of-a-kind candidate for
// the product catalogue), "+theme" adds a second theme, "=track" (or "=")
// overrides the theme's track.
type scene struct {
	name   catalog.Text
	device bool
	also   string
	track  *string
}

func sc(hans, hant, en string, opts ...string) scene {
	s := scene{name: t3(hans, hant, en)}
	for _, o := range opts {
		switch {
		case o == "dev":
			s.device = true
		case strings.HasPrefix(o, "+"):
			s.also = o[1:]
		case strings.HasPrefix(o, "="):
			tr := o[1:]
			s.track = &tr
		}
	}
	return s
}

// themeWords is everything the generator writes about one theme: its
// vocabulary entry, the scenes that make titles, and the words that fill
// summaries and bodies.
type themeWords struct {
	id       string
	name     catalog.Text
	track    string       // default leading AI track, "" for none
	orgKind  catalog.Text // what its sample companies call themselves
	govShare int          // percent of its scenes that are government scenes
	scenes   []scene
	techs    []catalog.Text
	sites    []catalog.Text // a kind of place; the zone is added to it
	outcomes []catalog.Text // participle clauses: "helping ..."
	look     look
}

// themes lists the hall's fields, the five showcased scenes first.
var themes = []themeWords{
	{
		id: "smart-healthcare", name: t3("智慧医疗", "智慧醫療", "Smart healthcare"), track: "health",
		orgKind: t3("医疗科技", "醫療科技", "Medical Technology"), govShare: 60,
		scenes: []scene{
			sc("AI辅助影像诊断平台", "AI輔助影像診斷平台", "AI-assisted imaging diagnosis platform"),
			sc("互联网医院智能分诊系统", "互聯網醫院智能分診系統", "smart triage system for internet hospitals"),
			sc("基层医疗AI辅助诊疗终端", "基層醫療AI輔助診療終端", "AI diagnosis terminal for primary care", "dev"),
			sc("手术机器人远程协同中心", "手術機器人遠程協同中心", "remote surgical-robot collaboration centre", "dev", "+embodied-ai"),
			sc("慢病管理健康大模型", "慢病管理健康大模型", "chronic-disease management model", "+large-models"),
			sc("智慧病房护理机器人", "智慧病房護理機器人", "smart-ward nursing robot", "dev", "+embodied-ai"),
			sc("医学影像数据标注平台", "醫學影像數據標註平台", "medical image annotation platform", "+data-elements"),
			sc("病理切片智能分析系统", "病理切片智能分析系統", "intelligent pathology slide analysis system"),
		},
		techs: []catalog.Text{
			t3("医学影像识别", "醫學影像識別", "Medical image recognition"),
			t3("医疗大模型", "醫療大模型", "Medical large models"),
			t3("5G远程医疗", "5G遠程醫療", "5G telemedicine"),
			t3("电子病历结构化", "電子病歷結構化", "Structured medical records"),
			t3("联邦学习", "聯邦學習", "Federated learning"),
		},
		sites: []catalog.Text{
			t3("某三甲医院", "某三甲醫院", "a tertiary hospital"),
			t3("某社区卫生服务中心", "某社區衛生服務中心", "a community health centre"),
			t3("某区域医疗中心", "某區域醫療中心", "a regional medical centre"),
		},
		outcomes: []catalog.Text{
			t3("帮助医生更快作出判断", "幫助醫生更快作出判斷", "helping clinicians reach decisions faster"),
			t3("让患者看病更省时、更安心", "讓患者看病更省時、更安心", "saving patients time and worry"),
			t3("把优质医疗资源延伸到基层", "把優質醫療資源延伸到基層", "bringing specialist care closer to neighbourhoods"),
		},
		look: look{motifs: []motif{motifWaves, motifRings, motifNetwork}, palette: []uint32{0x04202c, 0x0b4d5e, 0x19a7a0, 0x7de3d0, 0xe8fff9}},
	},
	{
		id: "smart-education", name: t3("智慧教育", "智慧教育", "Smart education"),
		orgKind: t3("教育科技", "教育科技", "EdTech"), govShare: 65,
		scenes: []scene{
			sc("AI课堂教学助手", "AI課堂教學助手", "AI classroom teaching assistant"),
			sc("个性化学习推荐平台", "個性化學習推薦平台", "personalised learning recommender"),
			sc("智慧校园安全管理系统", "智慧校園安全管理系統", "smart campus safety system", "=city"),
			sc("虚拟仿真实训室", "虛擬仿真實訓室", "virtual simulation training lab"),
			sc("作业智能批改系统", "作業智能批改系統", "intelligent homework marking system"),
			sc("高校科研算力共享平台", "高校科研算力共享平台", "shared research computing platform for universities"),
			sc("职业教育数字孪生工厂", "職業教育數字孿生工廠", "digital-twin factory for vocational training", "=manufacturing"),
			sc("青少年人工智能科普空间", "青少年人工智能科普空間", "youth AI science space"),
		},
		techs: []catalog.Text{
			t3("知识图谱", "知識圖譜", "Knowledge graphs"),
			t3("教育大模型", "教育大模型", "Education large models"),
			t3("学情分析", "學情分析", "Learning analytics"),
			t3("虚拟现实", "虛擬現實", "Virtual reality"),
			t3("语音识别", "語音識別", "Speech recognition"),
		},
		sites: []catalog.Text{
			t3("某中学", "某中學", "a secondary school"),
			t3("某高校", "某高校", "a university"),
			t3("某职业技术学院", "某職業技術學院", "a vocational college"),
		},
		outcomes: []catalog.Text{
			t3("让老师把更多时间留给学生", "讓老師把更多時間留給學生", "giving teachers more time for their students"),
			t3("为每个学生提供适合的学习路径", "為每個學生提供適合的學習路徑", "offering each student a learning path that fits"),
			t3("缩小校际之间的教学差距", "縮小校際之間的教學差距", "narrowing the gap between schools"),
		},
		look: look{motifs: []motif{motifNetwork, motifRings, motifHex}, palette: []uint32{0x0a1238, 0x1d3a8a, 0x3f7bf2, 0xffb347, 0xfff4e0}},
	},
	{
		id: "smart-tourism", name: t3("智慧文旅", "智慧文旅", "Smart culture and tourism"),
		orgKind: t3("文旅科技", "文旅科技", "Culture and Tourism Technology"), govShare: 40,
		scenes: []scene{
			sc("文博场馆智能导览系统", "文博場館智能導覽系統", "smart museum guide system"),
			sc("数字孪生骑楼街区", "數字孿生騎樓街區", "digital-twin arcade-house quarter"),
			sc("珠江夜游沉浸式体验", "珠江夜遊沉浸式體驗", "immersive Pearl River night cruise"),
			sc("景区客流预测与调度平台", "景區客流預測與調度平台", "scenic-area visitor-flow forecasting platform", "=city"),
			sc("粤剧数字化保护平台", "粵劇數字化保護平台", "Cantonese opera digital archive"),
			sc("AR非遗文化体验馆", "AR非遺文化體驗館", "AR intangible-heritage experience hall"),
			sc("文旅消费智能推荐小程序", "文旅消費智能推薦小程序", "culture-and-tourism recommendation mini-app"),
			sc("智慧酒店服务机器人", "智慧酒店服務機器人", "smart hotel service robot", "dev", "+embodied-ai"),
		},
		techs: []catalog.Text{
			t3("增强现实", "增強現實", "Augmented reality"),
			t3("三维重建", "三維重建", "3D reconstruction"),
			t3("客流预测", "客流預測", "Visitor-flow forecasting"),
			t3("数字人讲解", "數字人講解", "Digital-human guides"),
			t3("多语种语音交互", "多語種語音交互", "Multilingual voice interaction"),
		},
		sites: []catalog.Text{
			t3("某博物馆", "某博物館", "a museum"),
			t3("某历史文化街区", "某歷史文化街區", "a historic quarter"),
			t3("某滨江景区", "某濱江景區", "a riverside scenic area"),
		},
		outcomes: []catalog.Text{
			t3("让岭南文化以新的方式被看见", "讓嶺南文化以新的方式被看見", "showing Lingnan culture in new ways"),
			t3("带动文旅消费", "帶動文旅消費", "lifting spending on culture and tourism"),
			t3("让游客玩得更便捷、更尽兴", "讓遊客玩得更便捷、更盡興", "making visits easier and more enjoyable"),
		},
		look: look{motifs: []motif{motifWaves, motifCity, motifRings}, palette: []uint32{0x240a2e, 0x6a1b5c, 0xd64f7a, 0xffb648, 0xfff0d6}},
	},
	{
		id: "smart-commerce", name: t3("智慧商贸", "智慧商貿", "Smart commerce and trade"),
		orgKind: t3("商贸科技", "商貿科技", "Trade Technology"), govShare: 15,
		scenes: []scene{
			sc("跨境电商智能选品平台", "跨境電商智能選品平台", "cross-border e-commerce product-selection platform"),
			sc("直播电商AI数字人主播", "直播電商AI數字人主播", "AI digital-human live-stream host", "+large-models"),
			sc("专业市场数字化升级平台", "專業市場數字化升級平台", "digital upgrade platform for wholesale markets"),
			sc("智慧商圈客流分析系统", "智慧商圈客流分析系統", "shopping-district footfall analytics", "=city"),
			sc("无人零售智能货柜", "無人零售智能貨櫃", "unmanned smart retail cabinet", "dev"),
			sc("外贸单证智能审核系统", "外貿單證智能審核系統", "intelligent trade-document checking system"),
			sc("服装产业链协同平台", "服裝產業鏈協同平台", "apparel supply-chain collaboration platform", "=manufacturing"),
			sc("商超智能补货系统", "商超智能補貨系統", "supermarket smart replenishment system"),
		},
		techs: []catalog.Text{
			t3("需求预测", "需求預測", "Demand forecasting"),
			t3("数字人", "數字人", "Digital humans"),
			t3("计算机视觉", "計算機視覺", "Computer vision"),
			t3("多语种大模型", "多語種大模型", "Multilingual large models"),
			t3("智能推荐", "智能推薦", "Recommendation engines"),
		},
		sites: []catalog.Text{
			t3("某专业批发市场", "某專業批發市場", "a wholesale market"),
			t3("某商业综合体", "某商業綜合體", "a shopping complex"),
			t3("某跨境电商产业园", "某跨境電商產業園", "a cross-border e-commerce park"),
		},
		outcomes: []catalog.Text{
			t3("帮助商户降本增效", "幫助商戶降本增效", "helping merchants cut costs and work smarter"),
			t3("让买卖双方更快对接", "讓買賣雙方更快對接", "matching buyers and sellers faster"),
			t3("让消费者买得更方便", "讓消費者買得更方便", "making shopping easier for customers"),
		},
		look: look{motifs: []motif{motifCity, motifNetwork, motifWaves}, palette: []uint32{0x2a0c06, 0x7a2410, 0xf06a2a, 0xffc65c, 0xfff3e2}},
	},
	{
		id: "smart-rail", name: t3("智慧轨交", "智慧軌交", "Smart rail transit"), track: "city",
		orgKind: t3("轨道科技", "軌道科技", "Rail Technology"), govShare: 75,
		scenes: []scene{
			sc("地铁车站智能客服系统", "地鐵車站智能客服系統", "metro station smart service system"),
			sc("列车走行部智能检测系统", "列車走行部智能檢測系統", "train running-gear inspection system", "dev", "=manufacturing"),
			sc("轨道交通数字孪生运维平台", "軌道交通數字孿生運維平台", "rail-transit digital-twin maintenance platform"),
			sc("刷脸过闸乘车系统", "刷臉過閘乘車系統", "face-recognition fare gate system"),
			sc("地铁隧道巡检机器人", "地鐵隧道巡檢機器人", "metro tunnel inspection robot", "dev", "+embodied-ai"),
			sc("轨交客流智能调度平台", "軌交客流智能調度平台", "passenger-flow dispatching platform for rail"),
			sc("站台安全AI视频分析", "站台安全AI視頻分析", "platform-safety AI video analytics"),
			sc("轨交能耗智能管理系统", "軌交能耗智能管理系統", "rail energy management system"),
		},
		techs: []catalog.Text{
			t3("数字孪生", "數字孿生", "Digital twins"),
			t3("视频智能分析", "視頻智能分析", "Video analytics"),
			t3("故障预测与健康管理", "故障預測與健康管理", "Prognostics and health management"),
			t3("5G专网", "5G專網", "Private 5G networks"),
			t3("客流仿真", "客流仿真", "Passenger-flow simulation"),
		},
		sites: []catalog.Text{
			t3("某地铁换乘站", "某地鐵轉乘站", "a metro interchange station"),
			t3("某地铁车辆段", "某地鐵車輛段", "a metro depot"),
			t3("某城际铁路线", "某城際鐵路線", "an intercity rail line"),
		},
		outcomes: []catalog.Text{
			t3("让高峰时段的出行更顺畅", "讓高峰時段的出行更順暢", "smoothing journeys at rush hour"),
			t3("让运维从定期检修转向按需维护", "讓運維從定期檢修轉向按需維護", "moving maintenance from fixed schedules to actual need"),
			t3("提升线网运营的安全与效率", "提升線網營運的安全與效率", "making the network safer and more efficient"),
		},
		look: look{motifs: []motif{motifGrid, motifCity, motifWaves}, palette: []uint32{0x060c24, 0x15206b, 0x3458e0, 0xe8323c, 0xf2f5ff}},
	},
	{
		id: "industrial-internet", name: t3("工业互联网", "工業互聯網", "Industrial internet"), track: "manufacturing",
		orgKind: t3("工业互联", "工業互聯", "Industrial Internet"), govShare: 30,
		scenes: []scene{
			sc("工业互联网标识解析节点", "工業互聯網標識解析節點", "industrial-internet identifier resolution node"),
			sc("设备预测性维护平台", "設備預測性維護平台", "predictive maintenance platform"),
			sc("5G全连接工厂", "5G全連接工廠", "5G fully connected factory"),
			sc("中小企业数字化转型服务平台", "中小企業數字化轉型服務平台", "SME digital-transformation service platform"),
			sc("工业数据采集网关", "工業數據採集網關", "industrial data-collection gateway", "dev", "+data-elements"),
			sc("能源管理工业APP", "能源管理工業APP", "energy-management industrial app"),
			sc("供应链协同云平台", "供應鏈協同雲平台", "supply-chain collaboration cloud"),
			sc("工业设备远程运维中心", "工業設備遠程運維中心", "remote equipment operations centre"),
		},
		techs: []catalog.Text{
			t3("工业物联网", "工業物聯網", "Industrial IoT"),
			t3("边缘计算", "邊緣計算", "Edge computing"),
			t3("标识解析", "標識解析", "Identifier resolution"),
			t3("时序数据分析", "時序數據分析", "Time-series analytics"),
			t3("5G专网", "5G專網", "Private 5G networks"),
		},
		sites: []catalog.Text{
			t3("某汽车零部件企业", "某汽車零部件企業", "an auto-parts maker"),
			t3("某电子信息产业园", "某電子信息產業園", "an electronics industrial park"),
			t3("某家电制造基地", "某家電製造基地", "a home-appliance plant"),
		},
		outcomes: []catalog.Text{
			t3("帮助工厂降本提质增效", "幫助工廠降本提質增效", "helping factories cut costs and raise quality"),
			t3("帮助中小企业低成本上云", "幫助中小企業低成本上雲", "bringing small manufacturers onto the cloud at low cost"),
			t3("打通上下游的数据链条", "打通上下游的數據鏈條", "joining up data along the supply chain"),
		},
		look: look{motifs: []motif{motifNetwork, motifHex, motifGrid}, palette: []uint32{0x0b1620, 0x1d3b52, 0x2f7fb5, 0xffa726, 0xeaf4fb}},
	},
	{
		id: "intelligent-manufacturing", name: t3("智能制造", "智能製造", "Intelligent manufacturing"), track: "manufacturing",
		orgKind: t3("智造", "智造", "Smart Manufacturing"), govShare: 20,
		scenes: []scene{
			sc("AI视觉质检系统", "AI視覺質檢系統", "AI visual quality inspection system", "dev"),
			sc("柔性生产智能排产系统", "柔性生產智能排產系統", "flexible production scheduling system"),
			sc("汽车零部件黑灯工厂", "汽車零部件黑燈工廠", "lights-out auto-parts factory", "=automotive"),
			sc("智能仓储AGV集群", "智能倉儲AGV集群", "smart-warehouse AGV fleet", "dev"),
			sc("电子产品智能装配线", "電子產品智能裝配線", "intelligent electronics assembly line", "dev"),
			sc("化妆品智能灌装车间", "化妝品智能灌裝車間", "smart cosmetics filling workshop"),
			sc("数字孪生产线仿真平台", "數字孿生產線仿真平台", "digital-twin production-line simulator"),
			sc("工艺参数优化大模型", "工藝參數優化大模型", "process-parameter optimisation model", "+large-models"),
		},
		techs: []catalog.Text{
			t3("机器视觉", "機器視覺", "Machine vision"),
			t3("数字孪生", "數字孿生", "Digital twins"),
			t3("运筹优化", "運籌優化", "Operations research"),
			t3("工业机器人", "工業機器人", "Industrial robots"),
			t3("缺陷检测算法", "缺陷檢測算法", "Defect detection"),
		},
		sites: []catalog.Text{
			t3("某智能制造产业园", "某智能製造產業園", "an intelligent-manufacturing park"),
			t3("某新能源汽车工厂", "某新能源汽車工廠", "an electric-vehicle plant"),
			t3("某美妆生产基地", "某美妝生產基地", "a cosmetics plant"),
		},
		outcomes: []catalog.Text{
			t3("让良品率稳步提升", "讓良品率穩步提升", "steadily raising first-pass yield"),
			t3("使小批量、多品种生产更加经济", "使小批量、多品種生產更加經濟", "making small, varied batches pay"),
			t3("缩短新产品导入周期", "縮短新產品導入週期", "shortening new-product ramp-up"),
		},
		look: look{motifs: []motif{motifHex, motifCity, motifGrid}, palette: []uint32{0x121212, 0x2b2f3a, 0x4f6d8f, 0xff8f1f, 0xf4efe8}},
	},
	{
		id: "connected-vehicles", name: t3("智能网联汽车", "智能網聯汽車", "Intelligent connected vehicles"), track: "automotive",
		orgKind: t3("智行", "智行", "Mobility"), govShare: 35,
		scenes: []scene{
			sc("自动驾驶出租车示范运营", "自動駕駛出租車示範營運", "robotaxi demonstration service"),
			sc("车路协同智能路口", "車路協同智能路口", "vehicle-road cooperative smart intersection", "=city"),
			sc("智能网联公交线路", "智能網聯公交線路", "connected smart bus route"),
			sc("无人驾驶环卫车", "無人駕駛環衛車", "driverless street sweeper", "dev"),
			sc("自动泊车智慧停车楼", "自動泊車智慧停車樓", "automated valet parking garage"),
			sc("车载智能座舱大模型", "車載智能座艙大模型", "in-car smart cockpit model", "+large-models"),
			sc("智能网联汽车测试场", "智能網聯汽車測試場", "connected-vehicle test ground"),
			sc("无人配送车服务网络", "無人配送車服務網絡", "driverless delivery vehicle network", "+smart-logistics"),
		},
		techs: []catalog.Text{
			t3("激光雷达感知", "激光雷達感知", "Lidar perception"),
			t3("车路协同", "車路協同", "Vehicle-road cooperation"),
			t3("高精度地图", "高精度地圖", "High-definition maps"),
			t3("C-V2X通信", "C-V2X通信", "C-V2X communication"),
			t3("端到端自动驾驶", "端到端自動駕駛", "End-to-end autonomous driving"),
		},
		sites: []catalog.Text{
			t3("某智能网联示范区", "某智能網聯示範區", "a connected-vehicle pilot zone"),
			t3("某城市主干道", "某城市主幹道", "a city arterial road"),
			t3("某产业园区", "某產業園區", "a business park"),
		},
		outcomes: []catalog.Text{
			t3("为自动驾驶积累真实道路经验", "為自動駕駛積累真實道路經驗", "building real-road experience for autonomous driving"),
			t3("让出行更安全、更高效", "讓出行更安全、更高效", "making travel safer and more efficient"),
			t3("加快智能网联技术的规模化应用", "加快智能網聯技術的規模化應用", "bringing connected-vehicle technology to scale sooner"),
		},
		look: look{motifs: []motif{motifGrid, motifWaves, motifNetwork}, palette: []uint32{0x07101f, 0x12325a, 0x16a3e0, 0x9cf26b, 0xeefbff}},
	},
	{
		id: "digital-finance", name: t3("数字金融", "數字金融", "Digital finance"),
		orgKind: t3("金融科技", "金融科技", "Fintech"), govShare: 15,
		scenes: []scene{
			sc("供应链金融风控平台", "供應鏈金融風控平台", "supply-chain finance risk platform"),
			sc("智能投顾服务系统", "智能投顧服務系統", "robo-advisory service"),
			sc("普惠金融信用评估模型", "普惠金融信用評估模型", "inclusive-finance credit scoring model"),
			sc("跨境支付智能结算平台", "跨境支付智能結算平台", "cross-border payment settlement platform"),
			sc("数字人民币消费应用", "數字人民幣消費應用", "e-CNY retail payment scene"),
			sc("银行网点智能服务机器人", "銀行網點智能服務機器人", "bank-branch service robot", "dev", "+embodied-ai"),
			sc("反欺诈图计算平台", "反欺詐圖計算平台", "anti-fraud graph analytics platform"),
			sc("绿色金融碳核算系统", "綠色金融碳核算系統", "green-finance carbon accounting system"),
		},
		techs: []catalog.Text{
			t3("图计算", "圖計算", "Graph computing"),
			t3("隐私计算", "隱私計算", "Privacy computing"),
			t3("风险评估模型", "風險評估模型", "Risk models"),
			t3("金融大模型", "金融大模型", "Finance large models"),
			t3("数字人民币", "數字人民幣", "e-CNY"),
		},
		sites: []catalog.Text{
			t3("某商业银行", "某商業銀行", "a commercial bank"),
			t3("某金融科技园", "某金融科技園", "a fintech park"),
			t3("某供应链核心企业", "某供應鏈核心企業", "a supply-chain anchor firm"),
		},
		outcomes: []catalog.Text{
			t3("让实体企业更容易获得金融支持", "讓實體企業更容易獲得金融支持", "making finance easier to get for businesses"),
			t3("把风险识别从事后提前到事中", "把風險識別從事後提前到事中", "catching risk as it happens, not afterwards"),
			t3("让金融服务更便捷、更普惠", "讓金融服務更便捷、更普惠", "making financial services easier to reach for all"),
		},
		look: look{motifs: []motif{motifWaves, motifNetwork, motifHex}, palette: []uint32{0x0d0a1f, 0x2b1f5c, 0x6b4fd8, 0xf2c14e, 0xfbf6e9}},
	},
	{
		id: "digital-government", name: t3("数字政务", "數字政務", "Digital government"), track: "city",
		orgKind: t3("数字政务服务", "數字政務服務", "Digital Government Services"), govShare: 95,
		scenes: []scene{
			sc("政务服务智能问答助手", "政務服務智能問答助手", "government-service Q&A assistant", "+large-models"),
			sc("一网统管城市运行中心", "一網統管城市運行中心", "unified city operations centre"),
			sc("企业开办智能审批系统", "企業開辦智能審批系統", "smart business-registration approval system"),
			sc("12345热线工单智能分派", "12345熱線工單智能分派", "12345 hotline ticket routing"),
			sc("基层治理数字驾驶舱", "基層治理數字駕駛艙", "neighbourhood governance dashboard"),
			sc("公共资源交易智能监管平台", "公共資源交易智能監管平台", "public-resource trading supervision platform"),
			sc("城市部件AI巡查系统", "城市部件AI巡查系統", "AI street-furniture patrol system"),
			sc("政务数据共享交换平台", "政務數據共享交換平台", "government data-sharing exchange", "+data-elements"),
		},
		techs: []catalog.Text{
			t3("政务大模型", "政務大模型", "Government large models"),
			t3("自然语言处理", "自然語言處理", "Natural language processing"),
			t3("城市信息模型", "城市信息模型", "City information modelling"),
			t3("视频智能分析", "視頻智能分析", "Video analytics"),
			t3("数据共享交换", "數據共享交換", "Data sharing and exchange"),
		},
		sites: []catalog.Text{
			t3("某政务服务中心", "某政務服務中心", "a government service centre"),
			t3("某街道办事处", "某街道辦事處", "a sub-district office"),
			t3("某城市运行管理中心", "某城市運行管理中心", "a city operations centre"),
		},
		outcomes: []catalog.Text{
			t3("让市民办事少跑腿", "讓市民辦事少跑腿", "so that residents make fewer trips to get things done"),
			t3("让城市问题被更早发现、更快处置", "讓城市問題被更早發現、更快處置", "spotting city problems earlier and fixing them sooner"),
			t3("让部门之间的数据多跑路", "讓部門之間的數據多跑路", "letting data, not people, move between departments"),
		},
		look: look{motifs: []motif{motifCity, motifNetwork, motifRings}, palette: []uint32{0x08141a, 0x0e3a4a, 0x1c8c9e, 0xf25f5c, 0xf1fbfc}},
	},
	{
		id: "smart-logistics", name: t3("智慧交通与物流", "智慧交通與物流", "Smart transport and logistics"), track: "city",
		orgKind: t3("物流科技", "物流科技", "Logistics Technology"), govShare: 40,
		scenes: []scene{
			sc("港口智能集装箱码头", "港口智能貨櫃碼頭", "smart container terminal"),
			sc("城市交通信号智能优化", "城市交通信號智能優化", "adaptive traffic-signal control"),
			sc("冷链物流温控监测平台", "冷鏈物流溫控監測平台", "cold-chain temperature monitoring platform"),
			sc("快递分拣机器人系统", "快遞分揀機器人系統", "parcel-sorting robot system", "dev", "=manufacturing"),
			sc("智慧停车诱导平台", "智慧停車誘導平台", "smart parking guidance platform"),
			sc("多式联运数字平台", "多式聯運數字平台", "multimodal freight platform"),
			sc("城市货运车辆调度系统", "城市貨運車輛調度系統", "urban freight dispatch system", "=automotive"),
			sc("机场行李智能追踪系统", "機場行李智能追蹤系統", "airport baggage tracking system"),
		},
		techs: []catalog.Text{
			t3("路径优化", "路徑優化", "Route optimisation"),
			t3("物联网传感", "物聯網傳感", "IoT sensing"),
			t3("交通仿真", "交通仿真", "Traffic simulation"),
			t3("北斗定位", "北斗定位", "BeiDou positioning"),
			t3("射频识别", "射頻識別", "RFID"),
		},
		sites: []catalog.Text{
			t3("某物流园区", "某物流園區", "a logistics park"),
			t3("某交通枢纽", "某交通樞紐", "a transport hub"),
			t3("某港区作业区", "某港區作業區", "a port terminal"),
		},
		outcomes: []catalog.Text{
			t3("让人和货的流动更高效", "讓人和貨的流動更高效", "keeping people and goods moving efficiently"),
			t3("降低全社会物流成本", "降低全社會物流成本", "lowering the cost of moving goods"),
			t3("让调度从凭经验转向靠数据", "讓調度從憑經驗轉向靠數據", "basing dispatch on data, not guesswork"),
		},
		look: look{motifs: []motif{motifNetwork, motifGrid, motifCity}, palette: []uint32{0x0a1a14, 0x16473a, 0x2fae7e, 0xffd25e, 0xf0fff8}},
	},
	{
		id: "smart-exhibitions", name: t3("智慧会展", "智慧會展", "Smart exhibitions"),
		orgKind: t3("会展科技", "會展科技", "Exhibition Technology"), govShare: 30,
		scenes: []scene{
			sc("会展智能导览与人流管理", "會展智能導覽與人流管理", "exhibition guide and crowd management", "=city"),
			sc("线上数字展厅", "線上數字展廳", "online digital showroom"),
			sc("展会采购商智能匹配平台", "展會採購商智能匹配平台", "buyer matchmaking platform for trade fairs"),
			sc("展馆能耗数字孪生系统", "展館能耗數字孿生系統", "exhibition-hall energy digital twin"),
			sc("会议同传AI翻译系统", "會議同傳AI翻譯系統", "AI simultaneous interpretation for conferences", "+large-models"),
			sc("展位搭建虚拟设计平台", "展位搭建虛擬設計平台", "virtual booth design platform"),
			sc("无感入场核验系统", "無感入場核驗系統", "frictionless admission check"),
			sc("会展数据分析大屏", "會展數據分析大屏", "exhibition data analytics wall", "+data-elements"),
		},
		techs: []catalog.Text{
			t3("机器翻译", "機器翻譯", "Machine translation"),
			t3("人脸核验", "人臉核驗", "Face verification"),
			t3("室内定位", "室內定位", "Indoor positioning"),
			t3("智能匹配", "智能匹配", "Smart matching"),
			t3("三维可视化", "三維可視化", "3D visualisation"),
		},
		sites: []catalog.Text{
			t3("某国际会展中心", "某國際會展中心", "an international convention centre"),
			t3("某专业展馆", "某專業展館", "an exhibition hall"),
			t3("某会议酒店", "某會議酒店", "a conference hotel"),
		},
		outcomes: []catalog.Text{
			t3("让展商和采购商更快找到彼此", "讓展商和採購商更快找到彼此", "helping exhibitors and buyers find each other sooner"),
			t3("让参展、观展体验更顺畅", "讓參展、觀展體驗更順暢", "smoothing the day for exhibitors and visitors"),
			t3("让会展服务更绿色、更智能", "讓會展服務更綠色、更智能", "making exhibition services greener and smarter"),
		},
		look: look{motifs: []motif{motifRings, motifCity, motifHex}, palette: []uint32{0x1a0b14, 0x51163a, 0xc2185b, 0x4dd0e1, 0xfdeef4}},
	},
	{
		id: "blockchain", name: t3("区块链", "區塊鏈", "Blockchain"),
		orgKind: t3("链科技", "鏈科技", "Chain Technology"), govShare: 45,
		scenes: []scene{
			sc("区块链电子存证平台", "區塊鏈電子存證平台", "blockchain evidence preservation platform"),
			sc("跨境贸易区块链溯源", "跨境貿易區塊鏈溯源", "blockchain cross-border trade traceability"),
			sc("区块链不动产登记系统", "區塊鏈不動產登記系統", "blockchain property registration system", "=city"),
			sc("食品安全溯源链", "食品安全溯源鏈", "food-safety traceability chain"),
			sc("数字版权区块链平台", "數字版權區塊鏈平台", "blockchain digital-copyright platform"),
			sc("区块链电子发票服务", "區塊鏈電子發票服務", "blockchain e-invoice service"),
			sc("碳排放区块链记账平台", "碳排放區塊鏈記賬平台", "blockchain carbon ledger"),
			sc("区块链公益捐赠追踪", "區塊鏈公益捐贈追蹤", "blockchain charity donation tracker"),
		},
		techs: []catalog.Text{
			t3("联盟链", "聯盟鏈", "Consortium blockchains"),
			t3("智能合约", "智能合約", "Smart contracts"),
			t3("可信时间戳", "可信時間戳", "Trusted timestamps"),
			t3("分布式身份", "分佈式身份", "Decentralised identity"),
			t3("跨链互通", "跨鏈互通", "Cross-chain interoperability"),
		},
		sites: []catalog.Text{
			t3("某公证处", "某公證處", "a notary office"),
			t3("某进出口企业", "某進出口企業", "an import-export firm"),
			t3("某农产品批发市场", "某農產品批發市場", "a farm-produce market"),
		},
		outcomes: []catalog.Text{
			t3("让每一条记录可信、可查、不可篡改", "讓每一條記錄可信、可查、不可篡改", "keeping every record trusted, checkable and tamper-proof"),
			t3("让企业少交纸质材料", "讓企業少交紙質材料", "sparing firms the paperwork"),
			t3("让跨部门、跨机构协作更可信", "讓跨部門、跨機構協作更可信", "building trust between departments and organisations"),
		},
		look: look{motifs: []motif{motifHex, motifNetwork, motifGrid}, palette: []uint32{0x050f1c, 0x0f2e4d, 0x2196f3, 0x00e5c3, 0xe9fbff}},
	},
	{
		id: "low-altitude", name: t3("低空经济", "低空經濟", "Low-altitude economy"), track: "city",
		orgKind: t3("低空科技", "低空科技", "Low-Altitude Technology"), govShare: 55,
		scenes: []scene{
			sc("无人机城市配送航线", "無人機城市配送航線", "urban drone delivery route", "+smart-logistics"),
			sc("eVTOL城市空中交通示范", "eVTOL城市空中交通示範", "eVTOL urban air mobility demonstration", "dev", "=automotive"),
			sc("低空飞行服务管理平台", "低空飛行服務管理平台", "low-altitude flight service platform"),
			sc("电力巡线无人机", "電力巡線無人機", "power-line inspection drone", "dev"),
			sc("无人机应急救援系统", "無人機應急救援系統", "drone emergency rescue system"),
			sc("低空文旅观光航线", "低空文旅觀光航線", "low-altitude sightseeing route", "+smart-tourism"),
			sc("无人机城市测绘平台", "無人機城市測繪平台", "drone city-mapping platform"),
			sc("河涌巡查无人机", "河涌巡查無人機", "waterway patrol drone", "dev"),
		},
		techs: []catalog.Text{
			t3("低空智联网", "低空智聯網", "Low-altitude networks"),
			t3("航路规划", "航路規劃", "Flight-path planning"),
			t3("北斗定位", "北斗定位", "BeiDou positioning"),
			t3("无人机集群调度", "無人機集群調度", "Drone fleet control"),
			t3("实景三维", "實景三維", "Photogrammetric 3D"),
		},
		sites: []catalog.Text{
			t3("某低空经济产业园", "某低空經濟產業園", "a low-altitude economy park"),
			t3("某滨江片区", "某濱江片區", "a riverside district"),
			t3("某城市起降场", "某城市起降場", "an urban vertiport"),
		},
		outcomes: []catalog.Text{
			t3("拓展城市低空应用场景", "拓展城市低空應用場景", "opening up new uses of the city's low airspace"),
			t3("让服务覆盖人难以到达的地方", "讓服務覆蓋人難以到達的地方", "reaching places that are hard to reach on foot"),
			t3("为低空飞行积累安全运行经验", "為低空飛行積累安全運行經驗", "building experience in safe low-altitude operations"),
		},
		look: look{motifs: []motif{motifWaves, motifGrid, motifRings}, palette: []uint32{0x071a2b, 0x0d4e7a, 0x40a9ff, 0xffe082, 0xf3fbff}},
	},
	{
		id: "embodied-ai", name: t3("具身智能与人形机器人", "具身智能與人形機器人", "Embodied AI and humanoid robots"), track: "manufacturing",
		orgKind: t3("机器人", "機器人", "Robotics"), govShare: 20,
		scenes: []scene{
			sc("人形机器人迎宾导览", "人形機器人迎賓導覽", "humanoid reception and guide robot", "dev", "="),
			sc("工厂具身智能搬运机器人", "工廠具身智能搬運機器人", "embodied-AI handling robot for factories", "dev"),
			sc("养老陪护机器人", "養老陪護機器人", "elderly-care companion robot", "dev", "=health"),
			sc("商场服务机器人集群", "商場服務機器人集群", "shopping-mall service robot fleet", "+smart-commerce"),
			sc("双臂协作机器人工作站", "雙臂協作機器人工作站", "dual-arm collaborative robot workstation", "dev"),
			sc("具身智能训练场", "具身智能訓練場", "embodied-AI training ground"),
			sc("四足巡检机器人", "四足巡檢機器人", "quadruped inspection robot", "dev", "=city"),
			sc("餐饮烹饪机器人", "餐飲烹飪機器人", "cooking robot for restaurants", "dev"),
		},
		techs: []catalog.Text{
			t3("视觉语言动作模型", "視覺語言動作模型", "Vision-language-action models"),
			t3("运动控制", "運動控制", "Motion control"),
			t3("灵巧手", "靈巧手", "Dexterous hands"),
			t3("多模态感知", "多模態感知", "Multimodal perception"),
			t3("仿真训练", "仿真訓練", "Simulation training"),
		},
		sites: []catalog.Text{
			t3("某机器人产业园", "某機器人產業園", "a robotics park"),
			t3("某养老服务中心", "某養老服務中心", "an elderly-care centre"),
			t3("某大型商场", "某大型商場", "a large shopping mall"),
		},
		outcomes: []catalog.Text{
			t3("让机器人走出实验室、进入真实场景", "讓機器人走出實驗室、進入真實場景", "taking robots out of the lab into daily work"),
			t3("承担重复、繁重和危险的工作", "承擔重複、繁重和危險的工作", "taking on repetitive, heavy and risky tasks"),
			t3("为具身智能模型积累真实数据", "為具身智能模型積累真實數據", "gathering real-world data for embodied models"),
		},
		look: look{motifs: []motif{motifRings, motifHex, motifNetwork}, palette: []uint32{0x100a1e, 0x2e1a5e, 0x7c4dff, 0x18ffff, 0xf3f0ff}},
	},
	{
		id: "large-models", name: t3("行业大模型", "行業大模型", "Industry large models"),
		orgKind: t3("智能", "智能", "Intelligence"), govShare: 30,
		scenes: []scene{
			sc("政务行业大模型", "政務行業大模型", "government-affairs large model", "=city", "+digital-government"),
			sc("工业知识问答大模型", "工業知識問答大模型", "industrial knowledge Q&A model", "=manufacturing"),
			sc("法律服务大模型", "法律服務大模型", "legal-services large model"),
			sc("金融投研大模型", "金融投研大模型", "investment-research large model", "+digital-finance"),
			sc("教育垂直大模型", "教育垂直大模型", "education domain model", "+smart-education"),
			sc("医疗问诊大模型", "醫療問診大模型", "medical consultation model", "=health", "+smart-healthcare"),
			sc("城市治理多模态大模型", "城市治理多模態大模型", "multimodal city-governance model", "=city"),
			sc("汽车研发设计大模型", "汽車研發設計大模型", "automotive R&D design model", "=automotive"),
		},
		techs: []catalog.Text{
			t3("检索增强生成", "檢索增強生成", "Retrieval-augmented generation"),
			t3("模型微调", "模型微調", "Fine-tuning"),
			t3("智能体", "智能體", "AI agents"),
			t3("多模态理解", "多模態理解", "Multimodal understanding"),
			t3("国产算力", "國產算力", "Domestic computing power"),
		},
		sites: []catalog.Text{
			t3("某人工智能算力中心", "某人工智能算力中心", "an AI computing centre"),
			t3("某行业龙头企业", "某行業龍頭企業", "an industry leader"),
			t3("某专业服务机构", "某專業服務機構", "a professional services firm"),
		},
		outcomes: []catalog.Text{
			t3("把行业知识沉淀为随时可用的助手", "把行業知識沉澱為隨時可用的助手", "turning industry know-how into an assistant on call"),
			t3("让专业问答从几天缩短到几分钟", "讓專業問答從幾天縮短到幾分鐘", "answering expert questions in minutes, not days"),
			t3("降低中小企业使用大模型的门槛", "降低中小企業使用大模型的門檻", "lowering the bar for small firms to use large models"),
		},
		look: look{motifs: []motif{motifNetwork, motifRings, motifWaves}, palette: []uint32{0x060816, 0x1a1f4d, 0x5e5ce6, 0xff6fd8, 0xf5f3ff}},
	},
	{
		id: "data-elements", name: t3("数据要素", "數據要素", "Data elements"),
		orgKind: t3("数据科技", "數據科技", "Data Technology"), govShare: 50,
		scenes: []scene{
			sc("公共数据授权运营平台", "公共數據授權運營平台", "public-data authorised operation platform", "=city"),
			sc("数据交易撮合平台", "數據交易撮合平台", "data-trading matchmaking platform"),
			sc("隐私计算联合建模平台", "隱私計算聯合建模平台", "privacy-computing joint modelling platform"),
			sc("企业数据资产入表服务", "企業數據資產入表服務", "enterprise data-asset accounting service"),
			sc("医疗数据可信流通空间", "醫療數據可信流通空間", "trusted medical data space", "=health"),
			sc("交通数据开放创新实验室", "交通數據開放創新實驗室", "open transport-data lab", "=automotive"),
			sc("数据质量评估工具", "數據質量評估工具", "data-quality assessment toolkit"),
			sc("跨境数据安全流动试点", "跨境數據安全流動試點", "cross-border data-flow pilot"),
		},
		techs: []catalog.Text{
			t3("隐私计算", "隱私計算", "Privacy computing"),
			t3("数据沙箱", "數據沙箱", "Data sandboxes"),
			t3("数据确权登记", "數據確權登記", "Data rights registration"),
			t3("数据脱敏", "數據脫敏", "Data masking"),
			t3("可信数据空间", "可信數據空間", "Trusted data spaces"),
		},
		sites: []catalog.Text{
			t3("某数据交易所", "某數據交易所", "a data exchange"),
			t3("某数据产业园", "某數據產業園", "a data industry park"),
			t3("某公共数据运营中心", "某公共數據運營中心", "a public-data operations centre"),
		},
		outcomes: []catalog.Text{
			t3("让数据在安全可控的前提下流动起来", "讓數據在安全可控的前提下流動起來", "letting data flow safely and under control"),
			t3("帮助企业把数据变成资产", "幫助企業把數據變成資產", "helping firms turn data into assets"),
			t3("做到数据可用不可见", "做到數據可用不可見", "keeping data usable yet unseen"),
		},
		look: look{motifs: []motif{motifGrid, motifHex, motifNetwork}, palette: []uint32{0x03121a, 0x073b4c, 0x118ab2, 0x06d6a0, 0xeefcf7}},
	},
}

// zoneWords describes a zone: its vocabulary entry, the short name that
// starts a title, and how many projects of a hundred land there.
type zoneWords struct {
	id, group string
	name      catalog.Text
	short     catalog.Text
	weight    int
}

var zones = []zoneWords{
	{"pazhou", "area", t3("琶洲核心片区", "琶洲核心片區", "Pazhou core area"), t3("琶洲", "琶洲", "Pazhou"), 18},
	{"ifc", "area", t3("广州国际金融城", "廣州國際金融城", "Guangzhou International Financial City"), t3("金融城", "金融城", "Financial City"), 10},
	{"yuzhu", "area", t3("鱼珠片区", "魚珠片區", "Yuzhu area"), t3("鱼珠", "魚珠", "Yuzhu"), 9},
	{"haizhu", "district", t3("海珠区", "海珠區", "Haizhu District"), t3("海珠", "海珠", "Haizhu"), 8},
	{"tianhe", "district", t3("天河区", "天河區", "Tianhe District"), t3("天河", "天河", "Tianhe"), 9},
	{"huangpu", "district", t3("黄埔区", "黃埔區", "Huangpu District"), t3("黄埔", "黃埔", "Huangpu"), 9},
	{"nansha", "district", t3("南沙区", "南沙區", "Nansha District"), t3("南沙", "南沙", "Nansha"), 8},
	{"panyu", "district", t3("番禺区", "番禺區", "Panyu District"), t3("番禺", "番禺", "Panyu"), 7},
	{"baiyun", "district", t3("白云区", "白雲區", "Baiyun District"), t3("白云", "白雲", "Baiyun"), 6},
	{"yuexiu", "district", t3("越秀区", "越秀區", "Yuexiu District"), t3("越秀", "越秀", "Yuexiu"), 6},
	{"zengcheng", "district", t3("增城区", "增城區", "Zengcheng District"), t3("增城", "增城", "Zengcheng"), 5},
	{"huadu", "district", t3("花都区", "花都區", "Huadu District"), t3("花都", "花都", "Huadu"), 5},
}

// megaCenter is the Higher Education Mega Center, part of the Pazhou core
// area: some Pazhou projects run there and are titled after it.
var (
	megaCenter      = t3("广州大学城", "廣州大學城", "Guangzhou Higher Education Mega Center")
	megaCenterShort = t3("大学城", "大學城", "University Town")
)

// orgNames are the first halves of the sample companies' names.
var orgNames = []catalog.Text{
	t3("星河", "星河", "Xinghe"), t3("云帆", "雲帆", "Yunfan"), t3("羊城智联", "羊城智聯", "Yangcheng Zhilian"),
	t3("木棉", "木棉", "Kapok"), t3("海心", "海心", "Haixin"), t3("珠岸", "珠岸", "Zhu'an"),
	t3("南岭", "南嶺", "Nanling"), t3("穗图", "穗圖", "Suitu"), t3("琶江", "琶江", "Pajiang"),
	t3("青榕", "青榕", "Qingrong"), t3("白鹭", "白鷺", "Egret"), t3("明湾", "明灣", "Mingwan"),
	t3("晨曦", "晨曦", "Chenxi"), t3("启元", "啟元", "Qiyuan"), t3("知行", "知行", "Zhixing"),
	t3("恒远", "恆遠", "Hengyuan"), t3("越声", "越聲", "Yuesheng"), t3("花城", "花城", "Flower City"),
}

// commonTechs join a theme's own technologies now and then.
var commonTechs = []catalog.Text{
	t3("行业大模型", "行業大模型", "Industry large models"),
	t3("数字孪生", "數字孿生", "Digital twins"),
	t3("边缘计算", "邊緣計算", "Edge computing"),
	t3("5G", "5G", "5G"),
	t3("计算机视觉", "計算機視覺", "Computer vision"),
	t3("知识图谱", "知識圖譜", "Knowledge graphs"),
}

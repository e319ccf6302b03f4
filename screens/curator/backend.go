// Package curator draws the curator's console with Fyne: the PIN pad,
// the rotation planner with its timeline and editor, the statistics with
// charts drawn from canvas primitives, the health and settings pages,
// and the preview of the hall on a chosen date. Everything it reads or
// changes goes through Backend, so it never opens the database or the
// network; slow calls run off the UI goroutine and come back with
// fyne.Do.
package curator

import (
	"time"

	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/hall"
	"showhall/store/plan"
	"showhall/store/stats"
)

// Backend is what the console needs from the app. Methods marked slow
// are called off the UI goroutine.
type Backend interface {
	Snapshot() *catalog.Snapshot
	Now() time.Time
	Zone() *time.Location // the hall's
	Pictures() *screens.Pictures

	// Check runs the planner's checks on the rotations as they would be.
	Check(rots []catalog.Rotation) []plan.Finding
	SaveRotation(r catalog.Rotation) error
	DeleteRotation(id string) error
	// Export writes the catalogue with its rotations for carrying to the
	// screens and says where.
	Export() (string, error)

	Events(p stats.Period) ([]stats.Event, error)          // slow
	ExportCSV(kind string, p stats.Period) (string, error) // slow; kind "events" or "summary"
	Health() hall.Health                                   // slow

	Settings() (hall.HallSettings, []string)
	SaveSettings(s hall.HallSettings, trustedKeys []string) error
	ChangePIN(old, pin string) error
	// NewKeys gives the fingerprints of the keys among trustedKeys that
	// are not trusted yet, or says which line is not a key.
	NewKeys(trustedKeys []string) ([]string, error)
	// GoBack switches the hall back to the older catalogue offered at
	// url (the health page's Sync.Older), on a curator's say. Slow.
	GoBack(url string) error

	// Sticks lists the bundles on the USB sticks plugged in, with what
	// each would change, and the sticks' folders a catalogue can be
	// exported to. Slow.
	Sticks() ([]hall.StickBundle, []string)
	// ApplyStick applies a bundle from a stick (older: the curator
	// confirmed going back), reporting progress from 0 to 1. Slow.
	ApplyStick(path string, older bool, progress func(float64)) error
	// ExportToStick writes the catalogue as a signed bundle in a stick's
	// folder, once it checked the stick has room, and says where. Slow.
	ExportToStick(folder string) (string, error)

	// Touch tells the idle timer the curator is still there.
	Touch()
	// Leave returns the screen to visitors (or closes the laptop's window).
	Leave()
	// Kiosk reports whether the console runs on a hall screen, where it
	// can also restart or close the kiosk.
	Kiosk() bool
	Restart()
	Quit()
	// QuitWarning says what closing the kiosk leaves on this screen, for
	// the confirmation ("" when nothing needs saying).
	QuitWarning() string
}

// tr translates the console's English strings; the console is for staff
// and speaks Simplified Chinese or English (Traditional falls back to
// Simplified: staff read both).
func tr(l catalog.Lang, en string) string {
	if l == catalog.En {
		return en
	}
	if s, ok := zh[en]; ok {
		return s
	}
	return en
}

var zh = map[string]string{
	"Curator console":  "策展控制台",
	"Rotations":        "展期",
	"Statistics":       "观众统计",
	"Health":           "运行状态",
	"Settings":         "设置",
	"Back to visitors": "返回观众模式",
	"Restart kiosk":    "重启展示",
	"Close kiosk":      "关闭展示",
	"This PC is a dedicated kiosk: closing restarts the kiosk, as there is no desktop to return to.": "本机为专用展示机：关闭后展示将自动重启，没有桌面可返回。",
	"This screen will show the computer's desktop until someone starts the kiosk again.":             "关闭后屏幕将显示电脑桌面，直到有人再次启动展示。",
	"Portal on the hall's own network (plain HTTP)":                                                  "门户在展厅内网（允许 HTTP）",
	"New rotation":                        "新建展期",
	"past":                                "已结束",
	"current":                             "当前",
	"upcoming":                            "即将开始",
	"Preview on":                          "预览日期",
	"Preview":                             "预览",
	"Export catalogue":                    "导出目录",
	"Id":                                  "编号",
	"Name (简体)":                           "名称（简体）",
	"Name (繁體)":                           "名称（繁體）",
	"Name (English)":                      "名称（英文）",
	"First day":                           "首日",
	"Last day":                            "末日",
	"Search projects":                     "搜索项目",
	"All themes":                          "全部主题",
	"Add":                                 "添加",
	"Showcased projects":                  "展出项目",
	"Featured":                            "重点",
	"Up":                                  "上移",
	"Down":                                "下移",
	"Remove":                              "移除",
	"Attract playlist":                    "待机播放列表",
	"Check":                               "检查",
	"Save":                                "保存",
	"Delete":                              "删除",
	"No problems found.":                  "未发现问题。",
	"Saved.":                              "已保存。",
	"Fix the errors before saving.":       "请先修正错误再保存。",
	"This rotation":                       "本展期",
	"Previous rotation":                   "上一展期",
	"Last 7 days":                         "最近7天",
	"Last 30 days":                        "最近30天",
	"Opens per exhibit":                   "各展品打开次数",
	"Daily opens":                         "每日打开次数",
	"Themes":                              "主题",
	"opens":                               "次打开",
	"median dwell":                        "停留中位数",
	"video completion":                    "视频完播率",
	"Export events CSV":                   "导出原始事件CSV",
	"Export summary CSV":                  "导出汇总CSV",
	"Compared with the previous rotation": "与上一展期比较",
	"Loading…":                            "加载中…",
	"Refresh":                             "刷新",
	"App version":                         "软件版本",
	"Catalogue":                           "展品目录",
	"Last sync":                           "上次同步",
	"Last USB stick":                      "上次U盘导入",
	"Disk free":                           "磁盘剩余",
	"Media problems":                      "媒体问题",
	"Media refused":                       "未采用的媒体",
	"Events waiting for upload":           "待上传事件",
	"Idle timeout (s)":                    "无操作超时（秒）",
	"Default language":                    "默认语言",
	"Volume":                              "音量",
	"Text size":                           "文字大小",
	"Look":                                "外观",
	"High contrast":                       "高对比度",
	"Reach height (px)":                   "可触及高度（像素）",
	"Portal URL":                          "平台地址",
	"Sync every (min)":                    "同步间隔（分钟）",
	"Keep visitor events (days)":          "访客记录保留（天）",
	"Trusted feed keys":                   "受信任的发布密钥",
	"Current PIN":                         "当前PIN",
	"New PIN":                             "新PIN",
	"New PIN again":                       "再次输入新PIN",
	"Change PIN":                          "修改PIN",
	"The two PINs differ.":                "两次输入的PIN不一致。",
	"Enter the curator PIN":               "请输入策展PIN",
	"Choose a PIN (6 to 12 digits)":       "设置PIN（6至12位数字）",
	"Enter it again":                      "请再输入一次",
	"Clear":                               "清除",
	"OK":                                  "确定",
	"Cancel":                              "取消",
	"projects":                            "个项目",
	"featured":                            "个重点",
	"never":                               "从未",
	"Catalogue valid until":               "目录有效期至",
	"Older catalogue offered":             "提供的旧目录",
	"Go back to this catalogue":           "退回到此目录",
	"none":                                "无",
	"USB stick":                           "U盘",
	"Apply":                               "载入",
	"Export catalogue to the stick":       "导出目录到U盘",
	"No bundle on a USB stick.":           "U盘上没有目录包。",
	"No USB stick found.":                 "未发现U盘。",
}

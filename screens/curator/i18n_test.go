package curator

import (
	"regexp"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/screens/uitest"
	"showhall/store/hall"
	"showhall/store/hours"

	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"showhall/store/catalog"
)

// notWords are literals of the console's code that are not text for
// people: layouts, names of theme parts, file endings, examples in a
// placeholder that read the same in every language.
var notWords = map[string]bool{
	"2006-01-02": true, "15:04": true, "2006-01-02 15:04": true, "2006-01-02 15:04 MST": true, "January 2006": true, "%d年%s": true, "%q (%s)": true, "20060102-150405": true,
	"20060102T150405": true, "calendar": true, "events": true, "summary": true, "ed25519-public …": true,
	"ed25519-public ": true, "%s – %s": true, "%d: %s": true, "%.1f GB (%s)": true, "%s: %w": true, "%.0f%%": true,
	"%d → %d": true, "%s → %s": true, "%s (%s)": true, "%s · %s · %s": true, "%v; %s %q": true,
	"Preview ": true, "https://scenes.example.gov.cn/api/hall-stats": true, "Autumn 2026": true, "r2026-09": true,
	"n": true, "%s": true, "%d%%": true, "%.0f": true, "r": true, "%d. %s": true, "%s (%.8s)": true,
	"%s → %s (%s)\n%d %s · %d %s": true, "%02d:%02d": true,
	"display switched off": true, // a prefix the kiosk's words are recognised by
	// The hall's names of its commands, sent, never shown.
	"sync": true, "take-newest": true, "identify": true, "display-off": true, "display-on": true, "restart": true,
}

// consoleSources are the console's own files and those whose messages
// it shows as they are (the settings', the PIN's, the hours' and the
// notices' checks).
var consoleSources = []string{"*.go", "../../store/hall/settings.go", "../../store/hall/pin.go",
	"../../store/hours/hours.go", "../../store/notice/notice.go", "../../store/plan/plan.go"}

// consoleStrings finds every string literal meant for people in the
// console's sources: any with a letter, outside imports, struct tags,
// log calls and tests.
func consoleStrings(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{}
	fset := token.NewFileSet()
	for _, pattern := range consoleSources {
		files, _ := filepath.Glob(pattern)
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") || strings.HasPrefix(filepath.Base(path), "text_") || path == "i18n.go" {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			people := !strings.Contains(path, "store/") // in store/, only errors reach the console
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.ImportSpec, *ast.Field:
					return false
				case *ast.CallExpr:
					name := callName(x)
					if strings.HasPrefix(name, "log.") || strings.HasSuffix(name, ".Info") || strings.HasSuffix(name, ".Warn") ||
						strings.HasSuffix(name, ".Error") && name != "err.Error" || name == "fyne.LogError" {
						return false
					}
					arg := 0
					if name == "add" { // store/plan's findings: add(severity, rotation, format, ...)
						arg = 2
					}
					if !people && name != "errors.New" && name != "fmt.Errorf" && name != "fmt.Sprintf" && name != "add" {
						return true
					}
					if !people {
						if lit, ok := x.Args[arg].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							if s, _ := strconv.Unquote(lit.Value); !notWords[s] {
								found[s] = fset.Position(lit.Pos()).String()
							}
						}
						return false
					}
				case *ast.BasicLit:
					if !people || x.Kind != token.STRING {
						return true
					}
					s, err := strconv.Unquote(x.Value)
					if err == nil && strings.IndexFunc(s, unicode.IsLetter) >= 0 && !notWords[s] && !isCJKExample(s) {
						found[s] = fset.Position(x.Pos()).String()
					}
				}
				return true
			})
		}
	}
	return found
}

func callName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			return id.Name + "." + f.Sel.Name
		}
		return "." + f.Sel.Name
	case *ast.Ident:
		return f.Name
	}
	return ""
}

// isCJKExample is a placeholder written in Chinese on purpose (the name
// of a season as a curator would write it).
func isCJKExample(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 &&
		strings.IndexFunc(s, func(r rune) bool { return r < 128 && unicode.IsLetter(r) }) < 0
}

// TestEveryConsoleStringIsInTheThreeLanguages fails when a string of the
// console, or a message it shows from the checks behind it, has no
// Simplified or no Traditional Chinese (English is the key itself).
func TestEveryConsoleStringIsInTheThreeLanguages(t *testing.T) {
	found := consoleStrings(t)
	var missing []string
	for s, where := range found {
		for _, l := range []catalog.Lang{catalog.Hans, catalog.Hant} {
			if _, ok := consoleText[l][s]; !ok {
				missing = append(missing, where+": "+string(l)+": "+strconv.Quote(s))
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d console strings lack a translation:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	// And no translation is left over from a string the console no
	// longer has.
	for _, l := range []catalog.Lang{catalog.Hans, catalog.Hant} {
		for k := range consoleText[l] {
			if _, ok := found[k]; !ok && !slices.Contains(extraKeys, k) {
				t.Errorf("%s translation of %q, which the console no longer says", l, k)
			}
		}
	}
}

// englishWord finds a word of three or more Latin letters.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// allowedLatin are the Latin words a Chinese console still shows:
// names, units and formats people read as they are.
var allowedLatin = map[string]bool{"PIN": true, "CSV": true, "HTTP": true, "DPMS": true, "https": true, "English": true,
	"ed25519": true, "public": true, "MST": true, "CST": true, "Asia": true, "Shanghai": true, "demo": true, "test": true,
	"bad": true, "tmp": true, "notice": true} // what the test typed, and where the fake writes

// TestTheConsoleInTraditionalChineseLeavesNoEnglish opens every tab of
// the console in Traditional Chinese with every page showing what it
// can (health with its display line, hours, a notice, a refused PIN)
// and reads every text on screen.
func TestTheConsoleInTraditionalChineseLeavesNoEnglish(t *testing.T) {
	a := uitest.NewApp(t)
	a.Settings().SetTheme(screens.HallTheme{})
	f := newFake()
	opens := f.now.Add(20 * time.Hour)
	f.health.Display = &hall.Display{State: hours.State{Reason: hours.Asleep, Next: opens.Add(-hours.WarmUp), Opens: opens}, Dark: "display switched off (DPMS)"}
	w := test.NewTempWindow(t, nil)
	c := NewConsole(f, w, catalog.Hant)
	w.SetContent(c.Object())
	w.Resize(fyne.NewSize(1600, 1000))
	c.Notices.Hans.SetText("今日16:00闭馆")
	c.Notices.Hant.SetText("今日16:00閉館")
	c.Notices.En.SetText("Closing at 16:00")
	c.Notices.Publish()
	c.Hours.ClosedDate.SetText("bad")
	c.Hours.AddClosed()
	c.prefs.OldPIN.SetText("000000")
	c.prefs.NewPIN.SetText("123456")
	c.prefs.NewPIN2.SetText("123456")
	c.prefs.ChangePIN()
	var english []string
	for i := range c.tabs.Items {
		c.Select(i)
		if i == 2 {
			c.health.Show(f.Health())
		}
		for _, s := range texts(t, c.Object()) {
			for _, wd := range englishWord.FindAllString(s, -1) {
				if !allowedLatin[wd] {
					english = append(english, strconv.Quote(s))
					break
				}
			}
		}
		english = append(english, "")
	}
	got := strings.TrimSpace(strings.Join(slices.Compact(english), "\n"))
	if got != "" {
		t.Errorf("English left in the Traditional Chinese console:\n%s", got)
	}
}

// texts is every text shown under o.
func texts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.Form:
			for _, it := range x.Items {
				out = append(out, it.Text)
			}
		case *container.AppTabs:
			for _, it := range x.Items {
				out = append(out, it.Text)
			}
			if x.Selected() != nil {
				walk(x.Selected().Content)
			}
			return
		case *widget.Entry:
			return // what a curator types, and the examples under it
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// Messages from the checks behind the console are said in its language,
// with the values they name.
func TestMessagesAreTranslatedWithTheirValues(t *testing.T) {
	for _, tc := range []struct{ en, hant string }{
		{"a PIN must not be one digit repeated or a run like 123456", "PIN不能是同一數字重複或123456這樣的連續數字"},
		{"wrong PIN (3 tries left before the pad locks)", "PIN錯誤（再錯3次將鎖定）"},
		{"Tuesday: the hall must open before it closes, the same day (17:00 to 09:00)\nclosed day \"1 Oct\": write the date as 2026-10-01",
			"星期二：開館時間須早於同日閉館時間（17:00至09:00）\n閉館日\"1 Oct\"：日期請寫成 2026-10-01"},
		{"text size: step 0 to 2 (100% to 150%)", "文字大小：第0至2級（100%至150%）"},
		{`"Autumn 2026" (r2026-3) showcases no project`, `"Autumn 2026" (r2026-3)沒有展出項目`},
		{"something nobody wrote", "something nobody wrote"},
	} {
		if got := trMsg(catalog.Hant, tc.en); got != tc.hant {
			t.Errorf("%q:\n got %q\nwant %q", tc.en, got, tc.hant)
		}
	}
}

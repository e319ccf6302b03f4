package app

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hours"
	"showhall/store/notice"
	"showhall/store/stick"
)

// runExport is 'showhall export': the catalogue, or a rotation of it, as a signed bundle.
func runExport(env *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	key := fs.String("key", "", "private key to sign with")
	out := fs.String("out", "", "bundle to write: a folder, or a single file if it ends in .zip")
	rotation := fs.String("rotation", "", "only this rotation, its projects and their media")
	announce := announceFlags(fs)
	if err := parseVerbFlags(env, fs, "export", args); err != nil {
		return usageExit(err)
	}
	if *key == "" || *out == "" || fs.NArg() > 0 {
		return usageErr(env, "export", "give --key NAME and --out PATH")
	}
	priv, err := feed.ReadPrivateKey(*key)
	if err != nil {
		return fail(env, "export", err)
	}
	data, err := openData(env.DataDir, feedLog())
	if err != nil {
		return fail(env, "export", err)
	}
	defer data.Close()
	if info, err := data.DB.Info(); err != nil || info.Empty() {
		return fail(env, "export", fmt.Errorf("the data folder %s has no catalogue to export", env.DataDir))
	}
	doc, err := data.DB.Document()
	if err != nil {
		return fail(env, "export", err)
	}
	if *rotation != "" {
		if doc, err = feed.ForRotation(doc, *rotation); err != nil {
			return fail(env, "export", err)
		}
	}
	where := func(m catalog.Media) (string, error) { return data.Media.Path(m.Hash), nil }
	opt := feed.WriteOptions{Key: priv, Generator: "showhall " + Version}
	if err := announce.apply(&opt); err != nil {
		return fail(env, "export", err)
	}
	if opt.Hall, err = hallFiles(data, time.Now()); err != nil {
		return fail(env, "export", err)
	}
	if strings.EqualFold(filepath.Ext(*out), ".zip") {
		err = feed.WriteBundle(*out, doc, where, opt)
	} else {
		err = feed.Publish(*out, doc, where, opt)
	}
	if err != nil {
		return fail(env, "export", err)
	}
	fmt.Fprintf(env.Stdout, "exported catalogue %s (%d projects, %d media files) to %s\n", doc.Version, len(doc.Projects), len(doc.Media), *out)
	for _, f := range opt.Hall {
		fmt.Fprintf(env.Stdout, "with %s\n", f.Path())
	}
	return ExitOK
}

// hallFiles are the signed notices still to show (and withdrawals) and
// the signed opening hours, to carry inside a bundle (its hall/ folder):
// a season mailed or carried round the hall brings the hall's notices
// and hours with it. Each keeps its publisher's signature and is checked
// again where it arrives. They used to be written beside the bundle, and
// are no longer: a curator copying only the bundle lost them.
func hallFiles(data *Data, now time.Time) ([]feed.HallFile, error) {
	docs, versions, _, err := heldDocuments(data, now)
	if err != nil {
		return nil, err
	}
	var files []feed.HallFile
	used := map[string]bool{}
	for i, f := range docs.Notices {
		// A notice's id is free text: cut short for a stick's file names,
		// and two ids that read the same there told apart.
		base := "notice-" + safeName(versions[i].ID)
		for len(base) > 160 {
			_, size := utf8.DecodeLastRuneInString(base)
			base = base[:len(base)-size]
		}
		name := base + notice.Ext
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d%s", base, n, notice.Ext)
		}
		used[name] = true
		files = append(files, feed.HallFile{Name: name, Data: []byte(f)})
	}
	if docs.Hours != "" {
		files = append(files, feed.HallFile{Name: "opening" + hours.Ext, Data: []byte(docs.Hours)})
	}
	return files, nil
}

// safeName keeps a notice's id usable as a file name on any stick.
func safeName(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' || strings.ContainsRune(`*?"<>|`, r) {
			return '_'
		}
		return r
	}, id)
}

// importDocumentsBeside takes the signed notices and opening hours
// found beside an imported bundle, where screens wrote them before they
// went inside it, with the same checks as from a stick, and says what
// became of each.
func importDocumentsBeside(env *Env, data *Data, dir string, now time.Time) {
	for _, pattern := range []string{"*" + notice.Ext, "*" + hours.Ext} {
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, p := range files {
			file, err := readAtMost(p, maxNoticeFile)
			d, _, _ := takeDocumentFile(data, filepath.Base(p), file, err, now)
			printDocument(env, d)
		}
	}
}

// importCarried takes the documents an imported bundle carried inside
// it, and says what became of each.
func importCarried(env *Env, data *Data, res feed.Result, now time.Time) {
	c := takeCarried(data, res, now)
	for _, d := range c.outcomes {
		printDocument(env, d)
	}
	if c.refused != "" {
		fmt.Fprintf(env.Stderr, "%s/ refused: %s\n", feed.HallDir, c.refused)
	}
}

func printDocument(env *Env, d stick.DocumentOutcome) {
	if d.Verdict == stick.Refused {
		fmt.Fprintln(env.Stderr, d.String())
	} else {
		fmt.Fprintln(env.Stdout, d.String())
	}
}

// carried is what became of the signed documents a bundle carried.
type carried struct {
	outcomes []stick.DocumentOutcome
	refused  string          // the hall/ folder refused as a whole, in one sentence
	notices  []notice.Notice // the notices to show after the last one taken; nil when none was
	hours    *hours.Hours    // the hours taken; nil when none were
}

// takeCarried takes the notices and opening hours in a bundle's hall/
// folder with the same checks as from the console or a stick: each
// signed by a key this screen trusts, newer than the version held.
func takeCarried(data *Data, res feed.Result, now time.Time) carried {
	var c carried
	if res.HallErr != nil {
		c.refused = res.HallErr.Error()
	}
	for _, f := range res.Hall {
		d, list, h := takeDocumentFile(data, f.Path(), f.Data, f.Err, now)
		c.outcomes = append(c.outcomes, d)
		if list != nil {
			c.notices = list
		}
		if h != nil {
			c.hours = h
		}
	}
	return c
}

// takeDocumentFile takes one signed notice or opening hours file, told
// apart by its name's ending; readErr says it could not be read. It
// returns what became of it, and the notices to show or the hours to
// follow when it was taken.
func takeDocumentFile(data *Data, name string, file []byte, readErr error, now time.Time) (stick.DocumentOutcome, []notice.Notice, *hours.Hours) {
	d := stick.DocumentOutcome{File: name}
	var list []notice.Notice
	var held *hours.Hours
	err := readErr
	switch {
	case err != nil:
	case strings.EqualFold(filepath.Ext(name), notice.Ext):
		var n notice.Notice
		n, list, err = acceptNotice(data, file, now)
		d.What = "notice " + n.ID
		if n.ID == "" {
			d.What = "notice"
		}
	case strings.EqualFold(filepath.Ext(name), hours.Ext):
		var h hours.Hours
		h, err = acceptHours(data, file)
		d.What, held = "opening hours", &h
	default:
		err = fmt.Errorf("neither a notice (%s) nor opening hours (%s); passed over", notice.Ext, hours.Ext)
	}
	switch {
	case err == nil:
		d.Verdict = stick.Applied
		return d, list, held
	case errors.Is(err, notice.ErrUnchanged), errors.Is(err, hours.ErrUnchanged):
		d.Verdict = stick.UpToDate
	default:
		d.Verdict, d.Reason = stick.Refused, err.Error()
	}
	return d, nil, nil
}

package app

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hours"
	"showhall/store/notice"
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
	if strings.EqualFold(filepath.Ext(*out), ".zip") {
		err = feed.WriteBundle(*out, doc, where, opt)
	} else {
		err = feed.Publish(*out, doc, where, opt)
	}
	if err != nil {
		return fail(env, "export", err)
	}
	fmt.Fprintf(env.Stdout, "exported catalogue %s (%d projects, %d media files) to %s\n", doc.Version, len(doc.Projects), len(doc.Media), *out)
	docs, err := writeDocumentsBeside(data, filepath.Dir(filepath.Clean(*out)), time.Now())
	for _, d := range docs {
		fmt.Fprintf(env.Stdout, "with %s\n", d)
	}
	if err != nil {
		return fail(env, "export", err)
	}
	return ExitOK
}

// writeDocumentsBeside writes the signed notices still to show (and
// withdrawals) and the signed opening hours beside a bundle, in dir:
// where a stick's screen and `showhall import` look for them, so that a
// season carried round the hall brings the hall's notices and hours with
// it. Each keeps its publisher's signature and is checked again where it
// arrives. It returns the files written.
func writeDocumentsBeside(data *Data, dir string, now time.Time) ([]string, error) {
	docs, versions, _, err := heldDocuments(data, now)
	if err != nil {
		return nil, err
	}
	var written []string
	write := func(name string, body string) error {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return fmt.Errorf("writing %s beside the bundle: %w", name, err)
		}
		written = append(written, p)
		return nil
	}
	for i, f := range docs.Notices {
		if err := write("notice-"+safeName(versions[i].ID)+notice.Ext, f); err != nil {
			return written, err
		}
	}
	if docs.Hours != "" {
		if err := write("opening"+hours.Ext, docs.Hours); err != nil {
			return written, err
		}
	}
	return written, nil
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
// found beside an imported bundle, with the same checks as from a stick,
// and says what became of each.
func importDocumentsBeside(env *Env, data *Data, dir string, now time.Time) {
	for _, pattern := range []string{"*" + notice.Ext, "*" + hours.Ext} {
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, p := range files {
			file, err := readAtMost(p, maxNoticeFile)
			what := ""
			if err == nil && strings.HasSuffix(p, notice.Ext) {
				var n notice.Notice
				n, _, err = acceptNotice(data, file, now)
				what = "notice " + n.ID
			} else if err == nil {
				_, err = acceptHours(data, file)
				what = "opening hours"
			}
			switch {
			case errors.Is(err, notice.ErrUnchanged), errors.Is(err, hours.ErrUnchanged):
				fmt.Fprintf(env.Stdout, "%s: %s already in use\n", filepath.Base(p), what)
			case err != nil:
				fmt.Fprintf(env.Stderr, "%s refused: %v\n", filepath.Base(p), err)
			default:
				fmt.Fprintf(env.Stdout, "%s: %s taken\n", filepath.Base(p), what)
			}
		}
	}
}

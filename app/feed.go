package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/feed"
)

// The feed verbs: making keys, publishing, serving, syncing, and carrying
// catalogues on USB sticks. The work is done in store/feed; these only
// read the command line and talk to the technician.

// fail prints a failure the technician can act on and returns ExitFailure.
func fail(env *Env, v string, err error) int {
	fmt.Fprintf(env.Stderr, "showhall %s: %v\n", v, err)
	return ExitFailure
}

func usageErr(env *Env, v, msg string) int {
	fmt.Fprintf(env.Stderr, "showhall %s: %s\n", v, msg)
	verb, _ := lookupVerb(verbTable(), v)
	printVerbHelp(env.Stderr, verb, nil)
	return ExitUsage
}

func runKeygen(env *Env, args []string) int {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	out := fs.String("out", "", "file name of the private key; the public key goes to NAME.pub")
	if err := parseVerbFlags(env, fs, "keygen", args); err != nil {
		return usageExit(err)
	}
	if *out == "" || fs.NArg() > 0 {
		return usageErr(env, "keygen", "give --out NAME and nothing else")
	}
	pub, err := feed.WriteKeyPair(*out)
	if err != nil {
		return fail(env, "keygen", err)
	}
	fmt.Fprintf(env.Stdout, "private key: %s (keep it secret)\npublic key:  %s.pub (key id %s; give it to the kiosks)\n", *out, *out, pub.ID())
	return ExitOK
}

func feedLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func runPublish(env *Env, args []string) int {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	key := fs.String("key", "", "private key to sign with (from 'showhall keygen')")
	out := fs.String("out", "", "feed folder to write (replaced if it is a feed already)")
	from := fs.String("from", "", "spreadsheet of projects (.csv or .xlsx); see docs/spreadsheet.md")
	mediaDir := fs.String("media", "", "folder with the pictures and videos the spreadsheet names")
	skip := fs.Bool("skip-bad-rows", false, "publish the good rows of a spreadsheet that has bad ones")
	version := fs.String("version", "", "catalogue version to give a spreadsheet catalogue (default: sheet-TIME)")
	if err := parseVerbFlags(env, fs, "publish", args); err != nil {
		return usageExit(err)
	}
	if *key == "" || *out == "" || fs.NArg() > 0 {
		return usageErr(env, "publish", "give --key NAME and --out FEEDDIR")
	}
	if (*mediaDir != "" || *skip || *version != "") && *from == "" {
		return usageErr(env, "publish", "--media, --skip-bad-rows and --version go with --from SHEET")
	}
	priv, err := feed.ReadPrivateKey(*key)
	if err != nil {
		return fail(env, "publish", err)
	}
	data, err := openData(env.DataDir, feedLog())
	if err != nil {
		return fail(env, "publish", err)
	}
	defer data.Close()
	local, err := data.DB.Document()
	if err != nil {
		return fail(env, "publish", err)
	}
	info, _ := data.DB.Info()
	opt := feed.WriteOptions{Key: priv, Generator: "showhall " + Version}
	doc := local
	where := func(m catalog.Media) (string, error) { return data.Media.Path(m.Hash), nil }
	if *from != "" {
		if info.Empty() {
			// No catalogue here yet: the words and seasons of the demo.
			local = catalogtest.Generate(1, 1)
		}
		sheet, err := feed.ReadSheet(*from, feed.SheetOptions{MediaDir: *mediaDir, Base: local, Version: *version, SkipBadRows: *skip})
		var se *feed.SheetError
		if errors.As(err, &se) {
			for _, r := range se.Rows {
				fmt.Fprintf(env.Stderr, "%s: %s\n", *from, r)
			}
			fmt.Fprintf(env.Stderr, "showhall publish: %d bad rows; nothing was published (fix them, or add --skip-bad-rows)\n", len(se.Rows))
			return ExitFailure
		}
		if err != nil {
			return fail(env, "publish", err)
		}
		for _, r := range sheet.Skipped {
			fmt.Fprintf(env.Stderr, "%s: skipped %s\n", *from, r)
		}
		doc, where = sheet.Doc, sheet.MediaFile
	} else {
		if info.Empty() {
			return fail(env, "publish", fmt.Errorf("the data folder %s has no catalogue to publish", env.DataDir))
		}
		opt.Link = true // the media store never changes a file in place
	}
	if err := feed.Publish(*out, doc, where, opt); err != nil {
		return fail(env, "publish", err)
	}
	fmt.Fprintf(env.Stdout, "published catalogue %s (%d projects, %d media files) to %s\n", doc.Version, len(doc.Projects), len(doc.Media), *out)
	return ExitOK
}

func runServe(env *Env, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", ":8080", "address to listen on, HOST:PORT")
	if err := parseVerbFlags(env, fs, "serve", args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() != 1 {
		return usageErr(env, "serve", "give one FEEDDIR")
	}
	dir := fs.Arg(0)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(env, "serve", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(env.Stderr, "serving %s on http://%s/ (Ctrl-C to stop)\n", dir, ln.Addr())
	logf := func(format string, a ...any) { fmt.Fprintf(env.Stderr, format+"\n", a...) }
	if err := feed.Serve(ctx, ln, dir, logf); err != nil {
		return fail(env, "serve", err)
	}
	return ExitOK
}

// keyList is a repeatable --trust flag.
type keyList []string

func (k *keyList) String() string     { return strings.Join(*k, ",") }
func (k *keyList) Set(v string) error { *k = append(*k, v); return nil }

// trust adds the --trust keys to the store's trusted keys.
func trust(data *Data, files []string) error {
	var keys []feed.PublicKey
	for _, f := range files {
		k, err := feed.ReadPublicKey(f)
		if err != nil {
			return err
		}
		keys = append(keys, k)
	}
	_, err := feed.Trust(data.DB, keys...)
	return err
}

func runSync(env *Env, args []string) int {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	var trusted keyList
	fs.Var(&trusted, "trust", "public key of a publisher to trust (repeatable; remembered)")
	if err := parseVerbFlags(env, fs, "sync", args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() != 1 {
		return usageErr(env, "sync", "give one feed URL")
	}
	data, err := openData(env.DataDir, feedLog())
	if err != nil {
		return fail(env, "sync", err)
	}
	defer data.Close()
	if err := trust(data, trusted); err != nil {
		return fail(env, "sync", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar(env.Stderr)
	res, err := feed.Sync(ctx, feed.SyncOptions{URL: fs.Arg(0), DB: data.DB, Media: data.Media, Progress: bar.update, UserAgent: "showhall/" + Version})
	bar.done()
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("interrupted; the catalogue is unchanged and the next sync resumes the downloads (%w)", err)
		}
		return fail(env, "sync", err)
	}
	report(env, res)
	// The kiosk keeps syncing from the feed a technician last synced.
	if err := data.DB.PutSetting(SettingFeedURL, fs.Arg(0)); err != nil {
		fmt.Fprintf(env.Stderr, "showhall sync: remembering the feed for the kiosk: %v\n", err)
	}
	return ExitOK
}

func runImport(env *Env, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	var trusted keyList
	fs.Var(&trusted, "trust", "public key of a publisher to trust (repeatable; remembered)")
	if err := parseVerbFlags(env, fs, "import", args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() != 1 {
		return usageErr(env, "import", "give one folder or .zip bundle")
	}
	data, err := openData(env.DataDir, feedLog())
	if err != nil {
		return fail(env, "import", err)
	}
	defer data.Close()
	if err := trust(data, trusted); err != nil {
		return fail(env, "import", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar(env.Stderr)
	res, err := feed.Import(ctx, feed.ImportOptions{Path: fs.Arg(0), DB: data.DB, Media: data.Media, Progress: bar.update})
	bar.done()
	if err != nil {
		return fail(env, "import", err)
	}
	report(env, res)
	return ExitOK
}

func report(env *Env, res feed.Result) {
	if res.NotModified {
		fmt.Fprintf(env.Stdout, "up to date: catalogue %s (the feed has not changed)\n", res.Version)
		return
	}
	fmt.Fprintf(env.Stdout, "catalogue %s is now in use (signed by key %s): %d media files fetched (%.1f MB), %d resumed, %d already here, %d no longer used removed\n",
		res.Version, res.SignedBy, res.Fetched, float64(res.FetchBytes)/1e6, res.Resumed, res.Report.Present, res.Report.Pruned)
	for _, p := range res.Report.Problems {
		fmt.Fprintf(env.Stderr, "warning: %s\n", p)
	}
}

func runExport(env *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	key := fs.String("key", "", "private key to sign with")
	out := fs.String("out", "", "bundle to write: a folder, or a single file if it ends in .zip")
	rotation := fs.String("rotation", "", "only this rotation, its projects and their media")
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
	if strings.EqualFold(filepath.Ext(*out), ".zip") {
		err = feed.WriteBundle(*out, doc, where, opt)
	} else {
		err = feed.Publish(*out, doc, where, opt)
	}
	if err != nil {
		return fail(env, "export", err)
	}
	fmt.Fprintf(env.Stdout, "exported catalogue %s (%d projects, %d media files) to %s\n", doc.Version, len(doc.Projects), len(doc.Media), *out)
	return ExitOK
}

// progressBar draws on a terminal, and writes a plain line now and then
// (at each phase, and every ten seconds) anywhere else, such as a log.
type progressBar struct {
	w     io.Writer
	tty   bool
	phase string
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer) *progressBar {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = os.Getenv("TERM") != "dumb"
		}
	}
	return &progressBar{w: w, tty: tty}
}

func (b *progressBar) update(p feed.Progress) {
	newPhase := p.Phase != b.phase
	b.phase = p.Phase
	if !b.tty {
		if newPhase || time.Since(b.last) > 10*time.Second {
			b.last = time.Now()
			if p.Phase == feed.PhaseMedia {
				fmt.Fprintf(b.w, "%s: %d of %d files, %.1f of %.1f MB\n", p.Phase, p.Files, p.FilesTotal, float64(p.Bytes)/1e6, float64(p.BytesTotal)/1e6)
			} else {
				fmt.Fprintf(b.w, "%s\n", p.Phase)
			}
		}
		return
	}
	const width = 30
	frac := 0.0
	if p.BytesTotal > 0 {
		frac = min(float64(p.Bytes)/float64(p.BytesTotal), 1)
	}
	fill := int(frac * width)
	fmt.Fprintf(b.w, "\r%-8s [%s%s] %3.0f%% %d/%d files %.1f/%.1f MB ", p.Phase,
		strings.Repeat("#", fill), strings.Repeat(".", width-fill), frac*100, p.Files, p.FilesTotal, float64(p.Bytes)/1e6, float64(p.BytesTotal)/1e6)
	b.drawn = true
}

func (b *progressBar) done() {
	if b.tty && b.drawn {
		fmt.Fprintln(b.w)
	}
}

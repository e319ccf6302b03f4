package app

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"showhall/store/feed"
)

// What the feed verbs share (keygen.go, publish.go, serve.go, sync.go,
// import.go, export.go): making keys, publishing, serving, syncing, and
// carrying catalogues on USB sticks. The work is done in store/feed; the
// verbs only read the command line and talk to the technician.

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

func feedLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

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

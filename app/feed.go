package app

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
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

// vouched reads the --trust keys for the feed at feedPath (empty for a
// URL) and says plainly which new ones are about to be trusted. They are
// stored only with the switch to the feed they came with.
func vouched(env *Env, data *Data, files, fingerprints []string, feedPath string) ([]feed.PublicKey, error) {
	have, err := feed.TrustedKeys(data.DB)
	if err != nil {
		return nil, err
	}
	var keys []feed.PublicKey
	for _, f := range files {
		k, err := feed.ReadPublicKey(f)
		if err != nil {
			return nil, err
		}
		fp := ""
		for _, x := range fingerprints {
			if strings.EqualFold(strings.TrimSpace(x), k.ID()) {
				fp = x
			}
		}
		if k, err = feed.ReadVouchedKey(f, feedPath, fp); err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(have, func(h feed.PublicKey) bool { return h.ID() == k.ID() }) {
			fmt.Fprintf(env.Stdout, "about to trust a new publisher key: fingerprint %s (%s), once the catalogue it came with verifies\n", k.ID(), f)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// announced are the key changes a publisher signs into a feed.
type announced struct {
	validDays   *int
	add, revoke keyList
}

func announceFlags(fs *flag.FlagSet) *announced {
	a := &announced{validDays: fs.Int("valid-days", int(feed.DefaultValidity/(24*time.Hour)), "days the feed stays valid; after that kiosks flag its catalogue as stale")}
	fs.Var(&a.add, "add-key", "public key (.pub) the kiosks should trust from this feed on (repeatable)")
	fs.Var(&a.revoke, "revoke-key", "key id or .pub file the kiosks should stop trusting (repeatable)")
	return a
}

func (a *announced) apply(opt *feed.WriteOptions) error {
	if *a.validDays < 1 {
		return fmt.Errorf("--valid-days %d: a feed must stay valid at least one day", *a.validDays)
	}
	opt.ValidFor = time.Duration(*a.validDays) * 24 * time.Hour
	if len(a.add) == 0 && len(a.revoke) == 0 {
		return nil
	}
	ch := &feed.KeyChanges{}
	for _, f := range a.add {
		k, err := feed.ReadPublicKey(f)
		if err != nil {
			return err
		}
		ch.Add = append(ch.Add, k.String())
	}
	for _, r := range a.revoke {
		if k, err := feed.ReadPublicKey(r); err == nil {
			r = k.ID()
		}
		ch.Revoke = append(ch.Revoke, r)
	}
	opt.Keys = ch
	return nil
}

func report(env *Env, res feed.Result) {
	for _, id := range res.KeysAdded {
		fmt.Fprintf(env.Stdout, "publisher key %s is now trusted\n", id)
	}
	for _, id := range res.KeysRevoked {
		fmt.Fprintf(env.Stdout, "publisher key %s is no longer trusted\n", id)
	}
	if !res.StaleSince.IsZero() {
		fmt.Fprintf(env.Stderr, "warning: the catalogue in use expired on %s (its feed's valid_until); it is still shown, but the publisher should publish again\n", res.StaleSince.UTC().Format("2006-01-02 15:04 UTC"))
	}
	if res.NotModified || res.Current {
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

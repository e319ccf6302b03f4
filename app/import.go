package app

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"showhall/store/feed"
)

// runImport is 'showhall import': a catalogue from a folder or a bundle on a USB stick.
func runImport(env *Env, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	var trusted, fingerprints keyList
	fs.Var(&trusted, "trust", "public key of a publisher to trust (repeatable; remembered once its feed verified)")
	fs.Var(&fingerprints, "trust-fingerprint", "fingerprint (key id) of a --trust key that comes on the stick itself, checked with the publisher")
	allowOlder := fs.Bool("allow-older", false, "go back on purpose to a catalogue older than the one in use")
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
	keys, err := vouched(env, data, trusted, fingerprints, fs.Arg(0))
	if err != nil {
		return fail(env, "import", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar(env.Stderr)
	res, err := feed.Import(ctx, feed.ImportOptions{Path: fs.Arg(0), DB: data.DB, Media: data.Media, Progress: bar.update,
		TrustNew: keys, AllowOlder: *allowOlder, KeepSigned: data.signedDir()})
	bar.done()
	if err != nil {
		// A bundle refused for its catalogue (an older one) still brings
		// newer notices and hours; nothing is read of one whose signature
		// failed.
		importCarried(env, data, res, time.Now())
		return fail(env, "import", err)
	}
	report(env, res)
	importCarried(env, data, res, time.Now())
	importDocumentsBeside(env, data, filepath.Dir(filepath.Clean(fs.Arg(0))), time.Now())
	return ExitOK
}

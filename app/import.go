package app

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"syscall"

	"showhall/store/feed"
)

// runImport is 'showhall import': a catalogue from a folder or a bundle on a USB stick.
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

package app

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"showhall/store/feed"
)

// runSync is 'showhall sync': a catalogue from a feed on a web server.
func runSync(env *Env, args []string) int {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	var trusted keyList
	fs.Var(&trusted, "trust", "public key of a publisher to trust (repeatable; remembered once its feed verified)")
	allowOlder := fs.Bool("allow-older", false, "go back on purpose to a catalogue older than the one in use")
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
	keys, err := vouched(env, data, trusted, nil, "")
	if err != nil {
		return fail(env, "sync", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar(env.Stderr)
	res, err := feed.Sync(ctx, feed.SyncOptions{URL: fs.Arg(0), DB: data.DB, Media: data.Media, Progress: bar.update, UserAgent: "showhall/" + Version,
		TrustNew: keys, AllowOlder: *allowOlder, KeepSigned: data.signedDir()})
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

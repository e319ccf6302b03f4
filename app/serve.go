package app

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"showhall/store/feed"
)

// runServe is 'showhall serve': a laptop as a local portal.
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

// Package app is showhall's composition root: it reads the command line,
// opens the data folder, and starts the kiosk, the curator's console or the
// roadshow, or runs one of the technician's verbs.
package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	_ "showhall/app/quietlocale" // first: before Fyne reads the locale
)

// Exit codes, for scripts and technicians.
const (
	ExitOK      = 0
	ExitFailure = 1 // the message says what went wrong
	ExitUsage   = 2 // the command line was not understood
)

// Version is set at build time by the Makefile.
var Version = "dev"

// Env is what every verb gets: the global options and where to talk.
type Env struct {
	DataDir  string // where the database and media live
	Windowed bool   // development: a normal window instead of full screen
	Stdout   io.Writer
	Stderr   io.Writer
}

// A verb is one thing showhall can be asked to do.
type verb struct {
	name    string
	usage   string // arguments after the verb
	summary string
	run     func(env *Env, args []string) int
	hidden  bool // run by showhall itself, not listed in the help
}

// errUsage marks a command line that was not understood.
var errUsage = errors.New("usage")

// Main runs showhall with the given arguments (without the program name)
// and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	return mainWith(verbTable(), args, stdout, stderr)
}

// mainWith is Main over a table of verbs.
func mainWith(verbs []verb, args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr}
	global := flag.NewFlagSet("showhall", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&env.DataDir, "data", os.Getenv("SHOWHALL_DATA"), "")
	global.BoolVar(&env.Windowed, "windowed", false, "")
	showVersion := global.Bool("version", false, "")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printHelp(stdout, verbs)
			return ExitOK
		}
		fmt.Fprintf(stderr, "showhall: %v\nRun 'showhall --help' for usage.\n", err)
		return ExitUsage
	}
	if *showVersion {
		fmt.Fprintln(stdout, "showhall", Version)
		return ExitOK
	}
	rest := global.Args()
	name := "kiosk"
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if name == "help" {
		printHelp(stdout, verbs)
		return ExitOK
	}
	v, ok := lookupVerb(verbs, name)
	if !ok {
		fmt.Fprintf(stderr, "showhall: unknown command %q\nRun 'showhall --help' for the list of commands.\n", name)
		return ExitUsage
	}
	if env.DataDir == "" {
		dir, err := defaultDataDir()
		if err != nil {
			fmt.Fprintf(stderr, "showhall: %v; give a data folder with --data DIR\n", err)
			return ExitFailure
		}
		env.DataDir = dir
	}
	return v.run(env, rest)
}

// parseVerbFlags parses a verb's own flags; it prints the verb's usage and
// returns errUsage (or flag.ErrHelp) when they are not understood.
func parseVerbFlags(env *Env, fs *flag.FlagSet, v string, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if err == nil {
		return nil
	}
	verb, _ := lookupVerb(verbTable(), v)
	if errors.Is(err, flag.ErrHelp) {
		printVerbHelp(env.Stdout, verb, fs)
		return flag.ErrHelp
	}
	fmt.Fprintf(env.Stderr, "showhall %s: %v\n", v, err)
	printVerbHelp(env.Stderr, verb, fs)
	return errUsage
}

// usageExit turns a parseVerbFlags error into the exit code.
func usageExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	return ExitUsage
}

func printVerbHelp(w io.Writer, v verb, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: showhall [--data DIR] %s %s\n\n%s\n", v.name, v.usage, v.summary)
	if fs != nil {
		fs.SetOutput(w)
		fmt.Fprintln(w)
		fs.PrintDefaults()
	}
}

func printHelp(w io.Writer, verbs []verb) {
	fmt.Fprint(w, `showhall - the pilot-zone exhibition hall kiosk

Usage:
  showhall [--data DIR] [--windowed] [COMMAND] [ARGS]

With no command, showhall runs the visitors' kiosk.

Commands:
`)
	sorted := slices.Clone(verbs)
	slices.SortFunc(sorted, func(a, b verb) int { return strings.Compare(a.name, b.name) })
	for _, v := range sorted {
		if v.hidden {
			continue
		}
		fmt.Fprintf(w, "  %-9s %s\n", v.name, firstLine(v.summary))
	}
	fmt.Fprint(w, `
Global options:
  --data DIR    where the catalogue database and media live
                (also SHOWHALL_DATA; default: the per-user data folder)
  --windowed    run in a normal window instead of full screen (development)
  --version     print the version and exit
  --help        print this help and exit

Run 'showhall COMMAND --help' for a command's own options.
Exit codes: 0 success, 1 a failure the message explains, 2 a usage error.
`)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

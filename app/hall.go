package app

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"showhall/hallnet"
	"showhall/store/feed"
	"showhall/store/hours"
	"showhall/store/media"
	"showhall/store/notice"
)

// runHall is 'showhall hall': the hall's screens seen and acted on from
// any PC on the hall's network, for technicians and scripts.
func runHall(env *Env, args []string) int {
	if len(args) == 0 {
		return usageErr(env, "hall", "give what to do: list, screenshot, command or push")
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "list":
		return runHallList(env, rest)
	case "screenshot":
		return runHallScreenshot(env, rest)
	case "command":
		return runHallCommand(env, rest)
	case "push":
		return runHallPush(env, rest)
	case "-h", "--help", "-help":
		verb, _ := lookupVerb(verbTable(), "hall")
		printVerbHelp(env.Stdout, verb, nil)
		return ExitOK
	default:
		return usageErr(env, "hall", fmt.Sprintf("unknown hall command %q (use list, screenshot, command or push)", sub))
	}
}

// hallSeeds adds the --peers flag to fs; seeds reads it: the screens
// given, or else this PC's own kiosk and the screens that answer a
// multicast discovery. The screens each of them names are asked too.
func hallSeeds(fs *flag.FlagSet) (seeds func() (hallAddrs, error)) {
	list := fs.String("peers", "", fmt.Sprintf("screens to ask, HOST:PORT,... (default: this PC's kiosk, 127.0.0.1:%d, and the screens found on the network by multicast); the screens they know are asked too", hallnet.DefaultPort))
	return func() (hallAddrs, error) {
		if strings.TrimSpace(*list) != "" {
			addrs, err := hallnet.ParsePeers(*list)
			return hallAddrs{seeds: addrs}, err
		}
		a := hallAddrs{seeds: []string{localKiosk}, localOnly: true}
		found, _ := hallnet.Discover(context.Background(), hallDiscoverWait)
		for _, f := range found {
			a.seeds = append(a.seeds, f.Addr)
		}
		return a, nil
	}
}

// localKiosk is where this PC's own kiosk answers unless told otherwise.
var localKiosk = fmt.Sprintf("127.0.0.1:%d", hallnet.DefaultPort)

// hallAddrs are the screens to ask first.
type hallAddrs struct {
	seeds []string
	// localOnly: this PC's own kiosk was asked only in case there is
	// one (no --peers); when it does not answer it is left out of the
	// list, since a laptop has none.
	localOnly bool
}

// gather reads the hall from a.
func gather(c *hallnet.Client, a hallAddrs) []hallnet.Entry {
	list := c.Gather(context.Background(), a.seeds)
	if !a.localOnly {
		return list
	}
	return slices.DeleteFunc(list, func(e hallnet.Entry) bool { return e.Status == nil && e.Address == localKiosk })
}

// hallDiscoverWait is how long `showhall hall` listens for screens
// answering its discovery.
const hallDiscoverWait = 1500 * time.Millisecond

func runHallList(env *Env, args []string) int {
	fs := flag.NewFlagSet("hall list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "one JSON array, an object per screen (name, id, address, catalogue_version, state, reason, status)")
	seeds := hallSeeds(fs)
	if err := parseVerbFlags(env, fs, "hall", args); err != nil {
		return usageExit(err)
	}
	addrs, err := seeds()
	if err != nil {
		return usageErr(env, "hall", "--peers: "+err.Error())
	}
	list := gather(&hallnet.Client{}, addrs)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			return fail(env, "hall list", err)
		}
	} else {
		tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tSTATE\tCATALOGUE\tSEASON\tADDRESS\tREASON")
		for _, e := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", orDash(e.Name), e.State, orDash(e.CatalogueVersion), orDash(e.Season), e.Address, e.Reason)
		}
		tw.Flush()
	}
	for _, e := range list {
		if e.State != hallnet.Unreachable {
			return ExitOK
		}
	}
	fmt.Fprintln(env.Stderr, "showhall hall list: no screen answered; give their addresses with --peers HOST:PORT,...")
	return ExitFailure
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func runHallScreenshot(env *Env, args []string) int {
	fs := flag.NewFlagSet("hall screenshot", flag.ContinueOnError)
	seeds := hallSeeds(fs)
	if err := parseVerbFlags(env, fs, "hall", args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() != 2 {
		return usageErr(env, "hall", "screenshot needs the screen's NAME (or id, or address) and the FILE.png to write")
	}
	name, out := fs.Arg(0), fs.Arg(1)
	addrs, err := seeds()
	if err != nil {
		return usageErr(env, "hall", "--peers: "+err.Error())
	}
	c := &hallnet.Client{}
	e, err := findScreen(gather(c, addrs), name)
	if err != nil {
		return fail(env, "hall screenshot", err)
	}
	png, err := c.Screenshot(context.Background(), e.Address)
	if err != nil {
		return fail(env, "hall screenshot", err)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		return fail(env, "hall screenshot", err)
	}
	fmt.Fprintf(env.Stderr, "screenshot of %s (%s) written to %s\n", e.Name, e.Address, out)
	return ExitOK
}

// findScreen picks the screen a technician named: by name, id or address.
func findScreen(list []hallnet.Entry, name string) (hallnet.Entry, error) {
	var names []string
	for _, e := range list {
		if e.Status != nil && (e.Name == name || e.ID == name || e.Address == name) {
			return e, nil
		}
		if e.Name != "" {
			names = append(names, e.Name)
		}
	}
	if len(names) == 0 {
		return hallnet.Entry{}, fmt.Errorf("no screen named %q answered, nor any other: give their addresses with --peers HOST:PORT,...", name)
	}
	return hallnet.Entry{}, fmt.Errorf("no screen named %q answered; the hall has: %s", name, strings.Join(names, ", "))
}

func runHallCommand(env *Env, args []string) int {
	fs := flag.NewFlagSet("hall command", flag.ContinueOnError)
	keyPath := fs.String("key", "", "the curator's private key (made by showhall keygen; the screens trust its .pub)")
	to := fs.String("to", "", "the screen to ask, by name, id or address (default: every screen that answers)")
	docPath := fs.String("file", "", "notice: the signed notice file to show (.notice, from the console or showhall notice); hours: the signed opening hours file")
	withdraw := fs.Bool("withdraw", false, "notice: withdraw the notice in --file (signed anew with --key as a newer version)")
	seeds := hallSeeds(fs)
	// Flags may come before and after the action (notice --file F).
	var positional []string
	for rest := args; ; {
		if err := parseVerbFlags(env, fs, "hall", rest); err != nil {
			return usageExit(err)
		}
		if fs.NArg() == 0 {
			break
		}
		positional, rest = append(positional, fs.Arg(0)), fs.Args()[1:]
	}
	if len(positional) == 1 && positional[0] == hallnet.ActionPush {
		return usageErr(env, "hall", "a bundle is pushed with: showhall hall push --key KEY BUNDLE [--to NAME]")
	}
	if len(positional) != 1 || !slices.Contains(hallnet.Actions, positional[0]) {
		return usageErr(env, "hall", "command needs one ACTION: "+strings.Join(hallnet.Actions, ", "))
	}
	action := positional[0]
	carries := action == hallnet.ActionNotice || action == hallnet.ActionHours
	switch {
	case carries && *docPath == "":
		return usageErr(env, "hall", action+" needs --file FILE: the signed "+action+" document the screens check and take")
	case !carries && *docPath != "":
		return usageErr(env, "hall", "--file goes with notice or hours only")
	case *withdraw && action != hallnet.ActionNotice:
		return usageErr(env, "hall", "--withdraw goes with notice only")
	}
	if *keyPath == "" {
		return usageErr(env, "hall", "command needs --key KEY: a command is carried out only when signed by a curator key the screens trust")
	}
	priv, err := feed.ReadPrivateKey(*keyPath)
	if err != nil {
		return fail(env, "hall command", err)
	}
	var doc []byte
	if carries {
		if doc, err = hallDocument(action, *docPath, *withdraw, priv, time.Now()); err != nil {
			return fail(env, "hall command", err)
		}
	}
	addrs, err := seeds()
	if err != nil {
		return usageErr(env, "hall", "--peers: "+err.Error())
	}
	c := &hallnet.Client{}
	list := gather(c, addrs)
	var targets []hallnet.Entry
	if *to != "" {
		e, err := findScreen(list, *to)
		if err != nil {
			return fail(env, "hall command", err)
		}
		targets = []hallnet.Entry{e}
	} else {
		for _, e := range list {
			if e.Status != nil {
				targets = append(targets, e)
			}
		}
		if len(targets) == 0 {
			return fail(env, "hall command", errors.New("no screen answered; give their addresses with --peers HOST:PORT,..."))
		}
	}
	// One command signed for each screen: what one screen received cannot
	// be sent on to another. They go out side by side.
	type answer struct {
		e   hallnet.Entry
		res hallnet.Result
		err error
	}
	answers := make([]answer, len(targets))
	var wg sync.WaitGroup
	for i, e := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i].e = e
			cmd := hallnet.Command{Action: action, To: e.ID, Time: time.Now()}
			var err error
			if doc != nil {
				cmd, err = hallnet.DocumentCommand(action, e.ID, doc, time.Now())
			}
			var envelope []byte
			if err == nil {
				envelope, err = hallnet.SignCommand(priv, cmd)
			}
			if err != nil {
				answers[i].err = err
				return
			}
			answers[i].res, answers[i].err = c.SendCommand(context.Background(), e.Address, envelope)
		}()
	}
	wg.Wait()
	code := ExitOK
	for _, a := range answers {
		if a.err != nil {
			fmt.Fprintf(env.Stdout, "%s (%s): %v\n", a.e.Name, a.e.Address, a.err)
			code = ExitFailure
			continue
		}
		fmt.Fprintf(env.Stdout, "%s (%s): %s\n", a.e.Name, a.e.Address, a.res.Message)
	}
	return code
}

func runHallPush(env *Env, args []string) int {
	fs := flag.NewFlagSet("hall push", flag.ContinueOnError)
	keyPath := fs.String("key", "", "the curator's private key (the screens trust its .pub)")
	to := fs.String("to", "", "the screen to hand the bundle to, by name, id or address (default: the first that answers); it passes it on")
	seeds := hallSeeds(fs)
	if err := parseVerbFlags(env, fs, "hall", args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() != 1 {
		return usageErr(env, "hall", "push needs one BUNDLE (a .zip made by showhall export or publish)")
	}
	if *keyPath == "" {
		return usageErr(env, "hall", "push needs --key KEY: a screen takes a bundle only with a command signed by a curator key it trusts")
	}
	bundle := fs.Arg(0)
	priv, err := feed.ReadPrivateKey(*keyPath)
	if err != nil {
		return fail(env, "hall push", err)
	}
	sum, size, err := media.HashFile(bundle)
	if err != nil {
		return fail(env, "hall push", err)
	}
	addrs, err := seeds()
	if err != nil {
		return usageErr(env, "hall", "--peers: "+err.Error())
	}
	c := &hallnet.Client{}
	var target hallnet.Entry
	list := gather(c, addrs)
	if *to != "" {
		if target, err = findScreen(list, *to); err != nil {
			return fail(env, "hall push", err)
		}
	} else {
		i := slices.IndexFunc(list, func(e hallnet.Entry) bool { return e.Status != nil })
		if i < 0 {
			return fail(env, "hall push", errors.New("no screen answered; give their addresses with --peers HOST:PORT,..."))
		}
		target = list[i]
	}
	argsJSON, _ := json.Marshal(hallnet.PushArgs{SHA256: sum, Size: size})
	envelope, err := hallnet.SignCommand(priv, hallnet.Command{Action: hallnet.ActionPush, To: target.ID, Time: time.Now(), Args: argsJSON})
	if err != nil {
		return fail(env, "hall push", err)
	}
	fmt.Fprintf(env.Stderr, "handing %s (%d MB) to %s (%s)\n", bundle, size>>20, target.Name, target.Address)
	res, err := c.SendPush(context.Background(), target.Address, envelope, bundle)
	if err != nil {
		return fail(env, "hall push", fmt.Errorf("%s (%s): %w", target.Name, target.Address, err))
	}
	fmt.Fprintf(env.Stdout, "%s (%s): %s\n", target.Name, target.Address, res.Message)
	return ExitOK
}

// hallDocument reads the signed document a notice or hours command
// carries. A withdrawal is the notice in path signed anew with priv as a
// newer, withdrawn version: the screens take it as they would from the
// console.
//
// Opening hours may also be given as plain hours (the JSON of
// store/hours.Hours): they are signed with priv, now.
func hallDocument(action, path string, withdraw bool, priv ed25519.PrivateKey, now time.Time) ([]byte, error) {
	file, err := readAtMost(path, maxNoticeFile)
	if err != nil {
		return nil, err
	}
	if action == hallnet.ActionHours {
		var f hours.File
		if json.Unmarshal(file, &f) == nil && f.Format == hours.Format {
			return file, nil
		}
		var h hours.Hours
		if err := json.Unmarshal(file, &h); err != nil {
			return nil, fmt.Errorf("%s is neither a signed opening hours file (%s) nor opening hours: %v", path, hours.Format, err)
		}
		h.Signed = now.UTC()
		return hours.Sign(priv, h)
	}
	if !withdraw {
		return file, nil
	}
	n, err := notice.Read(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	n.Withdrawn, n.Signed = true, now.UTC()
	return notice.Sign(priv, n)
}

package app

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"

	"showhall/control"
	"showhall/store"
	"showhall/store/hall"
)

// pinInput is where 'pin set' reads the new PIN; tests replace it.
var pinInput io.Reader = os.Stdin

func runPIN(env *Env, args []string) int {
	fs := flag.NewFlagSet("pin", flag.ContinueOnError)
	if err := parseVerbFlags(env, fs, "pin", args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() != 1 || (fs.Arg(0) != "set" && fs.Arg(0) != "unlock") {
		fmt.Fprintln(env.Stderr, "showhall pin: say 'set' or 'unlock'")
		v, _ := lookupVerb(verbTable(), "pin")
		printVerbHelp(env.Stderr, v, nil)
		return ExitUsage
	}
	req := control.Request{Action: control.ActionUnlock}
	if fs.Arg(0) == "set" {
		pin, err := readNewPIN(pinInput, env.Stderr)
		if err != nil {
			fmt.Fprintf(env.Stderr, "showhall pin set: %v; nothing was changed\n", err)
			return ExitFailure
		}
		req = control.Request{Action: control.ActionSetPIN, PIN: pin}
	}
	msg, err := pinRequest(env.DataDir, req)
	if err != nil {
		fmt.Fprintf(env.Stderr, "showhall pin %s: %v\n", fs.Arg(0), err)
		return ExitFailure
	}
	fmt.Fprintln(env.Stdout, msg)
	return ExitOK
}

// pinRequest hands req to the kiosk running on dataDir, or, when none
// runs, does it on the data folder itself.
func pinRequest(dataDir string, req control.Request) (string, error) {
	sock := control.Path(dataDir)
	msg, err := control.Send(sock, req)
	if err == nil {
		return msg + " (on the running kiosk)", nil
	}
	if !errors.Is(err, control.ErrNotRunning) {
		return "", err
	}
	if err := ownedByCaller(dataDir); err != nil {
		return "", err
	}
	db, err := store.Open(filepath.Join(dataDir, "catalogue.db"), store.Options{})
	if errors.Is(err, store.ErrAlreadyRunning) {
		return "", fmt.Errorf("a showhall holds the data folder %s but does not answer on %s; stop it (systemctl stop showhall-kiosk) and try again", dataDir, sock)
	}
	if err != nil {
		return "", fmt.Errorf("opening the data folder %s: %w", dataDir, err)
	}
	defer db.Close()
	g := &hall.Guard{Settings: db}
	if req.Action == control.ActionSetPIN {
		if err := g.ResetPIN(req.PIN); err != nil {
			return "", err
		}
		return "the curator PIN is set", nil
	}
	if err := g.Unlock(); err != nil {
		return "", err
	}
	return "the PIN pad is unlocked", nil
}

// ownedByCaller refuses to work as root on another user's data folder:
// a database root created or rewrote there could become unreadable to the
// kiosk. (Through the running kiosk's socket root is fine.)
func ownedByCaller(dataDir string) error {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return err
	}
	owner, ok := fileOwner(dataDir)
	if !ok || os.Geteuid() != 0 || owner == 0 {
		return nil
	}
	name := strconv.Itoa(owner)
	if u, err := user.LookupId(name); err == nil {
		name = u.Username
	}
	return fmt.Errorf("the data folder %s belongs to the user %s: run this as that user (sudo -u %s showhall --data %s pin ...)", dataDir, name, name, dataDir)
}

// readNewPIN reads a new PIN twice: from a terminal without echo, or as
// two lines from a script. The PIN's rules are checked here too, so a
// weak one is refused before anything is opened.
func readNewPIN(in io.Reader, prompt io.Writer) (string, error) {
	var first, second string
	var err error
	if f, ok := in.(*os.File); ok && isTerminal(f) {
		if first, err = readHidden(f, prompt, "New curator PIN (6 to 12 digits): "); err == nil {
			second, err = readHidden(f, prompt, "The same PIN again: ")
		}
	} else {
		r := bufio.NewReader(io.LimitReader(in, 1<<10))
		if first, err = readLine(r); err == nil {
			second, err = readLine(r)
		}
	}
	if err != nil {
		return "", fmt.Errorf("reading the PIN: %w", err)
	}
	if first != second {
		return "", errors.New("the two PINs differ")
	}
	if err := hall.ValidPIN(first); err != nil {
		return "", err
	}
	return first, nil
}

func readLine(r *bufio.Reader) (string, error) {
	s, err := r.ReadString('\n')
	if err == io.EOF && s != "" {
		err = nil
	}
	if err == io.EOF {
		return "", errors.New("the PIN is to be given twice, one line each")
	}
	return strings.TrimRight(s, "\r\n"), err
}

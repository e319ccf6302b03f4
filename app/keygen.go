package app

import (
	"flag"
	"fmt"

	"showhall/store/feed"
)

// runKeygen is 'showhall keygen': the technician's signing keys.
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

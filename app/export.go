package app

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"showhall/store/catalog"
	"showhall/store/feed"
)

// runExport is 'showhall export': the catalogue, or a rotation of it, as a signed bundle.
func runExport(env *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	key := fs.String("key", "", "private key to sign with")
	out := fs.String("out", "", "bundle to write: a folder, or a single file if it ends in .zip")
	rotation := fs.String("rotation", "", "only this rotation, its projects and their media")
	announce := announceFlags(fs)
	if err := parseVerbFlags(env, fs, "export", args); err != nil {
		return usageExit(err)
	}
	if *key == "" || *out == "" || fs.NArg() > 0 {
		return usageErr(env, "export", "give --key NAME and --out PATH")
	}
	priv, err := feed.ReadPrivateKey(*key)
	if err != nil {
		return fail(env, "export", err)
	}
	data, err := openData(env.DataDir, feedLog())
	if err != nil {
		return fail(env, "export", err)
	}
	defer data.Close()
	if info, err := data.DB.Info(); err != nil || info.Empty() {
		return fail(env, "export", fmt.Errorf("the data folder %s has no catalogue to export", env.DataDir))
	}
	doc, err := data.DB.Document()
	if err != nil {
		return fail(env, "export", err)
	}
	if *rotation != "" {
		if doc, err = feed.ForRotation(doc, *rotation); err != nil {
			return fail(env, "export", err)
		}
	}
	where := func(m catalog.Media) (string, error) { return data.Media.Path(m.Hash), nil }
	opt := feed.WriteOptions{Key: priv, Generator: "showhall " + Version}
	if err := announce.apply(&opt); err != nil {
		return fail(env, "export", err)
	}
	if strings.EqualFold(filepath.Ext(*out), ".zip") {
		err = feed.WriteBundle(*out, doc, where, opt)
	} else {
		err = feed.Publish(*out, doc, where, opt)
	}
	if err != nil {
		return fail(env, "export", err)
	}
	fmt.Fprintf(env.Stdout, "exported catalogue %s (%d projects, %d media files) to %s\n", doc.Version, len(doc.Projects), len(doc.Media), *out)
	return ExitOK
}

package app

import (
	"errors"
	"flag"
	"fmt"

	"showhall/assets"
	"showhall/store/catalog"
	"showhall/store/feed"
)

// runPublish is 'showhall publish': a signed feed from the local catalogue or a spreadsheet.
func runPublish(env *Env, args []string) int {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	key := fs.String("key", "", "private key to sign with (from 'showhall keygen')")
	out := fs.String("out", "", "feed folder to write (replaced if it is a feed already)")
	from := fs.String("from", "", "spreadsheet of projects (.csv or .xlsx); see docs/spreadsheet.md")
	mediaDir := fs.String("media", "", "folder with the pictures and videos the spreadsheet names")
	skip := fs.Bool("skip-bad-rows", false, "publish the good rows of a spreadsheet that has bad ones")
	version := fs.String("version", "", "catalogue version to give a spreadsheet catalogue (default: sheet-TIME)")
	announce := announceFlags(fs)
	if err := parseVerbFlags(env, fs, "publish", args); err != nil {
		return usageExit(err)
	}
	if *key == "" || *out == "" || fs.NArg() > 0 {
		return usageErr(env, "publish", "give --key NAME and --out FEEDDIR")
	}
	if (*mediaDir != "" || *skip || *version != "") && *from == "" {
		return usageErr(env, "publish", "--media, --skip-bad-rows and --version go with --from SHEET")
	}
	priv, err := feed.ReadPrivateKey(*key)
	if err != nil {
		return fail(env, "publish", err)
	}
	data, err := openData(env.DataDir, feedLog())
	if err != nil {
		return fail(env, "publish", err)
	}
	defer data.Close()
	local, err := data.DB.Document()
	if err != nil {
		return fail(env, "publish", err)
	}
	info, _ := data.DB.Info()
	opt := feed.WriteOptions{Key: priv, Generator: "showhall " + Version}
	if err := announce.apply(&opt); err != nil {
		return fail(env, "publish", err)
	}
	doc := local
	where := func(m catalog.Media) (string, error) { return data.Media.Path(m.Hash), nil }
	if *from != "" {
		if info.Empty() {
			// No catalogue here yet: the words and seasons of the demo.
			if local, err = assets.DemoDocument(); err != nil {
				return fail(env, "publish", err)
			}
		}
		sheet, err := feed.ReadSheet(*from, feed.SheetOptions{MediaDir: *mediaDir, Base: local, Version: *version, SkipBadRows: *skip,
			VideoProbe: data.Media.VideoProbe()})
		var se *feed.SheetError
		if errors.As(err, &se) {
			for _, r := range se.Rows {
				fmt.Fprintf(env.Stderr, "%s: %s\n", *from, r)
			}
			fmt.Fprintf(env.Stderr, "showhall publish: %d bad rows; nothing was published (fix them, or add --skip-bad-rows)\n", len(se.Rows))
			return ExitFailure
		}
		if err != nil {
			return fail(env, "publish", err)
		}
		if sheet.Encoding != "" {
			fmt.Fprintf(env.Stdout, "%s: read as %s\n", *from, sheet.Encoding)
		}
		for _, r := range sheet.Skipped {
			fmt.Fprintf(env.Stderr, "%s: skipped %s\n", *from, r)
		}
		doc, where = sheet.Doc, sheet.MediaFile
	} else {
		if info.Empty() {
			return fail(env, "publish", fmt.Errorf("the data folder %s has no catalogue to publish", env.DataDir))
		}
		opt.Link = true // the media store never changes a file in place
	}
	if err := feed.Publish(*out, doc, where, opt); err != nil {
		return fail(env, "publish", err)
	}
	fmt.Fprintf(env.Stdout, "published catalogue %s (%d projects, %d media files) to %s\n", doc.Version, len(doc.Projects), len(doc.Media), *out)
	return ExitOK
}

package app

// verbTable is everything showhall can be asked to do, one entry a verb,
// in the order of a day at the hall. Each verb's wiring is in the file
// named after it (kiosk.go, curate.go, present.go, keygen.go, ...).
// It is a function rather than a variable because the verbs' own code
// looks their usage up here to print it.
func verbTable() []verb {
	return []verb{
		{name: "kiosk", usage: "[--idle SECONDS] [--lang LANG] [--text-size PERCENT] [--look LOOK] [--removable DIR]... [--hall-listen HOST:PORT] [--peers HOST:PORT,...]",
			summary: "Run the visitors' kiosk: attract loop, showcased exhibits, browsing (the default).",
			run:     runKiosk},
		{name: "curate", usage: "[--peers HOST:PORT,...]",
			summary: "Open the curator's console in a window (PIN protected): plan rotations, see visitor statistics, change settings,\n" +
				"and see and act on every screen of the hall (its Hall page finds the screens by multicast, or from --peers).",
			run: runCurate},
		{name: "pin", usage: "set | unlock",
			summary: "Set the curator PIN, or lift the PIN pad's lockout, from this PC's command line.\n" +
				"'pin set' reads the new PIN twice (without echo at a terminal, or two lines on standard input for\n" +
				"scripts); 'pin unlock' lets staff try again at once after wrong PINs locked the pad. Both reach a\n" +
				"running kiosk through its control socket in the data folder (only the kiosk's user and root may\n" +
				"use it), or change the data folder directly when no kiosk runs.\n" +
				"On a hall PC: sudo -u showhall showhall --data /var/lib/showhall/data pin set",
			run: runPIN},
		{name: "present",
			usage: "[--deck ID] [--rehearse] [--display N] [--lang LANG] [--list] [--import FILE] [--export FILE] [--pdf FILE [--compact]]",
			summary: "Roadshow: build a talk from the catalogue and give it, on a projector with a presenter console, offline.\n" +
				"With no --deck it opens the deck builder; with --deck it starts the talk: full screen on display N\n" +
				"(the second display when there is one) with the console on the other, or both in one window with\n" +
				"--rehearse. --list, --import, --export and --pdf work without a window and exit.",
			run: runPresent},
		{name: "keygen", usage: "--out NAME",
			summary: "Make a key pair for signing feeds: NAME (private, keep it secret) and NAME.pub (give it to the kiosks).",
			run:     runKeygen},
		{name: "publish", usage: "--key NAME --out FEEDDIR [--from SHEET --media DIR [--skip-bad-rows]] [--valid-days N] [--add-key KEY.pub] [--revoke-key ID]",
			summary: "Write a signed feed folder from the local catalogue, or from a spreadsheet (.csv or .xlsx) and a media folder.\nThe folder is replaced in one step, so a web server serving it never shows half a feed.",
			run:     runPublish},
		{name: "serve", usage: "[--addr HOST:PORT] FEEDDIR",
			summary: "Serve a feed folder over HTTP on the local network (a laptop as a local portal), until Ctrl-C.",
			run:     runServe},
		{name: "sync", usage: "[--trust KEY.pub] [--allow-older] URL",
			summary: "Bring the catalogue up to date from a feed on a web server. A --trust key is remembered once the feed it came with verified.\nAn older catalogue than the one in use is refused unless --allow-older (going back on purpose).",
			run:     runSync},
		{name: "import", usage: "[--trust KEY.pub [--trust-fingerprint ID]] [--allow-older] PATH",
			summary: "Bring in a catalogue from a feed folder or a .zip bundle (for example on a USB stick), with the same checks as sync.\nA --trust key that comes on the stick itself is refused unless --trust-fingerprint, checked with the publisher, matches it.",
			run:     runImport},
		{name: "export", usage: "--key NAME --out PATH [--rotation ID] [--valid-days N] [--add-key KEY.pub] [--revoke-key ID]",
			summary: "Write the catalogue (or one rotation of it) as a signed bundle: a folder, or one file when PATH ends in .zip.",
			run:     runExport},
		{name: "hall", usage: "list [--json] [--peers HOST:PORT,...] | screenshot [--peers ...] NAME FILE.png |\n" +
			"           command --key KEY [--to NAME] [--peers ...] sync|restart|identify|display-off|display-on |\n" +
			"           command --key KEY [--to NAME] [--peers ...] notice --file NOTICE [--withdraw] |\n" +
			"           command --key KEY [--to NAME] [--peers ...] hours --file HOURS |\n" +
			"           push --key KEY [--to NAME] [--peers ...] BUNDLE",
			summary: "See the hall's screens from any PC on its network: every screen's state (fine, behind, stuck, asleep,\n" +
				"unreachable, problem) with the reason, or a screenshot of one (the video frame included). Screens are found\n" +
				"from this PC's kiosk or the --peers given, and the screens each of them knows. A command is signed with a\n" +
				"curator key the screens trust, for one screen (--to) or each that answers; identify shows a screen's name\n" +
				"large for 10 s. notice and hours hand the screens a signed notice or opening hours file, which each checks\n" +
				"as one from the console or a stick and passes on to the others; --withdraw signs a withdrawal of the\n" +
				"notice with --key. push hands a signed bundle\n" +
				"to one screen, which applies it with the usual checks; the others take it from the screens that have it.",
			run: runHall},
		{name: "check-database", usage: "FILE...", hidden: true,
			summary: "Check every page of database files (run by the kiosk itself before it opens them).",
			run:     runCheckDatabase},
	}
}

// lookupVerb finds a verb of the table by name.
func lookupVerb(verbs []verb, name string) (verb, bool) {
	for _, v := range verbs {
		if v.name == name {
			return v, true
		}
	}
	return verb{}, false
}

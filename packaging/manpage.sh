#!/bin/bash
# Renders `showhall --help` and every `showhall COMMAND --help` into a
# man page (roff) on stdout, so `man showhall` says what --help says.
#   packaging/manpage.sh bin/showhall VERSION > showhall.1
set -euo pipefail
bin=$1
version=$2

# roff: a backslash is written \e, and a line may not start with . or '.
esc() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

help=$("$bin" --help)
# The command names: the indented first words of the "Commands:" block.
commands=$(awk '/^Commands:/{on=1; next} on && /^$/{exit} on {print $1}' <<<"$help")

cat <<ROFF
.TH SHOWHALL 1 "" "showhall $version" "User Commands"
.SH NAME
showhall \- the pilot-zone exhibition hall kiosk, curator's console and roadshow
.SH DESCRIPTION
The text below is what
.B showhall \-\-help
prints.
.PP
.nf
$(esc <<<"$help")
.fi
.SH COMMANDS
ROFF
for c in $commands; do
	echo ".SS $c"
	echo ".nf"
	"$bin" "$c" --help 2>/dev/null | esc || true
	echo ".fi"
done
cat <<'ROFF'
.SH FILES
.TP
.I /var/lib/showhall/data
the kiosk's catalogue database and media (the showhall user's, on a dedicated kiosk)
.TP
.I ~/.local/share/showhall
a desktop user's data folder
.SH SEE ALSO
.I /usr/share/doc/showhall/README.md
for the kiosk service, the watchdog and the desktop autostart entry.
ROFF

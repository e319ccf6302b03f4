#!/bin/bash
# talkloop.sh: a presenter giving the same roadshow talk again and again
# in one `showhall present` process, as the soak's second display does,
# without the hall screen: a quicker way to see whether the presenter's
# memory grows with talks.
#
#   go build -tags no_emoji,migrated_fynedo,soakclock -o /tmp/showhall-soak .
#   e2e/talkloop.sh /tmp/showhall-soak OUTDIR [TALKS]
#
# It starts its own Xvfb, imports the soak's deck (title, four projects,
# closing) into OUTDIR/laptop, and presents it in rehearsal with
# SHOWHALL_SOAK_TALKS=1 (the talk starts again a second after Esc). Each
# talk: six Right keys, then Esc. Every ten talks it writes the process's
# RSS and the last live heap the runtime log gave to OUTDIR/samples.txt;
# heap profiles every 30 s go to OUTDIR/prof (compare two with
# `go tool pprof -sample_index=inuse_objects -base EARLY LATE`). At the
# end it prints the growth as the soak does: medians of three samples
# from talk 20 on against the last three.
set -u
bin=$1 out=$2 talks=${3:-300}
mkdir -p "$out/prof"
rm -rf "$out/laptop" "$out"/prof/* "$out/samples.txt"

exec 5<> <(:)
Xvfb -screen 0 1920x1080x24 -nolisten tcp -displayfd 5 >"$out/xvfb.log" 2>&1 &
xvfb=$!
app=
stop() {
	[ -n "$app" ] && kill "$app" 2>/dev/null
	kill "$xvfb" 2>/dev/null
}
trap stop EXIT
read -r -t 10 display <&5 || { echo "talkloop: Xvfb did not start" >&2; exit 1; }
export DISPLAY=:$display LANG=C.UTF-8

cat >"$out/soak.showhall-deck" <<'DECK'
{"format": "showhall-deck", "version": 1, "exported": "2026-03-01T08:00:00Z",
 "deck": {"id": "soak-talk", "title": "Pilot Zone roadshow", "lang": "en", "planned_minutes": 10,
  "slides": [{"kind": "title"}, {"kind": "project", "project": "p2024-001"}, {"kind": "project", "project": "p2024-002"},
   {"kind": "project", "project": "p2024-003"}, {"kind": "project", "project": "p2024-004"}, {"kind": "closing"}],
  "created": "2026-03-01T08:00:00Z", "updated": "2026-03-01T08:00:00Z"}}
DECK
deck=$("$bin" --data "$out/laptop" present --import "$out/soak.showhall-deck" 2>/dev/null | awk '$1 == "imported" {print $2}')
[ -n "$deck" ] || { echo "talkloop: the deck was not imported" >&2; exit 1; }

SHOWHALL_SOAK_TALKS=1 SHOWHALL_RUNTIME_LOG=30s SHOWHALL_HEAP_PROFILES="$out/prof" \
	"$bin" --data "$out/laptop" present --deck "$deck" --rehearse --lang en >"$out/present.log" 2>&1 &
app=$!

given=0
while [ "$given" -lt "$talks" ]; do
	kill -0 "$app" 2>/dev/null || { echo "talkloop: the presenter's process ended" >&2; exit 1; }
	# Each talk opens its window again: wait for it and take the keyboard.
	started=$(grep -c 'rehearsal: talk and console in one window' "$out/present.log")
	win=$(xdotool search --name 'showhall · presenter console' 2>/dev/null | tail -1)
	if [ "$started" -le "$given" ] || [ -z "$win" ]; then
		sleep 0.2
		continue
	fi
	xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win" 2>/dev/null
	sleep 0.3
	for _ in 1 2 3 4 5 6; do
		xdotool key Right
		sleep 0.15
	done
	xdotool key Escape
	given=$((given + 1))
	if [ $((given % 10)) -eq 0 ]; then
		rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$app/status")
		heap=$(grep -o 'heap_live=[0-9]*' "$out/present.log" | tail -1 | cut -d= -f2)
		echo "$given $rss ${heap:-0}" | tee -a "$out/samples.txt"
	fi
done

# talk, RSS kB, live heap bytes -> the growth from talk 20 on.
awk '
	function median(a, b, c) { return a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b)) }
	$1 >= 20 { n++; t[n] = $1; r[n] = $2 / 1000; h[n] = $3 / 1e6 }
	END {
		if (n < 6) { print "talkloop: too few samples to judge growth"; exit }
		printf "talkloop: from talk %d to talk %d: RSS %+.1f MB, live heap %+.1f MB\n", t[1], t[n],
			median(r[n-2], r[n-1], r[n]) - median(r[1], r[2], r[3]),
			median(h[n-2], h[n-1], h[n]) - median(h[1], h[2], h[3])
	}' "$out/samples.txt"

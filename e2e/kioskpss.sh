#!/bin/bash
# kioskpss.sh: the kiosk's proportional memory (PSS) over its first
# seconds on the demo, on an Xvfb of its own, and where it lies at the
# end: the figures of BENCHMARKS.md's "Memory, a second look".
#
#   make build
#   e2e/kioskpss.sh bin/showhall OUTDIR [DISPLAY] [VAR=VALUE ...]
#
# DISPLAY defaults to :7. mpv shares its images with the X server only on
# a display numbered under 10, as on a hall PC's :0 (BENCHMARKS.md says
# why the number matters). VAR=VALUE go to the kiosk's environment, for
# instance SHOWHALL_LIBMPV=none for the kiosk without video. The first run
# in OUTDIR loads the demo catalogue and makes its thumbnails (kept in
# OUTDIR/data for the next runs); then the kiosk runs 35 s, its PSS
# sampled every half second into OUTDIR/pss-N.txt (seconds, kB). It
# prints the peak and the last sample, and the largest parts of the last
# sample by mapping, in MB of a million bytes as `make videocost` prints
# them (until 2026-12-03 evening it printed MiB, 4.9% smaller numbers).
# Compare two builds by running them in turn, a few times each: other
# processes sharing the same libraries lower the PSS.
set -u
bin=$(realpath "$1") out=$2 display=${3:-:7}
shift $(($# < 3 ? $# : 3))
mkdir -p "$out/data"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null' EXIT
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.2; done
if ! kill -0 $xvfb 2>/dev/null || ! xdpyinfo -display "$display" >/dev/null 2>&1; then
	echo "kioskpss: Xvfb did not start on $display (in use? give another display)" >&2
	exit 1
fi
if [ ! -e "$out/data/.thumbnails-made" ]; then
	DISPLAY=$display "$bin" --data "$out/data" kiosk --hall-listen off >"$out/first.log" 2>&1 &
	first=$!
	for _ in $(seq 300); do grep -q 'thumbnails ready' "$out/first.log" && break; sleep 1; done
	kill $first; wait $first 2>/dev/null
	grep -q 'thumbnails ready' "$out/first.log" || { echo "kioskpss: no thumbnails made; see $out/first.log" >&2; exit 1; }
	touch "$out/data/.thumbnails-made"
fi
n=1
while [ -e "$out/pss-$n.txt" ]; do n=$((n + 1)); done
env DISPLAY="$display" "$@" "$bin" --data "$out/data" kiosk --hall-listen off >"$out/kiosk-$n.log" 2>&1 &
kiosk=$!
start=$(date +%s.%N)
for _ in $(seq 70); do
	pss=$(awk '/^Pss:/ {s += $2} END {print s}' /proc/$kiosk/smaps_rollup 2>/dev/null) || break
	echo "$(echo "$(date +%s.%N) - $start" | bc) $pss" >>"$out/pss-$n.txt"
	sleep 0.5
done
cp /proc/$kiosk/smaps "$out/smaps-$n" 2>/dev/null
kill $kiosk; wait $kiosk 2>/dev/null
sort -k2 -n "$out/pss-$n.txt" | tail -1 | awk '{printf "peak %.1f MB (at %.1f s)\n", $2*1024/1e6, $1}'
tail -1 "$out/pss-$n.txt" | awk '{printf "last %.1f MB (at %.1f s)\n", $2*1024/1e6, $1}'
# The last sample by mapping: files by name, anonymous memory as one.
awk '/^[0-9a-f]+-[0-9a-f]+ / {name = (NF >= 6 ? $6 : "[anonymous]"); sub(".*/", "", name)}
	/^Pss:/ {pss[name] += $2}
	END {for (m in pss) if (pss[m] >= 2048) printf "%8.1f MB  %s\n", pss[m]*1024/1e6, m}' "$out/smaps-$n" | sort -rn

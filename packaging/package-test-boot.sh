#!/bin/bash
# Runs inside the test root booted by systemd-nspawn (from
# showhall-boot-test.service): checks that systemd starts the kiosk, brings
# it back after a crash, and replaces it when its UI freezes. Writes
# report.txt, a screenshot, the journal and, on success, PASS into $1.
set -euo pipefail
out=$1
unit=showhall-kiosk.service
log() { echo "$*" | tee -a "$out/report.txt"; }
fail() {
	log "FAIL: $*"
	exit 1
}
trap 'journalctl -b --no-pager >"$out/journal.txt" 2>&1 || true' EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Prints the kiosk's main PID once it is active with a PID other than $2;
# "active" for a Type=notify unit means showhall sent READY=1.
wait_active() {
	local tries=$(($1 * 10)) old=$2 state pid
	for _ in $(seq $tries); do
		state=$(systemctl show -p ActiveState --value $unit)
		pid=$(systemctl show -p MainPID --value $unit)
		if [ "$state" = active ] && [ "$pid" != 0 ] && [ "$pid" != "$old" ]; then
			echo "$pid"
			return 0
		fi
		sleep 0.1
	done
	return 1
}

t=$(now)
pid=$(wait_active 90 0) || fail "$unit did not become active within 90 s of boot. Type=notify needs READY=1 from showhall: is the watchdog wired into the kiosk? ($(systemctl show -p ActiveState -p SubState -p Result $unit | tr '\n' ' '))"
log "boot: $unit active (READY=1 received), pid $pid, $(systemctl show -p WatchdogUSec $unit)"

sleep 3
DISPLAY=:0 XAUTHORITY=/run/showhall/Xauthority import -window root "$out/kiosk-boot.png"
sd=$(convert "$out/kiosk-boot.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }' || fail "the booted kiosk's screen looks blank (deviation $sd)"
log "boot: screenshot not blank (grey deviation $sd)"

# A crash: back within 10 s.
kill -KILL "$pid"
t=$(now)
new=$(wait_active 20 "$pid") || fail "not back within 20 s of SIGKILL"
took=$(since "$t")
log "crash (SIGKILL): back and READY again in ${took} s, pid $new"
awk -v s="$took" 'BEGIN { exit !(s < 10) }' || fail "took ${took} s to come back; the promise is 10 s"

# A hang: the process lives but nothing runs; only the watchdog sees it.
sleep 2
kill -STOP "$new"
t=$(now)
newer=$(wait_active 120 "$new") || fail "a frozen kiosk was not replaced within 120 s"
log "hang (SIGSTOP): watchdog replaced it in $(since "$t") s (WatchdogSec=30, then SIGABRT/SIGKILL, restart), pid $newer"
journalctl -b -u $unit --no-pager | grep -qi 'watchdog timeout' || fail "the journal does not say the watchdog fired"
log "journal: $(journalctl -b -u $unit --no-pager | grep -i 'watchdog timeout' | tail -1 | cut -c1-160)"
log "restarts counted by systemd: $(systemctl show -p NRestarts --value $unit)"
touch "$out/PASS"

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

# A USB stick (issue 15): the host handed over a loop device (stick.env),
# which a test-only udev rule calls USB. udev here runs the package's own
# rule, whose systemd-mount must mount it for the kiosk.
stick() {
	if [ -f "$out/stick-skipped" ]; then
		log "stick: not proven here: $(cat "$out/stick-skipped")"
		return 0
	fi
	local dev label fs where opts rules
	. "$out/stick.env"
	where=/run/media/system/$label
	rules=/usr/lib/udev/rules.d/90-showhall-sticks.rules
	[ -f /etc/showhall/mount-usb-sticks ] || fail "stick: /etc/showhall/mount-usb-sticks is missing: postinst did not make this a dedicated kiosk for sticks"
	if ! systemctl -q is-active systemd-udevd.service; then
		log "stick: not proven here: udev does not run in this container ($(systemctl show -p ConditionResult --value systemd-udevd.service))"
		return 0
	fi
	# Without the flag file the rule leaves the stick alone (a desktop's
	# automounter takes it). systemd-mount --no-block has made its unit by
	# the time udev has settled, so none afterwards means none at all.
	mv /etc/showhall/mount-usb-sticks /etc/showhall/mount-usb-sticks.off
	udevadm trigger --action=add --settle "$dev" || fail "stick: udevadm trigger on $dev failed"
	mv /etc/showhall/mount-usb-sticks.off /etc/showhall/mount-usb-sticks
	[ -z "$(systemctl list-units --all --no-legend 'run-media-system-*.mount')" ] && ! mountpoint -q "$where" ||
		fail "stick: mounted without /etc/showhall/mount-usb-sticks"
	log "stick: without /etc/showhall/mount-usb-sticks udev left it alone"
	udevadm trigger --action=add --settle "$dev" || fail "stick: udevadm trigger on $dev failed"
	udevadm info -q property "$dev" | grep -qx 'ID_BUS=usb' || fail "stick: udev did not process $dev"
	log "stick: udev ran the package's rule on $dev ($fs, label $label): $(udevadm test --action=add "/sys/class/block/$(basename "$dev")" 2>/dev/null | grep -o "/usr/bin/systemd-mount [^']*" | head -1)"
	for _ in $(seq 50); do
		mountpoint -q "$where" && break
		sleep 0.1
	done
	if ! mountpoint -q "$where"; then
		# systemd in this container may miss udev's announcement of the
		# device, so the mount unit waits for it; enumerating the devices
		# again finds it. A hall PC's systemd hears udev directly.
		if systemctl list-jobs --no-legend | grep -q 'run-media-system-.*mount.*waiting'; then
			log "stick: PID 1 missed udev's announcement of $dev in this container; daemon-reload to enumerate devices again"
			systemctl daemon-reload
		fi
		for _ in $(seq 300); do
			mountpoint -q "$where" && break
			sleep 0.1
		done
	fi
	mountpoint -q "$where" || fail "stick: $dev not mounted at $where ($(systemctl list-jobs --no-legend | tr '\n' ';'))"
	opts=$(findmnt -n -o OPTIONS "$where")
	for o in nosuid nodev noexec; do
		[[ ",$opts," == *",$o,"* ]] || fail "stick: mounted without $o: $opts"
	done
	[ "$(stat -c %U "$where")" = showhall ] || fail "stick: $where belongs to $(stat -c %U "$where"), not the kiosk's user"
	log "stick: mounted at $where by $(findmnt -n -o SOURCE "$where") ($(findmnt -n -o FSTYPE "$where"), $opts), owned by showhall"
	local kiosk
	kiosk=$(systemctl show -p MainPID --value $unit)
	nsenter -t "$kiosk" -m -- ls "$where/showhall/season.zip" >/dev/null || fail "stick: the bundle is not visible inside $unit's mount namespace"
	log "stick: visible inside $unit (pid $kiosk), which watches /run/media"
	local result="" t
	t=$(now)
	for _ in $(seq 1200); do
		result=$(ls "$where"/showhall/showhall-results/*.txt "$where"/showhall-results/*.txt 2>/dev/null | head -1 || true)
		[ -n "$result" ] && break
		sleep 0.1
	done
	[ -n "$result" ] || fail "stick: the kiosk wrote no result file on the stick within 120 s ($(journalctl -b -u $unit --no-pager | grep -i stick | tail -3 | tr '\n' ' '))"
	cp "$result" "$out/stick-result.txt"
	log "stick: the kiosk wrote $(basename "$result") on the stick $(since "$t") s after the mount: $(grep -E '^outcome:' "$result" | tr -s ' ')"
	grep -Eq '^outcome: +applied' "$result" || fail "stick: the kiosk did not apply the newer bundle: $(tr '\n' ' ' <"$result")"

	# Pulled out. A loop device cannot be unplugged, and `losetup -d` on
	# a mounted one only marks it to go once unmounted; so the kernel is
	# made to send the device's "remove" event (udevadm trigger writes it
	# to the device's uevent file), the event a stick pulled out causes.
	# udev passes it to systemd, which must stop the mount bound to the
	# device within seconds.
	local mount_unit how="systemd heard udev's remove event"
	mount_unit=$(systemd-escape -p --suffix=mount "$where")
	log "stick: $mount_unit is bound to $(systemctl show -p BindsTo --value "$mount_unit")"
	t=$(now)
	udevadm trigger --action=remove --settle "$dev" || fail "stick: udevadm trigger --action=remove on $dev failed"
	for _ in $(seq 100); do
		mountpoint -q "$where" || break
		sleep 0.1
	done
	if mountpoint -q "$where"; then
		# As for the add: PID 1 in this container may miss udev's news.
		log "stick: still mounted $(since "$t") s after the remove event; daemon-reload to enumerate devices again"
		systemctl daemon-reload
		how="after a daemon-reload (PID 1 in this container missed udev's remove event)"
		for _ in $(seq 100); do
			mountpoint -q "$where" || break
			sleep 0.1
		done
	fi
	! mountpoint -q "$where" || fail "stick: still mounted at $where $(since "$t") s after $dev's remove event ($(systemctl show -p ActiveState -p BindsTo "$mount_unit" | tr '\n' ' '))"
	! nsenter -t "$kiosk" -m -- mountpoint -q "$where" || fail "stick: unmounted here but still mounted inside $unit"
	log "stick: pulled out ($dev's remove event): unmounted $(since "$t") s later, $how; gone inside $unit too"
}
stick
touch "$out/PASS"

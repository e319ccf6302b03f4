#!/bin/bash
# Proves the .deb on a clean Debian 12: a fresh root from debootstrap, the
# package installed there by apt (which must find every dependency), the
# kiosk started under Xvfb and photographed, the units verified, remove
# and purge checked, and, where systemd-nspawn can boot that root, the
# service killed and frozen to see systemd bring it back.
#
#   packaging/package-test.sh out/showhall_VERSION_amd64.deb
#
# Needs root, debootstrap, and (for the boot stage) systemd-container.
# Caches the base system and downloaded packages in
# $SHOWHALL_PT_CACHE (default ~/.cache/showhall-package-test), so a second
# run downloads nothing. SHOWHALL_PT_BOOT=0 skips the boot stage,
# SHOWHALL_PT_STICK=0 only its USB stick.
# Results and screenshots go to out/package-test/.
set -euo pipefail

deb=$(realpath "${1:?usage: package-test.sh PACKAGE.deb}")
here=$(cd "$(dirname "$0")" && pwd)
cache=${SHOWHALL_PT_CACHE:-$HOME/.cache/showhall-package-test}
results=$(cd "$here/.." && pwd)/out/package-test
suite=bookworm
start=$(date +%s)

say() { printf '\n== [%3ss] %s\n' $(($(date +%s) - start)) "$*"; }
fail() {
	echo "package-test: FAIL: $*" >&2
	exit 1
}

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot, mounts)"
command -v debootstrap >/dev/null || fail "debootstrap is missing: apt-get install debootstrap"

# The mirror this machine's apt already uses: no other source is needed.
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk -v s=$suite '$2 == s {print $1; exit}')
security=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk -v s=$suite-security '$2 == s {print $1; exit}')
[ -n "$mirror" ] || fail "apt on this machine has no $suite source to take a mirror from"

mkdir -p "$cache/archives/partial"
rm -rf "$results"
mkdir -p "$results"
work=$(mktemp -d /var/tmp/showhall-package-test.XXXXXX)
root=$work/root
mounted=()
started=() # processes this script started, to end them by id
cleanup() {
	# Unmount in reverse order before removing the root, never through it.
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		umount -l "${mounted[i]}" 2>/dev/null || true
	done
	for pid in "${started[@]}"; do
		kill -KILL "$pid" 2>/dev/null || true
	done
	[ -z "${stick_dev:-}" ] || losetup -d "$stick_dev" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
mnt() { # mnt [mount options...] TARGET
	mount "$@"
	mounted+=("${!#}")
}

# --- 1. A clean Debian 12, built once and kept as a tarball ------------
base=$cache/$suite-minbase-systemd.tar
if [ ! -f "$base" ]; then
	say "debootstrap $suite from $mirror (first run only)"
	b=$cache/base-build
	rm -rf "$b"
	# minbase plus systemd as init: what a hall PC boots, and nothing else.
	debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus \
		--cache-dir="$cache/archives" $suite "$b" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
		fail "debootstrap failed; see $cache/debootstrap.log"
	tar -C "$b" -cf "$base.tmp" . && mv "$base.tmp" "$base"
	rm -rf "$b"
fi
say "fresh root from $(basename "$base")"
mkdir -p "$root"
tar -C "$root" -xf "$base"
{
	echo "deb $mirror $suite main"
	echo "deb $mirror $suite-updates main"
	[ -z "$security" ] || echo "deb $security $suite-security main"
} >"$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "showhall-test" >"$root/etc/hostname"

mnt -t proc proc "$root/proc"
mnt --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"
mnt -t tmpfs tmpfs "$root/run"
# Downloaded packages are kept between runs.
mnt --bind "$cache/archives" "$root/var/cache/apt/archives"
chrooted=(chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root)
in_root() { "${chrooted[@]}" "$@"; }

# --- 2. Install with apt resolving the dependencies ---------------------
say "apt-get update in the root"
in_root apt-get update -qq >"$results/apt-update.log" 2>&1 || fail "apt-get update failed; see $results/apt-update.log"
cp "$deb" "$root/tmp/showhall.deb"
say "apt-get install ./$(basename "$deb") (with its Recommends, as a technician would), plus test tools"
# Test tools only: Xvfb to draw on, ImageMagick to photograph and judge;
# udev (which any Debian but minbase has) for the stick. ntfs-3g, which
# the stick rule needs for NTFS, must come from the package's Recommends.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	/tmp/showhall.deb xvfb imagemagick x11-utils udev >"$results/apt-install.log" 2>&1 ||
	fail "apt could not install the package; see $results/apt-install.log"
grep -E '^(Setting up showhall|showhall:)' "$results/apt-install.log" || true
in_root test -x /sbin/mount.ntfs || fail "ntfs-3g (mount.ntfs, which the stick rule relies on for NTFS) did not come with the package's Recommends"

say "checks after install"
in_root dpkg-query -W -f='${Package} ${Version} ${Status}\n' showhall | tee -a "$results/summary.txt"
in_root id showhall >/dev/null || fail "postinst did not create the showhall user"
[ "$(in_root stat -c '%U %a' /var/lib/showhall/data)" = "showhall 750" ] || fail "/var/lib/showhall/data is not the showhall user's"
[ "$(in_root getent passwd showhall | cut -d: -f6,7)" = "/var/lib/showhall:/usr/sbin/nologin" ] || fail "showhall user's home or shell is wrong"
[ "$(in_root systemctl is-enabled showhall-kiosk.service)" = enabled ] ||
	fail "on a machine without a desktop, the kiosk should start at boot"
in_root showhall --version | tee -a "$results/summary.txt"
[ -s "$root/usr/share/man/man1/showhall.1.gz" ] || fail "no man page"

say "systemd-analyze verify on the installed units"
# --man=no: minbase has no man-db to look Documentation= up with.
in_root systemd-analyze verify --man=no /lib/systemd/system/showhall-display.service \
	/lib/systemd/system/showhall-kiosk.service /lib/systemd/system/showhall-kiosk-backoff.service \
	/usr/lib/systemd/user/showhall-desktop-kiosk.service >"$results/verify.log" 2>&1 || {
	cat "$results/verify.log"
	fail "systemd-analyze verify found problems"
}
echo "systemd-analyze verify: clean" | tee -a "$results/summary.txt"

# --- 3. The kiosk under Xvfb, started the way the units start it --------
say "kiosk under Xvfb in the root (display-server + wait-for-display + showhall kiosk, as user showhall)"
# Display :47, not a usual one: the X server's abstract socket is shared
# with the host's network namespace. setpriv execs (no fork), so $! is the
# X server or the kiosk itself.
mkdir -p "$root/run/showhall" && in_root chown showhall:showhall /run/showhall
# A booted system has /tmp/.X11-unix from systemd-tmpfiles (x11.conf); a
# chroot does not, and X as a plain user may not create it.
install -d -m 1777 "$root/tmp/.X11-unix"
as_showhall=(setpriv --reuid=showhall --regid=showhall --init-groups)
"${chrooted[@]}" "${as_showhall[@]}" env RUNTIME_DIRECTORY=/run/showhall \
	/usr/lib/showhall/display-server /usr/bin/Xvfb :47 -screen 0 1920x1080x24 -nolisten tcp \
	>"$results/xvfb.log" 2>&1 &
xvfb=$!
started+=($xvfb)
kenv=(env DISPLAY=:47 XAUTHORITY=/run/showhall/Xauthority SHOWHALL_DATA=/var/lib/showhall/data HOME=/var/lib/showhall LANG=en_US.UTF-8)
in_root "${as_showhall[@]}" "${kenv[@]}" /usr/lib/showhall/wait-for-display || fail "X under the showhall user did not come up; see $results/xvfb.log"
"${chrooted[@]}" "${as_showhall[@]}" "${kenv[@]}" /usr/bin/showhall kiosk >"$results/kiosk.log" 2>&1 &
kiosk=$!
started+=($kiosk)
for _ in $(seq 60); do
	grep -q 'msg="first frame"' "$results/kiosk.log" && break
	kill -0 $kiosk 2>/dev/null || break
	sleep 1
done
grep -q 'msg="first frame"' "$results/kiosk.log" || {
	tail -20 "$results/kiosk.log"
	fail "the kiosk showed no first frame within 60 s"
}
# The attract loop's promo video is drawn by the player into the window:
# the screen shows it once the player names its decoder (its first
# frame), which a loaded machine reaches seconds after the first frame.
for _ in $(seq 60); do
	grep -q 'msg="video decoder"' "$results/kiosk.log" && break
	kill -0 $kiosk 2>/dev/null || break
	sleep 1
done
grep -q 'msg="video decoder"' "$results/kiosk.log" || echo "the attract loop played no video within 60 s (a picture slideshow then)" | tee -a "$results/summary.txt"
sleep 2 # let the first picture or frame settle
in_root env DISPLAY=:47 XAUTHORITY=/run/showhall/Xauthority import -window root /tmp/kiosk.png
cp "$root/tmp/kiosk.png" "$results/kiosk.png"
kill $kiosk $xvfb 2>/dev/null || true
wait $kiosk $xvfb 2>/dev/null || true

ready=$(grep -m1 'msg="catalogue ready"' "$results/kiosk.log" || true)
[ -n "$ready" ] || fail "the kiosk log has no 'catalogue ready'"
echo "$ready" | grep -Eq 'version=[^ ]+' || fail "'catalogue ready' names no catalogue version: $ready"
echo "kiosk log: $ready" | tee -a "$results/summary.txt"
# Not blank: a spread of brightness and many colours (a black or a flat
# screen has a deviation near 0 and a handful of colours).
read -r sd colours < <(in_root convert /tmp/kiosk.png -colorspace Gray -format '%[fx:standard_deviation] ' info: \
	&& in_root convert /tmp/kiosk.png -format '%k\n' info:)
echo "screenshot: grey deviation $sd, $colours colours ($results/kiosk.png)" | tee -a "$results/summary.txt"
awk -v sd="$sd" -v c="$colours" 'BEGIN { exit !(sd > 0.05 && c > 200) }' ||
	fail "the screenshot looks blank (deviation $sd, $colours colours)"

# --- A USB stick for the boot stage --------------------------------------
# A file system on a loop device, holding a catalogue bundle newer than
# the kiosk's and signed by a key it trusts, handed to the booted root with
# udev running there, so the package's own rule mounts it. FAT where this
# kernel has it; otherwise NTFS (through ntfs-3g, FUSE), which the rule
# mounts the same way (--owner=showhall). Sets stick_args and stick_env
# for nspawn, or writes why not into boot/stick-skipped.
stick_label=HALLSTICK
stick_args=()
stick_env=()
stick_skip() { echo "$*" >"$results/boot/stick-skipped"; }
prepare_stick() {
	local fs mkfs dev img=$work/stick.img
	if [ "${SHOWHALL_PT_STICK:-1}" = 0 ]; then
		stick_skip "skipped (SHOWHALL_PT_STICK=0)"
		return
	elif grep -qw vfat /proc/filesystems && command -v mkfs.vfat >/dev/null; then
		fs=vfat
		mkfs=(mkfs.vfat -n $stick_label)
	elif command -v mkntfs >/dev/null && [ -c /dev/fuse ]; then
		fs=ntfs
		mkfs=(mkntfs -Q -F -L $stick_label)
	else
		stick_skip "this kernel mounts no FAT and there is no ntfs-3g/FUSE to make an NTFS stick"
		return
	fi
	[ -x "$root/bin/udevadm" ] || { stick_skip "no udev in the root"; return; }
	truncate -s 256M "$img"
	dev=$(losetup -f --show "$img" 2>/dev/null) || { stick_skip "no loop device in this container"; return; }
	stick_dev=$dev
	"${mkfs[@]}" "$dev" >"$results/boot/mkfs.log" 2>&1 || { stick_skip "${mkfs[0]} failed on $dev"; return; }
	# The curator's side: a key, the demo catalogue signed with it now as
	# the hall's base (the kiosk imports it and trusts the key), and the
	# same catalogue signed a moment later on the stick: newer by the
	# signed time, so the kiosk must take it.
	in_root showhall keygen --out /tmp/curator >/dev/null || fail "showhall keygen failed in the root"
	cp -a "$root/var/lib/showhall/data" "$root/tmp/curator-data"
	in_root showhall --data /tmp/curator-data export --key /tmp/curator --out /tmp/base >"$results/boot/export.log" 2>&1 &&
		in_root "${as_showhall[@]}" env HOME=/var/lib/showhall showhall --data /var/lib/showhall/data import --trust /tmp/curator.pub /tmp/base >>"$results/boot/export.log" 2>&1 &&
		sleep 1.1 &&
		in_root showhall --data /tmp/curator-data export --key /tmp/curator --out /tmp/season.zip >>"$results/boot/export.log" 2>&1 ||
		fail "could not make the stick's bundle; see $results/boot/export.log"
	mkdir -p "$work/stick"
	mnt -t $fs "$dev" "$work/stick" || { stick_skip "this machine cannot mount the $fs stick it made"; return; }
	mkdir -p "$work/stick/showhall" && cp "$root/tmp/season.zip" "$work/stick/showhall/season.zip"
	umount "$work/stick" && unset 'mounted[-1]'
	# A loop device is no USB stick: this test-only rule says it is one,
	# so that the package's rule, unchanged, takes it.
	echo "SUBSYSTEM==\"block\", KERNEL==\"$(basename "$dev")\", ENV{ID_BUS}=\"usb\"" >"$root/etc/udev/rules.d/89-showhall-test-stick.rules"
	# udev must not replay every device of this machine into the container.
	in_root systemctl mask systemd-udev-trigger.service >/dev/null 2>&1
	printf 'dev=%s\nlabel=%s\nfs=%s\n' "$dev" $stick_label $fs >"$results/boot/stick.env"
	stick_args=(--bind="$dev")
	[ $fs = vfat ] || stick_args+=(--bind=/dev/fuse)
	# udev and systemd's device units need a writable /sys.
	stick_env=(SYSTEMD_NSPAWN_API_VFS_WRITABLE=1)
}

# --- 4. Boot the root with systemd: restart and watchdog for real -------
boot=skipped
if [ "${SHOWHALL_PT_BOOT:-1}" = 0 ]; then
	say "boot stage skipped (SHOWHALL_PT_BOOT=0)"
elif ! command -v systemd-nspawn >/dev/null; then
	say "boot stage skipped: systemd-nspawn is missing (apt-get install systemd-container)"
else
	say "boot the root with systemd-nspawn --boot: kill the kiosk, then freeze it; plug a stick in"
	mkdir -p "$results/boot"
	prepare_stick
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}"; done
	mounted=()
	# There is no tty1 or GPU in a container: the display unit runs Xvfb
	# on :0 instead of Xorg, with the same cookie script. Nothing else of
	# the package changes.
	d=$root/etc/systemd/system/showhall-display.service.d
	mkdir -p "$d"
	cat >"$d/package-test.conf" <<-'EOF'
		[Service]
		PAMName=
		TTYPath=
		TTYReset=no
		TTYVHangup=no
		TTYVTDisallocate=no
		StandardInput=null
		ExecStart=
		ExecStart=/usr/lib/showhall/display-server /usr/bin/Xvfb :0 -screen 0 1920x1080x24 -nolisten tcp
	EOF
	install -m 755 "$here/package-test-boot.sh" "$root/usr/local/sbin/showhall-boot-test"
	cat >"$root/etc/systemd/system/showhall-boot-test.service" <<-'EOF'
		[Unit]
		Description=showhall package test inside the booted root
		After=multi-user.target
		[Service]
		Type=oneshot
		TimeoutStartSec=300
		ExecStart=/usr/local/sbin/showhall-boot-test /results
		ExecStopPost=/bin/systemctl --no-block poweroff
		[Install]
		WantedBy=multi-user.target
	EOF
	in_root systemctl enable showhall-boot-test.service >/dev/null 2>&1
	in_root systemctl mask getty@tty1.service console-getty.service >/dev/null 2>&1
	# --register=no --keep-unit: this machine has no systemd as PID 1 to
	# register the container with. --private-network: its X server's
	# abstract socket @/tmp/.X11-unix/X0 stays apart from the host's.
	timeout 420 env "${stick_env[@]}" systemd-nspawn -q -D "$root" --register=no --keep-unit --boot --private-network \
		--bind="$results/boot:/results" "${stick_args[@]}" >"$results/boot/console.log" 2>&1 || true
	if [ -f "$results/boot/PASS" ]; then
		boot=passed
		cat "$results/boot/report.txt" | tee -a "$results/summary.txt"
	else
		cat "$results/boot/report.txt" 2>/dev/null || tail -30 "$results/boot/console.log"
		fail "boot stage failed; see $results/boot/"
	fi
	mnt -t proc proc "$root/proc"
	mnt --rbind /dev "$root/dev"
	mount --make-rslave "$root/dev"
	mnt -t tmpfs tmpfs "$root/run"
	mnt --bind "$cache/archives" "$root/var/cache/apt/archives"
fi

# --- 5. Remove keeps the data; purge takes it away ----------------------
say "apt-get remove, reinstall, purge"
[ -f "$root/var/lib/showhall/data/catalogue.db" ] || fail "the kiosk left no catalogue.db in /var/lib/showhall/data"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q showhall >"$results/remove.log" 2>&1 || fail "remove failed; see $results/remove.log"
[ -f "$root/var/lib/showhall/data/catalogue.db" ] || fail "remove deleted the catalogue"
[ -d "$root/var/log/showhall" ] || fail "remove deleted the logs"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/showhall.deb >>"$results/remove.log" 2>&1 || fail "reinstall failed"
[ -f "$root/var/lib/showhall/data/catalogue.db" ] || fail "reinstall lost the catalogue"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q showhall >>"$results/remove.log" 2>&1 || fail "purge failed; see $results/remove.log"
[ ! -e "$root/var/lib/showhall" ] && [ ! -e "$root/var/log/showhall" ] || fail "purge left the data or the logs behind"
echo "remove keeps /var/lib/showhall and /var/log/showhall; purge removes them" | tee -a "$results/summary.txt"

say "PASS (boot stage: $boot); results in $results"
echo "package-test: PASS in $(($(date +%s) - start)) s, boot stage $boot" | tee -a "$results/summary.txt"

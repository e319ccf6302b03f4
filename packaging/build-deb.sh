#!/bin/bash
# Builds the .deb from an already built binary, with dpkg-deb only:
#   packaging/build-deb.sh bin/showhall out/
# prints the path of the package it wrote. Run through `make package`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
out=$2
[ -x "$bin" ] || { echo "build-deb: no binary at $bin; run 'make build' first" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps; do
	command -v "$tool" >/dev/null || { echo "build-deb: $tool is missing; install dpkg-dev" >&2; exit 1; }
done

version=$(packaging/deb-version.sh)
arch=$(dpkg --print-architecture)
# Staged beside the output, not in /tmp, which other jobs on a shared
# machine may clean while dpkg-deb reads it.
mkdir -p "$out"
stage=$(realpath "$(mktemp -d "$out/.stage.XXXXXX")")
trap 'rm -rf "$stage"' EXIT
root=$stage/root
p=packaging

# The files, where Debian expects them.
install -D -m 755 "$bin" "$root/usr/bin/showhall"
strip --strip-unneeded "$root/usr/bin/showhall"
for s in 48 64 128 256 512; do
	install -D -m 644 "$p/icons/showhall-$s.png" "$root/usr/share/icons/hicolor/${s}x$s/apps/showhall.png"
done
for d in curate present kiosk-window; do
	install -D -m 644 "$p/desktop/showhall-$d.desktop" "$root/usr/share/applications/showhall-$d.desktop"
done
install -D -m 644 "$p/desktop/autostart-showhall-kiosk.desktop" "$root/usr/share/showhall/autostart/showhall-kiosk.desktop"
for u in showhall-display showhall-kiosk showhall-kiosk-backoff; do
	install -D -m 644 "$p/systemd/$u.service" "$root/lib/systemd/system/$u.service"
done
install -D -m 644 "$p/systemd/showhall-desktop-kiosk.service" "$root/usr/lib/systemd/user/showhall-desktop-kiosk.service"
for s in display-server wait-for-display desktop-kiosk; do
	install -D -m 755 "$p/scripts/$s" "$root/usr/lib/showhall/$s"
done
# USB sticks mounted for a dedicated kiosk (packaging/README.md).
install -D -m 644 "$p/udev/90-showhall-sticks.rules" "$root/usr/lib/udev/rules.d/90-showhall-sticks.rules"
# The kiosk's X server configuration, a conffile a technician may edit.
install -D -m 644 "$p/xorg/showhall-kiosk.conf" "$root/etc/X11/showhall-kiosk.conf"
install -D -m 644 "$p/README.md" "$root/usr/share/doc/showhall/README.md"
install -D -m 644 "$p/FyneApp.toml" "$root/usr/share/doc/showhall/FyneApp.toml"
LANG=en_US.UTF-8 "$bin" --help >"$stage/help.txt"
install -D -m 644 "$stage/help.txt" "$root/usr/share/doc/showhall/help.txt"
mkdir -p "$root/usr/share/man/man1"
LANG=en_US.UTF-8 $p/manpage.sh "$bin" "$version" | gzip -9n >"$root/usr/share/man/man1/showhall.1.gz"

# Runtime libraries as Debian package names, from the binary's ELF
# dependencies (dpkg-shlibdeps wants a debian/control to exist).
mkdir -p "$stage/src/debian"
printf 'Source: showhall\n\nPackage: showhall\nArchitecture: any\n' >"$stage/src/debian/control"
shlibs=$(cd "$stage/src" && LC_ALL=C.UTF-8 dpkg-shlibdeps -O -e"$root/usr/bin/showhall" 2>"$stage/shlibdeps.log" |
	sed -n 's/^shlibs:Depends=//p') || true
if [ -z "$shlibs" ]; then
	cat "$stage/shlibdeps.log" >&2
	echo "build-deb: dpkg-shlibdeps found no library dependencies" >&2
	exit 1
fi

mkdir -p "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@SHLIBS@/$shlibs/" \
	"$p/debian/control.in" >"$root/DEBIAN/control"
install -m 755 "$p/debian/postinst" "$p/debian/prerm" "$p/debian/postrm" "$root/DEBIAN/"
echo /etc/X11/showhall-kiosk.conf >"$root/DEBIAN/conffiles"
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"

deb=$out/showhall_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz -z1 --build "$root" "$deb" >/dev/null
echo "$deb"

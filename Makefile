# showhall: `make run` starts the kiosk on the embedded demo catalogue,
# `make test` runs every test. Both install what is missing first.

export PATH := /usr/local/go/bin:$(PATH)
GO      ?= go
BIN     := bin/showhall
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X showhall/app.Version=$(VERSION)
# Fyne's 4 MB colour emoji font stays out of the binary: the kiosk would
# open it for every text style at start-up. Emoji in a catalogue come
# from the system's emoji font (the package recommends one).
# migrated_fynedo tells Fyne every widget change comes through fyne.Do
# (the race detector checks it in make test): Fyne then stops checking
# the goroutine of every refresh, and no longer logs an error for the
# callbacks it runs as they come while the app shuts down.
export GOFLAGS := -tags=no_emoji,migrated_fynedo

# Fyne takes its interface locale from the environment and logs an error
# for the "C" locale that minimal machines and CI have; name a real one.
# Only showhall and its tests get it (apt's perl would complain of a
# locale that is not generated).
ifeq ($(filter-out C C.UTF-8 C.utf8 POSIX,$(or $(LC_ALL),$(LC_MESSAGES),$(LANG),C)),)
FYNE_LOCALE := LC_MESSAGES=en_US.UTF-8
endif

# Debian packages the project needs to build, run and test:
#   build:    pkg-config, X11 and GL headers (Fyne, GLFW), libmpv headers
#   run:      a CJK font so Chinese does not show as boxes
#   test:     Xvfb and xdotool (end-to-end taps), ImageMagick (screenshots),
#             ffmpeg (video fixtures), nginx and wget (sync against a real server),
#             Xorg with the dummy driver (a laptop and a projector as two
#             monitors for the roadshow)
APT_PACKAGES := pkg-config gcc xorg-dev libgl1-mesa-dev libmpv-dev \
	fonts-noto-cjk xvfb xdotool imagemagick x11-utils ffmpeg nginx wget \
	poppler-utils fonts-droid-fallback fonts-dejavu-core \
	xserver-xorg-core xserver-xorg-video-dummy

.PHONY: all deps build run test unit e2e bench bench-deps videocost soak generate fonts vet clean

# install-missing installs the Debian packages of a list that are not
# installed yet, as root or through sudo.
define install-missing
missing=$$(for p in $(1); do \
	dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
if [ -n "$$missing" ]; then \
	echo "Installing missing Debian packages:" $$missing; \
	SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
fi
endef

all: build

# Installs only what is missing, so a second run costs a second.
deps:
	@command -v $(GO) >/dev/null || { echo "Go is not installed: install Go 1.26 (https://go.dev/dl) into /usr/local/go"; exit 1; }
	@$(call install-missing,$(APT_PACKAGES))

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

# Full screen on this machine's display; on a machine with no display,
# on a virtual one (take a look with `import -window root -display :77 shot.png`).
run: build
	@if [ -n "$$DISPLAY" ]; then \
		exec env $(FYNE_LOCALE) ./$(BIN) $(ARGS); \
	else \
		echo "No display: starting the kiosk on virtual display :77 (1920x1080)."; \
		exec env $(FYNE_LOCALE) xvfb-run -n 77 -s "-screen 0 1920x1080x24" ./$(BIN) $(ARGS); \
	fi

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

# Every test, the end-to-end ones included; the real libmpv, nginx, Xvfb
# and Xorg are required here rather than skipped.
# Every package's tests run under the race detector: screens/uitest gives
# the screen tests a main goroutine, so it checks the app's threading. The
# end-to-end tests drive the built binary from outside and run without it.
TEST_ENV = $(FYNE_LOCALE) SHOWHALL_REQUIRE_MPV=1 SHOWHALL_REQUIRE_NGINX=1 SHOWHALL_REQUIRE_XORG=1 SHOWHALL_BIN=$(CURDIR)/$(BIN)
test: deps vet build
	$(TEST_ENV) $(GO) test -race -count=1 -timeout 30m $$($(GO) list ./... | grep -v '/e2e$$')
	$(TEST_ENV) $(GO) test -count=1 -timeout 30m ./e2e/

# Speed and memory, printed (see BENCHMARKS.md for the last results):
# start-up and browsing, search, catalogue sync against nginx and wget,
# the hall's spread (a model of 20 screens, and a 1 GB update reaching
# five kiosks against five syncs from nginx), and the video player.
# About 25 minutes; the sync bench needs 2 GB of temporary disk, the
# hall bench 8 GB (HALLBENCH_ARGS="-mb 200" for less).
bench: build bench-deps
	$(FYNE_LOCALE) SHOWHALL_BIN=$(CURDIR)/$(BIN) $(GO) run ./e2e/startbench
	$(GO) test -run '^$$' -bench . -benchmem ./store/catalog ./store/search ./hallnet ./hallnet/spread/hallmodel
	$(GO) run ./store/feed/bench
	$(FYNE_LOCALE) SHOWHALL_BIN=$(CURDIR)/$(BIN) $(GO) run ./e2e/hallbench $(HALLBENCH_ARGS)
	$(GO) run ./player/mpv/internal/videobench
	$(FYNE_LOCALE) SHOWHALL_BIN=$(CURDIR)/$(BIN) $(GO) run ./e2e/tapbench
	$(FYNE_LOCALE) SHOWHALL_BIN=$(CURDIR)/$(BIN) $(GO) run ./e2e/videocost

# The attract loop's cost beside what a browser kiosk and mpv alone
# spend on the same clips and the same virtual display (BENCHMARKS.md,
# Video cost): Chromium and the mpv player are only for this comparison.
BENCH_APT_PACKAGES := chromium mpv

bench-deps:
	@$(call install-missing,$(BENCH_APT_PACKAGES))

videocost: build bench-deps
	$(FYNE_LOCALE) SHOWHALL_BIN=$(CURDIR)/$(BIN) $(GO) run ./e2e/videocost $(VIDEOCOST_ARGS)

# A week of hall life in about half an hour, not part of `make test`: the
# real kiosk (a build whose hall calendar runs a week in half an hour)
# under Xvfb walked through by synthetic visitors while the hall is open,
# with a new catalogue to sync every few minutes, seasons and opening
# hours that turn by that calendar, and roadshow talks on a second display.
# Prints memory, goroutines and open files as it goes, and their growth
# after the warm-up against the targets (BENCHMARKS.md). SOAK_ARGS, for
# example "-duration 10m -csv soak.csv", changes the run.
soak: build
	$(FYNE_LOCALE) SHOWHALL_BIN=$(CURDIR)/$(BIN) $(GO) run ./e2e/soak $(SOAK_ARGS)

# Regenerates the committed demo catalogue and its pictures, and the
# hall's fonts (cut from Debian's Noto Sans CJK with fonttools).
generate: fonts
	$(GO) generate ./assets/

FONT_APT_PACKAGES := fonttools fonts-noto-cjk

# The hall's two text faces, assets/fonts/HallSansSC-*.otf (committed).
fonts:
	@$(call install-missing,$(FONT_APT_PACKAGES))
	cd assets/fonts && /usr/bin/python3 make-fonts.py

clean:
	rm -rf bin

# ---- packaging (issue 8): the Debian package and its test on a clean Debian 12 ----
# Tools these two targets need beyond APT_PACKAGES: dpkg-dev (dpkg-shlibdeps
# names the runtime libraries), debootstrap (the clean root) and
# systemd-container (systemd-nspawn boots it), dosfstools and ntfs-3g (the
# USB stick the boot stage plugs in). Installed only by these targets.
PKG_APT_PACKAGES := dpkg-dev debootstrap systemd-container dosfstools ntfs-3g
PKG_OUT := out

.PHONY: package package-test package-deps

package-deps:
	@$(call install-missing,$(PKG_APT_PACKAGES))

# out/showhall_<version>_<arch>.deb, the version from `git describe`.
package: build package-deps
	@mkdir -p $(PKG_OUT)
	packaging/build-deb.sh $(BIN) $(PKG_OUT) > $(PKG_OUT)/.last-deb
	@echo "built $$(cat $(PKG_OUT)/.last-deb)"

# Needs root. Cold about 15 min (downloads), warm a few minutes; see packaging/README.md.
package-test: package
	SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO packaging/package-test.sh "$$(cat $(PKG_OUT)/.last-deb)"

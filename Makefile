# A thin wrapper around CMake: `make demo` and `make test` do all the set-up.
BUILD      ?= build
SAN_BUILD  ?= build-san
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

# make's "Entering directory" lines say nothing to someone running `make demo`.
MAKEFLAGS += --no-print-directory

# Debian packages certdeck needs to build and test.
DEB_PACKAGES := build-essential cmake pkg-config libncurses-dev libcurl4-openssl-dev \
                libcjson-dev libssl-dev openssl libsodium-dev libmicrohttpd-dev libcmocka-dev \
                libkeyutils-dev keyutils \
                tmux valgrind curl python3 python3-requests python3-cryptography ca-certificates

.PHONY: all deps build demo test bench screenshots sanitize valgrind clean

all: build

# Installs only what is missing (so it is quick and quiet the second time);
# as root directly, otherwise through sudo.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The main job: the TUI on certdeck-emu's demo set (no account, no config).
demo: build
	./$(BUILD)/certdeck --demo

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --repeat until-pass:2

# `certdeck list --json` of 10,000 certificates next to a Python peer, then the
# TUI with 100,000 (key to screen, memory, refresh) next to a bare ncurses
# repaint (DESIGN.md budgets).
bench: build
	BUILD=$(BUILD) tests/bench/list-bench.sh
	BUILD=$(BUILD) tests/bench/tui-bench.sh

# assets/screenshots/*.png from the real TUI on the demo set (tmux, aha, chromium).
screenshots: build
	BUILD=$(BUILD) tests/screenshots/shoot.sh

# The whole suite built with AddressSanitizer + UndefinedBehaviorSanitizer.
sanitize: deps
	cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCERTDECK_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && ctest --output-on-failure -j $(JOBS) --repeat until-pass:2

# Only the unit tests under valgrind's leak checker (`make test` runs them too).
valgrind: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L 'unit|valgrind'

clean:
	rm -rf $(BUILD) $(SAN_BUILD)

#!/usr/bin/env bash
# tui-bench.sh [N] — the TUI's budgets (DESIGN.md) with N certificates (default
# 100,000) spread over ELB, WAF, APIC and CAE by certdeck-emu, measured inside
# the real program: certdeck runs on a pty (tests/bench/tui_drive.py) with
# CERTDECK_TRACE_KEYS, which logs for every key the µs from its read to the
# end of the refresh() that shows it. Keys are pressed one at a time at
# 200×50 and 80×24. Prints, next to repaint-peer (a bare ncurses program
# repainting every cell of the same screen: the floor of any redraw):
#   - key to screen, median and 99th percentile, for scroll (j, PgDn), pane
#     switch (Tab, 1–5) and filter typing (4–6 letters, then Backspace):
#     budget 5 ms;
#   - memory per certificate: VmRSS with N loaded minus VmRSS with none,
#     minus the PEM text, over N: budget 1.5 KB;
#   - the worst key delay (driver's write to certdeck's refresh()) while `r`
#     refreshes every target, with j/k pressed every 10 ms: budget 16 ms.
# Exits 1 when a budget is missed, 2 when the run itself fails.
#
#   make bench                        # after the list benchmark
#   tests/bench/tui-bench.sh 20000    # a quicker run
#
# The seeded store is kept in $BUILD/bench/tui-N.json: the first run signs N
# certificates (minutes on 2 cores), later runs load them in seconds.
# BUILD (default build), PYTHON (default python3), LOAD_TIMEOUT (s, default 900).
set -euo pipefail
N=${1:-100000}
SERVICES=elb,waf,apic,cae
PYTHON=${PYTHON:-python3}
LOAD_TIMEOUT=${LOAD_TIMEOUT:-900}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
TMP=$(mktemp -d /tmp/certdeck-tui-bench.XXXXXX)
EMUS=()
cleanup() {
    for p in "${EMUS[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT
mkdir -p "$BUILD/bench"
for bin in certdeck certdeck-emu tests/repaint-peer; do
    [ -x "$BUILD/$bin" ] || { echo "tui-bench: $BUILD/$bin is missing (make build)" >&2; exit 2; }
done

# start_emu DIR [ARGS…]: certdeck-emu on an ephemeral port; DIR/env holds what certdeck needs
start_emu() {
    local dir=$1
    shift
    mkdir -p "$dir"
    "$BUILD/certdeck-emu" --assets "$ROOT/assets" --print-env --ca-out "$dir/ca.pem" "$@" \
        >"$dir/env" 2>"$dir/emu.log" &
    EMUS+=($!)
    local pid=$!
    for _ in $(seq 1 $((LOAD_TIMEOUT * 10))); do
        grep -q '^export CERTDECK_EMU_URL=' "$dir/env" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || { cat "$dir/emu.log" >&2; exit 2; }
        sleep 0.1
    done
    grep -q '^export CERTDECK_EMU_URL=' "$dir/env" || { echo "tui-bench: certdeck-emu did not start" >&2; exit 2; }
    grep ready "$dir/emu.log" >&2
}

# certdeck_env DIR: the environment of a certdeck that reads the emulator of DIR
certdeck_env() {
    (
        # shellcheck disable=SC1091
        . "$1/env"
        echo "CERTDECK_CONFIG=/dev/null"
        echo "CERTDECK_ENDPOINT=$CERTDECK_EMU_URL"
        echo "CERTDECK_CA_FILE=$CERTDECK_EMU_CA"
        echo "CERTDECK_REGION=$CERTDECK_EMU_PROJECT_NAME"
        echo "CERTDECK_PROJECT_ID=$CERTDECK_EMU_PROJECT_ID"
        echo "CERTDECK_SERVICES=$SERVICES"
        echo "CERTDECK_APIC_INSTANCES=$CERTDECK_EMU_APIC_INSTANCE"
        echo "CERTDECK_CAE_ENVIRONMENTS=$CERTDECK_EMU_CAE_ENVIRONMENT"
        echo "HUAWEICLOUD_SDK_AK=${CERTDECK_EMU_AK:-${HUAWEICLOUD_SDK_AK:-}}"
        echo "HUAWEICLOUD_SDK_SK=${CERTDECK_EMU_SK:-${HUAWEICLOUD_SDK_SK:-}}"
        echo "XDG_STATE_HOME=$1/state"
    )
}

echo "tui-bench: $N certificates over $SERVICES (store: $BUILD/bench/tui-$N.json)" >&2
start_emu "$TMP/full" --seed "$N:$SERVICES" --state "$BUILD/bench/tui-$N.json"
start_emu "$TMP/empty"
mapfile -t FULL_ENV < <(certdeck_env "$TMP/full")
mapfile -t EMPTY_ENV < <(certdeck_env "$TMP/empty")
export CERTDECK_NOW=$(date +%s)
DRIVE=("$PYTHON" "$ROOT/tests/bench/tui_drive.py")

for size in 200x50 80x24; do
    "${DRIVE[@]}" peer --size $size --frames 300 --out "$TMP/peer.txt" -- "$BUILD/tests/repaint-peer" \
        >"$TMP/peer-$size.json"
done
env "${EMPTY_ENV[@]}" "${DRIVE[@]}" tui --trace "$TMP/trace-empty" --rows 0 --memory-only \
    --load-timeout "$LOAD_TIMEOUT" -- "$BUILD/certdeck" >"$TMP/empty.json"
env "${FULL_ENV[@]}" "${DRIVE[@]}" tui --trace "$TMP/trace-full" --rows "$N" --refresh \
    --load-timeout "$LOAD_TIMEOUT" -- "$BUILD/certdeck" >"$TMP/full.json"

"$PYTHON" "$ROOT/tests/bench/tui_report.py" "$TMP" "$N" "$BUILD/bench/tui-$N.json"

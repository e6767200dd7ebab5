#!/usr/bin/env bash
# shoot.sh — assets/screenshots/{list,detail,help}.png from the real TUI:
# `certdeck --demo` in tmux at 120×32 with CERTDECK_NOW fixed (stable dates),
# each screen taken with `capture-pane -e`, turned into HTML by ansi2html.py
# (aha 0.5 loses reverse video on 256 colours, which marks the selection) and
# drawn by headless Chromium in DejaVu Sans Mono on a black background.
#
#   make screenshots        # or, after make: tests/screenshots/shoot.sh
#
# Needs tmux, python3, chromium and fonts-dejavu-core. BUILD (default build),
# NOW (default 2026-03-01T09:00:00Z), OUT (default assets/screenshots).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
OUT=${OUT:-$ROOT/assets/screenshots}
NOW=${NOW:-2026-03-01T09:00:00Z}
COLS=120 ROWS=32
FONT_PX=15 CELL_W=9.04 LINE_PX=18   # DejaVu Sans Mono at 15 px advances 9.04 px
for tool in tmux python3 chromium; do
    command -v $tool >/dev/null || { echo "shoot.sh: $tool is missing" >&2; exit 2; }
done
fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono' ||
    { echo "shoot.sh: the DejaVu Sans Mono font is missing (fonts-dejavu-core)" >&2; exit 2; }

TMP=$(mktemp -d /tmp/certdeck-shoot.XXXXXX)
SOCK=certdeck-shoot-$$
T=(tmux -L "$SOCK" -f /dev/null)
trap '"${T[@]}" kill-server 2>/dev/null || true; rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

"${T[@]}" new-session -d -x $COLS -y $ROWS \
    "env CERTDECK_NOW=$NOW XDG_STATE_HOME=$TMP/state XDG_CONFIG_HOME=$TMP/config TERM=tmux-256color $BUILD/certdeck --demo"
"${T[@]}" set -g status off
"${T[@]}" resize-window -x $COLS -y $ROWS 2>/dev/null || true

screen() { "${T[@]}" capture-pane -p -e -N -t 0; }
# wait_for TEXT: until the screen shows TEXT (and nothing is still loading)
wait_for() {
    for _ in $(seq 1 150); do
        local s
        s=$(screen | sed 's/\x1b\[[0-9;]*m//g')
        if grep -qF -- "$1" <<<"$s" && ! grep -qi 'loading' <<<"$s"; then
            sleep 0.3
            return
        fi
        sleep 0.1
    done
    echo "shoot.sh: the screen never showed \"$1\"" >&2
    screen >&2
    exit 1
}

shoot() { # shoot NAME
    screen >"$TMP/$1.ansi"
    python3 "$ROOT/tests/screenshots/ansi2html.py" $FONT_PX $LINE_PX <"$TMP/$1.ansi" >"$TMP/$1.html"
    local w h
    w=$(awk -v c=$COLS -v cw=$CELL_W 'BEGIN { printf "%d", c * cw + 24 + 0.999 }')
    h=$((ROWS * LINE_PX + 24))
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$w,$h" --screenshot="$OUT/$1.png" "file://$TMP/$1.html" >/dev/null 2>&1
    echo "$OUT/$1.png ($(stat -c %s "$OUT/$1.png") bytes)"
}

wait_for "All"
shoot list
# old-campaign, the second row: an expired WAF certificate with its PEM (the
# first key after start can vanish into the answer to a terminal query: retry)
for _ in 1 2 3 4 5; do
    "${T[@]}" send-keys -t 0 j
    sleep 0.3
    screen | grep '▸' | grep -q old-campaign && break
done
"${T[@]}" send-keys -t 0 Enter
wait_for "Findings"
shoot detail
"${T[@]}" send-keys -t 0 Escape
sleep 0.3
"${T[@]}" send-keys -t 0 '?'
wait_for "Keys of the list"
shoot help
"${T[@]}" send-keys -t 0 q

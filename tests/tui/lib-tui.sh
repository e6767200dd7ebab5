# lib-tui.sh — drives certdeck's TUI in a real terminal: a tmux server on a
# private socket, certdeck started in a shell there against certdeck-emu,
# keys sent, the screen polled until it shows a string. Source after
# ../lib.sh and ../emu/lib-emu.sh. Provides:
#   tui_env                     exports the profile for the emulator started by emu_start
#   tui_server COLS ROWS        a tmux server (socket private to this test) with one
#                               pane running a plain bash; killed at exit
#   tui_start [ARGS…]           certdeck ARGS in that pane (under timeout --foreground);
#                               sets TUI_PID (certdeck's own pid)
#   tui_keys KEY…               tmux send-keys (key names: Enter Escape Tab C-c …)
#   tui_type TEXT               TEXT typed literally
#   tui_wait TEXT [SECONDS]     until the screen holds TEXT (fails with the screen)
#   tui_wait_not TEXT [SECONDS] until it no longer does
#   tui_screen / tui_screen_e   the screen into $screen, plain / with colour escapes (-e)
#   tui_line N                  line N (0-based) of the last $screen
#   tui_resize COLS ROWS
#   tui_exited [SECONDS]        waits for certdeck to end (its status in TUI_EXIT); checks
#                               the pane left the alternate screen and the prompt answers
#   expect_screen TEXT, expect_no_screen TEXT
: "${CERTDECK_BIN:?run through ctest}"

if ! command -v tmux >/dev/null 2>&1; then
    echo "skipped: no tmux"
    exit 77
fi

export LC_ALL=C.UTF-8
TUI_SOCK="certdeck-tui-$$-$RANDOM"
TUI_PANE=tui:0.0
screen=""

tmx() { tmux -L "$TUI_SOCK" "$@"; }

tui_cleanup() {
    if [ -n "${TUI_PID:-}" ] && kill -0 "$TUI_PID" 2>/dev/null; then
        kill "$TUI_PID" 2>/dev/null
    fi
    local sock
    sock=$(tmx display -p '#{socket_path}' 2>/dev/null)
    tmx kill-server 2>/dev/null
    [ -n "$sock" ] && rm -f "$sock"
    emu_stop 2>/dev/null
    rm -rf "$TMP"
}

# The profile comes from the environment alone (no config file, no vault):
# AK/SK from the emulator, every service set up unless a test unsets it.
tui_env() {
    export CERTDECK_CONFIG=/dev/null XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data \
        XDG_STATE_HOME=$TMP/state CERTDECK_ENDPOINT=$EMU_URL CERTDECK_CA_FILE=$EMU_CA \
        CERTDECK_REGION=cn-north-4 CERTDECK_PROJECT_ID=$EMU_PROJECT \
        CERTDECK_APIC_INSTANCES=$EMU_APIC_INSTANCE CERTDECK_CAE_ENVIRONMENTS=$EMU_CAE_ENV \
        HUAWEICLOUD_SDK_AK=$EMU_AK HUAWEICLOUD_SDK_SK=$EMU_SK
    unset CERTDECK_PROFILE CERTDECK_SERVICES OS_AUTH_URL NO_COLOR CERTDECK_READ_ONLY
    mkdir -p "$XDG_STATE_HOME"
}

tui_server() {
    trap tui_cleanup EXIT
    # the pane's shell: no rc files, a known prompt
    tmx -f /dev/null new-session -d -s tui -x "$1" -y "$2" \
        "env -i HOME=$TMP HISTFILE=/dev/null TERM=tmux-256color LANG=C.UTF-8 PATH=$PATH PS1='tui\$ ' bash --norc --noprofile" \
        || { echo "tmux cannot start" >&2; exit 1; }
    tmx set-option -g default-terminal tmux-256color >/dev/null
    tmx set-option -g remain-on-exit on >/dev/null
    tmx set-option -g history-limit 0 >/dev/null
    tui_wait 'tui$' 10
}

# Writes the whole environment certdeck needs into a script the pane's
# (clean) shell runs, so nothing depends on what tmux passes down.
tui_start() {
    local run="$TMP/run-tui.sh" var
    TUI_PIDFILE="$TMP/tui.pid"
    rm -f "$TUI_PIDFILE"
    {
        echo "export LANG=C.UTF-8 TERM=tmux-256color"
        for var in $(compgen -e); do
            case "$var" in
            CERTDECK_* | HUAWEICLOUD_* | XDG_* | NO_COLOR) printf 'export %s=%q\n' "$var" "${!var}" ;;
            esac
        done
        printf 'exec timeout --foreground 150 sh -c %q certdeck' 'echo $$ >"$1"; shift; exec "$@"'
        printf ' %q' "$TUI_PIDFILE" "$CERTDECK_BIN" "$@"
        echo
    } >"$run"
    tmx send-keys -t "$TUI_PANE" "clear; bash $run; echo \"tui-exit=\$?\"" Enter
    local i
    for i in $(seq 1 100); do
        [ -s "$TUI_PIDFILE" ] && break
        sleep 0.1
    done
    TUI_PID=$(cat "$TUI_PIDFILE" 2>/dev/null) || { tui_screen; fail_screen "certdeck did not start"; }
}

tui_keys() { tmx send-keys -t "$TUI_PANE" "$@"; }
tui_type() { tmx send-keys -t "$TUI_PANE" -l -- "$1"; }
tui_screen() { screen=$(tmx capture-pane -p -t "$TUI_PANE"); }
tui_screen_e() { screen=$(tmx capture-pane -p -e -t "$TUI_PANE"); }
tui_line() { sed -n "$(($1 + 1))p" <<<"$screen"; }
tui_resize() { tmx resize-window -t tui -x "$1" -y "$2"; }

fail_screen() {
    printf 'FAIL: %s\n  screen:\n%s\n' "$1" "$screen" >&2
    [ -f "$TMP/state/certdeck/certdeck.log" ] && printf '  certdeck.log (tail):\n%s\n' "$(tail -12 "$TMP/state/certdeck/certdeck.log")" >&2
    exit 1
}

# Polls the screen every 0.1 s until it holds (or, with "not", lacks) TEXT.
_tui_poll() {
    local want=$1 text=$2 secs=${3:-15}
    local deadline=$((SECONDS + secs))
    while :; do
        tui_screen
        if grep -qF -- "$text" <<<"$screen"; then
            [ "$want" = has ] && return 0
        else
            [ "$want" = lacks ] && return 0
        fi
        [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.1
    done
    if [ "$want" = has ]; then fail_screen "the screen did not show \"$text\" within ${secs}s"; fi
    fail_screen "the screen still shows \"$text\" after ${secs}s"
}
tui_wait() { _tui_poll has "$@"; }
tui_wait_not() { _tui_poll lacks "$@"; }

expect_screen() { grep -qF -- "$1" <<<"$screen" || fail_screen "the screen lacks \"$1\""; }
expect_no_screen() { ! grep -qF -- "$1" <<<"$screen" || fail_screen "the screen should not show \"$1\""; }

# After certdeck ends: out of the alternate screen, the prompt usable again.
tui_exited() {
    local secs=${1:-10} i
    for i in $(seq 1 $((secs * 10))); do
        kill -0 "$TUI_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$TUI_PID" 2>/dev/null && { tui_screen; fail_screen "certdeck still runs"; }
    tui_wait 'tui-exit=' 5
    TUI_EXIT=$(grep -o 'tui-exit=[0-9]*' <<<"$screen" | tail -1 | cut -d= -f2)
    [ "$(tmx display -p -t "$TUI_PANE" '#{alternate_on}')" = 0 ] || fail_screen "the pane is still in the alternate screen"
    local token="prompt-ok-$RANDOM"
    tmx send-keys -t "$TUI_PANE" "clear; echo $token \$(stty -a | tr ' ;' '\n\n' | grep -xE -- '-?(icanon|echo)' | tr '\n' ' ') | tr a-z A-Z" Enter
    tui_wait "${token^^}" 5
    grep -qF "${token^^} ICANON ECHO" <<<"$screen" || fail_screen "the terminal is not back in canonical mode with echo"
    TUI_PID=
}

# The rows of the list on the last $screen, one per line: "NAME DAYS".
tui_rows() {
    awk 'NR > 3 { sub(/^▸/, " "); if ($1 ~ /^(✗|‼|!|·|\?|X|!!|\.)$/ && $2 ~ /^-?[0-9?]+$/) print $3, $2 }' <<<"$screen"
}

# tui_wait_rows EXPECTED [SECONDS]: until the names of the rows, in screen
# order, are EXPECTED (one per line).
tui_wait_rows() {
    local want=$1 secs=${2:-15}
    local deadline=$((SECONDS + secs))
    while :; do
        tui_screen
        [ "$(tui_rows | cut -d' ' -f1)" = "$want" ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.1
    done
    fail_screen "the rows are not, in this order: $(tr '\n' ' ' <<<"$want")"
}

# terminal.sh — rows that arrive above the selection stay on screen; what
# the TUI leaves of the terminal: q, Ctrl-C and SIGTERM
# each end it with the pane out of the alternate screen and the shell's
# prompt in canonical mode with echo; NO_COLOR=1 draws no colour escapes but
# keeps the text marks ✗ ‼ ! ·, where the default theme draws colours.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
. "$(dirname "$0")/lib-tui.sh"

emu_start --seed demo --assets "$CERTDECK_ASSETS"
tui_env
run "$CERTDECK_BIN" list --json; expect_rc 0
N=$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])))' "$out")
first=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0]["name"])' "$out")
tui_server 120 40

# colours TEXT: true when TEXT sets a foreground or background colour (SGR
# 30–37, 40–47, 90–97, 100–107, 38;… or 48;…; 39 and 49 are the defaults)
colours() {
    grep -oE $'\e\\[[0-9;]*m' <<<"$1" | sed 's/^.\[//; s/m$//' | tr ';' '\n' \
        | grep -qxE '3[0-8]|4[0-8]|9[0-7]|10[0-7]'
}

started() {
    tui_wait 'blog-example-com' 20
    [ "$(tmx display -p -t "$TUI_PANE" '#{alternate_on}')" = 1 ] || fail_screen "certdeck should draw in the alternate screen"
}

# CAE answers first, the others 3 s later (the emulator's "slow" fault):
# every row that fits is shown from the first one on, and the selection
# (not moved by the user) is on the first row
_curl POST "$EMU_URL/_emu/faults?rate=1&faults=slow&services=elb,waf,apic" ""; expect_status 200
tui_start
tui_wait 'app-example-com' 20
_curl POST "$EMU_URL/_emu/faults?rate=0" ""; expect_status 200
started
tui_wait " 1 All $N    2 " 10
[ "$(tui_rows | wc -l)" = "$N" ] || fail_screen "not all $N rows are shown"
[ "$(tui_rows | head -1 | cut -d' ' -f1)" = "$first" ] || fail_screen "rows above are hidden"
grep -q "^▸.* $first " <<<"$screen" || fail_screen "the selection is not on the first row"
# colours by default (so the NO_COLOR check below can fail)
tui_screen_e
colours "$screen" || fail_screen "the default theme drew no colour"
tui_keys q
tui_exited
[ "$TUI_EXIT" = 0 ] || fail_screen "q should exit 0, not $TUI_EXIT"

tui_start
started
tui_keys C-c
tui_exited

tui_start
started
kill -TERM "$TUI_PID"
tui_exited

# NO_COLOR: no colour escapes at all, the marks still there
export NO_COLOR=1
tui_start
started
tui_screen_e
bad=$(grep -oE $'\e\\[[0-9;]*m' <<<"$screen" | sort -u | cat -v | tr '\n' ' ')
colours "$screen" && fail_screen "colour escapes with NO_COLOR=1: $bad"
tui_screen
tui_rows | grep -q . || fail_screen "no rows"
for mark in ✗ ‼ '!' ·; do
    awk 'NR > 3' <<<"$screen" | grep -qF -- " $mark " || fail_screen "no $mark mark with NO_COLOR=1"
done
tui_keys q
tui_exited
echo ok

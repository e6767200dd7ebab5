# faults.sh — WAF breaks after a first good load (POST /_emu/faults on the
# running emulator): the WAF tab shows the stale mark, the status line the
# error with its HTTP status and error_code, and the old WAF rows stay.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
. "$(dirname "$0")/lib-tui.sh"

emu_start --seed demo --assets "$CERTDECK_ASSETS"
tui_env
run "$CERTDECK_BIN" list --json; expect_rc 0
waf=$(python3 -c 'import json,sys; print("\n".join(r["name"] for r in json.loads(sys.argv[1]) if r["service"] == "waf"))' "$out")
tui_server 200 50
tui_start
tui_keys 3
tui_wait_rows "$waf" 20
tui_wait_not '⟳' 10
expect_no_screen 'stale'
# every WAF request from now on answers 500; the other services are untouched
_curl POST "$EMU_URL/_emu/faults?rate=1&faults=500&services=waf" ""
expect_status 200
tui_keys r
tui_wait "3 WAF $(wc -l <<<"$waf") ⚠stale" 40
tui_wait 'APIGW.0103' 10
tui_screen
status=$(tui_line 48)
grep -qF 'WAF' <<<"$status" || fail_screen "the status line does not name WAF"
grep -qF '500' <<<"$status" || fail_screen "the status line lacks the HTTP status"
grep -qF 'APIGW.0103' <<<"$status" || fail_screen "the status line lacks the error_code"
grep -qF 'last good data' <<<"$status" || fail_screen "the status line does not say when the data was good"
tui_wait_rows "$waf"
grep -qF 'ELB' <<<"$(tui_line 1)" || fail_screen "no ELB tab"
grep -qE 'ELB [0-9]+ ⚠' <<<"$(tui_line 1)" && fail_screen "ELB should not be stale"
# faults off: the next retry (backoff 5 s) clears the mark
_curl POST "$EMU_URL/_emu/faults?rate=0" ""
expect_status 200
tui_wait_not '⚠stale' 30
tui_wait_rows "$waf"
tui_keys q
tui_exited
echo ok

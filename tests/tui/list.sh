# list.sh — the TUI's main screen in a real terminal against certdeck-emu's
# demo set: the first frame before any data, every pane with its rows and tab
# counts (keys 1–5, Tab, S-Tab), an unset APIC scope, filter, sort, and a
# resize to 80×24 and back.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
. "$(dirname "$0")/lib-tui.sh"

# the latency keeps the first frame (nothing answered yet) on screen a while
emu_start --seed demo --assets "$CERTDECK_ASSETS" --latency-ms 500
tui_env
run "$CERTDECK_BIN" list --json; expect_rc 0
printf '%s' "$out" >"$TMP/list.json"
# q PYTHON-EXPR: evaluated over the list as l (records of certdeck list --json)
q() { python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); r=eval(sys.argv[2]); print("\n".join(r) if isinstance(r, list) else r)' "$TMP/list.json" "$1"; }
N=$(q 'len(l)')
[ "$N" -ge 10 ] && [ "$N" -le 19 ] || fail "the demo set should have 10 to 19 certificates (all on one 80×24 screen), not $N"

tui_server 200 50
tui_start
# before any answer: panes with 0 and the loading mark, "loading…" in the list
tui_wait 'loading…' 10
expect_screen ' 1 All 0 …'
expect_screen ' 3 WAF 0 …'
# then the rows, soonest expiry first (ties: the order of certdeck list)
tui_wait_rows "$(q '[r["name"] for r in l]')" 20
tui_wait_not ' …' 10
for svc in elb:ELB:2 waf:WAF:3 apic:APIG:4 cae:CAE:5; do
    IFS=: read -r name tag key <<<"$svc"
    n=$(q "sum(r['service'] == '$name' for r in l)")
    tui_line 1 | grep -qE " $key $tag $n( |\$)" || fail_screen "the tab of $tag should count $n"
done
expect_screen " 1 All $N "
expect_screen "$N certificates · refreshed"
days=$(tui_rows | cut -d' ' -f2)
[ "$days" = "$(sort -n <<<"$days")" ] || fail_screen "the days left do not rise"

# every pane shows its service's rows and nothing else
names_of() { q "[r['name'] for r in l if r['service'] == '$1']"; }
tui_keys 3; tui_wait_rows "$(names_of waf)"
tui_keys 2; tui_wait_rows "$(names_of elb)"
tui_keys 4; tui_wait_rows "$(names_of apic)"
tui_keys 5; tui_wait_rows "$(names_of cae)"
tui_keys 1; tui_wait_rows "$(q '[r["name"] for r in l]')"
tui_keys Tab; tui_wait_rows "$(names_of elb)"
tui_keys Tab; tui_wait_rows "$(names_of waf)"
tui_keys BTab BTab BTab; tui_wait_rows "$(names_of cae)"
tui_keys Tab; tui_wait_rows "$(q '[r["name"] for r in l]')"

# filter: narrowing, the count, widening with Backspace, Esc clears, Enter keeps
match() { q "[r['name'] for r in l if '$1' in '\t'.join([r['name'], r['common_name']] + r['domains']).lower()]"; }
tui_keys /; tui_type api
tui_wait_rows "$(match api)"
expect_screen "$(match api | wc -l) of $N match"
tui_type -e
tui_wait_rows "$(match api-e)"
expect_screen "1 of $N match"
tui_keys BSpace BSpace
tui_wait_rows "$(match api)"
expect_screen "$(match api | wc -l) of $N match"
tui_type zzz-nothing
tui_wait 'no certificate matches the filter'
expect_screen "0 of $N match"
tui_keys Escape
tui_wait_rows "$(q '[r["name"] for r in l]')"
expect_no_screen 'match'
expect_screen 'Enter detail'
tui_keys /; tui_type example.net; tui_keys Enter
tui_wait_rows "$(match example.net)"
tui_wait 'Enter detail'           # the hint line is back, the filter stays
tui_keys 2; tui_wait_rows "$(q "[r['name'] for r in l if r['service'] == 'elb' and 'example.net' in (r['name'] + r['common_name'] + ''.join(r['domains'])).lower()]")"
tui_keys 1 /; tui_keys Escape
tui_wait_rows "$(q '[r["name"] for r in l]')"

# sort: > to the name column, I inverts, < back to days left
tui_keys '>'
tui_wait_rows "$(q 'sorted((r["name"] for r in l), key=str.lower)')"
expect_screen 'NAME▲'; expect_screen 'sorted by name'
tui_keys I
tui_wait_rows "$(q 'sorted((r["name"] for r in l), key=str.lower, reverse=True)')"
expect_screen 'NAME▼'
tui_keys '<'
tui_wait_rows "$(q '[r["name"] for r in l]')"
expect_screen 'DAYS▲'
tui_keys I
tui_wait 'DAYS▼'
tui_screen
days=$(tui_rows | cut -d' ' -f2)
[ "$days" = "$(sort -rn <<<"$days")" ] || fail_screen "inverted, the days left do not fall"
tui_keys I; tui_wait 'DAYS▲'

# 80×24: no row wraps (each row is one line, all N fit in 19), the narrow
# columns fold away (ID first); 200×50 brings them back
tui_resize 80 24
tui_wait_not 'SCOPE     TYPE    EXPIRES    ID' 10
# the names are cut to the narrower column: each shown one begins the
# expected one (polled: the first capture may hold half a frame)
cut_rows_ok() {
    tui_rows | cut -d' ' -f1 | python3 -c '
import json, sys
want = [r["name"] for r in json.load(open(sys.argv[1]))]
got = [n.rstrip("\u2026") for n in sys.stdin.read().split()]
sys.exit(not (len(got) == len(want) and all(w.startswith(g) and g for g, w in zip(got, want))))' "$TMP/list.json"
}
deadline=$((SECONDS + 10))
until tui_screen; cut_rows_ok; do
    [ "$SECONDS" -ge "$deadline" ] && fail_screen "at 80 columns the rows are not the $N certificates in order"
    sleep 0.1
done
[ "$(tui_line 2 | awk '{print $NF}')" = EXPIRES ] || fail_screen "at 80 columns the ID column should fold, EXPIRES stay"
[ "$(wc -l <<<"$screen")" -le 24 ] || fail_screen "more than 24 lines"
for i in $(seq 3 $((N + 2))); do
    line=$(tui_line "$i")
    [ "$(printf '%s' "$line" | wc -m)" -le 80 ] || fail_screen "line $i is wider than 80"
    [ -n "$(awk -v n="$((i + 1))" 'NR == n' <<<"$screen" | awk '{ sub(/^▸/, " "); if ($1 ~ /^(✗|‼|!|·)$/) print }')" ] \
        || fail_screen "line $i is not a row (a wrapped row?)"
done
[ -z "$(tui_line $((N + 3)) | tr -d ' ')" ] || fail_screen "line $((N + 3)) should be empty"
expect_screen "$N certificates"
tui_resize 200 50
tui_wait 'SCOPE     TYPE    EXPIRES    ID' 10
tui_wait_rows "$(q '[r["name"] for r in l]')"

tui_keys q
tui_exited

# no APIC instance in the profile: the pane says what to set
export CERTDECK_APIC_INSTANCES=
tui_start
tui_wait_rows "$(q '[r["name"] for r in l if r["service"] != "apic"]')" 20
tui_keys 4
tui_wait 'not set up — set apic_instances in the profile'
tui_line 1 | grep -qE ' 4 APIG 0 –( |$)' || fail_screen 'the APIG tab should count 0 and be marked –'
tui_keys q
tui_exited
echo "ok"

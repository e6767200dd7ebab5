# change.sh — changes from the TUI in a real terminal against certdeck-emu:
# rename a WAF certificate (e, Enter), delete with the typed name (a wrong
# name sends nothing), r brings a certificate uploaded meanwhile with the
# selection kept on its certificate, and --read-only hides and refuses e and D.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
. "$(dirname "$0")/lib-tui.sh"

emu_start --seed demo --assets "$CERTDECK_ASSETS"
tui_env
C=$CERTDECK_BIN
# stat ROUTE: how many requests the emulator counted on a route
stat() { api GET /_emu/stats; python3 -c 'import json,sys; print(json.loads(sys.argv[1])["routes"].get(sys.argv[2], 0))' "$out" "$1"; }
# has SERVICE:NAME: certdeck list shows it
has() { grep -qx "$1" <<<"$(names)"; }
names() { run "$C" list --json; expect_rc 0; python3 -c 'import json,sys; print("\n".join(sorted(r["service"] + ":" + r["name"] for r in json.loads(sys.argv[1]))))' "$out"; }

tui_server 200 50
tui_start
tui_wait 'blog-example-com' 20

# edit: rename static-example-com in WAF
tui_keys 3 /; tui_type static; tui_keys Enter
tui_wait_rows static-example-com
tui_keys e
tui_wait 'Edit "static-example-com" in WAF'
for _ in $(seq 1 18); do tui_keys BSpace; done
tui_type static-renamed
tui_wait 'static-renamed'
tui_keys Enter
tui_wait 'saved static-renamed in WAF' 20
tui_keys /; tui_keys Escape
run "$C" list --json; expect_rc 0
tui_wait_rows "$(python3 -c 'import json,sys; print("\n".join(r["name"] for r in json.loads(sys.argv[1]) if r["service"] == "waf"))' "$out")" 20
has waf:static-renamed || fail "certdeck list does not show the new name"
has waf:static-example-com && fail "the old name is still listed"

# delete: a wrong name deletes nothing (no delete request), the right one deletes
deletes_before=$(stat waf.delete)
tui_keys 1 /; tui_type old-campaign; tui_keys Enter
tui_wait_rows old-campaign
tui_keys D
tui_wait 'Delete "old-campaign" from WAF?'
tui_type old-campaig; tui_keys Enter
tui_wait 'the name typed is not "old-campaign": nothing deleted'
[ "$(stat waf.delete)" = "$deletes_before" ] || fail "a wrong name sent a delete"
has waf:old-campaign || fail "old-campaign is gone after a wrong name"
tui_type old-campaign; tui_keys Enter
tui_wait 'deleted old-campaign from WAF' 20
[ "$(stat waf.delete)" = $((deletes_before + 1)) ] || fail "not exactly one delete request"
has waf:old-campaign && fail "old-campaign is still listed"
tui_wait 'no certificate matches the filter'

# refresh: an upload made meanwhile appears after r; the selection stays on
# its certificate
tui_keys /; tui_keys Escape
run "$C" list --json; expect_rc 0
tui_wait_rows "$(python3 -c 'import json,sys; print("\n".join(r["name"] for r in json.loads(sys.argv[1])))' "$out")" 20
tui_keys j j
tui_screen
sel=$(grep '^▸' <<<"$screen" | awk '{print $4}')
[ -n "$sel" ] || fail_screen "no selected row"
run "$C" upload elb --name fresh-upload --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
tui_screen; expect_no_screen 'fresh-upload'
tui_keys r
tui_wait 'fresh-upload' 20
tui_wait_not '⟳' 20
[ "$(grep '^▸' <<<"$screen" | awk '{print $4}')" = "$sel" ] || fail_screen "the selection left $sel"
tui_keys q
tui_exited

# --read-only: no e/D hints, the keys refused with a message, nothing sent
changes() { api GET /_emu/stats; python3 -c 'import json,sys; r=json.loads(sys.argv[1])["routes"]; print(sum(v for k, v in r.items() if k.split(".")[-1] in ("create", "update", "delete")))' "$out"; }
before=$(changes)
tui_start --read-only
tui_wait 'blog-example-com' 20
expect_screen '[read-only]'
tui_line 49 | grep -qF 'r refresh' || fail_screen "no hint line"
tui_line 49 | grep -qE '(^| )e edit|D delete' && fail_screen "e/D still in the hint line"
tui_keys e
tui_wait 'read-only: changes are off'
tui_keys D
tui_wait 'read-only: changes are off'
tui_screen; expect_no_screen 'Delete "'; expect_no_screen 'Edit "'
tui_keys q
tui_exited
[ "$(changes)" = "$before" ] || fail "read-only sent a change"
echo ok

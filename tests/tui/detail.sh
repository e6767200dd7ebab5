# detail.sh — the TUI's detail view in a real terminal: the decoded subject,
# issuer, serial and SHA-256 fingerprint of a demo certificate against
# `openssl x509` of the PEM the emulator serves; Esc back to the list; and a
# certificate name holding an escape character drawn with it made visible.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
. "$(dirname "$0")/lib-tui.sh"

emu_start --seed demo --assets "$CERTDECK_ASSETS"
tui_env
# scrub: drops private keys from the last answer in $out (ELB answers carry
# the key), so that no failure message can print one
scrub() {
    out=$(python3 -c '
import json, sys
def drop(o):
    if isinstance(o, dict):
        return {k: drop(v) for k, v in o.items() if k != "private_key"}
    return [drop(v) for v in o] if isinstance(o, list) else o
try:
    print(json.dumps(drop(json.loads(sys.argv[1]))))
except ValueError:
    print("(not JSON)")' "$out")
}
# a name with ESC [ 3 1 m in it (the emulator's ELB takes any name up to 255)
key_json=$(pem_json "$F/leaf.key")
api POST "/v3/$EMU_PROJECT/elb/certificates" \
    "{\"certificate\":{\"name\":\"evil\\u001b[31mname\",\"certificate\":$(pem_json "$F/leaf.pem"),\"private_key\":$key_json}}"
unset key_json
scrub; expect_status 201
run "$CERTDECK_BIN" list --json; expect_rc 0
printf '%s' "$out" >"$TMP/list.json"
ID=$(python3 -c 'import json,sys; print([r["id"] for r in json.load(open(sys.argv[1])) if r["name"] == "shop-example-com" and r["service"] == "elb"][0])' "$TMP/list.json")
api GET "/v3/$EMU_PROJECT/elb/certificates/$ID"; scrub; expect_status 200
# the chain to a file first: openssl stops reading after the leaf
python3 -c 'import json,sys; print(json.loads(sys.argv[1])["certificate"]["certificate"])' "$out" >"$TMP/chain.pem" \
    || fail "no certificate in the emulator's answer for $ID"
"$OPENSSL_BIN" x509 -in "$TMP/chain.pem" >"$TMP/leaf.pem" || fail "the emulator's PEM for $ID does not decode"
# what openssl reads from the same certificate
o_subject=$("$OPENSSL_BIN" x509 -in "$TMP/leaf.pem" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
o_issuer=$("$OPENSSL_BIN" x509 -in "$TMP/leaf.pem" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')
o_serial=$("$OPENSSL_BIN" x509 -in "$TMP/leaf.pem" -noout -serial | sed 's/^serial=//')
o_sha256=$("$OPENSSL_BIN" x509 -in "$TMP/leaf.pem" -noout -fingerprint -sha256 | sed 's/^.*Fingerprint=//')
[ -n "$o_subject" ] && [ -n "$o_serial" ] && [ -n "$o_sha256" ] || fail "openssl read nothing"

tui_server 200 50
tui_start
tui_wait 'blog-example-com' 20
# the escape character is drawn as ^[ (the terminal would otherwise turn the
# rest red and swallow "[31m")
tui_wait 'evil^[[31mname'
tui_screen_e
grep -qF 'evil^[[31mname' <<<"$screen" || fail_screen "with -e the name is not drawn with ^["
tui_keys /; tui_type shop-example; tui_keys Enter
tui_wait_rows shop-example-com
tui_keys Enter
tui_wait 'SHA-256'
# the value of the first field with this label (the leaf's, under "Certificate")
field() { awk -v l="$1" 'found == 0 && index($0, " " l " ") == 1 { sub("^ " l " +", ""); print; found = 1 }' <<<"$screen"; }
expect_screen 'shop-example-com'
[ "$(field Subject)" = "$o_subject" ] || fail_screen "Subject is not \"$o_subject\""
[ "$(field Issuer)" = "$o_issuer" ] || fail_screen "Issuer is not \"$o_issuer\""
[ "$(field Serial)" = "$o_serial" ] || fail_screen "Serial is not \"$o_serial\""
[ "$(field SHA-256)" = "$o_sha256" ] || fail_screen "SHA-256 is not \"$o_sha256\""
expect_screen "$ID"
expect_no_screen 'PRIVATE KEY'
tui_keys Escape
tui_wait 'Enter detail'
tui_wait_rows shop-example-com
tui_keys q
tui_exited
echo ok

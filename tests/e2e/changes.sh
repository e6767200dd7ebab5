# changes.sh — what upload, update and delete say about what they do:
# `upload` names what it created, `update` shows old → new (and --dry-run sends
# nothing), `delete` shows the certificate and where else it is deployed
# before asking on the terminal.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
emu_start --seed demo --assets "$CERTDECK_ASSETS"
unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK CERTDECK_ENDPOINT CERTDECK_CA_FILE OS_AUTH_URL CERTDECK_PROFILE
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data CERTDECK_VAULT_PASSPHRASE=vault-pass
mkdir -p "$XDG_CONFIG_HOME/certdeck"
cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[default]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
CFG
C=$CERTDECK_BIN
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login; expect_rc 0
creates() { curl -sS --cacert "$EMU_CA" "$EMU_URL/_emu/stats" | python3 -c 'import json,sys; r=json.load(sys.stdin)["routes"]; print(sum(v for k, v in r.items() if k.split(".")[-1] in ("create", "update", "delete")))'; }

# upload says what it created; --quiet prints the id alone
run "$C" upload elb --name web --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
grep -qE '^uploaded web to elb as [0-9a-f]{32}$' <<<"$out" || fail "upload line"; EID=${out##* }
run "$C" upload cae --name web-cae --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
expect_out "uploaded web-cae to cae $CERTDECK_EMU_CAE_ENVIRONMENT as "; KID=${out##* }
run "$C" upload waf --name web-waf --cert "$F/leaf.pem" --key "$F/leaf.key" --quiet; expect_rc 0
grep -qE '^[0-9a-f]{32}$' <<<"$out" || fail "--quiet prints the id alone"; WID=$out

# update --dry-run: old → new expiry, issuer, names; nothing sent
before=$(creates)
run "$C" update elb "$EID" --name web-2 --cert "$F/ec256.pem" --key "$F/ec256.key" --dry-run; expect_rc 0
expect_out "would update elb certificate $EID (web):"
expect_out "name         web → web-2"
grep -qE '^  expires      .+ \(unchanged\)$' <<<"$out" || fail "the same expiry is said to be unchanged"
expect_out "names        www.example.com, example.com → ec256.example.com"
expect_out "nothing sent (--dry-run)"
[ "$(creates)" = "$before" ] || fail "--dry-run sent a change"
run "$C" show elb "$EID" --json; expect_json 'j["name"]' web
# a real update says the same and does it
run "$C" update elb "$EID" --name web-2 --cert "$F/ec256.pem" --key "$F/ec256.key"; expect_rc 0
expect_out "name         web → web-2"; expect_out "updated elb certificate $EID"
run "$C" show elb "$EID" --json; expect_json 'j["name"], j["common_name"]' "('web-2', 'ec256.example.com')"
# a renewal: new expiry, issuer and names, old → new
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=renewed.example.com \
    -addext subjectAltName=DNS:renewed.example.com -keyout "$TMP/renewed.key" -out "$TMP/renewed.pem" 2>/dev/null
run "$C" update elb "$EID" --cert "$TMP/renewed.pem" --key "$TMP/renewed.key" --dry-run; expect_rc 0
grep -qE '^  expires      .+ → .+$' <<<"$out" || fail "expiry change"
expect_out "issuer       CN=ec256.example.com → CN=renewed.example.com"
expect_out "names        ec256.example.com → renewed.example.com"
# an unknown id fails before anything is sent
run "$C" update elb 0123456789abcdef0123456789abcdef --name x --dry-run; expect_rc 1; expect_err "ELB.8904"

# delete: the certificate and where else it is (same fingerprint), then the question
TTY="python3 $(dirname "$0")/on-tty.py"  # answers $ANSWERS on a pseudo-terminal
before=$(creates)
ANSWERS=n run $TTY "$C" delete waf "$WID"; expect_rc 1
expect_out "waf certificate $WID"; expect_out "name        web-waf"; expect_out "CN          www.example.com"
expect_out "domains     www.example.com, example.com"; grep -qE '^  expires     .+ \([0-9]+ days left\)$' <<<"$out" || fail "expiry"
expect_out "also in     cae web-cae in $CERTDECK_EMU_CAE_ENVIRONMENT (id $KID)"
expect_out "Delete it? This cannot be undone. [y/N]"; expect_out "nothing deleted"
[ "$(creates)" = "$before" ] || fail "answering no deleted something"
ANSWERS=y run $TTY "$C" delete waf "$WID"; expect_rc 0; expect_out "deleted waf certificate $WID web-waf"
run "$C" show waf "$WID"; expect_rc 1
# the ELB one now holds another certificate: nowhere else
ANSWERS=n run $TTY "$C" delete ELB "$EID"; expect_rc 1; expect_out "elsewhere   nowhere else"
# a wrong id fails before the question
ANSWERS=y run $TTY "$C" delete elb 0123456789abcdef0123456789abcdef; expect_rc 1; expect_out "ELB.8904"; expect_no_out "[y/N]"
# --yes asks nothing
run "$C" delete elb "$EID" --yes </dev/null; expect_rc 0; expect_out "deleted elb certificate $EID"
run "$C" delete cae "$KID" --yes </dev/null; expect_rc 0

echo "changes: all checks passed"

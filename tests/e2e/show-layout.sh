# show-layout.sh — `show` in the layout of `inspect` (summary and findings
# first, the service's fields under readable labels, one fingerprint format),
# --pem (the chain, never a key), and one days-left rule across list, show,
# inspect and check.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
emu_start --seed demo --assets "$CERTDECK_ASSETS"
# Every command judges expiry at one moment, an hour after the demo set's
# whole-day expiries were drawn: no command falls on the other side of a day.
export CERTDECK_NOW=$(( $(date +%s) + 3600 ))
unset CERTDECK_ENDPOINT CERTDECK_CA_FILE OS_AUTH_URL NO_COLOR COLUMNS
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data CERTDECK_VAULT_PASSPHRASE=vault-pass
mkdir -p "$XDG_CONFIG_HOME/certdeck"
cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[profile default]
region = $CERTDECK_EMU_PROJECT_NAME
project_id = $EMU_PROJECT
auth = aksk
endpoint = $EMU_URL
ca_file = $EMU_CA
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
CFG
C=$CERTDECK_BIN

# The inspect layout: summary, then findings, then the service's fields, then layers
run "$C" show elb shop-example-com; expect_rc 0
head -1 <<<"$out" | grep -q "^shop.example.com — valid until .* (\(89\|90\) days left)$" || fail "no summary first: $(head -1 <<<"$out")"
expect_out "  names     shop.example.com, www.shop.example.com, checkout.example.com"
expect_out "  chain     2 certificates, in order"
expect_out "  ok        no warnings"
expect_out "  ELB certificate"
expect_out "    Name                 shop-example-com"
summary_at=$(grep -n "^  chain " <<<"$out" | cut -d: -f1)
fields_at=$(grep -n "^    Name " <<<"$out" | cut -d: -f1)
layers_at=$(grep -n "^\[1/2\]" <<<"$out" | cut -d: -f1)
[ "$summary_at" -lt "$fields_at" ] && [ "$fields_at" -lt "$layers_at" ] || fail "order: summary, fields, layers"
# one fingerprint format: the service's SHA-1 is printed as the layer's SHA-1
sha1s=$(grep -E "^    SHA-1 " <<<"$out" | awk '{print $2}' | sort -u)
[ "$(head -1 <<<"$sha1s")" != "" ] || fail "no SHA-1"
grep -qE '^([0-9A-F]{2}:){19}[0-9A-F]{2}$' <<<"$(head -1 <<<"$sha1s")" || fail "fingerprint not colon hex: $sha1s"
run "$C" show elb shop-example-com --json
leaf_sha1=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["certificate"]["fingerprints"]["sha1"])' <<<"$out")
run "$C" show elb shop-example-com; expect_out "    SHA-1                $leaf_sha1"

# Service fields under readable labels, not JSON keys
run "$C" show waf www-example-com; expect_rc 0
expect_no_out "enterprise_project_id"; expect_no_out "bound_hosts"
run "$C" show apic gateway_example_com; expect_rc 0
expect_out "    ROMA instance        "; expect_out "    Algorithm            "; expect_no_out "instance_id"
expect_out "  names     gateway.example.com, *.gateway.example.com"
expect_out "  note      "

# Expired: the summary and the critical finding; words from the one rule
run "$C" show elb legacy-example-org; expect_rc 0
expect_out "EXPIRED on"; expect_out "(expired 40 days ago)"; expect_out "CRITICAL"
run "$C" show elb legacy-example-org --color=always; expect_out $'\033[1;31mCRITICAL'
run "$C" show elb legacy-example-org --color=never; expect_no_out $'\033['
run "$C" show waf blog-example-com; expect_out "WARNING   the issuer of blog.example.com"

# --pem: the chain only, as PEM that openssl reads, never a key
run "$C" show elb shop-example-com --pem; expect_rc 0
[ "$(grep -c -- '-----BEGIN CERTIFICATE-----' <<<"$out")" = 2 ] || fail "--pem: not the 2 certificates"
expect_no_out "PRIVATE KEY"; expect_no_out "shop-example-com"
[ "$(openssl x509 -noout -fingerprint -sha1 <<<"$out" | cut -d= -f2)" = "$leaf_sha1" ] || fail "--pem: not the leaf first"
run "$C" show apic gateway_example_com --pem; expect_rc 1; expect_err "returns no certificate PEM"; [ -z "$out" ] || fail "--pem printed data"
run "$C" show elb shop-example-com --pem --json; expect_rc 2; expect_err "not both"

# One days-left rule: list, show and inspect agree for every ELB certificate
run "$C" list --json --service elb; expect_rc 0
python3 -c 'import json,sys
for r in json.load(sys.stdin): print(r["name"], r["days_left"], r["certificate"]["days_left"])' <<<"$out" >"$TMP/days"
while read -r name listed decoded; do
    [ "$listed" = "$decoded" ] || fail "$name: list says $listed, its certificate $decoded"
    run "$C" show elb "$name" --pem; printf '%s\n' "$out" >"$TMP/$name.pem"
    run "$C" inspect --json "$TMP/$name.pem"
    expect_json 'j["files"][0]["certificates"][0]["days_left"]' "$listed"
    run "$C" show elb "$name"
    if [ "$listed" -lt 0 ]; then expect_out "(expired $((-listed)) days ago)"
    elif [ "$listed" = 1 ]; then expect_out "(1 day left)"
    elif [ "$listed" -gt 1 ]; then expect_out "($listed days left)"
    fi
done <"$TMP/days"
run "$C" check --service elb; expect_out "soonest: legacy-example-org (elb), expired 40 days ago"

# client.sh — the cloud commands end to end against certdeck-emu over HTTPS:
# password login and AK/SK, list/show/upload/update/delete on all four
# services (with their scopes), check, token expiry and re-login, 429 with
# Retry-After and injected 5xx, local validation that sends nothing.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
# The emulator's environment offers AK/SK; certdeck would then use them, so
# each (re)start drops them: these tests choose the credentials themselves.
start() {
    emu_start "$@"
    unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK CERTDECK_ENDPOINT CERTDECK_CA_FILE OS_AUTH_URL
}
start --seed demo --assets "$CERTDECK_ASSETS" --token-ttl 400
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data CERTDECK_VAULT_PASSPHRASE=vault-pass
mkdir -p "$XDG_CONFIG_HOME/certdeck"
write_config() {
    cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[profile default]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
services = elb,waf
$1
[profile keys]
region = $CERTDECK_EMU_PROJECT_NAME
project_id = $EMU_PROJECT
auth = aksk
endpoint = $EMU_URL
ca_file = $EMU_CA
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
[profile all]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
CFG
}
write_config ""
C=$CERTDECK_BIN

# Not logged in yet: a clear message, non-zero
run "$C" list; expect_rc 1; expect_err "not logged in"
# Wrong password: IAM's answer, nothing stored
CERTDECK_PASSWORD=wrong run "$C" login; expect_rc 1; expect_err "The username or password is wrong"
# Password login: the token goes to the vault (encrypted), never the password
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login; expect_rc 0; expect_out "logged in as demo@certdeck-demo"
! grep -qa "$CERTDECK_EMU_PASSWORD" "$XDG_DATA_HOME/certdeck/vault" || fail "the password is in the vault file"
[ "$(stat -c %a "$XDG_DATA_HOME/certdeck/vault")" = 600 ] || fail "vault mode"
run "$C" status; expect_rc 0; expect_out "valid until"
# status reads the vault's public part only: no passphrase, so a wrong one does not matter
CERTDECK_VAULT_PASSPHRASE=nope run "$C" status; expect_rc 0; expect_out "valid until"
CERTDECK_VAULT_PASSPHRASE=nope run "$C" list; expect_rc 1; expect_err "wrong vault passphrase"

# list: soonest expiry first, JSON with the decoded certificate, CSV
run "$C" list --json; expect_rc 0
expect_json 'all(a["days_left"] <= b["days_left"] for a, b in zip(j, j[1:]))' True
expect_json '[r["name"] for r in j if r["service"]=="elb"][0]' legacy-example-org
expect_json 'next(r for r in j if r["name"]=="api-example-net")["certificate"]["public_key"]["curve"]' P-256
expect_json 'any("private_key" in json.dumps(r) or "PRIVATE KEY" in json.dumps(r) for r in j)' False
run "$C" list --csv --service waf; expect_rc 0; expect_out "service,id,name"; expect_no_out ",elb,"
run "$C" list --expiring-within 30 --json; expect_json 'all(r["days_left"] < 30 for r in j)' True
run "$C" list --service bogus; expect_rc 2; expect_err 'unknown service "bogus"'

# upload: local checks first, nothing sent when they fail
before=$(curl -sS --cacert "$EMU_CA" "$EMU_URL/_emu/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["routes"].get("elb.create", 0))')
run "$C" upload elb --name web --cert "$F/leaf.pem" --key "$F/other.key"; expect_rc 2; expect_err "does not belong"
run "$C" upload elb --name web --cert "$F/leaf.key" --key "$F/leaf.pem"; expect_rc 2; expect_err "swapped"
run "$C" upload elb --name web --cert "$F/chain3-wrong.pem" --key "$F/leaf.key"; expect_rc 2; expect_err "out of order"
run "$C" upload elb --name web --cert "$F/expired.pem" --key "$F/leaf.key"; expect_rc 2; expect_err "expired"
run "$C" upload elb --name web --cert "$F/chain12.pem" --key "$F/chain-leaf.key"; expect_rc 2; expect_err "at most 11"
run "$C" upload waf --name 'bad name!' --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 2; expect_err "not allowed"
after=$(curl -sS --cacert "$EMU_CA" "$EMU_URL/_emu/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["routes"].get("elb.create", 0))')
[ "$before" = "$after" ] || fail "a refused upload reached the service"
# a good upload (encrypted key, chain in the wrong order fixed) prints the id
export KEYPASS="correct horse"
run "$C" upload elb --name web --cert "$F/chain3-wrong.pem" --key "$F/enc.key" --passphrase-env KEYPASS --fix-order --domain www.example.com
expect_rc 0; expect_out "uploaded web to elb as "; ID=${out##* }; [ ${#ID} = 32 ] || fail "no id printed: $out"
run "$C" show elb "$ID" --json; expect_rc 0; expect_json 'j["certificate"]["common_name"]' www.example.com
expect_json 'j["extra"]["domain"]' www.example.com
run "$C" show elb "$ID"; expect_rc 0; expect_out "[3/3]"; expect_no_out "PRIVATE KEY"
run "$C" update elb "$ID" --name web-2026 --description renewed; expect_rc 0
run "$C" show elb "$ID" --json; expect_json 'j["name"]' web-2026
run "$C" update elb "$ID" --cert "$F/ec256.pem" --key "$F/ec256.key"; expect_rc 0
run "$C" show elb "$ID" --json; expect_json 'j["certificate"]["common_name"]' ec256.example.com
run "$C" delete elb "$ID" </dev/null; expect_rc 2; expect_err "--yes"
run "$C" delete elb "$ID" --yes; expect_rc 0
run "$C" show elb "$ID"; expect_rc 1; expect_err "ELB.8904"
# WAF: no description; the name is kept on a content update
run "$C" upload waf --name shop-cert --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0; WID=${out##* }
run "$C" update waf "$WID" --description x; expect_rc 2
run "$C" update waf "$WID" --cert "$F/ec256.pem" --key "$F/ec256.key"; expect_rc 0
run "$C" show waf "$WID" --json; expect_json 'j["name"]' shop-cert; expect_json 'j["certificate"]["common_name"]' ec256.example.com
run "$C" delete waf "$WID" --yes; expect_rc 0

# WAF's list has no PEM: each show is fetched (concurrently) for the names
run "$C" list --json --service waf; expect_rc 0
expect_json 'all(r["certificate"] and r["common_name"] for r in j)' True

# All four services: the ROMA instance and CAE environment are the scopes
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login --profile all; expect_rc 0
run "$C" list --profile all --json; expect_rc 0
expect_json 'sorted({r["service"] for r in j})' "['apic', 'cae', 'elb', 'waf']"
expect_json '{r["scope"] for r in j if r["service"] == "apic"}' "{'$CERTDECK_EMU_APIC_INSTANCE'}"
expect_json '{r["scope"] for r in j if r["service"] == "cae"}' "{'$CERTDECK_EMU_CAE_ENVIRONMENT'}"
# ROMA APIC: names of 4 to 50; rename and new content go together; no PEM back
run "$C" upload apic --profile all --name x --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 2; expect_err "4 to 50"
run "$C" upload apic --profile all --name shop_cert --cert "$F/leaf.pem" --key "$F/leaf.key" --scope nope
expect_rc 1; expect_err "The instance does not exist" # any id is tried; the service answers
run "$C" upload apic --profile all --name shop_cert --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
AID=${out##* }; [ ${#AID} = 32 ] || fail "no APIC id printed: $out"
run "$C" show apic "$AID" --profile all --json; expect_rc 0
expect_json 'j["common_name"], j["scope"]' "('www.example.com', '$CERTDECK_EMU_APIC_INSTANCE')"
run "$C" update apic "$AID" --profile all --name shop_cert_2; expect_rc 2; expect_err "together"
run "$C" update apic "$AID" --profile all --name shop_cert_2 --cert "$F/ec256.pem" --key "$F/ec256.key"; expect_rc 0
run "$C" show apic "$AID" --profile all --json; expect_json 'j["name"], j["common_name"]' "('shop_cert_2', 'ec256.example.com')"
run "$C" delete apic "$AID" --profile all --yes; expect_rc 0
run "$C" show apic "$AID" --profile all; expect_rc 1; expect_err "APIG.3021"
# CAE: DNS-style names, no rename, the PEM in the answer
run "$C" upload cae --profile all --name Bad_Name --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 2; expect_err "lower-case"
run "$C" upload cae --profile all --name shop-cert --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
KID=${out##* }; [ -n "$KID" ] || fail "no CAE id printed"
run "$C" show cae "$KID" --profile all --json; expect_rc 0
expect_json 'j["certificate"]["common_name"], j["scope"]' "('www.example.com', '$CERTDECK_EMU_CAE_ENVIRONMENT')"
run "$C" update cae "$KID" --profile all --name other; expect_rc 2; expect_err "cannot rename"
run "$C" update cae "$KID" --profile all --cert "$F/ec256.pem" --key "$F/ec256.key"; expect_rc 0
run "$C" show cae "$KID" --profile all --json; expect_json 'j["certificate"]["common_name"]' ec256.example.com
run "$C" delete cae "$KID" --profile all --yes; expect_rc 0
run "$C" show cae "$KID" --profile all; expect_rc 1; expect_err "no certificate"
run "$C" list --profile all --json; expect_json "any(r['id'] in ('$AID', '$KID') for r in j)" False

# check: monitoring exit codes and perfdata
run "$C" check; expect_rc 2; expect_out "CERTDECK CRITICAL"; expect_out "| total="
run "$C" check --warn 0 --crit 0 --service waf; expect_rc 2; expect_out "expired"

# AK/SK: stored in the vault, requests signed
HUAWEICLOUD_SDK_AK=$EMU_AK HUAWEICLOUD_SDK_SK=$EMU_SK run "$C" login --aksk --profile keys; expect_rc 0
! grep -qa "$EMU_SK" "$XDG_DATA_HOME/certdeck/vault" || fail "the SK is in the vault file in clear"
run "$C" list --profile keys --json; expect_rc 0
expect_json 'sorted({r["service"] for r in j})' "['apic', 'cae', 'elb', 'waf']"
# every service's calls are signed: create, update, delete on each
for svc in elb waf apic cae; do
    name=signed-$svc; [ "$svc" = apic ] && name=signed_apic # ROMA names take no '-'
    run "$C" upload "$svc" --profile keys --name "$name" --cert "$F/leaf.pem" --key "$F/leaf.key" --quiet; expect_rc 0; SID=$(tr -d '\n' <<<"$out")
    run "$C" update "$svc" "$SID" --profile keys --cert "$F/ec256.pem" --key "$F/ec256.key"; expect_rc 0
    run "$C" show "$svc" "$SID" --profile keys --json; expect_rc 0; expect_json 'j["common_name"]' ec256.example.com
    run "$C" delete "$svc" "$SID" --profile keys --yes; expect_rc 0
done
run "$C" logout --profile keys; expect_rc 0
run "$C" list --profile keys; expect_rc 1; expect_err "not logged in"

# Token expiry: a refused token is renewed once (CERTDECK_PASSWORD stands in for the prompt)
emu_stop
# (the renewed token must outlive the list's requests, WAF shows included, on
# a loaded machine: 4 s)
start --seed demo --assets "$CERTDECK_ASSETS" --token-ttl 4
write_config ""
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login; expect_rc 0
sleep 5
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" list --json; expect_rc 0; expect_json 'len(j) > 0' True
sleep 5   # the renewed token (saved to the vault) has expired too; nobody to ask now
run "$C" list </dev/null; expect_rc 1; expect_err "run 'certdeck login'"

# 429 with Retry-After and injected 5xx are retried; a create is not
emu_stop
start --seed demo --assets "$CERTDECK_ASSETS" --fault-rate 0.4 --faults 429,503,reset
write_config ""
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login; expect_rc 0
run "$C" list --json; expect_rc 0; expect_json 'len(j)' 10
_curl GET "$EMU_URL/_emu/stats" ""
expect_json 'j["faults"]["429"] + j["faults"]["503"] + j["faults"]["reset"] > 0' True

echo "client: all checks passed"

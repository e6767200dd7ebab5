# monitoring.sh — `check` and `list` tell the truth about what they could not
# read: a service not set up is UNKNOWN (never "OK - 0 certificates") and said
# on stderr by list; offenders follow the status line; thresholds in the wrong
# order are refused; a crash is UNKNOWN, not a signal. `--scope` takes any id.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
start() {
    emu_start "$@"
    unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK CERTDECK_ENDPOINT CERTDECK_CA_FILE OS_AUTH_URL
}
start --seed demo --assets "$CERTDECK_ASSETS" --apic-instance "$(printf 'a%.0s' {1..32})"
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data CERTDECK_VAULT_PASSPHRASE=vault-pass
unset CERTDECK_PROFILE
mkdir -p "$XDG_CONFIG_HOME/certdeck"
cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[profile default]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
[profile emu]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
services = elb,waf,apic,cae
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
[profile waf]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
services = waf
CFG
C=$CERTDECK_BIN
for p in default emu waf; do
    CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login --profile $p; expect_rc 0
done

# The default profile enables apic and cae (the default services) with no
# instance or environment: check is UNKNOWN naming what to set
run "$C" check; expect_rc 3
expect_out "CERTDECK UNKNOWN - apic is not set up in profile \"default\": set apic_instances"
expect_out "cae is not set up in profile \"default\": set cae_environments"
expect_out "failed_services=2"
run "$C" check --service apic; expect_rc 3; expect_out "set apic_instances"; expect_no_out "OK"
# asked for but not enabled
run "$C" check --service apic --profile waf; expect_rc 3; expect_out "apic is not enabled in profile \"waf\""
# list says it on stderr and still lists the rest
run "$C" list; expect_rc 0; expect_out "legacy-example-org"
expect_err "certdeck list: apic is not set up in profile \"default\": set apic_instances"
expect_err "cae is not set up"
run "$C" list --service apic --json; expect_rc 1; expect_err "set apic_instances"
run "$C" list --service cae --profile waf; expect_rc 1; expect_err "cae is not enabled in profile \"waf\""
run "$C" list --profile waf; expect_rc 0; [ -z "$err" ] || fail "stderr should be empty"

# Offenders: one line each after the status line, soonest first
run "$C" check --profile emu --warn 30 --crit 7; expect_rc 2
head -1 <<<"$out" | grep -q '^CERTDECK CRITICAL - .*| total=' || fail "status line first"
expect_out "CRITICAL: legacy-example-org (elb, id "
grep -qE '^CRITICAL: legacy-example-org .* expired [0-9]+ days ago$' <<<"$out" || fail "expired offender line"
grep -qE '^WARNING: .* (1[0-9]|2[0-9]) days left$' <<<"$out" || fail "warning offender line"
[ "$(grep -c '^\(CRITICAL\|WARNING\): ' <<<"$out")" -ge 3 ] || fail "every offender gets a line"
grep -q '^OK\|^CRITICAL: .* 9[0-9] days left' <<<"$out" && fail "a certificate far from expiry is listed"
# --warn below --crit is a usage error (UNKNOWN), checked before anything is read
before=$(curl -sS --cacert "$EMU_CA" "$EMU_URL/_emu/stats" | python3 -c 'import json,sys; print(sum(v for k, v in json.load(sys.stdin)["routes"].items() if not k.startswith("emu.")))')
run "$C" check --profile emu --warn 3 --crit 7; expect_rc 3; expect_out "UNKNOWN - usage"; expect_err "--warn 3 is below --crit 7"
run "$C" check --profile emu --warn 3; expect_rc 3; expect_err "--warn 3 is below --crit 7"
after=$(curl -sS --cacert "$EMU_CA" "$EMU_URL/_emu/stats" | python3 -c 'import json,sys; print(sum(v for k, v in json.load(sys.stdin)["routes"].items() if not k.startswith("emu.")))')
[ "$before" = "$after" ] || fail "a refused check sent requests"

# --scope takes any ROMA instance id, not only the profile's
OTHER=$(printf 'a%.0s' {1..32})
run "$C" list --profile emu --json --service apic; expect_rc 0
run "$C" upload apic --profile emu --scope "$OTHER" --name other_inst --cert "$F/leaf.pem" --key "$F/leaf.key"
expect_rc 0; AID=${out##* }
run "$C" show apic "$AID" --profile emu --scope "$OTHER" --json; expect_rc 0; expect_json 'j["scope"]' "$OTHER"
run "$C" delete apic "$AID" --profile emu --scope "$OTHER" --yes; expect_rc 0
run "$C" show elb x --scope "$OTHER" --profile emu; expect_rc 1; expect_err "elb has no scope"

# A crash during a check is UNKNOWN, never a signal
emu_stop
start --seed demo --assets "$CERTDECK_ASSETS" --latency-ms 3000
sed -i "s|^endpoint = .*|endpoint = $EMU_URL|; s|^ca_file = .*|ca_file = $EMU_CA|" "$XDG_CONFIG_HOME/certdeck/config"
for sig in SEGV ABRT BUS FPE; do
    "$C" check --profile waf >"$TMP/check.out" 2>/dev/null &
    pid=$!
    sleep 1
    kill -s $sig $pid
    wait $pid; rc=$?
    out=$(cat "$TMP/check.out"); last="check, then SIG$sig"
    expect_rc 3; expect_out "CERTDECK UNKNOWN - internal error"
done

echo "monitoring: all checks passed"

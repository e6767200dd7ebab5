# readme-path.sh — the README's cloud commands followed literally with a
# profile that has region, domain and user but no project_id (the config
# template calls it optional): login, then every command that reads or
# changes certificates. The project id then comes from the token; for AK/SK
# (the same path with `login --aksk`) from IAM's project of the region.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
emu_start --seed demo --assets "$CERTDECK_ASSETS"
AK=$HUAWEICLOUD_SDK_AK SK=$HUAWEICLOUD_SDK_SK
unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK CERTDECK_ENDPOINT CERTDECK_CA_FILE OS_AUTH_URL CERTDECK_PROJECT_ID \
    HUAWEICLOUD_SDK_PROJECT_ID HW_PROJECT_ID OS_PROJECT_ID OS_TENANT_ID
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data CERTDECK_VAULT_PASSPHRASE=vault-pass
mkdir -p "$XDG_CONFIG_HOME/certdeck"
cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[profile default]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
[profile keys]
region = $CERTDECK_EMU_PROJECT_NAME
auth = aksk
endpoint = $EMU_URL
ca_file = $EMU_CA
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
[profile nowhere]
region = eu-nowhere-1
auth = aksk
endpoint = $EMU_URL
ca_file = $EMU_CA
CFG
C=$CERTDECK_BIN

# readme_path — the README's path after login, for the profile in $P.
readme_path() {
    run "$C" status $P; expect_rc 0; expect_out "$EMU_PROJECT"
    for svc in elb waf apic cae; do
        run "$C" list $P --service "$svc" --json; expect_rc 0
        expect_json 'len(j) > 0' True
        id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])' <<<"$out")
        run "$C" show $P "$svc" "$id"; expect_rc 0
    done
    run "$C" list $P; expect_rc 0; expect_out "legacy-example-org"
    run "$C" check $P; [ "$rc" -le 3 ] || fail "check ended in a signal"
    expect_out "certificates"
    run "$C" upload $P elb --name readme-web --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
    id=$(grep -oE '[0-9a-f]{32}' <<<"$out" | head -1)
    [ -n "$id" ] || fail "upload printed no id"
    run "$C" delete $P elb "$id" --yes; expect_rc 0
}

P=""
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login; expect_rc 0
readme_path
run "$C" status; expect_out "valid until"

# AK/SK without project_id: login --aksk finds the region's project and keeps it
P="--profile keys"
HUAWEICLOUD_SDK_AK=$AK HUAWEICLOUD_SDK_SK=$SK run "$C" login --aksk $P; expect_rc 0
readme_path
run "$C" status $P; expect_out "AK/SK from the vault"
# the same keys from the environment only: looked up on every run
HUAWEICLOUD_SDK_AK=$AK HUAWEICLOUD_SDK_SK=$SK run "$C" list $P --service elb --json; expect_rc 0
expect_json 'len(j) > 0' True
# a region IAM has no project for: a clear message, and nothing stored
HUAWEICLOUD_SDK_AK=$AK HUAWEICLOUD_SDK_SK=$SK run "$C" login --aksk --profile nowhere; expect_rc 1
expect_err "no project named eu-nowhere-1"; expect_err "set project_id in the profile"
run "$C" status --profile nowhere; expect_rc 1; expect_out "not logged in"
HUAWEICLOUD_SDK_AK=$AK HUAWEICLOUD_SDK_SK=$SK run "$C" list --profile nowhere; expect_rc 1
expect_err "set project_id in the profile"
# wrong keys: IAM's refusal, with its code
HUAWEICLOUD_SDK_AK=$AK HUAWEICLOUD_SDK_SK=wrong-secret run "$C" list $P; expect_rc 1
expect_err "APIGW.0301"; expect_err "set project_id"
echo "ok"

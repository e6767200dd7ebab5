# readme-path.sh — the README's cloud commands followed literally with a
# profile that has region, domain and user but no project_id (the config
# template calls it optional): login, then every command that reads or
# changes certificates. The project id then comes from the token.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
emu_start --seed demo --assets "$CERTDECK_ASSETS"
unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK CERTDECK_ENDPOINT CERTDECK_CA_FILE OS_AUTH_URL CERTDECK_PROJECT_ID
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
CFG
C=$CERTDECK_BIN

CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login; expect_rc 0
run "$C" status; expect_rc 0; expect_out "valid until"
for svc in elb waf apic cae; do
    run "$C" list --service "$svc" --json; expect_rc 0
    expect_json 'len(j) > 0' True
    id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])' <<<"$out")
    run "$C" show "$svc" "$id"; expect_rc 0
done
run "$C" list; expect_rc 0; expect_out "legacy-example-org"
run "$C" check; [ "$rc" -le 3 ] || fail "check ended in a signal"
expect_out "certificates"
run "$C" upload elb --name readme-web --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
id=$(grep -oE '[0-9a-f]{32}' <<<"$out" | head -1)
[ -n "$id" ] || fail "upload printed no id"
run "$C" delete elb "$id" --yes; expect_rc 0
echo "ok"

# valgrind-slabs.sh — the README path without project_id (see readme-path.sh)
# under valgrind, with record strings in slabs as in a release build: list,
# show, upload and delete on every service free each string with the
# allocator that made it, and read nothing freed. (The sanitizer build gives
# every string its own malloc, so it cannot see this.)
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
if [ "${CERTDECK_SANITIZED:-0}" = 1 ]; then
    echo "skipped: the sanitizer build keeps no string slabs and cannot run under valgrind"
    exit 0
fi
if [ -z "${VALGRIND_BIN:-}" ]; then
    echo "skipped: valgrind is not installed"
    exit 0
fi
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
vg() { "$VALGRIND_BIN" --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
           --show-leak-kinds=definite "$C" "$@" </dev/null; }

CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login; expect_rc 0
# one list reads all four services; show takes the scope path of APIC
run vg list --json; expect_rc 0; expect_out "legacy-example-org"
id=$(python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["service"] == "apic"][0])' <<<"$out")
run vg show apic "$id"; expect_rc 0
run vg upload elb --name valgrind-web --cert "$F/leaf.pem" --key "$F/leaf.key" --quiet; expect_rc 0
id=$(grep -oE '[0-9a-f]{32}' <<<"$out" | head -1)
[ -n "$id" ] || fail "upload printed no id"
run vg show elb "$id"; expect_rc 0
run vg delete elb "$id" --yes; expect_rc 0
echo "ok"

# hints.sh — what certdeck tells a person to do: hints name the profile in use,
# `login --aksk` echoes the AK (never the SK) and names the variables when
# there is no terminal, an encrypted key without a terminal names
# --passphrase-env/--passphrase-file.
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
services = elb
[profile emu]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
services = elb
[profile keys]
region = $CERTDECK_EMU_PROJECT_NAME
project_id = $EMU_PROJECT
auth = aksk
endpoint = $EMU_URL
ca_file = $EMU_CA
services = elb
CFG
C=$CERTDECK_BIN
TTY="python3 $(dirname "$0")/on-tty.py"

# Hints name the profile (only when it is not the default one)
run "$C" list --profile emu; expect_rc 1; expect_err "run 'certdeck login --profile emu'"
run "$C" --profile emu list; expect_rc 1; expect_err "run 'certdeck login --profile emu'"
run "$C" list --profile keys; expect_rc 1; expect_err "run 'certdeck login --aksk --profile keys'"
run "$C" list; expect_rc 1; expect_err "run 'certdeck login'"; grep -q -- "--profile" <<<"$err" && fail "the default profile needs no --profile"
run "$C" status --profile emu; expect_rc 1; expect_out "run 'certdeck login --profile emu'"

# login --aksk: the AK is echoed as typed, the SK is not
ANSWERS=$EMU_AK$'\n'$EMU_SK run $TTY "$C" login --aksk --profile keys; expect_rc 0
expect_out "Access key id (AK): $EMU_AK"; expect_no_out "$EMU_SK"; expect_out "stored the access key"
run "$C" list --profile keys --json; expect_rc 0; expect_json 'len(j) > 0' True
# no terminal: the variables are named
run setsid -w "$C" login --aksk --profile keys </dev/null; expect_rc 1
expect_err "set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"

# An encrypted key with no terminal and no passphrase option names both options
run setsid -w "$C" upload elb --name web --cert "$F/leaf.pem" --key "$F/enc.key" --dry-run </dev/null
expect_rc 2; expect_err "--passphrase-env VAR or --passphrase-file FILE"
run setsid -w "$C" upload elb --name web --cert "$F/leaf.pem" --key "$F/enc.key" --dry-run --passphrase-env NOPE_UNSET </dev/null
expect_rc 2; expect_err "--passphrase-env NOPE_UNSET: that environment variable is not set"
# on a terminal it is asked, without echo
ANSWERS="correct horse" run $TTY "$C" upload elb --name web --cert "$F/leaf.pem" --key "$F/enc.key" --dry-run
expect_rc 0; expect_out "Passphrase for"; expect_no_out "correct horse"; expect_out "ok:"

echo "hints: all checks passed"

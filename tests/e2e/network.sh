# network.sh — what a user sees when certdeck cannot reach the endpoint or
# cannot trust it: a refused connection fails fast (retried at most once,
# quickly) and asks whether the endpoint is right and certdeck-emu running;
# a TLS verification failure points at ca_file / --ca-file.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
export CERTDECK_VAULT_PASSPHRASE=vault-pass CERTDECK_PASSWORD=demo-password
export CERTDECK_REGION=cn-north-4 CERTDECK_DOMAIN=certdeck-demo CERTDECK_USER=demo
unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK
C=$CERTDECK_BIN

# A port nobody listens on
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_ms=$(date +%s%3N)
CERTDECK_ENDPOINT=https://127.0.0.1:$port run timeout 30 "$C" login </dev/null
took=$(( $(date +%s%3N) - start_ms ))
expect_rc 1
expect_err "is the endpoint right? is certdeck-emu running?"
[ "$took" -lt 2000 ] || fail "a refused connection took $took ms to report (retried too long)"

emu_start --seed 2
unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK
export CERTDECK_REGION=cn-north-4 CERTDECK_DOMAIN=certdeck-demo CERTDECK_USER=demo
# The emulator's own CA is not trusted: the message names ca_file and --ca-file
unset CERTDECK_CA_FILE
CERTDECK_ENDPOINT=$EMU_URL run timeout 30 "$C" login </dev/null
expect_rc 1; expect_err "ca_file"; expect_err "--ca-file"
# …and with it, the same login works (the hint was right)
CERTDECK_ENDPOINT=$EMU_URL run timeout 30 "$C" login --ca-file "$EMU_CA" </dev/null
expect_rc 0
# A GET (retried on connection errors) against the closed port: still fast
start_ms=$(date +%s%3N)
CERTDECK_ENDPOINT=https://127.0.0.1:$port run timeout 30 "$C" list --service elb </dev/null
took=$(( $(date +%s%3N) - start_ms ))
[ "$rc" -ne 0 ] || fail "list against a closed port succeeded"
expect_err "is the endpoint right? is certdeck-emu running?"
[ "$took" -lt 2000 ] || fail "list against a refused port took $took ms"
echo "ok"

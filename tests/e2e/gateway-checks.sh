# gateway-checks.sh — what a real gateway or API would refuse is refused
# locally, before anything is sent: a path-changing certificate id on
# delete/show/update, and an ELB domain list that breaks the API's rules
# (caught by --dry-run too).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
C=$CERTDECK_BIN

# The domain list, with no emulator and no login needed
run "$C" upload elb --name web --cert "$F/leaf.pem" --key "$F/leaf.key" --domain 'a..b,*.*.x' --dry-run
expect_rc 2; expect_err 'domain name 1 "a..b" is not allowed'
run "$C" upload elb --name web --cert "$F/leaf.pem" --key "$F/leaf.key" --domain '*.*.x' --dry-run
expect_rc 2; expect_err "'*' may only open the name"
run "$C" upload elb --name web --cert "$F/leaf.pem" --key "$F/leaf.key" \
    --domain 'www.example.com,*.example.com' --dry-run
expect_rc 0

emu_start --seed 4:elb --verbose
unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK # a password login
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data HOME=$TMP/home
export CERTDECK_VAULT_PASSPHRASE=vault-pass CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD
export CERTDECK_REGION=$CERTDECK_EMU_PROJECT_NAME CERTDECK_DOMAIN=$CERTDECK_EMU_DOMAIN \
    CERTDECK_USER=$CERTDECK_EMU_USER CERTDECK_ENDPOINT=$EMU_URL CERTDECK_CA_FILE=$EMU_CA \
    CERTDECK_SERVICES=elb
run "$C" login </dev/null; expect_rc 0
# (the name lookup or the id check says so; either way nothing is sent)
for id in .. . 'a/b'; do
    run "$C" delete elb "$id" --yes </dev/null
    [ "$rc" -ne 0 ] || fail "delete elb '$id' succeeded"
    expect_err "\"$id\""
done
run "$C" update elb .. --domain www.example.com </dev/null
[ "$rc" -ne 0 ] || fail "update elb .. succeeded"
expect_err '".."'
# Update limits are the update page's: 31 names are too many
names=$(seq -f 'h%g.example.com' 1 31 | paste -sd, -)
run "$C" update elb 233a325e5e3e4ce8beeb320aa714cc12 --domain "$names" </dev/null
expect_rc 2; expect_err "31 names"
grep -q 'certdeck-emu: POST /v3/auth/tokens' "$EMU_LOG" || fail "the emulator log has no requests"
! grep -E 'certdeck-emu: (DELETE|PUT|GET) /v3/[0-9a-f]{32}/elb/?( |$)' "$EMU_LOG" \
    || fail "a request for a refused id reached the emulator"
! grep -qE 'certdeck-emu: (DELETE|PUT) ' "$EMU_LOG" || fail "a change reached the emulator"
echo "ok"

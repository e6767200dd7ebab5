# options.sh — the command line around the commands: options before the
# command name, case-insensitive service names, the nearest command offered.
. "$(dirname "$0")/../lib.sh"
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
unset CERTDECK_PROFILE CERTDECK_CONFIG
C=$CERTDECK_BIN

# An unknown command suggests the nearest one, exit 2
run "$C" lsit;  expect_rc 2; expect_err "did you mean 'list'?"
run "$C" chek;  expect_rc 2; expect_err "did you mean 'check'?"
run "$C" updaet; expect_rc 2; expect_err "did you mean 'update'?"
run "$C" xyzzy; expect_rc 2; expect_err 'unknown command "xyzzy"'; grep -q "did you mean" <<<"$err" && fail "a far word got a suggestion"

# Options before the command work like options after it
run "$C" --profile nope list;     expect_rc 1; expect_err "profile 'nope' not found"
run "$C" -p nope list;            expect_rc 1; expect_err "profile 'nope' not found"
run "$C" --profile=nope list;     expect_rc 1; expect_err "profile 'nope' not found"
run "$C" --json --strict inspect "$F/chain3.pem"; expect_rc 0; expect_json 'j["files"][0]["status"]' ok
run "$C" --ca-file /nonexistent --insecure --profile nope list; expect_rc 1; expect_err "profile 'nope' not found"
run "$C" --profile;               expect_rc 2; expect_err "--profile needs"
run "$C" --bogus list;            expect_rc 2; expect_err "unknown option --bogus"
# …and an option the command does not take is still refused by the command
run "$C" --yes inspect "$F/leaf.pem"; expect_rc 2; expect_err "unknown option"

# Service names are case-insensitive
run "$C" upload ELB --name web --cert "$F/leaf.pem" --key "$F/leaf.key" --dry-run; expect_rc 0; expect_out "ok:"
run "$C" upload Waf --name web --cert "$F/leaf.pem" --key "$F/leaf.key" --dry-run; expect_rc 0
run "$C" list --service ELB,bogus; expect_rc 2; expect_err 'unknown service "bogus"'

echo "options: all checks passed"

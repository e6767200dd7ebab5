# emu-readme.sh — the README's certdeck-emu block run as written, from a fresh
# HOME with no config file and the working directory elsewhere: the emulator
# starts in the background, its env file alone gets `certdeck login` and
# `certdeck list` to the demo certificates of all four services, and the
# block's last line stops it. Then: the demo set found once installed, and
# a clear message when it is nowhere.
. "$(dirname "$0")/../lib.sh"
BUILD=$(dirname "$CERTDECK_BIN")
README=$CERTDECK_SOURCE_DIR/README.md

# The fenced block after the marker, with the build directory and /tmp/ of
# this test put in (several tests run at once).
block=$(awk '/tests\/e2e\/emu-readme.sh runs this block/ {m=1; next}
             m && /^```sh$/ {in_block=1; next}
             in_block && /^```$/ {exit}
             in_block {print}' "$README")
[ -n "$block" ] || fail "the README has no emulator block"
grep -q 'certdeck login' <<<"$block" && grep -q 'certdeck list' <<<"$block" \
    || fail "the README block does not log in and list"
# /tmp/ first: the build directory may itself lie under /tmp
script=${block//\/tmp\//$TMP/}
script=${script//.\/build\//$BUILD/}

mkdir -p "$TMP/home" "$TMP/elsewhere"
# Nothing of the test's environment but PATH; no terminal, so the password
# and the vault passphrase come from the variables the README names.
run env -i PATH="$PATH" HOME="$TMP/home" TMPDIR="$TMP" \
    CERTDECK_PASSWORD=demo-password CERTDECK_VAULT_PASSPHRASE=vault-pass \
    bash -c "cd '$TMP/elsewhere' && set -e && $script" </dev/null
expect_rc 0
for svc in elb waf apic cae; do
    grep -qE "(^|[[:space:]])$svc[[:space:]]+-?[0-9]" <<<"$out" || fail "list shows no $svc certificate"
done
expect_out "legacy-example-org"
[ ! -e "$TMP/home/.config/certdeck/config" ] || fail "a config file was written"
[ ! -e "$TMP/emu.pid" ] && [ ! -e "$TMP/emu.env" ] || fail "the stopped emulator left its files"
! grep -q 'HUAWEICLOUD_SDK_AK' <<<"$out$err" || fail "AK/SK leaked into the README path"

# --daemon returns only once the env file is complete (no wait loop needed)
run "$BUILD/certdeck-emu" --seed 3 --daemon --env-file "$TMP/e2.env" --pid-file "$TMP/e2.pid"
expect_rc 0
grep -q '^export CERTDECK_EMU_URL=' "$TMP/e2.env" || fail "the env file is not complete on return"
grep -q '^export CERTDECK_APIC_INSTANCES=' "$TMP/e2.env" || fail "no CERTDECK_APIC_INSTANCES"
# AK/SK under the SDK's names would switch certdeck to AK/SK
! grep -q 'HUAWEICLOUD_SDK_' "$TMP/e2.env" || fail "the env file sets HUAWEICLOUD_SDK_* variables"
grep -q '^export CERTDECK_EMU_AK=' "$TMP/e2.env" || fail "the demo AK is not offered"
[ "$(stat -c %a "$TMP/e2.env")" = 600 ] || fail "the env file holds the demo password: mode 0600"
pid=$(cat "$TMP/e2.pid")
kill -0 "$pid" || fail "no emulator behind the pid file"
kill "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$pid" 2>/dev/null || fail "the emulator did not stop on SIGTERM"

# A failure to start is the daemon's exit status, with the reason
run "$BUILD/certdeck-emu" --seed demo --daemon --env-file "$TMP/nodir/e.env"
expect_rc 1; expect_err "--env-file"

# Installed: the demo set beside the binary (a shortened copy proves which one)
cmake --install "$BUILD" --prefix "$TMP/prefix" >/dev/null || fail "cmake --install failed"
seed=$TMP/prefix/share/certdeck/demo/seed.tsv
[ -f "$seed" ] || fail "the demo set was not installed"
{ grep '^#' "$seed"; grep -v '^#' "$seed" | head -2; } >"$TMP/short.tsv" && cp "$TMP/short.tsv" "$seed"
(cd "$TMP/elsewhere" && "$TMP/prefix/bin/certdeck-emu" --seed demo --daemon --pid-file "$TMP/i.pid" \
    >/dev/null 2>"$TMP/i.err") || { cat "$TMP/i.err"; fail "the installed emulator did not start"; }
kill "$(cat "$TMP/i.pid")"
grep -q ' 2 certificates' "$TMP/i.err" || { err=$(cat "$TMP/i.err"); fail "the installed copy's demo set was not used"; }

# CERTDECK_DEMO_DIR wins, and nowhere to be found is said with the places
CERTDECK_DEMO_DIR=$TMP/none run "$BUILD/certdeck-emu" --seed demo
expect_rc 1; expect_err "looked in $TMP/none"; expect_err "CERTDECK_DEMO_DIR"
echo "ok"

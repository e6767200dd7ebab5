# vault-session.sh — one vault unlock per login session: the profile is
# checked before the vault (no passphrase asked for nothing), status needs no
# passphrase, the first login says what the passphrase protects, the derived
# key is kept in the kernel keyring for vault_cache and `certdeck lock`
# forgets it, and a kept key that no longer fits the vault is dropped.
# The keyring part runs in a session keyring of its own (keyctl session), so
# nothing is left in the caller's; without a kernel keyring it is skipped, saying so.
if [ -z "${CD_OWN_SESSION_KEYRING:-}" ] && command -v keyctl >/dev/null &&
    keyctl session - true >/dev/null 2>&1; then
    CD_OWN_SESSION_KEYRING=1 exec keyctl session - bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
emu_start --seed demo --assets "$CERTDECK_ASSETS"
unset HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK CERTDECK_ENDPOINT CERTDECK_CA_FILE OS_AUTH_URL
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$XDG_CONFIG_HOME/certdeck"
cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[profile default]
region = $CERTDECK_EMU_PROJECT_NAME
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
endpoint = $EMU_URL
ca_file = $EMU_CA
services = elb
[profile half]
region = $CERTDECK_EMU_PROJECT_NAME
endpoint = $EMU_URL
ca_file = $EMU_CA
CFG
C=$CERTDECK_BIN
VAULT=$XDG_DATA_HOME/certdeck/vault
NO_ASK="no terminal to ask"

# --- the profile first: nothing asked, nothing created ---
run "$C" list </dev/null; expect_rc 1
expect_err "is not logged in: run 'certdeck login'"
grep -qF "$NO_ASK" <<<"$err" && fail "asked for a passphrase with no vault"
run "$C" status </dev/null; expect_rc 1; expect_out "not logged in"
[ -e "$VAULT" ] && fail "a vault was created by list or status"
run "$C" list --profile half </dev/null; expect_rc 1
expect_err 'profile "half" lacks user, domain'
CERTDECK_PASSWORD=x run "$C" login --profile half </dev/null; expect_rc 1
expect_err 'profile "half" lacks user, domain'
[ -e "$VAULT" ] && fail "login of an incomplete profile created a vault"

# --- the first login explains the passphrase before asking (on a terminal) ---
run python3 - "$C" "$CERTDECK_EMU_PASSWORD" <<'PY'
import os, pty, sys, time
binary, password = sys.argv[1], sys.argv[2]
env = dict(os.environ, CERTDECK_PASSWORD=password)
env.pop("CERTDECK_VAULT_PASSPHRASE", None)
pid, fd = pty.fork()
if pid == 0:
    os.execve(binary, [binary, "login"], env)
seen = b""
def wait_for(text):
    global seen
    deadline = time.time() + 20
    while text not in seen and time.time() < deadline:
        try:
            seen += os.read(fd, 4096)
        except OSError:
            break
    if text not in seen:
        sys.exit("never saw %r in %r" % (text, seen))
wait_for(b"New vault passphrase: ")
os.write(fd, b"first-pass\n")
wait_for(b"Repeat the vault passphrase: ")
os.write(fd, b"first-pass\n")
_, status = os.waitpid(pid, 0)
try:
    seen += os.read(fd, 4096)
except OSError:
    pass
print(seen.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
expect_rc 0
expect_out "the vault passphrase you choose now is what unlocks them"
python3 -c 'import sys; t=sys.argv[1]; sys.exit(not t.index("what unlocks them") < t.index("New vault passphrase"))' "$out" \
    || fail "the explanation does not come before the question"
expect_out "logged in as $CERTDECK_EMU_USER"
expect_no_out "first-pass"
# an existing vault: no explanation
CERTDECK_VAULT_PASSPHRASE=first-pass CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD run "$C" login
expect_rc 0; grep -qF "what unlocks them" <<<"$err" && fail "explained again for an existing vault"
# status needs no passphrase, and says nothing secret
run "$C" status </dev/null; expect_rc 0; expect_out "valid until"; expect_out "$EMU_PROJECT"

# --- the kept key ---
if [ -z "${CD_OWN_SESSION_KEYRING:-}" ]; then
    echo "skipped: no keyring (the vault key cache part)"
    echo "ok"
    exit 0
fi
export CERTDECK_VAULT_CACHE=15m
kept() { keyctl show @s 2>/dev/null | grep -c 'user: certdeck:vault:'; }
CERTDECK_VAULT_PASSPHRASE=first-pass run "$C" list </dev/null; expect_rc 0
[ "$(kept)" = 1 ] || fail "no key kept after an unlock: $(keyctl show @s)"
id=$(keyctl search @s user "$(keyctl show @s | sed -n 's/.*user: \(certdeck:vault:[0-9a-f]*\).*/\1/p')")
keyctl print "$id" | grep -q first-pass && fail "the passphrase itself was kept"
grep -q "first-pass" "$VAULT" && fail "the passphrase is in the vault file"
# the next command asks nothing
run "$C" list </dev/null; expect_rc 0; expect_out "legacy-example-org"
run "$C" lock; expect_rc 0; expect_out "locked"
[ "$(kept)" = 0 ] || fail "lock left the key: $(keyctl show @s)"
run "$C" list </dev/null; expect_rc 1; expect_err "$NO_ASK"
run "$C" lock; expect_rc 0; expect_out "nothing to lock"

# a vault made anew (new salt) is not opened with the stale kept key
CERTDECK_VAULT_PASSPHRASE=first-pass run "$C" list </dev/null; expect_rc 0
[ "$(kept)" = 1 ] || fail "no key kept"
rm "$VAULT"
CERTDECK_VAULT_CACHE=0 CERTDECK_VAULT_PASSPHRASE=second-pass CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD \
    run "$C" login; expect_rc 0
run "$C" list </dev/null; expect_rc 1; expect_err "$NO_ASK"
[ "$(kept)" = 0 ] || fail "the stale key was not dropped"
CERTDECK_VAULT_PASSPHRASE=second-pass run "$C" list </dev/null; expect_rc 0
run "$C" list </dev/null; expect_rc 0

# the timeout ends the kept key; vault_cache = off keeps none
run "$C" lock
CERTDECK_VAULT_CACHE=2 CERTDECK_VAULT_PASSPHRASE=second-pass run "$C" list </dev/null; expect_rc 0
run "$C" list </dev/null; expect_rc 0
sleep 3
run "$C" list </dev/null; expect_rc 1; expect_err "$NO_ASK"
CERTDECK_VAULT_CACHE=off CERTDECK_VAULT_PASSPHRASE=second-pass run "$C" list </dev/null; expect_rc 0
[ "$(kept)" = 0 ] || fail "vault_cache = off kept a key"
echo "ok"

# lib.sh — assertions for the shell tests (sourced). Each failure names the
# command and shows its output; the script stops at the first one.
set -uo pipefail

: "${CERTDECK_BIN:?run through ctest}"
: "${CERTDECK_FIXTURES:?run through ctest}"
F=$CERTDECK_FIXTURES
TMP=$(mktemp -d /tmp/certdeck-test.XXXXXX)
# No vault key kept in the kernel keyring between commands, unless a test
# (tests/e2e/vault-session.sh) asks for it in a session keyring of its own.
export CERTDECK_VAULT_CACHE=0
trap 'rm -rf "$TMP"' EXIT
failures=0

# run CMD… — runs it, keeping stdout in $out, stderr in $err, status in $rc.
run() {
    out=$("$@" 2>"$TMP/stderr"); rc=$?
    err=$(cat "$TMP/stderr")
    last="$*"
}

fail() {
    printf 'FAIL: %s\n  command: %s\n  exit: %s\n  stdout:\n%s\n  stderr:\n%s\n' \
        "$1" "${last:-}" "${rc:-}" "$(printf '%s\n' "${out:-}" | head -40)" "${err:-}" >&2
    failures=$((failures + 1))
    exit 1
}

expect_rc() { [ "$rc" = "$1" ] || fail "expected exit $1"; }
expect_out() { grep -qF -- "$1" <<<"$out" || fail "stdout lacks: $1"; }
expect_no_out() { ! grep -qF -- "$1" <<<"$out" || fail "stdout should not contain: $1"; }
expect_err() { grep -qF -- "$1" <<<"$err" || fail "stderr lacks: $1"; }
# expect_json JQ-LIKE-PYTHON-EXPR VALUE: evaluates a Python expression on the parsed stdout (j).
expect_json() {
    local got
    got=$(python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$out") \
        || fail "stdout is not JSON or $1 failed"
    [ "$got" = "$2" ] || fail "$1 is '$got', expected '$2'"
}

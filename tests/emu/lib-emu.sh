# lib-emu.sh — starts certdeck-emu for a shell test and calls its APIs with curl.
# Source after ../lib.sh. Provides:
#   emu_start [ARGS…]   start the emulator (HTTPS, ephemeral port, demo identity);
#                       sets EMU_URL EMU_CA EMU_PROJECT EMU_APIC_INSTANCE EMU_CAE_ENV
#                       EMU_AK EMU_SK, and TOKEN (an IAM token for the demo user)
#   emu_stop
#   api METHOD PATH [BODY [EXTRA-CURL-ARGS…]]   token-authenticated call; sets
#                       $status, $out (body) and $hdrs (response headers)
#   api_aksk METHOD PATH [BODY [SK [EXTRA-CURL-ARGS…]]]   the same, signed with
#                       AK/SK (openssl); extra headers are sent unsigned;
#                       AKSK_TAMPER=1 changes the signature's last byte
#   expect_status CODE, expect_json EXPR VALUE (from lib.sh)
: "${CERTDECK_EMU_BIN:?run through ctest}"

emu_start() {
    EMU_LOG="$TMP/emu.log"
    "$CERTDECK_EMU_BIN" --print-env --ca-out "$TMP/emu-ca.pem" "$@" >"$TMP/emu.env" 2>"$EMU_LOG" &
    EMU_PID=$!
    for _ in $(seq 1 600); do
        grep -q '^export CERTDECK_EMU_URL=' "$TMP/emu.env" 2>/dev/null && break
        kill -0 "$EMU_PID" 2>/dev/null || { cat "$EMU_LOG" >&2; echo "emulator died" >&2; exit 1; }
        sleep 0.1
    done
    # shellcheck disable=SC1091
    . "$TMP/emu.env"
    EMU_URL=$CERTDECK_EMU_URL
    EMU_CA=$CERTDECK_EMU_CA
    EMU_PROJECT=$CERTDECK_EMU_PROJECT_ID
    EMU_APIC_INSTANCE=$CERTDECK_EMU_APIC_INSTANCE
    EMU_CAE_ENV=$CERTDECK_EMU_CAE_ENVIRONMENT
    EMU_AK=$CERTDECK_EMU_AK
    EMU_SK=$CERTDECK_EMU_SK
    # These tests write their own profiles: the settings the env file gives
    # certdeck go, and the demo key pair stays under the SDK's names, as the
    # tests were written against (each unsets them where it logs in by password).
    unset CERTDECK_REGION CERTDECK_PROJECT_ID CERTDECK_DOMAIN CERTDECK_USER \
        CERTDECK_APIC_INSTANCES CERTDECK_CAE_ENVIRONMENTS
    export HUAWEICLOUD_SDK_AK=$CERTDECK_EMU_AK HUAWEICLOUD_SDK_SK=$CERTDECK_EMU_SK \
        HUAWEICLOUD_SDK_PROJECT_ID=$CERTDECK_EMU_PROJECT_ID
    trap 'emu_stop; rm -rf "$TMP"' EXIT
    TOKEN=$(iam_token "$CERTDECK_EMU_USER" "$CERTDECK_EMU_PASSWORD" "$CERTDECK_EMU_DOMAIN" "$CERTDECK_EMU_PROJECT_NAME") \
        || { echo "cannot get a token" >&2; exit 1; }
}

emu_stop() {
    if [ -n "${EMU_PID:-}" ]; then
        kill "$EMU_PID" 2>/dev/null
        wait "$EMU_PID" 2>/dev/null
        EMU_PID=
    fi
}

# iam_token USER PASSWORD DOMAIN PROJECT-NAME — prints the X-Subject-Token.
iam_token() {
    local body
    body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","password":"%s","domain":{"name":"%s"}}}},"scope":{"project":{"name":"%s"}}}}' "$1" "$2" "$3" "$4")
    curl -sS --cacert "$EMU_CA" -D "$TMP/iam.h" -o /dev/null -H 'Content-Type: application/json' \
        -d "$body" "$EMU_URL/v3/auth/tokens" || return 1
    tr -d '\r' <"$TMP/iam.h" | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p'
}

_curl() { # _curl METHOD URL BODY HEADER-ARGS…
    local method=$1 url=$2 body=$3
    shift 3
    local data=()
    [ -n "$body" ] && data=(--data-binary "$body" -H 'Content-Type: application/json;charset=UTF-8')
    status=$(curl -sS --cacert "$EMU_CA" -X "$method" -D "$TMP/resp.h" -o "$TMP/resp.b" \
        -w '%{http_code}' "${data[@]}" "$@" "$url")
    out=$(cat "$TMP/resp.b")
    hdrs=$(tr -d '\r' <"$TMP/resp.h")
    err=""
    last="$method $url"
    rc=0
}

api() {
    local method=$1 path=$2 body=${3:-}
    shift $(( $# < 3 ? $# : 3 ))
    _curl "$method" "$EMU_URL$path" "$body" -H "X-Auth-Token: $TOKEN" "$@"
}

# Signs like the SDKs (api/auth.md §2), independently of certdeck's C code.
api_aksk() {
    local method=$1 path=$2 body=${3:-} sk=${4:-$EMU_SK}
    shift $(( $# < 4 ? $# : 4 ))
    local date query="" uri
    date=$(date -u +%Y%m%dT%H%M%SZ)
    uri=${path%%\?*}
    [ "$uri" != "$path" ] && query=${path#*\?}
    local cquery
    cquery=$(python3 -c '
import sys, urllib.parse
q = sys.argv[1]
pairs = [p.split("=", 1) + [""] * (1 - p.count("=")) for p in q.split("&") if p] if q else []
enc = lambda s: urllib.parse.quote(urllib.parse.unquote(s), safe="-_.~")
print("&".join(enc(k) + "=" + enc(v) for k, v in sorted((urllib.parse.unquote(k), urllib.parse.unquote(v)) for k, v in pairs)), end="")
' "$query")
    local curi="$uri"
    case "$curi" in */) ;; *) curi="$curi/" ;; esac
    local body_hash
    body_hash=$(printf '%s' "$body" | openssl dgst -sha256 -r | cut -c1-64)
    printf '%s\n%s\n%s\nx-project-id:%s\nx-sdk-date:%s\n\nx-project-id;x-sdk-date\n%s' \
        "$method" "$curi" "$cquery" "$EMU_PROJECT" "$date" "$body_hash" >"$TMP/cr"
    local cr_hash sig
    cr_hash=$(openssl dgst -sha256 -r <"$TMP/cr" | cut -c1-64)
    sig=$(printf 'SDK-HMAC-SHA256\n%s\n%s' "$date" "$cr_hash" | openssl dgst -sha256 -r -hmac "$sk" | cut -c1-64)
    [ -n "${AKSK_TAMPER:-}" ] && { [ "${sig: -1}" = 0 ] && sig="${sig%?}1" || sig="${sig%?}0"; }
    _curl "$method" "$EMU_URL$path" "$body" -H "X-Sdk-Date: $date" -H "X-Project-Id: $EMU_PROJECT" \
        -H "Authorization: SDK-HMAC-SHA256 Access=$EMU_AK, SignedHeaders=x-project-id;x-sdk-date, Signature=$sig" "$@"
}

expect_status() { [ "$status" = "$1" ] || fail "expected HTTP $1, got $status: $out"; }

# pem_json FILE — the file's content as a JSON string (for request bodies).
pem_json() { python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$1"; }

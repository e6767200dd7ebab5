# core.sh — certdeck-emu beyond the services: IAM tokens, token expiry, AK/SK
# date checks, faults, rate limits, stats, and the state file across restarts.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-emu.sh"
CERT=$(pem_json "$F/leaf.pem"); KEY=$(pem_json "$F/leaf.key")

emu_start --assets "$CERTDECK_ASSETS" --token-ttl 2 --state "$TMP/state.json"
B="/v3/$EMU_PROJECT/elb/certificates"

# IAM: the token in X-Subject-Token, 201, the documented body; wrong password → 401 body
body='{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","password":"demo-password","domain":{"name":"certdeck-demo"}}}},"scope":{"project":{"name":"cn-north-4"}}}}'
_curl POST "$EMU_URL/v3/auth/tokens" "$body"; expect_status 201
grep -qi '^x-subject-token: MII' <<<"$hdrs" || fail "no X-Subject-Token header"
expect_json 'j["token"]["project"]["id"]' "$EMU_PROJECT"
expect_json 'j["token"]["expires_at"].endswith("Z")' True
expect_json '"catalog" in j["token"]' True
_curl POST "$EMU_URL/v3/auth/tokens?nocatalog=true" "$body"; expect_json '"catalog" in j["token"]' False
_curl POST "$EMU_URL/v3/auth/tokens" "${body/demo-password/wrong}"; expect_status 401
expect_json 'j' "{'error': {'code': 401, 'message': 'The username or password is wrong.', 'title': 'Unauthorized'}}"
_curl POST "$EMU_URL/v3/auth/tokens" '{"auth":{}}'; expect_status 400
_curl POST "$EMU_URL/v3/auth/tokens" "${body/cn-north-4/eu-de}"; expect_status 401

# The token works, then expires (--token-ttl 2): a fresh one, checked at once
TOKEN=$(iam_token demo demo-password certdeck-demo cn-north-4)
api GET "$B"; expect_status 200
sleep 3
api GET "$B"; expect_status 401; expect_json '"token expired" in j["error_msg"]' True
TOKEN=$(iam_token demo demo-password certdeck-demo cn-north-4)

# AK/SK: a date outside 15 minutes is refused even when the signature is right
date_old=$(date -u -d '-20 minutes' +%Y%m%dT%H%M%SZ)
printf 'GET\n%s/\n\nx-sdk-date:%s\n\nx-sdk-date\n%s' "$B" "$date_old" "$(printf '' | openssl dgst -sha256 -r | cut -c1-64)" >"$TMP/cr"
sig=$(printf 'SDK-HMAC-SHA256\n%s\n%s' "$date_old" "$(openssl dgst -sha256 -r <"$TMP/cr" | cut -c1-64)" | openssl dgst -sha256 -r -hmac "$EMU_SK" | cut -c1-64)
_curl GET "$EMU_URL$B" "" -H "X-Sdk-Date: $date_old" -H "Authorization: SDK-HMAC-SHA256 Access=$EMU_AK, SignedHeaders=x-sdk-date, Signature=$sig"
expect_status 401; expect_json '"signature expired" in j["error_msg"]' True
_curl GET "$EMU_URL$B" "" -H "X-Sdk-Date: $date_old" -H "Authorization: SDK-HMAC-SHA256 Access=NOSUCHAK, SignedHeaders=x-sdk-date, Signature=$sig"
expect_status 401; expect_json '"ak NOSUCHAK not exist" in j["error_msg"]' True

# State: what is created survives a restart; a corrupt file is refused, not replaced
TOKEN=$(iam_token demo demo-password certdeck-demo cn-north-4) # the last one lives 2 s only
api POST "$B" "{\"certificate\":{\"name\":\"kept\",\"certificate\":$CERT,\"private_key\":$KEY}}"; expect_status 201
KEPT=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["certificate"]["id"])' <<<"$out")
[ "$(stat -c %a "$TMP/state.json")" = 600 ] || fail "state file is not mode 600"
emu_stop
emu_start --assets "$CERTDECK_ASSETS" --state "$TMP/state.json" --seed demo
api GET "$B/$KEPT"; expect_status 200; expect_json 'j["certificate"]["name"]' kept
api GET "$B"; expect_json 'len(j["certificates"])' 1   # a state with data wins over --seed
emu_stop
printf '{"format":"certdeck-emu-state","version":1,"certificates":[{"service":"elb"' >"$TMP/state.json"
cp "$TMP/state.json" "$TMP/state.before"
run "$CERTDECK_EMU_BIN" --state "$TMP/state.json"
expect_rc 1; expect_err "not valid JSON"
cmp -s "$TMP/state.json" "$TMP/state.before" || fail "a corrupt state file was changed"

# Faults from a fixed seed: every kind, counted in /_emu/stats
emu_start --assets "$CERTDECK_ASSETS" --seed demo --fault-rate 1 --faults 503
api GET "$B"; expect_status 503
emu_stop
emu_start --assets "$CERTDECK_ASSETS" --seed demo --fault-rate 1 --faults 429
api GET "$B"; expect_status 429; grep -qi '^retry-after: 1' <<<"$hdrs" || fail "429 without Retry-After"
emu_stop
emu_start --assets "$CERTDECK_ASSETS" --seed demo --fault-rate 1 --faults reset
curl -sS --cacert "$EMU_CA" -H "X-Auth-Token: $TOKEN" "$EMU_URL$B" >/dev/null 2>&1 && fail "reset fault answered"
emu_stop
emu_start --assets "$CERTDECK_ASSETS" --seed demo --fault-rate 1 --faults truncate
curl -sS --cacert "$EMU_CA" -H "X-Auth-Token: $TOKEN" "$EMU_URL$B" >"$TMP/partial" 2>"$TMP/curl.err"
[ $? = 18 ] || fail "truncate fault: curl did not report a partial body ($(cat "$TMP/curl.err"))"
emu_stop
emu_start --assets "$CERTDECK_ASSETS" --seed demo --fault-rate 0.5 --fault-seed 7 --faults 500
for i in $(seq 1 40); do api GET "$B"; echo "$status"; done >"$TMP/statuses"
n500=$(grep -c '^500$' "$TMP/statuses"); n200=$(grep -c '^200$' "$TMP/statuses")
[ "$n500" -gt 5 ] && [ "$n200" -gt 5 ] || fail "fault rate 0.5 gave $n500 errors and $n200 answers"
_curl GET "$EMU_URL/_emu/stats" ""; expect_status 200
expect_json 'j["faults"]["500"]' "$n500"
expect_json 'j["routes"]["elb.list"]' 40
expect_json 'j["certificates"]["elb"] > 0' True
emu_stop

# Rate limit: past N requests per second the client gets 429 with Retry-After
emu_start --assets "$CERTDECK_ASSETS" --seed demo --rate-limit 3
for i in $(seq 1 8); do api GET "$B"; echo "$status"; done >"$TMP/statuses"
grep -q '^429$' "$TMP/statuses" || fail "no 429 past the rate limit"
_curl GET "$EMU_URL/_emu/stats" ""; expect_json 'j["rate_limited"] > 0' True
emu_stop

# Synthetic seeds: spread over every service, or only over the ones named
emu_start --assets "$CERTDECK_ASSETS" --seed 6:elb,cae
api GET "$B"; expect_json 'len(j["certificates"])' 3
api GET "/v1/$EMU_PROJECT/waf/certificate"; expect_json 'j["total"]' 0
_curl GET "$EMU_URL/v1/$EMU_PROJECT/cae/certificates" "" -H "X-Auth-Token: $TOKEN" -H "X-Environment-ID: $EMU_CAE_ENV"
expect_json 'len(j["items"])' 3
emu_stop

# Usage errors
run "$CERTDECK_EMU_BIN" --faults 500,bogus; expect_rc 2; expect_err 'unknown fault "bogus"'
run "$CERTDECK_EMU_BIN" --fault-rate 2; expect_rc 2
run "$CERTDECK_EMU_BIN" --seed lots; expect_rc 1; expect_err "--seed takes"
run "$CERTDECK_EMU_BIN" --seed 10:elb,dns; expect_rc 1; expect_err '"dns" is not one of'
run "$CERTDECK_EMU_BIN" --seed 10:; expect_rc 1; expect_err "no service"
run "$CERTDECK_EMU_BIN" --help; expect_rc 0; expect_out "--print-env"

echo "emu core: all checks passed"

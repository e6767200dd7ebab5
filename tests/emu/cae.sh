# cae.sh — certdeck-emu's CAE certificates against api/cae.md and the seed page
# (seeds/cae-create-certificate.txt): environment header, envelopes, base64 or
# PEM content, list/create/update/delete, not-found as 400, auth.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-emu.sh"
DEMO_ENV=7e3c9a1b-2f4d-4e6a-8b0c-1d2e3f4a5b6c   # EMU_DEMO_CAE_ENVIRONMENT: the seed's
OTHER_ENV=0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f
emu_start --seed demo --assets "${CERTDECK_ASSETS:-$(dirname "$0")/../../assets}" \
    --cae-environment "$DEMO_ENV" --cae-environment "$OTHER_ENV"
[ "$EMU_CAE_ENV" = "$DEMO_ENV" ] || fail "the first CAE environment is $EMU_CAE_ENV"
B="/v1/$EMU_PROJECT/cae/certificates"

# cae METHOD PATH [BODY [CURL-ARGS…]] — a token call in the demo environment.
cae() { api "$1" "$2" "${3:-}" -H "X-Environment-ID: $EMU_CAE_ENV" "${@:4}"; }
b64() { base64 -w0 <"$1"; }
# body NAME CRT-JSON KEY-JSON — the seed's create body (NAME "" leaves out metadata).
body() {
    local meta=""
    [ -n "$1" ] && meta="\"metadata\":{\"name\":\"$1\"},"
    printf '{"api_version":"v1","kind":"Certificate",%s"spec":{"crt":%s,"key":%s}}' "$meta" "$2" "$3"
}
expect_code() { expect_json 'j["error_code"]' "$1"; }
expect_msg() { expect_json "'$1' in j['error_msg']" True; }
# item_of ID — the listed item with that id, as JSON ("null" when absent).
item_of() { python3 -c 'import json,sys; print(json.dumps(next((i for i in json.load(sys.stdin)["items"] if i["metadata"]["id"] == sys.argv[1]), None)))' "$1" <<<"$out"; }
UUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
TIME_RE='^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$'
CRT="\"$(b64 "$F/leaf.pem")\""; KEY="\"$(b64 "$F/leaf.key")\""

# The seeded environment: three certificates, each a CertItem with the key
# echoed; content as base64 or raw PEM (both occur), decodable to the leaf.
cae GET "$B"; expect_status 200
expect_json 'sorted(j.keys())' "['api_version', 'items', 'kind']"
expect_json 'j["api_version"], j["kind"]' "('v1', 'Certificate')"
expect_json '[i["metadata"]["name"] for i in j["items"]]' "['app-example-com', 'docs-example-com', 'xn--mnchen-3ya', 'shop-cae']"
expect_json 'all(sorted(i) == ["metadata", "spec"] and sorted(i["metadata"]) == ["id", "name"] and sorted(i["spec"]) == ["created_at", "crt", "key"] for i in j["items"])' True
expect_json "all(__import__('re').match(r'$UUID_RE', i['metadata']['id']) for i in j['items'])" True
expect_json "all(__import__('re').match(r'$TIME_RE', i['spec']['created_at']) for i in j['items'])" True
expect_json 'sorted({i["spec"]["crt"].startswith("-----BEGIN") for i in j["items"]})' "[False, True]"
pem_of='(lambda v: v if v.startswith("-----BEGIN") else __import__("base64").b64decode(v).decode())'
expect_json "all($pem_of(i['spec']['crt']).startswith('-----BEGIN CERTIFICATE-----') and 'PRIVATE KEY-----' in $pem_of(i['spec']['key']) for i in j['items'])" True
python3 -c "import json,sys; print($pem_of(json.load(sys.stdin)['items'][0]['spec']['crt']))" <<<"$out" >"$TMP/seed0.pem"
[ "$(openssl x509 -in "$TMP/seed0.pem" -noout -subject -nameopt multiline | sed -n 's/ *commonName *= //p')" = app.example.com ] \
    || fail "the seeded crt is not the app.example.com certificate"

# The seed page's example (with real content, base64 as Terraform sends it):
# 200 (not 201), a one-element items list, crt and key echoed verbatim.
before=$(date -u +%s)
cae POST "$B" "$(body test "$CRT" "$KEY")"
expect_status 200
expect_json 'sorted(j.keys())' "['api_version', 'items', 'kind']"
expect_json 'j["api_version"], j["kind"], len(j["items"])' "('v1', 'Certificate', 1)"
expect_json 'sorted(j["items"][0])' "['metadata', 'spec']"
expect_json 'j["items"][0]["metadata"]["name"]' test
expect_json "bool(__import__('re').match(r'$UUID_RE', j['items'][0]['metadata']['id']))" True
expect_json "'\"'+j['items'][0]['spec']['crt']+'\"'" "$CRT"
expect_json "'\"'+j['items'][0]['spec']['key']+'\"'" "$KEY"
expect_json "bool(__import__('re').match(r'$TIME_RE', j['items'][0]['spec']['created_at']))" True
expect_json "abs(__import__('calendar').timegm(__import__('time').strptime(j['items'][0]['spec']['created_at'][:19], '%Y-%m-%dT%H:%M:%S')) - $before) <= 5" True
ID=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["metadata"]["id"])' <<<"$out")
CREATED=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["spec"]["created_at"])' <<<"$out")
cae GET "$B"; expect_status 200
expect_json 'j["items"][-1]["metadata"]["id"]' "$ID"          # creation order
expect_json 'j["items"][-1]["spec"]["created_at"]' "$CREATED"

# Raw PEM is accepted too and echoed as sent; so is a mix; an EC key; a chain
# of any length (no limit documented); an expired certificate (no date check).
cae POST "$B" "$(body raw-pem "$(pem_json "$F/chain3.pem")" "$(pem_json "$F/leaf.key")")"; expect_status 200
expect_json 'j["items"][0]["spec"]["crt"] == open("'"$F/chain3.pem"'").read()' True
expect_json 'j["items"][0]["spec"]["key"] == open("'"$F/leaf.key"'").read()' True
cae POST "$B" "$(body mixed "$CRT" "$(pem_json "$F/leaf.key")")"; expect_status 200
expect_json "'\"'+j['items'][0]['spec']['crt']+'\"'" "$CRT"
expect_json 'j["items"][0]["spec"]["key"].startswith("-----BEGIN")' True
cae POST "$B" "$(body ec.p256 "\"$(b64 "$F/ec256.pem")\"" "\"$(b64 "$F/ec256.key")\"")"; expect_status 200
cae POST "$B" "$(body chain12 "\"$(b64 "$F/chain12.pem")\"" "\"$(b64 "$F/chain-leaf.key")\"")"; expect_status 200
cae POST "$B" "$(body expired "\"$(b64 "$F/expired.pem")\"" "$KEY")"; expect_status 200
# base64 with line breaks (base64 -w76) decodes too
cae POST "$B" "$(body wrapped "$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' <(base64 -w76 "$F/leaf.pem"))" "$KEY")"; expect_status 200

# Names: 1–64 of [a-z0-9.-], a letter or digit at both ends; unique per environment.
cae POST "$B" "$(body "$(printf 'a%.0s' $(seq 64))" "$CRT" "$KEY")"; expect_status 200
cae POST "$B" "$(body a.b-c.1 "$CRT" "$KEY")"; expect_status 200
for bad in "$(printf 'a%.0s' $(seq 65))" Shop -lead trail- .dot dot. under_score 'has space' 'ü'; do
    cae POST "$B" "$(body "$bad" "$CRT" "$KEY")"; expect_status 400; expect_code CAE.01500001; expect_msg metadata.name
done
cae POST "$B" '{"api_version":"v1","kind":"Certificate","metadata":{"name":""},"spec":{"crt":'"$CRT"',"key":'"$KEY"'}}'
expect_status 400; expect_msg metadata.name
cae POST "$B" '{"api_version":"v1","kind":"Certificate","metadata":{},"spec":{"crt":'"$CRT"',"key":'"$KEY"'}}'
expect_status 400; expect_msg metadata.name
cae POST "$B" "$(body "" "$CRT" "$KEY")"; expect_status 400; expect_msg metadata
cae POST "$B" "$(body test "$CRT" "$KEY")"; expect_status 400; expect_code CAE.01501302

# The envelope: api_version "v1", kind "Certificate", spec with crt and key.
cae POST "$B" 'not json'; expect_status 400; expect_code CAE.01500001
cae POST "$B" '["a"]'; expect_status 400; expect_code CAE.01500001
cae POST "$B" "$(body e1 "$CRT" "$KEY" | sed 's/"api_version":"v1",//')"; expect_status 400; expect_msg api_version
cae POST "$B" "$(body e2 "$CRT" "$KEY" | sed 's/"api_version":"v1"/"api_version":"v2"/')"; expect_status 400; expect_msg api_version
cae POST "$B" "$(body e3 "$CRT" "$KEY" | sed 's/"kind":"Certificate"/"kind":"Cert"/')"; expect_status 400; expect_msg kind
cae POST "$B" '{"api_version":"v1","kind":"Certificate","metadata":{"name":"e4"}}'; expect_status 400; expect_msg spec
cae POST "$B" '{"api_version":"v1","kind":"Certificate","metadata":{"name":"e5"},"spec":{"key":'"$KEY"'}}'; expect_status 400; expect_msg spec.crt
cae POST "$B" '{"api_version":"v1","kind":"Certificate","metadata":{"name":"e6"},"spec":{"crt":'"$CRT"'}}'; expect_status 400; expect_msg spec.key
cae POST "$B" "$(body e7 42 "$KEY")"; expect_status 400; expect_msg spec.crt
cae POST "$B" "$(body e8 '""' "$KEY")"; expect_status 400; expect_msg spec.crt

# Content: each kind of bad crt or key is refused, naming the field.
cae POST "$B" "$(body c1 '"!!not base64!!"' "$KEY")"; expect_status 400; expect_code CAE.01500001; expect_msg spec.crt
cae POST "$B" "$(body c2 "\"$(b64 "$F/garbage.bin")\"" "$KEY")"; expect_status 400; expect_msg spec.crt
cae POST "$B" "$(body c3 "\"$(b64 "$F/leaf.der")\"" "$KEY")"; expect_status 400; expect_msg spec.crt     # base64 of DER, not of PEM
cae POST "$B" "$(body c4 "\"$(b64 "$F/truncated.pem")\"" "$KEY")"; expect_status 400; expect_msg spec.crt
cae POST "$B" "$(body c5 "$KEY" "$CRT")"; expect_status 400; expect_msg spec.crt                           # swapped
cae POST "$B" "$(body c6 "$CRT" "\"$(b64 "$F/other.key")\"")"; expect_status 400; expect_code CAE.01500001; expect_msg spec.key
cae POST "$B" "$(body c7 "$CRT" "\"$(b64 "$F/enc.key")\"")"; expect_status 400; expect_msg spec.key
cae POST "$B" "$(body c8 "$CRT" '"@@@"')"; expect_status 400; expect_msg spec.key
cae POST "$B" "$(body c9 "$(pem_json "$F/garbage.bin")" "$KEY")"; expect_status 400; expect_msg spec.crt

# X-Environment-ID: required on every call (any header-name case), must exist,
# and scopes everything: another environment sees none of these certificates.
for call in "GET $B" "POST $B" "PUT $B/$ID" "DELETE $B/$ID"; do
    api ${call% *} "${call#* }" "$(body nohdr "$CRT" "$KEY")"; expect_status 400; expect_code CAE.01500404
    api ${call% *} "${call#* }" "$(body nohdr "$CRT" "$KEY")" -H "X-Environment-ID: ffffffff-ffff-4fff-bfff-ffffffffffff"
    expect_status 400; expect_code CAE.01500404
done
api GET "$B" "" -H "x-environment-id: $EMU_CAE_ENV"; expect_status 200; expect_json '[i["metadata"]["id"] for i in j["items"] if i["metadata"]["name"] == "test"]' "['$ID']"
other() { api "$1" "$2" "${3:-}" -H "X-Environment-Id: $OTHER_ENV"; }
other GET "$B"; expect_status 200; expect_json 'j["items"]' '[]'
other PUT "$B/$ID" "$(body "" "$CRT" "$KEY")"; expect_status 400; expect_code CAE.01500005
other DELETE "$B/$ID"; expect_status 400; expect_code CAE.01500005
other POST "$B" "$(body test "$CRT" "$KEY")"; expect_status 200                       # same name, other environment
other GET "$B"; expect_json '[i["metadata"]["name"] for i in j["items"]]' "['test']"

# X-Enterprise-Project-ID: "0" is the default; a UUID is its own scope; anything else 400.
cae GET "$B" "" -H "X-Enterprise-Project-ID: 0"; expect_status 200; expect_json '"test" in [i["metadata"]["name"] for i in j["items"]]' True
EPS=5d6c7b8a-9f0e-4d1c-a2b3-c4d5e6f7a8b9
cae GET "$B" "" -H "X-Enterprise-Project-ID: $EPS"; expect_status 200; expect_json 'j["items"]' '[]'
cae POST "$B" "$(body in-eps "$CRT" "$KEY")" -H "X-Enterprise-Project-ID: $EPS"; expect_status 200
EPS_ID=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["metadata"]["id"])' <<<"$out")
cae GET "$B" "" -H "X-Enterprise-Project-ID: $EPS"; expect_json '[i["metadata"]["name"] for i in j["items"]]' "['in-eps']"
cae GET "$B"; expect_json '"in-eps" in [i["metadata"]["name"] for i in j["items"]]' False
cae DELETE "$B/$EPS_ID"; expect_status 400; expect_code CAE.01500005
cae DELETE "$B/$EPS_ID" "" -H "X-Enterprise-Project-ID: $EPS"; expect_status 204
for bad in default 1 5d6c7b8a9f0e4d1ca2b3c4d5e6f7a8b9 "$EPS-x"; do
    cae GET "$B" "" -H "X-Enterprise-Project-ID: $bad"; expect_status 400; expect_code CAE.01500001
    expect_msg X-Enterprise-Project-ID
done

# Update: crt and key together, 204 without a body; no rename; created_at kept.
NEWCRT="\"$(b64 "$F/ec256.pem")\""; NEWKEY="\"$(b64 "$F/ec256.key")\""
cae PUT "$B/$ID" "$(body "" "$NEWCRT" "$NEWKEY")"; expect_status 204; [ -z "$out" ] || fail "update has a body"
cae GET "$B"; out=$(item_of "$ID"); [ "$out" != null ] || fail "updated certificate missing"
expect_json "'\"'+j['spec']['crt']+'\"'" "$NEWCRT"
expect_json "'\"'+j['spec']['key']+'\"'" "$NEWKEY"
expect_json 'j["spec"]["created_at"], j["metadata"]["name"]' "('$CREATED', 'test')"
cae PUT "$B/$ID" "$(body test "$CRT" "$KEY")"; expect_status 204                    # repeating the name is fine
cae PUT "$B/$ID" "$(body renamed "$CRT" "$KEY")"; expect_status 400; expect_msg metadata.name
cae PUT "$B/$ID" "$(body "" "$CRT" "\"$(b64 "$F/other.key")\"")"; expect_status 400; expect_msg spec.key
cae PUT "$B/$ID" '{"api_version":"v1","kind":"Certificate","spec":{"crt":'"$CRT"'}}'; expect_status 400; expect_msg spec.key
cae PUT "$B/$ID" '{"kind":"Certificate","spec":{"crt":'"$CRT"',"key":'"$KEY"'}}'; expect_status 400; expect_msg api_version
cae PUT "$B/$ID" "$(pem_json "$F/leaf.pem")"; expect_status 400; expect_code CAE.01500001
cae PUT "$B/d66c5baf-3ab7-49da-92d6-a44aaad1997d" "$(body "" "$CRT" "$KEY")"; expect_status 400; expect_code CAE.01500005
cae GET "$B"; expect_json 'sum(i["metadata"]["name"] == "test" for i in j["items"])' 1

# Delete: 204 without a body; unknown id (again, or never existed) 400 CAE.01500005
# with the two documented members.
cae DELETE "$B/$ID"; expect_status 204; [ -z "$out" ] || fail "delete has a body"
cae GET "$B"; [ "$(item_of "$ID")" = null ] || fail "deleted certificate still listed"
cae DELETE "$B/$ID"; expect_status 400; expect_code CAE.01500005
expect_json '"error_msg" in j and "error_code" in j' True
cae DELETE "$B/not-a-uuid"; expect_status 400; expect_code CAE.01500005
cae POST "$B" "$(body test "$CRT" "$KEY")"; expect_status 200                          # the name is free again

# No show, no other methods: the gateway does not know them.
cae GET "$B/$EPS_ID"; expect_status 404; expect_code APIGW.0101
cae PATCH "$B/$EPS_ID" "$(body "" "$CRT" "$KEY")"; expect_status 404; expect_code APIGW.0101

# Auth: no token, a bad token, another project; AK/SK signed (and a changed byte).
TOKEN_SAVED=$TOKEN
TOKEN=bogus; cae GET "$B"; expect_status 401; expect_code APIGW.0301
TOKEN=$TOKEN_SAVED
_curl GET "$EMU_URL$B" "" -H "X-Environment-ID: $EMU_CAE_ENV"; expect_status 401; expect_code APIGW.0301
cae GET "/v1/ffffffffffffffffffffffffffffffff/cae/certificates"; expect_status 400; expect_code CAE.01501800
ENVH=(-H "X-Environment-ID: $EMU_CAE_ENV")
api_aksk GET "$B" "" "$EMU_SK" "${ENVH[@]}"; expect_status 200; expect_json '"test" in [i["metadata"]["name"] for i in j["items"]]' True
api_aksk POST "$B" "$(body signed "$CRT" "$KEY")" "$EMU_SK" "${ENVH[@]}"; expect_status 200
SIGNED_ID=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["metadata"]["id"])' <<<"$out")
api_aksk PUT "$B/$SIGNED_ID" "$(body "" "$NEWCRT" "$NEWKEY")" "$EMU_SK" "${ENVH[@]}"; expect_status 204
AKSK_TAMPER=1 api_aksk DELETE "$B/$SIGNED_ID" "" "$EMU_SK" "${ENVH[@]}"; expect_status 401; expect_code APIGW.0301
expect_msg "verify aksk signature fail"
api_aksk DELETE "$B/$SIGNED_ID" "" "${EMU_SK}x" "${ENVH[@]}"; expect_status 401
api_aksk DELETE "$B/$SIGNED_ID" "" "$EMU_SK" "${ENVH[@]}"; expect_status 204
api_aksk GET "$B" ""; expect_status 400; expect_code CAE.01500404                    # signed, but no environment

echo "cae: all checks passed"

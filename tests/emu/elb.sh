# elb.sh — certdeck-emu's ELB v3 certificates against api/elb.md and the seed pages.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-emu.sh"
emu_start --seed demo --assets "$CERTDECK_ASSETS"
B="/v3/$EMU_PROJECT/elb/certificates"
CERT=$(pem_json "$F/leaf.pem"); KEY=$(pem_json "$F/leaf.key"); CHAIN=$(pem_json "$F/chain3.pem")

# The seed's create example (with real PEMs): 201, the documented shape, the key echoed.
api POST "$B" "{\"certificate\":{\"name\":\"web\",\"type\":\"server\",\"domain\":\"www.example.com,*.example.com\",\"certificate\":$CHAIN,\"private_key\":$KEY}}"
expect_status 201
expect_json 'sorted(j.keys())' "['certificate', 'request_id']"
expect_json 'len(j["certificate"]["id"])' 32
expect_json 'j["certificate"]["domain"]' "www.example.com,*.example.com"
expect_json 'j["certificate"]["private_key"].startswith("-----BEGIN PRIVATE KEY-----")' True
expect_json 'j["certificate"]["fingerprint"]' "$(openssl x509 -in "$F/leaf.pem" -noout -fingerprint -sha1 | cut -d= -f2 | tr -d : | tr A-F a-f)"
expect_json 'j["certificate"]["expire_time"]' "$(date -u -d "$(openssl x509 -in "$F/leaf.pem" -noout -enddate | cut -d= -f2)" +%Y-%m-%dT%H:%M:%SZ)"
expect_json 'j["certificate"]["common_name"]' www.example.com
expect_json 'j["certificate"]["subject_alternative_names"]' "['www.example.com', 'example.com']"
expect_json 'j["certificate"]["enterprise_project_id"]' 0
ID=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["certificate"]["id"])' <<<"$out")

# Show, update (seed example), delete
api GET "$B/$ID"; expect_status 200; expect_json 'j["certificate"]["name"]' web
api PUT "$B/$ID" '{"certificate":{"name":"web-2026","description":"renewed"}}'
expect_status 200; expect_json 'j["certificate"]["name"]' web-2026; expect_json 'j["certificate"]["description"]' renewed
api PUT "$B/$ID" "{\"certificate\":{\"private_key\":$(pem_json "$F/other.key")}}"
expect_status 400; expect_json 'j["error_code"]' ELB.1011
api DELETE "$B/$ID"; expect_status 204; [ -z "$out" ] || fail "delete has a body"
api GET "$B/$ID"; expect_status 404; expect_json 'j["error_code"]' ELB.8904
expect_json 'j["error_msg"]' "certificate $ID could not be found."
api DELETE "$B/$ID"; expect_status 404

# Validation: each rule refuses what it should
create() { api POST "$B" "{\"certificate\":{$1}}"; }
create "\"certificate\":$CERT";                     expect_status 400; expect_json 'j["error_code"]' ELB.8902   # server needs a key
create "\"certificate\":$CERT,\"private_key\":$(pem_json "$F/other.key")"; expect_status 400; expect_json 'j["error_code"]' ELB.1011
create "\"certificate\":$(pem_json "$F/garbage.bin"),\"private_key\":$KEY"; expect_status 400; expect_json 'j["error_code"]' ELB.1011
create "\"certificate\":$(pem_json "$F/truncated.pem"),\"private_key\":$KEY"; expect_status 400; expect_json 'j["error_code"]' ELB.1011
create "\"certificate\":$CERT,\"private_key\":$(pem_json "$F/enc.key")"; expect_status 400; expect_json 'j["error_code"]' ELB.1011
create "\"certificate\":$(pem_json "$F/chain12.pem"),\"private_key\":$(pem_json "$F/chain-leaf.key")"; expect_status 400; expect_json '"11" in j["error_msg"]' True
create "\"certificate\":$(pem_json "$F/chain11.pem"),\"private_key\":$(pem_json "$F/chain-leaf.key")"; expect_status 201
create "\"certificate\":$CERT,\"private_key\":$KEY,\"type\":\"bogus\""; expect_status 400; expect_json '"type" in j["error_msg"]' True
create "\"certificate\":$CERT,\"private_key\":$KEY,\"name\":\"$(printf 'n%.0s' $(seq 256))\""; expect_status 400; expect_json '"name" in j["error_msg"]' True
create "\"certificate\":$CERT,\"private_key\":$KEY,\"description\":\"$(printf 'd%.0s' $(seq 256))\""; expect_status 400
for bad in 'www.*.com' '-bad.example.com' 'a..b' "$(printf 'x%.0s' $(seq 64)).com" 'under_score.com' '*'; do
    create "\"certificate\":$CERT,\"private_key\":$KEY,\"domain\":\"$bad\""; expect_status 400; expect_json '"domain" in j["error_msg"]' True
done
create "\"certificate\":$CERT,\"private_key\":$KEY,\"domain\":\"*.ok.example.com,ok-1.example.com\""; expect_status 201
many=$(python3 -c 'print(",".join("d%d.example.com" % i for i in range(101)))')
create "\"certificate\":$CERT,\"private_key\":$KEY,\"domain\":\"$many\""; expect_status 400
UID2=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["certificate"]["id"])' <<<"$(api POST "$B" "{\"certificate\":{\"certificate\":$CERT,\"private_key\":$KEY}}"; echo "$out")")
thirty1=$(python3 -c 'print(",".join("d%d.example.com" % i for i in range(31)))')
api PUT "$B/$UID2" "{\"certificate\":{\"domain\":\"$thirty1\"}}"; expect_status 400   # update allows 30 names
create "\"certificate\":$CERT,\"private_key\":$KEY,\"enterprise_project_id\":\"0\""; expect_status 400
create "\"certificate\":$(pem_json "$F/root.pem"),\"type\":\"client\""; expect_status 201; expect_json 'j["certificate"]["type"]' client
api POST "$B" 'not json';  expect_status 400; expect_json 'j["error_code"]' ELB.8902
api POST "$B" '{"name":"no wrapper"}'; expect_status 400; expect_json 'j["error_code"]' ELB.8902

# Pagination: every record exactly once for limits 1, 7 and 2000, forwards and backwards
for i in $(seq 1 12); do create "\"name\":\"page-$i\",\"certificate\":$CERT,\"private_key\":$KEY"; expect_status 201; done
api GET "$B"; expect_status 200
ALL=$(python3 -c 'import json,sys; print(" ".join(c["id"] for c in json.load(sys.stdin)["certificates"]))' <<<"$out")
total=$(wc -w <<<"$ALL")
[ "$total" -ge 20 ] || fail "expected at least 20 certificates, got $total"
for limit in 1 7 2000; do
    ids=""; marker=""
    while :; do
        api GET "$B?limit=$limit${marker:+&marker=$marker}"; expect_status 200
        ids="$ids $(python3 -c 'import json,sys; print(" ".join(c["id"] for c in json.load(sys.stdin)["certificates"]))' <<<"$out")"
        marker=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["page_info"].get("next_marker",""))' <<<"$out")
        [ -z "$marker" ] && break
    done
    [ "$(echo $ids)" = "$(echo $ALL)" ] || fail "limit=$limit: pages do not return every record exactly once"
done
# backwards from the last record
last=$(awk '{print $NF}' <<<"$ALL")
api GET "$B?limit=3&marker=$last&page_reverse=true"; expect_status 200
expect_json '[c["id"] for c in j["certificates"]] == "'"$ALL"'".split()[-4:-1]' True
api GET "$B?limit=0"; expect_status 200; expect_json 'j["page_info"]["current_count"]' 0
api GET "$B?limit=2001"; expect_status 400
api GET "$B?limit=5&marker=ffffffffffffffffffffffffffffffff"; expect_status 400; expect_json 'j["error_code"]' ELB.8902
# filters: repeated keys are OR-ed, different keys AND-ed
api GET "$B?name=page-1&name=page-2"; expect_json 'sorted(c["name"] for c in j["certificates"])' "['page-1', 'page-2']"
api GET "$B?name=page-1&type=client"; expect_json 'len(j["certificates"])' 0
api GET "$B?type=client"; expect_json 'len(j["certificates"])' 1

# Auth: no token, a bad token, AK/SK signed (and a changed byte), another project
TOKEN_SAVED=$TOKEN
TOKEN=bogus; api GET "$B"; expect_status 401; expect_json 'j["error_code"]' APIGW.0301
TOKEN=$TOKEN_SAVED
_curl GET "$EMU_URL$B" ""; expect_status 401
api_aksk GET "$B?limit=2&name=page-1&name=page-2"; expect_status 200; expect_json 'len(j["certificates"])' 2
api_aksk POST "$B" "{\"certificate\":{\"name\":\"signed\",\"certificate\":$CERT,\"private_key\":$KEY}}"; expect_status 201
api_aksk GET "$B" "" "${EMU_SK}x"; expect_status 401; expect_json '"verify aksk signature fail" in j["error_msg"]' True
api GET "/v3/ffffffffffffffffffffffffffffffff/elb/certificates"; expect_status 403; expect_json 'j["error_code"]' ELB.1102
api GET "/v3/$EMU_PROJECT/elb/nothing"; expect_status 404; expect_json 'j["error_code"]' APIGW.0101

# In use: the seed binds some certificates to listeners
api GET "$B?name=api-example-net"   # any seeded one; in_use is internal, so find one via delete
inuse=""
for id in $ALL; do api DELETE "$B/$id"; [ "$status" = 409 ] && { inuse=$id; break; }; done
[ -n "$inuse" ] || fail "no seeded certificate is in use"
expect_json 'j["error_code"]' ELB.8907

echo "elb: all checks passed"

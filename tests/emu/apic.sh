# apic.sh — certdeck-emu's ROMA Connect APIC certificates against api/apic.md and
# the seed page (seeds/roma-apic-create-certificate.txt).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-emu.sh"
SRC=${CERTDECK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
: "${CERTDECK_ASSETS:=$SRC/assets}"
# Two ROMA instances: the demo one (seeded certificates belong to it) and the seed page's.
DEMO_INST=$(sed -n 's/^#define EMU_DEMO_APIC_INSTANCE "\(.*\)"$/\1/p' "$SRC/src/emu/emu.h")
OTHER_INST=f0fa1789-3b76-433b-a787-9892951c620e
emu_start --seed demo --assets "$CERTDECK_ASSETS" --apic-instance "$DEMO_INST" --apic-instance "$OTHER_INST"
[ "$EMU_APIC_INSTANCE" = "$DEMO_INST" ] || fail "the first APIC instance is not the demo one"
INST=$EMU_APIC_INSTANCE
B="/v2/$EMU_PROJECT/apic/certificates"
CERT=$(pem_json "$F/leaf.pem"); KEY=$(pem_json "$F/leaf.key"); CHAIN=$(pem_json "$F/chain3.pem")
EC_CERT=$(pem_json "$F/ec256.pem"); EC_KEY=$(pem_json "$F/ec256.key")

jget() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$out"; }
expect_error() { # expect_error STATUS CODE [TEXT-IN-error_msg] (one python, it runs often)
    expect_status "$1"
    local got
    got=$(python3 -c 'import json,sys; j=json.load(sys.stdin); print(j.get("error_code"), sys.argv[1] in j.get("error_msg", ""))' "${3:-}" <<<"$out") \
        || fail "the error body is not JSON"
    [ "$got" = "$2 True" ] || fail "expected error_code $2 and '${3:-}' in error_msg, got: $got"
}
# No answer ever carries a PEM (api/apic.md: "PEM in responses: never").
expect_no_pem() {
    expect_no_out "BEGIN"; expect_no_out '"cert_content"'; expect_no_out '"private_key"'
}
# create NAME [MEMBERS…]: POST with the leaf and its key, type instance of $INST.
create() {
    local name=$1; shift
    local extra=""; [ $# -gt 0 ] && extra=",$*"
    api POST "$B" "{\"name\":\"$name\",\"type\":\"instance\",\"instance_id\":\"$INST\",\"cert_content\":$CERT,\"private_key\":$KEY$extra}"
}
# body MEMBERS…: POST exactly these members.
body() { api POST "$B" "{$*}"; }
GOOD="\"cert_content\":$CERT,\"private_key\":$KEY"

# ---- the seed's create example: its request shape, real PEMs in the right fields
api POST "$B" "{\"name\":\"cert_demo\",\"private_key\":$KEY,\"cert_content\":$CHAIN,\"type\":\"instance\",\"instance_id\":\"$INST\"}"
expect_status 200   # not 201
expect_no_pem
expect_json 'sorted(j.keys())' "['algorithm_type', 'common_name', 'country', 'create_time', 'id', 'instance_id', 'is_has_trusted_root_ca', 'issuer', 'locality', 'name', 'not_after', 'not_before', 'organization', 'organizational_unit', 'project_id', 'san', 'serial_number', 'signature_algorithm', 'state', 'type', 'update_time', 'version']"
expect_json '__import__("re").fullmatch("[0-9a-f]{32}", j["id"]) is not None' True
expect_json 'j["name"]' cert_demo
expect_json 'j["type"]' instance
expect_json 'j["instance_id"]' "$INST"
expect_json 'j["project_id"]' "$EMU_PROJECT"
expect_json 'j["common_name"]' www.example.com
expect_json 'j["san"]' "['www.example.com', 'example.com']"
expect_json 'j["version"]' 3
expect_json 'j["organization"]' "['Example Org']"
expect_json 'j["organizational_unit"]' "[]"
expect_json 'j["locality"]' "['Berlin']"
expect_json 'j["state"]' "[]"
expect_json 'j["country"]' "['DE']"
expect_json 'j["issuer"]' "['certdeck tests']"
expect_json 'j["signature_algorithm"]' SHA256-RSA
expect_json 'j["algorithm_type"]' RSA
expect_json 'j["is_has_trusted_root_ca"]' False
serial_hex=$(openssl x509 -in "$F/leaf.pem" -noout -serial | cut -d= -f2)
expect_json 'j["serial_number"]' "$(python3 -c "print(int('$serial_hex', 16))")"
iso() { date -u -d "$(openssl x509 -in "$1" -noout "-$2" | cut -d= -f2)" +%Y-%m-%dT%H:%M:%SZ; }
expect_json 'j["not_before"]' "$(iso "$F/leaf.pem" startdate)"
expect_json 'j["not_after"]' "$(iso "$F/leaf.pem" enddate)"
expect_json '__import__("re").fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", j["create_time"]) is not None' True
expect_json 'j["create_time"] == j["update_time"]' True
DEMO_ID=$(jget 'j["id"]')

# ---- the seed's example request as printed: fields swapped, quoted, literal \n
SEED_BODY=$(python3 - "$F/leaf.pem" "$F/leaf.key" "$INST" <<'EOF'
import json, sys
cert, key = (open(p).read() for p in sys.argv[1:3])
paste = lambda s: "'" + s.replace("\n", "\\n") + "'"
print(json.dumps({"name": "cert_demo2", "private_key": paste(cert), "cert_content": paste(key),
                  "type": "instance", "instance_id": sys.argv[3]}))
EOF
)
api POST "$B" "$SEED_BODY"
expect_error 400 APIG.2106 "cert_content and private_key are swapped"
expect_json '"wrapped in quotes" in j["error_msg"] and "literal \\n" in j["error_msg"]' True
# swapped, otherwise clean PEMs
body "\"name\":\"swapped\",\"cert_content\":$KEY,\"private_key\":$CERT"
expect_error 400 APIG.2106 "cert_content and private_key are swapped"
body "\"name\":\"key_twice\",\"cert_content\":$KEY,\"private_key\":$KEY"
expect_error 400 APIG.2106 "cert_content holds a private key"
body "\"name\":\"cert_twice\",\"cert_content\":$CERT,\"private_key\":$CERT"
expect_error 400 APIG.2106 "private_key holds a certificate"
# only quoted, fields right
QUOTED=$(python3 -c 'import json,sys; print(json.dumps("\x27" + open(sys.argv[1]).read() + "\x27"))' "$F/leaf.pem")
body "\"name\":\"quoted\",\"cert_content\":$QUOTED,\"private_key\":$KEY"
expect_error 400 APIG.2106 "cert_content is wrapped in quotes"

# ---- validation, in the order of the checklist (api/apic.md)
# 1. the body is a JSON object
api POST "$B" 'not json';      expect_error 400 APIG.2012 "parameterName:body"
api POST "$B" '["a"]';         expect_error 400 APIG.2012 "parameterName:body"
api POST "$B" '';              expect_error 400 APIG.2012 "parameterName:body"
# 2. name, cert_content, private_key: present, strings, not empty
body "$GOOD";                                          expect_error 400 APIG.2012 "parameterName:name"
body "\"name\":\"no_cert\",\"private_key\":$KEY";      expect_error 400 APIG.2012 "parameterName:cert_content"
body "\"name\":\"no_key\",\"cert_content\":$CERT";     expect_error 400 APIG.2012 "parameterName:private_key"
body "\"name\":42,$GOOD";                              expect_error 400 APIG.2012 "parameterName:name"
body "\"name\":\"empty_cert\",\"cert_content\":\"\",\"private_key\":$KEY"; expect_error 400 APIG.2012 "parameterName:cert_content"
body "\"name\":\"null_key\",\"cert_content\":$CERT,\"private_key\":null";  expect_error 400 APIG.2012 "parameterName:private_key"
BIG=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read() + "#" * 65536))' "$F/leaf.pem")
body "\"name\":\"too_big\",\"cert_content\":$BIG,\"private_key\":$KEY"; expect_error 400 APIG.2012 "parameterName:cert_content"
# 3. the name: 4–50 characters, a letter first, then letters, digits, '_' (and Chinese)
L50=a$(printf 'b%.0s' $(seq 49))
for bad in abc "${L50}c" 1abc _abcd ab-cd ab.cd 'ab cd' 'abc!' '中文'; do
    body "\"name\":\"$bad\",$GOOD"; expect_error 400 APIG.2012 "parameterName:name"
done
for good in abcd "$L50" A_1_ '证书名称' 'cert_证书'; do
    body "\"name\":\"$good\",$GOOD"; expect_status 200; expect_json 'j["name"]' "$good"
done
# the name is checked before the content (3 before 6)
body "\"name\":\"x\",\"cert_content\":$(pem_json "$F/garbage.bin"),\"private_key\":$KEY"; expect_error 400 APIG.2012 "parameterName:name"
# 4. type and instance_id
body "\"name\":\"bad_type\",\"type\":\"bogus\",$GOOD";               expect_error 400 APIG.2012 "parameterName:type"
body "\"name\":\"no_inst\",\"type\":\"instance\",$GOOD";             expect_error 400 APIG.2012 "parameterName:instance_id"
body "\"name\":\"unk_inst\",\"type\":\"instance\",\"instance_id\":\"0000\",$GOOD"
expect_error 404 APIG.3030 "The instance does not exist;id:0000"
body "\"name\":\"unk_inst\",\"type\":\"instance\",\"instance_id\":\"0000\",\"cert_content\":$(pem_json "$F/garbage.bin"),\"private_key\":$KEY"
expect_error 404 APIG.3030   # 4 before 6
body "\"name\":\"global_one\",\"instance_id\":\"$INST\",$GOOD"; expect_status 200
expect_json 'j["type"]' global; expect_json 'j["instance_id"]' common   # default global; instance_id ignored
GLOBAL_ID=$(jget 'j["id"]')
# 5. algorithm_type and the SM2 fields (≤ 8092 characters)
create alg_bad '"algorithm_type":"DSA"';                       expect_error 400 APIG.2012 "parameterName:algorithm_type"
create sm2_none '"algorithm_type":"SM2"';                      expect_error 400 APIG.2012 "parameterName:cert_content_sign"
create sm2_half '"algorithm_type":"SM2","cert_content_sign":"x"'; expect_error 400 APIG.2012 "parameterName:private_key_sign"
S8092=$(printf 'x%.0s' $(seq 8092))
create sm2_long "\"algorithm_type\":\"SM2\",\"cert_content_sign\":\"${S8092}x\",\"private_key_sign\":\"k\""
expect_error 400 APIG.2012 "parameterName:cert_content_sign"
create sm2_long "\"algorithm_type\":\"SM2\",\"cert_content_sign\":\"c\",\"private_key_sign\":\"${S8092}x\""
expect_error 400 APIG.2012 "parameterName:private_key_sign"
create sm2_max "\"algorithm_type\":\"SM2\",\"cert_content_sign\":\"$S8092\",\"private_key_sign\":\"$S8092\""
expect_status 200; expect_json 'j["algorithm_type"]' SM2
create alg_wrong '"algorithm_type":"ECC"';                     expect_error 400 APIG.2012 "parameterName:algorithm_type"
create alg_right '"algorithm_type":"RSA"';                     expect_status 200; expect_json 'j["algorithm_type"]' RSA
# 6. the certificate and key
content() { body "\"name\":\"$1\",\"cert_content\":$(pem_json "$2"),\"private_key\":$(pem_json "$3")"; }
content garbage   "$F/garbage.bin"    "$F/leaf.key";  expect_error 400 APIG.2106
content truncated "$F/truncated.pem"  "$F/leaf.key";  expect_error 400 APIG.2106
content badb64    "$F/badb64.pem"     "$F/leaf.key";  expect_error 400 APIG.2106
content keygarb   "$F/leaf.pem"       "$F/garbage.bin"; expect_error 400 APIG.2106
content mismatch  "$F/leaf.pem"       "$F/other.key"; expect_error 400 APIG.2101
content ecmismatch "$F/ec256.pem"     "$F/other-ec.key"; expect_error 400 APIG.2101
content wrongorder "$F/chain3-wrong.pem" "$F/leaf.key"; expect_error 400 APIG.2104
content encrypted "$F/leaf.pem"       "$F/enc.key";   expect_error 400 APIG.2105
content enclegacy "$F/leaf.pem"       "$F/enc-legacy.key"; expect_error 400 APIG.2105
content expired   "$F/expired.pem"    "$F/leaf.key";  expect_error 400 APIG.2102
openssl req -x509 -new -key "$F/leaf.key" -subj /CN=late.example.com -days 5000 \
    -addext subjectAltName=DNS:late.example.com -out "$TMP/late.pem" 2>/dev/null || fail "openssl req"
[ "$(date -u -d "$(openssl x509 -in "$TMP/late.pem" -noout -enddate | cut -d= -f2)" +%Y)" -ge 2039 ] || fail "late.pem ends before 2038"
content late      "$TMP/late.pem"     "$F/leaf.key";  expect_error 400 APIG.3148 "2038-01-19T03:14:07Z"
content ed25519   "$F/ed25519.pem"    "$F/ed25519.key"; expect_error 400 APIG.2106 "not supported"  # RSA/ECC only (unconfirmed)
content pkcs1     "$F/leaf.pem"       "$F/leaf.pkcs1.key"; expect_status 200
content ec_cert   "$F/ec256.pem"      "$F/ec256.key"; expect_status 200
expect_json 'j["algorithm_type"]' ECC; expect_json 'j["signature_algorithm"]' ECDSA-SHA256
expect_json 'j["issuer"]' "['ec256.example.com']"   # no issuer O: its CN
content ec384     "$F/ec384.pem"      "$F/ec384.key"; expect_status 200; expect_json 'j["signature_algorithm"]' ECDSA-SHA384
content big_serial "$F/serial20.pem"  "$F/leaf.key"; expect_status 200
expect_json 'j["serial_number"]' "$(python3 -c 'print(int("7FEEDDCCBBAA99887766554433221100FFEEDDCC", 16))')"
content no_san    "$F/nosan.pem"      "$F/leaf.key";  expect_status 200; expect_json 'j["san"]' "[]"
# 7. trusted_root_ca
create trusted_bad "\"trusted_root_ca\":$(pem_json "$F/garbage.bin")";  expect_error 400 APIG.2106 "trusted_root_ca"
create trusted_ok "\"trusted_root_ca\":$(pem_json "$F/root.pem")";      expect_status 200
expect_json 'j["is_has_trusted_root_ca"]' True; expect_no_pem
# names are unique in the project
create cert_demo; expect_error 400 APIG.3325 "cert_demo"

# ---- show, update (a full replace), delete
api GET "$B/$DEMO_ID"; expect_status 200; expect_no_pem
expect_json 'j["name"]' cert_demo; expect_json 'j["type"]' instance; expect_json 'j["version"]' 3
CREATED=$(jget 'j["create_time"]')
sleep 1.1   # update_time has to move
api PUT "$B/$DEMO_ID" "{\"name\":\"cert_demo_2026\",\"type\":\"instance\",\"instance_id\":\"$INST\",\"cert_content\":$EC_CERT,\"private_key\":$EC_KEY}"
expect_status 200; expect_no_pem
expect_json 'j["id"]' "$DEMO_ID"; expect_json 'j["name"]' cert_demo_2026
expect_json 'j["common_name"]' ec256.example.com; expect_json 'j["algorithm_type"]' ECC
expect_json 'j["create_time"]' "$CREATED"
expect_json 'j["update_time"] > j["create_time"]' True
api GET "$B/$DEMO_ID"; expect_json 'j["name"]' cert_demo_2026; expect_json 'j["common_name"]' ec256.example.com
# the same name again is no conflict; scope stays without type/instance_id
api PUT "$B/$DEMO_ID" "{\"name\":\"cert_demo_2026\",$GOOD}"; expect_status 200
expect_json 'j["type"]' instance; expect_json 'j["instance_id"]' "$INST"; expect_json 'j["common_name"]' www.example.com
# every one of name, cert_content, private_key is required
api PUT "$B/$DEMO_ID" '{"name":"rename_only"}';                     expect_error 400 APIG.2012 "parameterName:cert_content"
api PUT "$B/$DEMO_ID" "{\"name\":\"no_key_2\",\"cert_content\":$CERT}"; expect_error 400 APIG.2012 "parameterName:private_key"
api PUT "$B/$DEMO_ID" "{$GOOD}";                                     expect_error 400 APIG.2012 "parameterName:name"
api PUT "$B/$DEMO_ID" "{\"name\":\"scope_change\",\"type\":\"global\",$GOOD}";  expect_error 400 APIG.2012 "parameterName:type"
api PUT "$B/$DEMO_ID" "{\"name\":\"inst_change\",\"type\":\"instance\",\"instance_id\":\"$OTHER_INST\",$GOOD}"; expect_error 400 APIG.2012 "parameterName:instance_id"
api PUT "$B/$DEMO_ID" "{\"name\":\"global_one\",$GOOD}";             expect_error 400 APIG.3325
api PUT "$B/$DEMO_ID" "{\"name\":\"bad_key\",\"cert_content\":$CERT,\"private_key\":$(pem_json "$F/other.key")}"; expect_error 400 APIG.2101
api PUT "$B/$DEMO_ID" "{\"name\":\"expired_2\",\"cert_content\":$(pem_json "$F/expired.pem"),\"private_key\":$KEY}"; expect_error 400 APIG.2102
api PUT "$B/$DEMO_ID" 'nope';                                        expect_error 400 APIG.2012 "parameterName:body"
api GET "$B/$DEMO_ID"; expect_json 'j["name"]' cert_demo_2026   # refused updates changed nothing
api DELETE "$B/$DEMO_ID"; expect_status 204; [ -z "$out" ] || fail "delete has a body"
api GET "$B/$DEMO_ID";    expect_error 404 APIG.3021 "$DEMO_ID"
api DELETE "$B/$DEMO_ID"; expect_error 404 APIG.3021
api PUT "$B/$DEMO_ID" "{\"name\":\"gone_cert\",$GOOD}"; expect_error 404 APIG.3021
api GET "$B/ffffffffffffffffffffffffffffffff"; expect_error 404 APIG.3021

# ---- list: instance_id required and known
api GET "$B";                                  expect_error 400 APIG.2012 "parameterName:instance_id"
api GET "$B?instance_id=";                     expect_error 400 APIG.2012 "parameterName:instance_id"
api GET "$B?instance_id=0000&limit=5";         expect_error 404 APIG.3030 "id:0000"
api GET "$B?instance_id=$INST&offset=abc";     expect_error 400 APIG.2012 "parameterName:offset"
api GET "$B?instance_id=$INST&limit=1x";       expect_error 400 APIG.2012 "parameterName:limit"
api GET "$B?instance_id=$INST&type=bogus";     expect_error 400 APIG.2012 "parameterName:type"
api GET "$B?instance_id=$INST&algorithm_type=DSA"; expect_error 400 APIG.2012 "parameterName:algorithm_type"

# ---- pagination: every record exactly once for limits 1, 7 and 500
for i in $(seq -w 1 30); do create "page_$i"; expect_status 200; done
api GET "$B?instance_id=$INST&limit=500"; expect_status 200; expect_no_pem
expect_json 'sorted(j.keys())' "['certs', 'size', 'total']"
expect_json 'j["size"] == len(j["certs"]) == j["total"]' True
expect_json 'sorted(j["certs"][0].keys())' "['algorithm_type', 'common_name', 'create_time', 'id', 'instance_id', 'is_has_trusted_root_ca', 'name', 'not_after', 'project_id', 'san', 'signature_algorithm', 'type', 'update_time']"
expect_json 'all(c["type"] == "global" and c["instance_id"] == "common" or c["type"] == "instance" and c["instance_id"] == "'"$INST"'" for c in j["certs"])' True
expect_json '[c["create_time"] for c in j["certs"]] == sorted((c["create_time"] for c in j["certs"]), reverse=True)' True
ALL=$(jget '" ".join(c["id"] for c in j["certs"])')
TOTAL=$(jget 'j["total"]')
[ "$TOTAL" -ge 40 ] || fail "expected at least 40 certificates, got $TOTAL"
for n in gateway_example_com partners_api payments_api expired_sandbox page_01 page_30 global_one; do
    grep -qw "$n" <<<"$(jget '" ".join(c["name"] for c in j["certs"])')" || fail "list lacks $n"
done
for limit in 1 7 500; do
    ids=""; offset=0
    while :; do
        api GET "$B?instance_id=$INST&offset=$offset&limit=$limit"; expect_status 200
        # one python per page: "SIZE ID…" once size, certs and total agree
        page=$(jget 'j["size"] == len(j["certs"]) <= '"$limit"' and j["total"] == '"$TOTAL"' and " ".join(map(str, [j["size"]] + [c["id"] for c in j["certs"]]))')
        [ "$page" != False ] || fail "limit=$limit offset=$offset: size, certs and total disagree"
        size=${page%% *}
        ids="$ids ${page#"$size"}"
        offset=$((offset + size))
        [ "$size" -eq 0 ] || [ "$offset" -ge "$TOTAL" ] && break
    done
    python3 - "$ALL" "$ids" <<'EOF' || fail "limit=$limit: pages do not return every record exactly once"
import sys
want, got = sys.argv[1].split(), sys.argv[2].split()
sys.exit(0 if got == want and len(set(got)) == len(got) else 1)
EOF
done
# clamping: limit ≤ 0 → 20, > 500 → 500, offset < 0 → 0; past the end: empty
api GET "$B?instance_id=$INST&limit=0";    expect_status 200; expect_json 'j["size"]' 20
api GET "$B?instance_id=$INST&limit=-3";   expect_status 200; expect_json 'j["size"]' 20
api GET "$B?instance_id=$INST";            expect_status 200; expect_json 'j["size"]' 20
api GET "$B?instance_id=$INST&limit=501";  expect_status 200; expect_json 'j["size"]' "$TOTAL"
api GET "$B?instance_id=$INST&offset=-5&limit=2"; expect_status 200
expect_json '" ".join(c["id"] for c in j["certs"])' "$(cut -d' ' -f1-2 <<<"$ALL")"
api GET "$B?instance_id=$INST&offset=$TOTAL"; expect_status 200
expect_json 'j["size"], j["total"], j["certs"]' "(0, $TOTAL, [])"
# filters
api GET "$B?instance_id=$INST&limit=500&name=page_"; expect_json 'j["total"]' 30
api GET "$B?instance_id=$INST&name=page_0&limit=500"; expect_json 'sorted(c["name"] for c in j["certs"])' "$(python3 -c 'print(sorted("page_0%d" % i for i in range(1, 10)))')"
api GET "$B?instance_id=$INST&type=global&limit=500"; expect_json 'all(c["type"] == "global" for c in j["certs"]) and j["total"] >= 2' True
api GET "$B?instance_id=$INST&algorithm_type=ECC&limit=500"; expect_json 'all(c["algorithm_type"] == "ECC" for c in j["certs"]) and j["total"] >= 2' True
api GET "$B?instance_id=$INST&signature_algorithm=ECDSA-SHA384&limit=500"; expect_json '[c["name"] for c in j["certs"]]' "['ec384']"
api GET "$B?instance_id=$INST&common_name=ec256.example.com&limit=500"; expect_json '[c["name"] for c in j["certs"]]' "['ec_cert']"
# another instance sees the global certificates and its own only
api POST "$B" "{\"name\":\"other_inst\",\"type\":\"instance\",\"instance_id\":\"$OTHER_INST\",$GOOD}"; expect_status 200
OTHER_ID=$(jget 'j["id"]')
api GET "$B?instance_id=$OTHER_INST&limit=500"; expect_status 200
expect_json 'all(c["type"] == "global" or c["instance_id"] == "'"$OTHER_INST"'" for c in j["certs"])' True
expect_json '"'"$OTHER_ID"'" in [c["id"] for c in j["certs"]] and "'"$GLOBAL_ID"'" in [c["id"] for c in j["certs"]]' True
api GET "$B?instance_id=$INST&limit=500"; expect_json '"'"$OTHER_ID"'" in [c["id"] for c in j["certs"]]' False
api GET "$B/$OTHER_ID"; expect_status 200   # show takes no instance_id

# ---- bound certificates (seeded): listed by attached-domains, not deletable
bound=""
for id in $(tr ' ' '\n' <<<"$ALL" | tac); do   # oldest first: the seeded ones
    api GET "$B/$id/attached-domains"; expect_status 200
    [ "$(jget 'j["total"]')" -gt 0 ] && { bound=$id; break; }
done
[ -n "$bound" ] || fail "no seeded certificate is bound to a domain"
expect_json 'j["size"] == len(j["bound_domains"]) == 1 and j["bound_domains"][0]["ssl_id"] == "'"$bound"'"' True
api DELETE "$B/$bound"; expect_error 400 APIG.2012 "bound"
api GET "$B/$bound"; expect_status 200
api GET "$B/ffffffffffffffffffffffffffffffff/attached-domains"; expect_error 404 APIG.3021

# ---- auth: no token, a bad token, another project, AK/SK (and a changed signature byte)
TOKEN_SAVED=$TOKEN
TOKEN=bogus; api GET "$B?instance_id=$INST"; expect_error 401 APIG.1002
TOKEN=$TOKEN_SAVED
_curl GET "$EMU_URL$B?instance_id=$INST" ""; expect_status 401
# APIG.1000 is the page's code for a missing token, APIG.1002 for a bad one
expect_json 'j["error_code"]' APIG.1000
api GET "/v2/ffffffffffffffffffffffffffffffff/apic/certificates?instance_id=$INST"; expect_error 403 APIG.1005
api POST "/v2/ffffffffffffffffffffffffffffffff/apic/certificates" "{\"name\":\"elsewhere\",$GOOD}"; expect_error 403 APIG.1005
api_aksk GET "$B?instance_id=$INST&limit=2&offset=1"; expect_status 200; expect_json 'j["size"]' 2
api_aksk POST "$B" "{\"name\":\"signed_one\",$GOOD}"; expect_status 200; expect_no_pem
SIGNED_ID=$(jget 'j["id"]')
api_aksk DELETE "$B/$SIGNED_ID"; expect_status 204
# the same signed calls with one byte of the signature changed
AKSK_TAMPER=1 api_aksk GET "$B?instance_id=$INST&limit=2"; expect_error 401 APIG.1002 "verify aksk signature fail"
AKSK_TAMPER=1 api_aksk POST "$B" "{\"name\":\"signed_two\",$GOOD}"; expect_error 401 APIG.1002
api GET "$B?instance_id=$INST&name=signed_two"; expect_status 200; expect_json 'j["total"]' 0

echo "apic: all checks passed"

# waf.sh — certdeck-emu's WAF certificates against api/waf.md and the seed page
# seeds/waf-create-certificate.html.txt (the authority for create).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-emu.sh"
emu_start --seed demo --assets "${CERTDECK_ASSETS:-$(dirname "$0")/../../assets}"
B="/v1/$EMU_PROJECT/waf/certificate"
CERT=$(pem_json "$F/leaf.pem"); KEY=$(pem_json "$F/leaf.key")
EC_CERT=$(pem_json "$F/ec256.pem"); EC_KEY=$(pem_json "$F/ec256.key")

# jget EXPR — a Python expression on the last answer's JSON (j), printed.
jget() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$out"; }
# expire_ms FILE — the leaf's notAfter in milliseconds, as WAF's expire_time.
expire_ms() { echo $(( $(date -u -d "$(openssl x509 -in "$1" -noout -enddate | cut -d= -f2)" +%s) * 1000 )); }
# expect_error STATUS CODE — WAF's error body: error_code and error_msg only.
expect_error() {
    expect_status "$1"; expect_json '[j["error_code"]] + sorted(j.keys())' "['$2', 'error_code', 'error_msg']"
}
create() { api POST "$B" "{$1}"; }

# The seed's example request, verbatim (its PEM lines are joined by spaces, its
# certificate expired on 2024-03-05 13:04:26 UTC): 200 in the example's shape.
SEED_REQ=$(cat <<'EOF'
{
"name" : "demo",
"content" : "-----BEGIN CERTIFICATE-----\nMIICUjCCAbugAwIBAgIJANxRp4YpWj66MA0GCSqGSIb3DQEBCwUAMEIxCzAJBgNV BAYTAlhYMRUwEwYDVQQHDAxEZWZhdWx0IENpdHkxHDAaBgNVBAoME0RlZmF1bHQg Q29tcGFueSBMdGQwHhcNMjMwMzA2MTMwNDI2WhcNMjQwMzA1MTMwNDI2WjBCMQsw CQYDVQQGEwJYWDEVMBMGA1UEBwwMRGVmYXVsdCBDaXR5MRwwGgYDVQQKDBNEZWZh dWx0IENvbXBhbnkgTHRkMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC4KoXA HK8ZcmOMl+FDDnzBKhD/RcSdjqtie47YZYX9T9XNtfuvmJf78JQC3X18xAJdutyP tvX6RwqITLItD6DsI/x6vkMJDLGOfuMpxjHwm6VOILIVIMUVWsZqTk4NdaFRpBCN VpzQdy/j3WUg0l86dYna0GdkOHuk6l1pgk52RwIDAQABo1AwTjAdBgNVHQ4EFgQU 9/usGS95WL1qUuq5F8XiDXA8Fq4wHwYDVR0jBBgwFoAU9/usGS95WL1qUuq5F8Xi DXA8Fq4wDAYDVR0TBAUwAwEB/zANBgkqhkiG9w0BAQsFAAOBgQCXIvTibia/fGlf IaraBMH313Z+xBlkBX5X8y2wYRa+RRVR4OB8zTY2Rm0OXOHMgPPEs5xpYXPBK/CH i+kodHIq+0AxYzMlDs3j+V7FzUrZQbItPYXtgQStZjdOvtM129ecuKWRRtmNNSBZ sj9VBsvsMrI1S2bZo5wJMPuR/TGGOQ==\n-----END CERTIFICATE-----",
"key" : "-----BEGIN PRIVATE KEY-----\nMIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBALgqhcAcrxlyY4yX 4UMOfMEqEP9FxJ2Oq2J7jthlhf1P1c21+6+Yl/vwlALdfXzEAl263I+29fpHCohM si0PoOwj/Hq+QwkMsY5+4ynGMfCbpU4gshUgxRVaxmpOTg11oVGkEI1WnNB3L+Pd ZSDSXzp1idrQZ2Q4e6TqXWmCTnZHAgMBAAECgYEAh/YknirO/ktbwQzTqczFP1oO CFd6ixMr5d3wHEP/Qn6xCliCwiU2dzIqI19faD/Qu1/bu2HIgQf3d56fn/K8yrgq tmd7BZvXcZuK/LXOLfpAXAdMl5bgOW+ejJvf9LsA6xYWsxmki6+VYbJ+XVr4w2yH nBiimwp7v4eoBlMqVQECQQDeJw6o15p30MEzj5t3oVLL86rY20HZfqnpS6S10CHx l0W/0ah7S4QnvXi6NhvS0o3mj+VNzeYvoHII9DP28IyBAkEA1DnSyH7D5W4GUmsr NfDOBYuKUaahDtdN/Qx2JF1jEvLluLC7Nr1ETzrKodN/+lOYwfIOWx5tkXPpLFMu rko+xwJAWV7DEf+yn7L2loSWWbknsu7y80y5oALJ3hXVTGNP1H4zzChPLFLD9qzN rbPo25ZjCbcn23YSvWRBnAKKCTTagQJBAKWvgxVOimfrLvpXesPA/Ucs+s7mNSVe CCAAA5g+ZGPdyGUZbP++Yb8tWhdfBLINY9w+uuB+b/I3uRoG0xH1Gu8CQQCpEIYC DUNO98ylm4QOAkyC0nv6x33gQqcu6ExtK7ptbdFZT1QdOAwm5SBaE50rWjyTO4gL Cpsd6f0baeGAxNAw\n-----END PRIVATE KEY-----"
}
EOF
)
before=$(( $(date +%s) * 1000 - 1000 ))
_curl POST "$EMU_URL$B?" "" -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json;charset=utf8' \
    --data-binary "$SEED_REQ"
expect_status 200
expect_json 'sorted(j.keys())' "['content', 'expire_time', 'id', 'key', 'name', 'timestamp']"
expect_json 'len(j["id"]) == 32 and all(ch in "0123456789abcdef" for ch in j["id"])' True
expect_json 'j["name"]' demo
expect_json 'j["expire_time"]' 1709643866000
expect_json 'type(j["timestamp"]).__name__' int
expect_json "$before <= j['timestamp'] <= $before + 60000" True
SEED_ID=$(jget 'j["id"]')
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); sys.exit(a["key"] != b["key"] or a["content"] != b["content"])' \
    "$SEED_REQ" "$out" || fail "create does not echo content and key as sent"

# The seed's example response pair: expire_time 1596865564000 (waf.md checked it).
SEED_RESP=$(cat <<'EOF'
{
"id" : "6e2be127b79f4a418414952ad5d8c59f",
"name" : "certificatename94319",
"content" : "-----BEGIN CERTIFICATE-----\nMIIB+TCCAaOgAwIBAgIUJP9I8OupQ77w0bGL2yWOQXreM4kwDQYJKoZIhvcNAQELBQAwUTELMAkGA1UEBhMCQVUxEzARBgNVBAgMClNvbWUtU3RhdGUxDzANBgNVBAoMBkh1YXdlaTEcMBoGA1UEAwwTd2FmLmh1YXdlaWNsb3VkLmNvbTAeFw0yMDA3MDkwNTQ2MDRaFw0yMDA4MDgwNTQ2MDRaMFExCzAJBgNVBAYTAkFVMRMwEQYDVQQIDApTb21lLVN0YXRlMQ8wDQYDVQQKDAZIdWF3ZWkxHDAaBgNVBAMME3dhZi5odWF3ZWljbG91ZC5jb20wXDANBgkqhkiG9w0BAQEFAANLADBIAkEA0UEbMzbvgOJTKrKcDUw9xjFqxM7BaQFM3SLsQlmD5hkzygyL1ra+cWajPJlTCxz9Ph6qldna2+OrIuTdvCcpjwIDAQABo1MwUTAdBgNVHQ4EFgQUE7ZQNcgl3lmryx1s5gy9mnC1rsYwHwYDVR0jBBgwFoAUE7ZQNcgl3lmryx1s5gy9mnC1rsYwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAANBAM5wGi88jYWLgOnGbae5hH3I9lMBKxGqv17Cbm1tjWuUogVINz86lqvCpuhzLvD/vzJAqPIuDwqM8uvzjgRfZs8=\n-----END CERTIFICATE-----",
"key" : "-----BEGIN RSA PRIVATE KEY-----\nMIIBOQIBAAJBANFBGzM274DiUyqynA1MPcYxasTOwWkBTN0i7EJZg+YZM8oMi9a2vnFmozyZUwsc/T4eqpXZ2tvjqyLk3bwnKY8CAwEAAQJBAI7LMPaH/HQk/b/bVmY0qsr+me9nb9BqFLuqwzKbx0hSmWPOWFsd3rOFlSopyHqgYtAsPfvPumEdGbdnCyU8zAECIQD71768K1ejb+ei2lqZqHaczqdUNQxMh54yot9F2yVWjwIhANS1Y1Jv89WEU/ZvvMS9a4638Msv2c4GGp08RtXNYn0BAiA0H4b+cwoEbZjHf+HYg6Fo+uxu5TvSaw8287a6Qo0LyQIfVZSlYYWplT6oiX5rdLzBiap4N0gJWdsa2ihmV59LAQIgK8N+j1daq63b0bJ9k4HruhQtpgxI6U9nFBemH4zTRYM=\n-----END RSA PRIVATE KEY-----",
"timestamp" : 1650595334578,
"expire_time" : 1596865564000
}
EOF
)
body=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(json.dumps({k: r[k] for k in ("name", "content", "key")}))' "$SEED_RESP")
api POST "$B?enterprise_project_id=0" "$body"; expect_status 200
expect_json 'j["name"]' certificatename94319; expect_json 'j["expire_time"]' 1596865564000
expect_json 'j["key"].startswith("-----BEGIN RSA PRIVATE KEY-----")' True

# Show: the whole object, times in ms, the key echoed; no bind_host when unbound.
create "\"name\":\"www-example-2026\",\"content\":$CERT,\"key\":$KEY"; expect_status 200
ID=$(jget 'j["id"]'); TS=$(jget 'j["timestamp"]')
api GET "$B/$ID"; expect_status 200
expect_json 'sorted(j.keys())' "['content', 'exp_status', 'expire_time', 'id', 'key', 'name', 'timestamp']"
expect_json 'j["expire_time"]' "$(expire_ms "$F/leaf.pem")"
expect_json 'j["timestamp"]' "$TS"
expect_json 'j["exp_status"]' 0
expect_json "j['content'] == $CERT" True
expect_json "j['key'] == $KEY" True
api GET "$B/$SEED_ID"; expect_status 200; expect_json 'j["exp_status"]' 1

# Update: the name always, content and key together; 200 {id, name, expire_time, timestamp}.
api PUT "$B/$ID" '{"name":"www-example-renamed"}'; expect_status 200
expect_json 'sorted(j.keys())' "['expire_time', 'id', 'name', 'timestamp']"
expect_json 'j["name"]' www-example-renamed; expect_json 'j["timestamp"]' "$TS"
api GET "$B/$ID"; expect_json 'j["name"]' www-example-renamed
api PUT "$B/$ID" "{\"content\":$EC_CERT,\"key\":$EC_KEY}"; expect_error 400 WAF.00011003
api PUT "$B/$ID" "{\"name\":\"x\",\"content\":$EC_CERT}"; expect_error 400 WAF.00011003
api PUT "$B/$ID" "{\"name\":\"x\",\"key\":$EC_KEY}"; expect_error 400 WAF.00011003
api PUT "$B/$ID" "{\"name\":\"x\",\"content\":$EC_CERT,\"key\":$KEY}"; expect_error 400 WAF.00011003
api PUT "$B/$ID" "{\"name\":\"$(printf 'u%.0s' $(seq 65))\"}"; expect_error 400 WAF.00011005
api PUT "$B/$ID" '{"name":"bad name"}'; expect_error 400 WAF.00011005
api PUT "$B/$ID" "{\"name\":\"$(printf 'u%.0s' $(seq 64))\"}"; expect_status 200
api PUT "$B/$ID" 'not json'; expect_error 400 WAF.00011003
api PUT "$B/$ID" "{\"name\":\"www-example-ec\",\"content\":$EC_CERT,\"key\":$EC_KEY}"
expect_status 200; expect_json 'j["expire_time"]' "$(expire_ms "$F/ec256.pem")"
expect_json "j['timestamp'] >= $TS" True
api GET "$B/$ID"; expect_json 'j["content"] == '"$EC_CERT" True
api PUT "$B/ffffffffffffffffffffffffffffffff" '{"name":"ghost"}'; expect_error 404 WAF.00022001

# Delete: 200 with the deleted record; then 404 everywhere.
api DELETE "$B/$ID"; expect_status 200
expect_json 'sorted(j.keys())' "['expire_time', 'id', 'name', 'timestamp']"
expect_json 'j["id"]' "$ID"; expect_json 'j["name"]' www-example-ec
api GET "$B/$ID"; expect_error 404 WAF.00022001
api DELETE "$B/$ID"; expect_error 404 WAF.00022001
api GET "$B/not-an-id"; expect_error 400 WAF.00011004
api DELETE "$B/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"; expect_error 400 WAF.00011004

# Create validation: each rule refuses what it should.
long_name() { printf "$1%.0s" $(seq "$2"); }
api POST "$B" 'not json';       expect_error 400 WAF.00011003
api POST "$B" '["a"]';          expect_error 400 WAF.00011003
create "\"content\":$CERT,\"key\":$KEY";                   expect_error 400 WAF.00011003
create "\"name\":\"n\",\"key\":$KEY";                      expect_error 400 WAF.00011003
create "\"name\":\"n\",\"content\":$CERT";                 expect_error 400 WAF.00011003
create "\"name\":\"\",\"content\":$CERT,\"key\":$KEY";     expect_error 400 WAF.00011003
create "\"name\":7,\"content\":$CERT,\"key\":$KEY";        expect_error 400 WAF.00011003
create "\"name\":\"n\",\"content\":\"\",\"key\":$KEY";    expect_error 400 WAF.00011003
for bad in 'with space' 'slash/name' 'star*' 'umlaut-ü' "$(long_name n 257)"; do
    create "\"name\":\"$bad\",\"content\":$CERT,\"key\":$KEY"; expect_error 400 WAF.00011005
done
create "\"name\":\"$(long_name n 256)\",\"content\":$CERT,\"key\":$KEY"; expect_status 200   # seed: 256
create "\"name\":\"Az09._-\",\"content\":$CERT,\"key\":$KEY"; expect_status 200
create "\"name\":\"Az09._-\",\"content\":$CERT,\"key\":$KEY"; expect_status 200              # duplicates allowed
for pair in "garbage.bin leaf.key" "truncated.pem leaf.key" "badb64.pem leaf.key" "empty.pem leaf.key" \
            "leaf.pem other.key" "leaf.pem enc.key" "leaf.pem leaf.pem" "leaf.key leaf.key"; do
    read -r pem_file key_file <<<"$pair"
    create "\"name\":\"bad-pem\",\"content\":$(pem_json "$F/$pem_file"),\"key\":$(pem_json "$F/$key_file")"
    expect_error 400 WAF.00011003
done
create "\"name\":\"ec\",\"content\":$EC_CERT,\"key\":$EC_KEY"; expect_status 200
create "\"name\":\"pkcs1\",\"content\":$CERT,\"key\":$(pem_json "$F/leaf.pkcs1.key")"; expect_status 200
create "\"name\":\"chain3\",\"content\":$(pem_json "$F/chain3.pem"),\"key\":$KEY"; expect_status 200
create "\"name\":\"chain12\",\"content\":$(pem_json "$F/chain12.pem"),\"key\":$(pem_json "$F/chain-leaf.key")"
expect_status 200                                                                         # no layer limit documented
create "\"name\":\"expired\",\"content\":$(pem_json "$F/expired.pem"),\"key\":$KEY"; expect_status 200
EXPIRED_ID=$(jget 'j["id"]')
# verify_cert_key=false (SDK) skips the match, not the parsing
api POST "$B?verify_cert_key=false" "{\"name\":\"nomatch\",\"content\":$CERT,\"key\":$(pem_json "$F/other.key")}"; expect_status 200
api POST "$B?verify_cert_key=false" "{\"name\":\"nokey\",\"content\":$CERT,\"key\":$(pem_json "$F/garbage.bin")}"; expect_error 400 WAF.00011003
api POST "$B?verify_cert_key=maybe" "{\"name\":\"n\",\"content\":$CERT,\"key\":$KEY}"; expect_error 400 WAF.00011002
api POST "$B?enterprise_project_id=all_granted_eps" "{\"name\":\"n\",\"content\":$CERT,\"key\":$KEY}"; expect_error 400 WAF.00011002
api POST "$B?enterprise_project_id=bogus" "{\"name\":\"n\",\"content\":$CERT,\"key\":$KEY}"; expect_error 400 WAF.00011002
_curl POST "$EMU_URL$B" "" -H "X-Auth-Token: $TOKEN" -H 'Content-Type: text/plain' \
    --data-binary "{\"name\":\"n\",\"content\":$CERT,\"key\":$KEY}"
expect_error 400 WAF.00011001

# Pagination: 15 more records; every record exactly once for pagesize 1, 7 and 100,
# newest timestamp first then id; pages past the end are empty.
for i in $(seq 1 15); do create "\"name\":\"page-$i\",\"content\":$CERT,\"key\":$KEY"; expect_status 200; done
api GET "$B"; expect_status 200
expect_json 'sorted(j.keys())' "['items', 'total']"
expect_json 'len(j["items"])' 10                                                         # default pagesize
expect_json 'all("content" not in c and "key" not in c and "bind_host" not in c for c in j["items"])' True
expect_json 'all(sorted(c.keys()) == ["enterprise_project_id", "exp_status", "expire_time", "id", "name", "timestamp"] for c in j["items"])' True
TOTAL=$(jget 'j["total"]')
[ "$TOTAL" -ge 30 ] || fail "expected at least 30 certificates, got $TOTAL"
# pages SIZE — "id timestamp" of every record, page by page, one per line;
# each page must give the same total and at most SIZE items.
pages() {
    local p=1 ids
    while :; do
        api GET "$B?page=$p&pagesize=$1"; expect_status 200
        ids=$(python3 -c 'import json,sys; j=json.load(sys.stdin)
if j["total"] != int(sys.argv[2]) or len(j["items"]) > int(sys.argv[1]): sys.exit(1)
print("\n".join("%s %d" % (c["id"], c["timestamp"]) for c in j["items"]))' "$1" "$TOTAL" <<<"$out") \
            || fail "pagesize $1, page $p: total is not $TOTAL or more than $1 items"
        [ -z "$ids" ] && break
        printf '%s\n' "$ids"
        p=$((p + 1))
    done
}
pages 100 >"$TMP/all"
[ "$(wc -l <"$TMP/all")" = "$TOTAL" ] || fail "pagesize 100 does not return total=$TOTAL records"
LC_ALL=C sort -k2,2nr -k1,1 "$TMP/all" | cmp -s - "$TMP/all" || fail "not newest timestamp first, then id"
for size in 1 7 100; do
    pages "$size" >"$TMP/p$size"
    python3 -c 'import sys; a=open(sys.argv[1]).read().split("\n"); b=open(sys.argv[2]).read().split("\n")
sys.exit(not (a == b and len(set(a)) == len(a)))' "$TMP/all" "$TMP/p$size" || fail "pagesize $size: pages do not return every record exactly once"
done
api GET "$B?page=0&pagesize=7"; p0=$(jget '[c["id"] for c in j["items"]]')
api GET "$B?page=1&pagesize=7"; expect_json '[c["id"] for c in j["items"]]' "$p0"        # page 0 = page 1
api GET "$B?page=99999&pagesize=100"; expect_status 200; expect_json 'j' "{'total': $TOTAL, 'items': []}"
for q in page=-1 page=100001 page=abc pagesize=0 pagesize=101 pagesize=x 'pagesize='; do
    api GET "$B?$q"; expect_error 400 WAF.00011011
done
for q in host=maybe host=1 exp_status=3 exp_status=-1 exp_status=x query_scm=yes enterprise_project_id=nope; do
    api GET "$B?$q"; expect_error 400 WAF.00011002
done

# Filters: name is a case-sensitive substring; exp_status from notAfter; host
# splits bound from unbound and only host=true shows bind_host.
create "\"name\":\"fuzzy-Alpha-1\",\"content\":$CERT,\"key\":$KEY"; expect_status 200
create "\"name\":\"xfuzzy-alpha-2\",\"content\":$CERT,\"key\":$KEY"; expect_status 200
TOTAL=$((TOTAL + 2))
api GET "$B?name=fuzzy"; expect_json 'sorted(c["name"] for c in j["items"])' "['fuzzy-Alpha-1', 'xfuzzy-alpha-2']"; expect_json 'j["total"]' 2
api GET "$B?name=Alpha"; expect_json '[c["name"] for c in j["items"]]' "['fuzzy-Alpha-1']"
api GET "$B?name=ALPHA"; expect_json 'j["total"]' 0
api GET "$B?exp_status=1&pagesize=100"
expect_json 'all(c["exp_status"] == 1 for c in j["items"])' True
expect_json 'sorted(set(c["name"] for c in j["items"]) & {"old-campaign", "demo", "certificatename94319", "expired"})' \
    "['certificatename94319', 'demo', 'expired', 'old-campaign']"
expect_json "'$EXPIRED_ID' in [c['id'] for c in j['items']]" True
api GET "$B?exp_status=2&pagesize=100"; expect_json 'sorted(c["name"] for c in j["items"])' "['static-example-com', 'www-example-com']"
api GET "$B?exp_status=0&pagesize=100"; expect_json 'all(c["exp_status"] == 0 for c in j["items"]) and "blog-example-com" in [c["name"] for c in j["items"]]' True
api GET "$B?host=true&pagesize=100"; expect_status 200
BOUND=$(jget 'j["total"]')
[ "$BOUND" -ge 1 ] || fail "no seeded certificate is bound to a host"
expect_json 'all(len(c["bind_host"]) > 0 for c in j["items"])' True
expect_json 'all(len(h["id"]) == 32 and h["hostname"] and h["waf_type"] in ("premium", "cloud") for c in j["items"] for h in c["bind_host"])' True
BOUND_ID=$(jget 'j["items"][0]["id"]')
api GET "$B?host=false&pagesize=100"; expect_json 'j["total"]' $((TOTAL - BOUND))
expect_json 'all("bind_host" not in c for c in j["items"]) and "'"$BOUND_ID"'" not in [c["id"] for c in j["items"]]' True

# A bound certificate: show carries bind_host; delete and new content are refused; renaming is allowed.
api GET "$B/$BOUND_ID"; expect_status 200; expect_json 'len(j["bind_host"]) > 0' True
api DELETE "$B/$BOUND_ID"; expect_error 400 WAF.00022003
api PUT "$B/$BOUND_ID" "{\"name\":\"bound\",\"content\":$CERT,\"key\":$KEY}"; expect_error 400 WAF.00022003
api PUT "$B/$BOUND_ID" '{"name":"bound-renamed"}'; expect_status 200
api GET "$B/$BOUND_ID"; expect_json 'j["name"]' bound-renamed

# Enterprise projects: absent = "0"; another project's records need its id or all_granted_eps.
EPS=5c2f8b7e-1a3d-4e6f-9b0c-2d4e6f8a0b1c
api POST "$B?enterprise_project_id=$EPS" "{\"name\":\"eps-cert\",\"content\":$CERT,\"key\":$KEY}"; expect_status 200
EPS_ID=$(jget 'j["id"]')
api GET "$B?name=eps-cert"; expect_json 'j["total"]' 0
api GET "$B?name=eps-cert&enterprise_project_id=$EPS"; expect_json '[c["enterprise_project_id"] for c in j["items"]]' "['$EPS']"
api GET "$B?name=eps-cert&enterprise_project_id=all_granted_eps"; expect_json 'j["total"]' 1
api GET "$B/$EPS_ID"; expect_error 404 WAF.00022001
api GET "$B/$EPS_ID?enterprise_project_id=all_granted_eps"; expect_status 200
api DELETE "$B/$EPS_ID?enterprise_project_id=$EPS"; expect_status 200

# Auth: no token, a bad token, another project's path, AK/SK signed (and a changed byte).
_curl GET "$EMU_URL$B" ""; expect_status 401; expect_json 'j["error_code"]' APIGW.0301
TOKEN_SAVED=$TOKEN
TOKEN=bogus; api GET "$B"; expect_status 401; expect_json 'j["error_code"]' APIGW.0301
TOKEN=$TOKEN_SAVED
api GET "/v1/ffffffffffffffffffffffffffffffff/waf/certificate"; expect_status 400; expect_json 'j["error_code"]' WAF.00012002
api GET "/v1/$EMU_PROJECT/waf/certificates"; expect_status 404                            # singular only
api_aksk GET "$B?page=1&pagesize=2&name=page-1"; expect_status 200; expect_json 'len(j["items"])' 2
api_aksk POST "$B" "{\"name\":\"signed\",\"content\":$CERT,\"key\":$KEY}"; expect_status 200
SIGNED_ID=$(jget 'j["id"]')
api_aksk DELETE "$B/$SIGNED_ID"; expect_status 200
# api_aksk_tampered METHOD PATH — signs like api_aksk, then changes one byte of the signature.
api_aksk_tampered() {
    eval "_curl_signed() $(declare -f _curl | sed 1d)"
    _curl() {
        local a args=()
        for a in "$@"; do
            if [[ $a == Authorization:* ]]; then
                local sig=${a##*Signature=}
                a="${a%Signature=*}Signature=$([ "${sig:0:1}" = 0 ] && echo 1 || echo 0)${sig:1}"
            fi
            args+=("$a")
        done
        _curl_signed "${args[@]}"
    }
    api_aksk "$@"
    eval "_curl() $(declare -f _curl_signed | sed 1d)"
}
api_aksk_tampered GET "$B"; expect_status 401; expect_json 'j["error_code"]' APIGW.0301
api_aksk GET "$B/$EXPIRED_ID"; expect_status 200                                          # the real one still works

echo "waf: all checks passed"

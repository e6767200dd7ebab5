# iam-projects.sh — certdeck-emu's GET /v3/projects?name=REGION against
# api/endpoints.md: the body shape, the name filter, token and AK/SK callers,
# and the gateway's refusal of anything else.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-emu.sh"
emu_start --project cn-north-4=0a1b2c3d4e5f60718293a4b5c6d7e8f9 --project eu-de=00112233445566778899aabbccddeeff
REGION=$CERTDECK_EMU_PROJECT_NAME

api GET "/v3/projects?name=$REGION"; expect_status 200
expect_json 'len(j["projects"])' 1
expect_json 'j["projects"][0]["id"]' "$EMU_PROJECT"
expect_json 'j["projects"][0]["name"]' "$REGION"
expect_json 'sorted(j["projects"][0])' "['description', 'domain_id', 'enabled', 'id', 'is_domain', 'links', 'name', 'parent_id']"
expect_json 'sorted(j["links"])' "['next', 'previous', 'self']"
expect_json 'j["links"]["next"]' None

api GET "/v3/projects?name=eu-de"; expect_status 200
expect_json '[p["id"] for p in j["projects"]]' "['00112233445566778899aabbccddeeff']"
api GET "/v3/projects?name=no-such-region"; expect_status 200
expect_json 'j["projects"]' "[]"
api GET "/v3/projects"; expect_status 200
expect_json 'len(j["projects"])' 2

# AK/SK-signed, as the SDKs ask when no project id is configured
api_aksk GET "/v3/projects?name=$REGION"; expect_status 200
expect_json 'j["projects"][0]["id"]' "$EMU_PROJECT"
AKSK_TAMPER=1 api_aksk GET "/v3/projects?name=$REGION"; expect_status 401
expect_json 'j["error_code"]' APIGW.0301
TOKEN=not-a-token api GET "/v3/projects?name=$REGION"; expect_status 401
expect_json '"decrypt token fail" in j["error_msg"]' True
_curl GET "$EMU_URL/v3/projects?name=$REGION" ""; expect_status 401
echo "ok"

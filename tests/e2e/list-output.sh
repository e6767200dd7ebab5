# list-output.sh — `list` for people and scripts (fits 80 columns, marks and
# colours by expiry, ID column, --columns/--wide/--no-headers/--tsv), names and
# id prefixes in show/update/delete, and failures that never look like data
# (nothing on stdout when nothing was read, detail_error on WAF records whose
# show gave up, every failed request counted on stderr).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
start() {
    emu_start "$@"
    unset CERTDECK_ENDPOINT CERTDECK_CA_FILE OS_AUTH_URL
}
start --seed demo --assets "$CERTDECK_ASSETS"
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data CERTDECK_VAULT_PASSPHRASE=vault-pass
unset NO_COLOR COLUMNS
mkdir -p "$XDG_CONFIG_HOME/certdeck"
write_config() {
    cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[profile default]
region = $CERTDECK_EMU_PROJECT_NAME
project_id = $EMU_PROJECT
auth = aksk
endpoint = $EMU_URL
ca_file = $EMU_CA
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
CFG
}
write_config
C=$CERTDECK_BIN
# display width of the widest line of stdout
widest() { python3 -c 'import sys, unicodedata as u
print(max([sum(2 if u.east_asian_width(c) in "WF" else 0 if u.combining(c) else 1 for c in l.rstrip("\n")) for l in sys.stdin] or [0]))' <<<"$out"; }

# --- the table fits the terminal ---
LC_ALL=C.UTF-8 COLUMNS=80 run "$C" list; expect_rc 0
[ "$(widest)" -le 80 ] || fail "a row is wider than 80 columns"
expect_out "ID"; expect_no_out "SCOPE"
expect_out "✗"; expect_out "‼"; expect_out "·"
expect_no_out $'\033['   # not a terminal: no colour
LC_ALL=C.UTF-8 COLUMNS=50 run "$C" list; expect_rc 0
[ "$(widest)" -le 50 ] || fail "a row is wider than 50 columns"
expect_no_out " ID"
LC_ALL=C.UTF-8 COLUMNS=30 run "$C" list; expect_rc 0
[ "$(widest)" -le 30 ] || fail "a row is wider than 30 columns"
expect_out "legacy-example…"
LC_ALL=C COLUMNS=80 run "$C" list; expect_rc 0
expect_out "X   elb"; expect_out "!!  elb"; expect_no_out "✗"
# no width to fit: nothing cut, every default column
run "$C" list; expect_rc 0; expect_out "SCOPE"; expect_out "$CERTDECK_EMU_APIC_INSTANCE"; expect_no_out "…"
COLUMNS=40 run "$C" list --wide; expect_rc 0; expect_out "FINGERPRINT"; expect_no_out "…"
# colours: always, never, NO_COLOR
COLUMNS=80 run "$C" list --color=always; expect_rc 0; expect_out $'\033[1;31m'; expect_out $'\033[33m'
NO_COLOR=1 COLUMNS=80 run "$C" list --color=auto; expect_no_out $'\033['
run "$C" list --color=sometimes; expect_rc 2; expect_err "auto, always or never"
# --columns, --no-headers, --tsv
run "$C" list --columns name,id --no-headers --service elb; expect_rc 0
expect_no_out "NAME"; expect_out "legacy-example-org"
run "$C" list --columns name,colour; expect_rc 2; expect_err 'unknown column "colour"'; expect_err "common_name"
run "$C" list --tsv --columns id,name,days --service waf; expect_rc 0
[ "$(head -1 <<<"$out")" = $'id\tname\tdays' ] || fail "TSV header"
expect_out $'\told-campaign\t'
run "$C" list --json --tsv; expect_rc 2; expect_err "choose one of"
run "$C" list --json --columns id; expect_rc 2

# --- names and id prefixes wherever an id is taken ---
run "$C" list --json --service elb; id=$(python3 -c 'import json,sys; print(next(r["id"] for r in json.load(sys.stdin) if r["name"]=="legacy-example-org"))' <<<"$out")
run "$C" show elb legacy-example-org; expect_rc 0; expect_out "$id"
run "$C" show elb "${id:0:6}" --json; expect_rc 0; expect_json 'j["name"]' legacy-example-org
run "$C" show cae app-example-com; expect_rc 0; expect_out "app-example-com"
run "$C" show elb no-such-certificate; expect_rc 2; expect_err 'no elb certificate has the id, name or id prefix "no-such-certificate"'
run "$C" show elb 0123456789abcdef0123456789abcdef; expect_rc 1; expect_err "HTTP 404"
# two certificates of one name: listed with service, scope, id and expiry; nothing changed
run "$C" upload elb --name twin --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
run "$C" upload elb --name twin --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
run "$C" list --json --service elb; twins=$(python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin) if r["name"]=="twin"))' <<<"$out")
set -- $twins; first=$1 second=$2
run "$C" delete elb twin --yes; expect_rc 2; expect_err '"twin" matches 2 certificates'
expect_err "$first"; expect_err "$second"; expect_err "expires"
run "$C" show elb "$first"; expect_rc 0
run "$C" update elb "${second:0:8}" --name twin-b; expect_rc 0; expect_out "updated elb certificate $second"
run "$C" delete elb twin --yes; expect_rc 0; expect_out "deleted elb certificate $first"
run "$C" delete elb twin-b --yes; expect_rc 0; expect_out "deleted elb certificate $second"

# --- a failure never looks like data ---
emu_stop
start --seed demo --assets "$CERTDECK_ASSETS" --fault-rate 1 --faults 503
write_config
for fmt in --json --csv --tsv ""; do
    run "$C" list $fmt --service elb,waf; expect_rc 1
    [ -z "$out" ] || fail "nothing could be read, yet stdout has: $out"
    expect_err "elb: HTTP 503 APIGW.0201"; expect_err "waf: HTTP 503 APIGW.0201"
done
# WAF's list answers, most of its show requests give up (seed 10: the page on
# its second try, at most one of the next 20 answers is not a 429)
emu_stop
start --seed demo --assets "$CERTDECK_ASSETS" --fault-rate 0.85 --faults 429 --fault-seed 10
write_config
run "$C" list --json --service waf; expect_rc 1
expect_json 'len(j)' 5
expect_json 'sum(1 for r in j if "detail_error" in r) >= 3' True
expect_json 'all(r["certificate"] is None for r in j if "detail_error" in r)' True
expect_json 'sorted({(r["detail_error"]["status"], r["detail_error"]["error_code"]) for r in j if "detail_error" in r})' "[(429, 'APIGW.0308')]"
failed=$(python3 -c 'import json,sys; print(sum(1 for r in json.load(sys.stdin) if "detail_error" in r))' <<<"$out")
expect_err "waf: the details of $failed of 5 certificates could not be read: $failed with HTTP 429 APIGW.0308"
[ "$(grep -c . <<<"$err")" = 1 ] || fail "one line per service expected"
exit 0

# elb-enterprise-project.sh — ELB honours the profile's enterprise_project_id:
# a new certificate goes into that project (the create body) and the list
# shows only that project's (the filter); "all_granted_eps" lists every
# project and is never put into a create body; "0" (the default) is never
# sent on create either, where ELB refuses it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
emu_start --seed demo --assets "$CERTDECK_ASSETS"
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
C=$CERTDECK_BIN
EP=3f1c2a4e-8b5d-4c6f-9a7b-0d1e2f3a4b5c
ids() { python3 -c 'import json,sys; print(" ".join(sorted(r["id"] for r in json.load(sys.stdin))))' <<<"$out"; }

run "$C" list --service elb --json; expect_rc 0
seeded=$(ids)
[ -n "$seeded" ] || fail "the demo seed has no ELB certificates"

HW_ENTERPRISE_PROJECT_ID=$EP run "$C" upload elb --name in-project --cert "$F/leaf.pem" --key "$F/leaf.key" --quiet; expect_rc 0
id=$(tr -d '\n' <<<"$out")
run "$C" show elb "$id" --json; expect_rc 0
expect_out "\"enterprise_project_id\":\"$EP\""
# the filter: only the project's certificate
HW_ENTERPRISE_PROJECT_ID=$EP run "$C" list --service elb --json; expect_rc 0
[ "$(ids)" = "$id" ] || fail "the list in project $EP shows $(ids), not only $id"
# every project the caller may see
HW_ENTERPRISE_PROJECT_ID=all_granted_eps run "$C" list --service elb --json; expect_rc 0
[ "$(wc -w <<<"$(ids)")" = "$(( $(wc -w <<<"$seeded") + 1 ))" ] || fail "all_granted_eps does not list every project"
# the default project: the seeded ones, not the new one
HW_ENTERPRISE_PROJECT_ID=0 run "$C" list --service elb --json; expect_rc 0
[ "$(ids)" = "$seeded" ] || fail "the default project's list is not the seeded certificates"
# "0" and all_granted_eps on create: left out of the body (ELB refuses both)
for ep in 0 all_granted_eps; do
    HW_ENTERPRISE_PROJECT_ID=$ep run "$C" upload elb --name "default-$ep" --cert "$F/leaf.pem" --key "$F/leaf.key" --quiet; expect_rc 0
    run "$C" show elb "$(tr -d '\n' <<<"$out")" --json; expect_rc 0
    expect_out '"enterprise_project_id":"0"'
done
echo "ok"

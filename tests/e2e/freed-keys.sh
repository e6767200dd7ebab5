# freed-keys.sh — no freed block holds private key material after `upload`
# and `update` on all four services. certdeck runs with a preloaded free()/
# realloc() wrapper (tests/preload/freed-scan.c) that searches every block
# given back for the key's PEM header, a run of its base64, and a run of the
# base64 of its whole PEM (the form CAE sends).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../emu/lib-emu.sh"
if [ "${CERTDECK_SANITIZED:-0}" = 1 ] || [ -z "${CERTDECK_FREED_SCAN_LIB:-}" ]; then
    echo "skipped: a preloaded malloc wrapper cannot run beside the sanitizers"
    exit 0
fi
emu_start --seed demo --assets "$CERTDECK_ASSETS"
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
export CERTDECK_APIC_INSTANCES=$EMU_APIC_INSTANCE CERTDECK_CAE_ENVIRONMENTS=$EMU_CAE_ENV
C=$CERTDECK_BIN
# The same key for upload and update: one set of needles. The third is cut
# from the middle of the base64 of the PEM, which is fixed as its start is.
needles="BEGIN PRIVATE KEY,$(sed -n 6p "$F/leaf.key" | cut -c1-48),$(base64 -w0 "$F/leaf.key" | cut -c200-248)"
HITS=$TMP/hits
scanned() {
    CERTDECK_SCAN_NEEDLES=$needles CERTDECK_SCAN_HITS=$HITS LD_PRELOAD=$CERTDECK_FREED_SCAN_LIB "$@"
}
for svc in elb waf apic cae; do
    name=freed-$svc; [ "$svc" = apic ] && name=freed_apic # ROMA names take no '-'
    rm -f "$HITS"
    run scanned "$C" upload "$svc" --name "$name" --cert "$F/leaf.pem" --key "$F/leaf.key" --quiet; expect_rc 0
    id=$(tr -d '\n' <<<"$out")
    [ -n "$id" ] || fail "$svc: upload printed no id"
    [ ! -s "$HITS" ] || { cat "$HITS" >&2; fail "$svc upload: key material left in freed memory"; }
    run scanned "$C" update "$svc" "$id" --cert "$F/leaf.pem" --key "$F/leaf.key"; expect_rc 0
    [ ! -s "$HITS" ] || { cat "$HITS" >&2; fail "$svc update: key material left in freed memory"; }
    run "$C" delete "$svc" "$id" --yes; expect_rc 0
done
# the scanner itself finds what it looks for: a key file read by a tool that
# frees its buffer unwiped (cat may not; sort keeps lines on the heap)
rm -f "$HITS"
scanned sort "$F/leaf.key" >/dev/null
[ -s "$HITS" ] || fail "the scanner found nothing in a program that frees the key unwiped"
echo "ok"

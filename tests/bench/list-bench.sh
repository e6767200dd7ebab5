#!/usr/bin/env bash
# list-bench.sh [N] — `certdeck list --json` over N certificates (default
# 10,000) served by certdeck-emu on loopback, next to list_peer.py (Python
# requests + cryptography doing the same listing, decoding and JSON), in the
# same run. Both sign with the same AK/SK; the two outputs must be equal.
# Prints CPU (least and median of REPEAT runs, taken in turns), wall and peak
# memory of each, and the ratios; exits 1 when the outputs differ or the
# budget of DESIGN.md (CPU ≤ 0.5 s per 10,000 and ≥ 20× the peer) is not met.
#
#   make bench                           # or, after make: tests/bench/list-bench.sh
#   SERVICES=elb,waf,apic,cae tests/bench/list-bench.sh 10000   # a mixed set
#
# SERVICES (default elb: the budget is for PEMs in the list answer), REPEAT
# (default 7), BUILD (default build), PYTHON (default python3).
set -euo pipefail
N=${1:-10000}
SERVICES=${SERVICES:-elb}
REPEAT=${REPEAT:-7}
PYTHON=${PYTHON:-python3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
TMP=$(mktemp -d /tmp/certdeck-bench.XXXXXX)
EMU=
trap '[ -n "$EMU" ] && kill $EMU 2>/dev/null; rm -rf "$TMP"' EXIT

"$PYTHON" -c 'import requests, cryptography' 2>/dev/null ||
    { echo "list-bench: the peer needs $PYTHON with requests and cryptography (make deps)" >&2; exit 2; }

"$BUILD/certdeck-emu" --seed "$N:$SERVICES" --assets "$ROOT/assets" --print-env --ca-out "$TMP/ca.pem" \
    >"$TMP/env" 2>"$TMP/emu.log" &
EMU=$!
for _ in $(seq 1 1200); do grep -q '^export CERTDECK_EMU_URL=' "$TMP/env" 2>/dev/null && break; sleep 0.1; done
. "$TMP/env"
grep ready "$TMP/emu.log" >&2

# certdeck reads the emulator through a profile in a throw-away config; the
# AK/SK come from the SDK variables the emulator printed, as in automation
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data CERTDECK_SERVICES=$SERVICES
export CERTDECK_NOW=$(date +%s) # one "now" for both, so days_left agrees
mkdir -p "$XDG_CONFIG_HOME/certdeck"
cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[profile default]
region = $CERTDECK_EMU_PROJECT_NAME
project_id = $CERTDECK_EMU_PROJECT_ID
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
auth = aksk
endpoint = $CERTDECK_EMU_URL
ca_file = $CERTDECK_EMU_CA
services = $SERVICES
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
CFG

# the interactive path too: an IAM token kept in the vault (Argon2id unlock)
VAULT_ENV=(env -u HUAWEICLOUD_SDK_AK -u HUAWEICLOUD_SDK_SK CERTDECK_AUTH=password
           CERTDECK_VAULT_PASSPHRASE=bench CERTDECK_VAULT_CACHE=0)   # Argon2id every run, no kept key
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD "${VAULT_ENV[@]}" "$BUILD/certdeck" login >/dev/null

# the three take turns, run after run (measure.py), so noise falls on all alike
"$PYTHON" "$ROOT/tests/bench/measure.py" --repeat "$REPEAT" \
    "$TMP/certdeck.json" -- "$BUILD/certdeck" list --json ::: \
    "$TMP/peer.json" -- "$PYTHON" "$ROOT/tests/bench/list_peer.py" ::: \
    "$TMP/vault.json" -- "${VAULT_ENV[@]}" "$BUILD/certdeck" list --json >"$TMP/measured"
"$PYTHON" - "$TMP/measured" "$TMP" "$N" "$SERVICES" <<'PY'
import json, sys
c, p, v = (json.loads(line) for line in open(sys.argv[1]))
tmp, n, services = sys.argv[2], int(sys.argv[3]), sys.argv[4]
out = {k: json.load(open(f"{tmp}/{k}.json")) for k in ("certdeck", "peer", "vault")}
same = out["certdeck"] == out["peer"] == out["vault"]
for a, b in zip(out["certdeck"], out["peer"]):  # show where they part, to fix the peer or us
    if a != b:
        print("  first difference:", a["service"], a["id"],
              {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)})
        break
print(f"{n} certificates in {services}, least (median) of {c['runs']} runs")
print(f"  records                     certdeck {len(out['certdeck'])}   python {len(out['peer'])}"
      f"   outputs {'identical' if same else 'DIFFER'}")
print(f"  CPU seconds                 certdeck {c['cpu']:.3f} ({c['cpu_median']:.3f})"
      f"   python {p['cpu']:.3f} ({p['cpu_median']:.3f})   ratio {p['cpu'] / max(c['cpu'], 1e-3):.1f}x")
print(f"  wall seconds                certdeck {c['wall']:.3f} ({c['wall_median']:.3f})"
      f"   python {p['wall']:.3f} ({p['wall_median']:.3f})   ratio {p['wall'] / max(c['wall'], 1e-3):.1f}x")
print(f"  peak memory (MiB)           certdeck {c['rss_mib']:.1f}   python {p['rss_mib']:.1f}")
print(f"  certdeck with the vault     CPU {v['cpu']:.3f} ({v['cpu_median']:.3f}), wall {v['wall']:.3f}"
      f"   (token login: Argon2id unlock of the vault included)")
ok = same and c["status"] == p["status"] == v["status"] == 0 and len(out["certdeck"]) == n
budget = c["cpu"] <= 0.5 * n / 10000 and p["cpu"] / max(c["cpu"], 1e-3) >= 20
print("budget (CPU <= 0.5 s per 10,000 and >= 20x the peer):", "met" if budget else "NOT met")
sys.exit(0 if ok and budget else 1)
PY

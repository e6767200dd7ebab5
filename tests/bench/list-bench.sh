#!/usr/bin/env bash
# list-bench.sh [N] — times `certdeck list --json` over N certificates (default
# 10,000) served by certdeck-emu on loopback, next to list_peer.py (Python
# requests + cryptography doing the same listing and decoding), in the same run.
# Prints CPU, wall and peak memory of each, and the ratios. Run from the repo
# root after `make`: tests/bench/list-bench.sh
set -euo pipefail
N=${1:-10000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TMP=$(mktemp -d /tmp/certdeck-bench.XXXXXX)
trap 'kill $EMU 2>/dev/null; rm -rf "$TMP"' EXIT

"$BUILD/certdeck-emu" --seed "$N" --assets "$ROOT/assets" --print-env --ca-out "$TMP/ca.pem" \
    >"$TMP/env" 2>"$TMP/emu.log" &
EMU=$!
for _ in $(seq 1 1200); do grep -q '^export CERTDECK_EMU_URL=' "$TMP/env" 2>/dev/null && break; sleep 0.1; done
. "$TMP/env"
grep ready "$TMP/emu.log" >&2

# certdeck reads the emulator through a profile in a throw-away config and vault
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data CERTDECK_VAULT_PASSPHRASE=bench
mkdir -p "$XDG_CONFIG_HOME/certdeck"
cat >"$XDG_CONFIG_HOME/certdeck/config" <<CFG
[profile default]
region = $CERTDECK_EMU_PROJECT_NAME
project_id = $CERTDECK_EMU_PROJECT_ID
domain = $CERTDECK_EMU_DOMAIN
user = $CERTDECK_EMU_USER
auth = password
endpoint = $CERTDECK_EMU_URL
ca_file = $CERTDECK_EMU_CA
apic_instances = $CERTDECK_EMU_APIC_INSTANCE
cae_environments = $CERTDECK_EMU_CAE_ENVIRONMENT
CFG
CERTDECK_PASSWORD=$CERTDECK_EMU_PASSWORD "$BUILD/certdeck" login >/dev/null

measure() { python3 "$ROOT/tests/bench/measure.py" "$@"; }
c=$(measure "$TMP/certdeck.json" -- "$BUILD/certdeck" list --json)
p=$(measure "$TMP/peer.json" -- python3 "$ROOT/tests/bench/list_peer.py")
python3 - "$c" "$p" "$TMP/certdeck.json" "$TMP/peer.json" "$N" <<'PY'
import json, sys
c, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
nc = len(json.load(open(sys.argv[3]))); np_ = len(json.load(open(sys.argv[4])))
n = int(sys.argv[5])
print(f"certificates          certdeck {nc}   python {np_}   (seeded {n})")
print(f"CPU seconds           certdeck {c['cpu']:.3f}   python {p['cpu']:.3f}   ratio {p['cpu'] / max(c['cpu'], 1e-3):.1f}x")
print(f"wall seconds          certdeck {c['wall']:.3f}   python {p['wall']:.3f}   ratio {p['wall'] / max(c['wall'], 1e-3):.1f}x")
print(f"peak memory (MiB)     certdeck {c['rss_mib']:.1f}   python {p['rss_mib']:.1f}")
ok = c["status"] == 0 and p["status"] == 0 and nc == n and np_ == n
budget = c["cpu"] <= 0.5 * n / 10000 and p["cpu"] / max(c["cpu"], 1e-3) >= 20
print("budget (CPU <= 0.5 s per 10,000, >= 20x the peer):", "met" if budget else "NOT met")
sys.exit(0 if ok else 1)
PY

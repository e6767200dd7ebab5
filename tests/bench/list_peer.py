#!/usr/bin/env python3
"""list_peer.py — the benchmark's peer: what an admin would otherwise script.
Lists every certificate of ELB, WAF, ROMA APIC and CAE from certdeck-emu with
`requests` (token auth, each service's paging), decodes every PEM with
`cryptography`, and prints one JSON array sorted by expiry — the same work as
`certdeck list --json`. Reads the variables `certdeck-emu --print-env` prints."""
import base64
import datetime
import json
import os
import sys

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa

env = os.environ
base = env["CERTDECK_EMU_URL"]
project = env["CERTDECK_EMU_PROJECT_ID"]
session = requests.Session()
session.verify = env["CERTDECK_EMU_CA"]
# requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE win over session.verify;
# the emulator is on loopback, so the environment has nothing to add
session.trust_env = False

body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
    "name": env["CERTDECK_EMU_USER"], "password": env["CERTDECK_EMU_PASSWORD"],
    "domain": {"name": env["CERTDECK_EMU_DOMAIN"]}}}},
    "scope": {"project": {"name": env["CERTDECK_EMU_PROJECT_NAME"]}}}}
r = session.post(f"{base}/v3/auth/tokens?nocatalog=true", json=body)
r.raise_for_status()
session.headers["X-Auth-Token"] = r.headers["X-Subject-Token"]


def utc(cert, field):
    """ISO time of a validity bound (cryptography ≥ 42 names them *_utc)."""
    t = getattr(cert, field + "_utc", None) or getattr(cert, field)
    return t.replace(tzinfo=None).isoformat() + "Z"


def decode(pem):
    if not pem:
        return None
    cert = x509.load_pem_x509_certificate(pem.encode())
    key = cert.public_key()
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns = san.get_values_for_type(x509.DNSName)
        ips = [str(i) for i in san.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        dns, ips = [], []
    cn = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "common_name": cn[0].value if cn else None,
        "serial": format(cert.serial_number, "X"),
        "not_before": utc(cert, "not_valid_before"),
        "not_after": utc(cert, "not_valid_after"),
        "signature_algorithm": cert.signature_algorithm_oid._name,
        "public_key": {"algorithm": type(key).__name__,
                       "bits": key.key_size if isinstance(key, (rsa.RSAPublicKey, ec.EllipticCurvePublicKey)) else None},
        "fingerprints": {"sha1": cert.fingerprint(hashes.SHA1()).hex(),
                         "sha256": cert.fingerprint(hashes.SHA256()).hex()},
        "subject_alt_names": {"dns": dns, "ip": ips},
    }


def iso_to_epoch(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()


records = []
# ELB: marker/limit, PEM in the list, the key echoed (dropped at once)
marker = None
while True:
    params = {"limit": 2000}
    if marker:
        params["marker"] = marker
    j = session.get(f"{base}/v3/{project}/elb/certificates", params=params).json()
    for c in j["certificates"]:
        c.pop("private_key", None)
        records.append({"service": "elb", "id": c["id"], "name": c["name"],
                        "not_after": iso_to_epoch(c["expire_time"]), "certificate": decode(c["certificate"])})
    marker = j["page_info"].get("next_marker")
    if not marker or not j["certificates"]:
        break
# WAF: page/pagesize ≤ 100, no PEM in the list
page = 1
while True:
    j = session.get(f"{base}/v1/{project}/waf/certificate", params={"page": page, "pagesize": 100}).json()
    for c in j["items"]:
        records.append({"service": "waf", "id": c["id"], "name": c["name"],
                        "not_after": c["expire_time"] / 1000, "certificate": None})
    if not j["items"] or page * 100 >= j["total"]:
        break
    page += 1
# APIC: offset/limit ≤ 500 per instance, never a PEM
for instance in filter(None, [env.get("CERTDECK_EMU_APIC_INSTANCE")]):
    offset = 0
    while True:
        j = session.get(f"{base}/v2/{project}/apic/certificates",
                        params={"instance_id": instance, "offset": offset, "limit": 500}).json()
        for c in j["certs"]:
            records.append({"service": "apic", "id": c["id"], "name": c["name"],
                            "not_after": iso_to_epoch(c["not_after"][:19] + "Z"), "certificate": None})
        offset += len(j["certs"])
        if not j["certs"] or offset >= j["total"]:
            break
# CAE: one list per environment, PEM (maybe base64) in spec.crt
for envid in filter(None, [env.get("CERTDECK_EMU_CAE_ENVIRONMENT")]):
    j = session.get(f"{base}/v1/{project}/cae/certificates", headers={"X-Environment-ID": envid}).json()
    for c in j["items"]:
        spec = c.get("spec", {})
        crt = spec.get("crt", "")
        spec.pop("key", None)
        if crt and not crt.startswith("-----"):
            crt = base64.b64decode(crt).decode()
        d = decode(crt)
        records.append({"service": "cae", "id": c.get("metadata", {}).get("id", c.get("id")),
                        "name": c.get("metadata", {}).get("name", ""),
                        "not_after": d and iso_to_epoch(d["not_after"][:19] + "Z"), "certificate": d})

records.sort(key=lambda r: (r["not_after"] is None, r["not_after"] or 0))
json.dump(records, sys.stdout)
print()
print(f"{len(records)} certificates", file=sys.stderr)

#!/usr/bin/env python3
"""list_peer.py — the benchmark's peer: what an admin would otherwise script.

Lists every certificate of ELB, WAF, ROMA APIC and CAE from certdeck-emu with
`requests`, signing each request with the AK/SK (SDK-HMAC-SHA256, as the
official Python SDK does), decodes every PEM with `cryptography`, and prints
the same JSON array as `certdeck list --json`: the same records, fields and
order, so that list-bench.sh can check the two outputs are equal before it
compares their cost. Reads the variables `certdeck-emu --print-env` prints;
CERTDECK_NOW fixes "now" as it does for certdeck."""
import base64
import datetime
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.parse

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa, x448, x25519

env = os.environ
base = env["CERTDECK_EMU_URL"]
project = env["CERTDECK_EMU_PROJECT_ID"]
ak, sk = env["HUAWEICLOUD_SDK_AK"], env["HUAWEICLOUD_SDK_SK"].encode()
services = [s for s in env.get("CERTDECK_SERVICES", "elb,waf,apic,cae").split(",") if s]
now = int(env.get("CERTDECK_NOW") or time.time())

session = requests.Session()
session.verify = env["CERTDECK_EMU_CA"]
# requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE win over session.verify;
# the emulator is on loopback, so the environment has nothing to add
session.trust_env = False


def quote(s):
    return urllib.parse.quote(s, safe="-_.~")


class AkSk(requests.auth.AuthBase):
    """SDK-HMAC-SHA256 (api/auth.md §2): canonical request, string to sign, HMAC."""

    def __call__(self, r):
        url = urllib.parse.urlsplit(r.url)
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        r.headers["X-Sdk-Date"] = date
        r.headers["X-Project-Id"] = project
        uri = "/".join(quote(urllib.parse.unquote(seg)) for seg in url.path.split("/"))
        if not uri.endswith("/"):
            uri += "/"
        pairs = sorted((quote(k), quote(v)) for k, v in urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        query = "&".join(f"{k}={v}" for k, v in pairs)
        signed = {"host": url.netloc, "x-project-id": project, "x-sdk-date": date}
        names = sorted(signed)
        canonical = "\n".join([r.method, uri, query, "".join(f"{n}:{signed[n]}\n" for n in names),
                               ";".join(names), hashlib.sha256(r.body or b"").hexdigest()])
        to_sign = f"SDK-HMAC-SHA256\n{date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
        signature = hmac.new(sk, to_sign.encode(), hashlib.sha256).hexdigest()
        r.headers["Authorization"] = f"SDK-HMAC-SHA256 Access={ak}, SignedHeaders={';'.join(names)}, Signature={signature}"
        return r


session.auth = AkSk()


def get(path, **kw):
    r = session.get(base + path, **kw)
    r.raise_for_status()
    return r.json()


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if t else None


def epoch(s):
    """ISO-8601 as the APIs write it (Z, offset or none, fractions) to seconds; 0 if absent."""
    if not s:
        return 0
    d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp())


def days_left(t):
    return (t - now) // 86400


def colon_hex(b):
    return b.hex(":").upper()


CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521", "secp224r1": "P-224", "secp192r1": "P-192"}


def key_fields(key):
    if isinstance(key, rsa.RSAPublicKey):
        return {"algorithm": "RSA", "bits": key.key_size, "curve": None}
    if isinstance(key, ec.EllipticCurvePublicKey):
        return {"algorithm": "EC", "bits": key.key_size, "curve": CURVES.get(key.curve.name, key.curve.name)}
    if isinstance(key, dsa.DSAPublicKey):
        return {"algorithm": "DSA", "bits": key.key_size, "curve": None}
    for cls, name, bits in ((ed25519.Ed25519PublicKey, "Ed25519", 256), (ed448.Ed448PublicKey, "Ed448", 456),
                            (x25519.X25519PublicKey, "X25519", 253), (x448.X448PublicKey, "X448", 448)):
        if isinstance(key, cls):
            return {"algorithm": name, "bits": bits, "curve": None}
    return {"algorithm": type(key).__name__, "bits": 0, "curve": None}


def utc(cert, field):
    """A validity bound in epoch seconds (cryptography ≥ 42 names them *_utc)."""
    t = getattr(cert, field + "_utc", None) or getattr(cert, field).replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp())


def decode(pem):
    """The leaf's summary, as certdeck's `list --json` names it."""
    cert = x509.load_pem_x509_certificate(pem.encode())
    exts = cert.extensions
    try:
        san = exts.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        san = None
    try:
        ca = exts.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        ca = False
    cn = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    not_before, not_after = utc(cert, "not_valid_before"), utc(cert, "not_valid_after")
    return {
        "common_name": cn[0].value if cn else None,
        "subject": {"text": cert.subject.rfc4514_string()},
        "issuer": {"text": cert.issuer.rfc4514_string()},
        "serial": format(cert.serial_number, "X"),
        "version": cert.version.value + 1,
        "not_before": iso(not_before),
        "not_after": iso(not_after),
        "days_left": days_left(not_after),
        "expired": not_after <= now,
        "signature_algorithm": cert.signature_algorithm_oid._name,
        "public_key": key_fields(cert.public_key()),
        "fingerprints": {"sha1": colon_hex(cert.fingerprint(hashes.SHA1())),
                         "sha256": colon_hex(cert.fingerprint(hashes.SHA256()))},
        "subject_alt_names": {
            "dns": san.get_values_for_type(x509.DNSName) if san else [],
            "ip": [str(i) for i in san.get_values_for_type(x509.IPAddress)] if san else [],
            "email": san.get_values_for_type(x509.RFC822Name) if san else [],
            "uri": san.get_values_for_type(x509.UniformResourceIdentifier) if san else []},
        "basic_constraints": {"ca": ca},
    }, not_before, not_after


def record(service, id, name, *, description="", type="", common_name="", domains=(), not_before=0,
           not_after=0, fingerprint="", created=0, updated=0, scope="", issuer="", serial="",
           signature_algorithm="", extra=None, pem=None):
    cert = None
    if pem:
        cert, cert_not_before, cert_not_after = decode(pem)
        not_before = not_before or cert_not_before
        not_after = not_after or cert_not_after
        common_name = common_name or cert["common_name"] or ""
        domains = domains or cert["subject_alt_names"]["dns"]
        fingerprint = fingerprint or cert["fingerprints"]["sha1"].replace(":", "").lower()
    r = {"service": service, "id": id, "name": name, "description": description, "type": type,
         "common_name": common_name, "domains": list(domains), "not_before": iso(not_before),
         "not_after": iso(not_after), "days_left": days_left(not_after) if not_after else None,
         "fingerprint": fingerprint, "created": iso(created), "updated": iso(updated), "scope": scope,
         "extra": extra or {}, "certificate": cert, "_sort": (not_after == 0, not_after)}
    # the service's own decoded fields, when it gives them (ROMA APIC)
    r.update({k: v for k, v in (("issuer", issuer), ("serial", serial),
                                ("signature_algorithm", signature_algorithm)) if v})
    return r


def list_elb():
    """marker/limit paging, PEM in the list, the private key echoed (dropped at once)"""
    marker = None
    while True:
        params = {"limit": 2000, **({"marker": marker} if marker else {})}
        j = get(f"/v3/{project}/elb/certificates", params=params)
        for c in j["certificates"]:
            c.pop("private_key", None)
            c.pop("enc_private_key", None)
            extra = {k: c[k] for k in ("domain", "enterprise_project_id", "source", "scm_certificate_id",
                                       "protection_status") if c.get(k)}
            yield record("elb", c["id"], c["name"], description=c.get("description", ""),
                         type=c.get("type", ""), common_name=c.get("common_name", ""),
                         domains=c.get("subject_alternative_names") or [], not_after=epoch(c.get("expire_time")),
                         fingerprint=c.get("fingerprint", ""), created=epoch(c.get("created_at")),
                         updated=epoch(c.get("updated_at")), extra=extra, pem=c.get("certificate"))
        marker = j.get("page_info", {}).get("next_marker")
        if not marker or not j["certificates"]:
            break


def list_waf():
    """page/pagesize ≤ 100, no PEM in the list: each certificate's show has it"""
    page = 1
    while True:
        j = get(f"/v1/{project}/waf/certificate", params={"page": page, "pagesize": 100})
        for c in j["items"]:
            extra = {}
            if c.get("bind_host"):
                extra["bound_hosts"] = [h.get("hostname", "") for h in c["bind_host"]]
            if c.get("enterprise_project_id"):
                extra["enterprise_project_id"] = c["enterprise_project_id"]
            ts = int(c.get("timestamp", 0) / 1000)
            show = get(f"/v1/{project}/waf/certificate/{c['id']}")
            show.pop("key", None)
            yield record("waf", c["id"], c["name"], not_after=int(c.get("expire_time", 0) / 1000),
                         created=ts, updated=ts, extra=extra, pem=show.get("content"))
        if not j["items"] or page * 100 >= j["total"]:
            break
        page += 1


def list_apic():
    """offset/limit ≤ 500 per instance, the service's own decoded fields, never a PEM"""
    for instance in filter(None, [env.get("CERTDECK_EMU_APIC_INSTANCE")]):
        offset = 0
        while True:
            j = get(f"/v2/{project}/apic/certificates",
                    params={"instance_id": instance, "offset": offset, "limit": 500})
            for c in j["certs"]:
                extra = {k: c[k] for k in ("instance_id", "algorithm_type") if c.get(k)}
                extra.update({k: c[k] for k in ("organization", "organizational_unit", "country") if c.get(k)})
                inst = c.get("instance_id", "")
                yield record("apic", c["id"], c["name"], type=c.get("type", ""),
                             common_name=c.get("common_name", ""), domains=c.get("san") or [],
                             not_before=epoch(c.get("not_before")), not_after=epoch(c.get("not_after")),
                             created=epoch(c.get("create_time")), updated=epoch(c.get("update_time")),
                             scope=inst if inst != "common" else instance,
                             issuer=", ".join(c.get("issuer") or []), serial=c.get("serial_number", ""),
                             signature_algorithm=c.get("signature_algorithm", ""), extra=extra)
            offset += len(j["certs"])
            if not j["certs"] or offset >= j["total"]:
                break


def list_cae():
    """one list per environment, PEM (maybe base64) in spec.crt"""
    for envid in filter(None, [env.get("CERTDECK_EMU_CAE_ENVIRONMENT")]):
        j = get(f"/v1/{project}/cae/certificates", headers={"X-Environment-ID": envid})
        for c in j["items"]:
            spec, meta = c.get("spec", {}), c.get("metadata", {})
            spec.pop("key", None)
            crt = spec.get("crt", "")
            if crt and not crt.startswith("-----"):
                crt = base64.b64decode(crt).decode()
            created = epoch(spec.get("created_at"))
            yield record("cae", meta.get("id", ""), meta.get("name", ""), created=created, updated=created,
                         scope=envid, pem=crt or None)


ORDER = ["elb", "waf", "apic", "cae"]
records = []
for service in ORDER:
    if service in services:
        records.extend(globals()["list_" + service]())
records.sort(key=lambda r: (r["_sort"], ORDER.index(r["service"]), r["name"], r["id"]))
for r in records:
    del r["_sort"]
# one dumps call: the C encoder (json.dump to a stream takes the slow pure-Python path)
sys.stdout.write(json.dumps(records, ensure_ascii=False, separators=(",", ":")) + "\n")
print(f"{len(records)} certificates", file=sys.stderr)

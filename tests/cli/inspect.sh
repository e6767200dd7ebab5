# inspect.sh — `certdeck inspect` end to end: output, JSON, exit codes, errors.
. "$(dirname "$0")/../lib.sh"
cd "$F"

# Usage and global options
run "$CERTDECK_BIN" --version;           expect_rc 0; expect_out "certdeck "
run "$CERTDECK_BIN" help;                expect_rc 0; expect_out "inspect"
run "$CERTDECK_BIN" --frobnicate;        expect_rc 2; expect_err "unknown option --frobnicate"
run "$CERTDECK_BIN" inspect --frobnicate leaf.pem; expect_rc 2; expect_err "unknown option"
run "$CERTDECK_BIN" inspect;             expect_rc 2; expect_err "no file given"
run "$CERTDECK_BIN" inspect -w many leaf.pem; expect_rc 2; expect_err "whole number"
run "$CERTDECK_BIN" nosuchcommand;       expect_rc 2; expect_err "unknown command"

# Summary then fields, key pairing
run "$CERTDECK_BIN" inspect chain3.pem leaf.key
expect_rc 0
expect_out "www.example.com — valid until"
expect_out "3 certificates, in order, ends in a self-signed root"
expect_out "from leaf.key — matches"
expect_out "[3/3] certdeck Test Root"
expect_out "$(openssl x509 -in leaf.pem -noout -fingerprint -sha256 | cut -d= -f2)"
expect_no_out "$(sed -n 2p leaf.key)"       # the key never appears

# Wrong order: a warning with the fix; --strict turns it into exit 1
run "$CERTDECK_BIN" inspect chain3-wrong.pem;          expect_rc 0; expect_out "put the certificates in the order 2, 3, 1"
run "$CERTDECK_BIN" inspect --strict chain3-wrong.pem; expect_rc 1

# Critical findings exit 1 without --strict; --strict adds warnings
run "$CERTDECK_BIN" inspect chain3.pem --key other.key; expect_rc 1; expect_out "DOES NOT MATCH"
run "$CERTDECK_BIN" inspect expired.pem;  expect_rc 1; expect_out "EXPIRED"; expect_out "(expired 30 days ago)"
run "$CERTDECK_BIN" inspect --key leaf.pem chain3.pem; expect_rc 1; expect_out "where a private key was expected"
run "$CERTDECK_BIN" inspect --strict chain3.pem leaf.key; expect_rc 0
run "$CERTDECK_BIN" inspect nosan.pem;          expect_rc 0; expect_out "no subject alternative names"
run "$CERTDECK_BIN" inspect --strict nosan.pem; expect_rc 1
run "$CERTDECK_BIN" inspect -w 400 chain3.pem;  expect_rc 0; expect_out "days left)"

# A leaf without its issuer: chain_incomplete (a warning), not for its whole chain
run "$CERTDECK_BIN" inspect leaf.pem; expect_rc 0; expect_out "WARNING   the issuer of www.example.com (CN=certdeck Test Intermediate"
run "$CERTDECK_BIN" inspect leaf.pem --ca-file inter.pem; expect_rc 0; expect_out "no warnings"
mkdir "$TMP/store" && cp inter.pem "$TMP/store/" && openssl rehash "$TMP/store" 2>/dev/null
out=$(SSL_CERT_DIR="$TMP/store" "$CERTDECK_BIN" inspect leaf.pem); rc=$?
expect_rc 0; expect_out "no warnings" # the issuer is in the system's store
run "$CERTDECK_BIN" inspect --strict leaf.pem; expect_rc 1
run "$CERTDECK_BIN" inspect --json leaf.pem; expect_json 'j["files"][0]["findings"][0]["id"]' chain_incomplete
run "$CERTDECK_BIN" inspect chain3.pem; expect_no_out "is not among the certificates given"

# An error is printed once, on stderr
run "$CERTDECK_BIN" inspect garbage.bin; expect_rc 2; expect_err "neither PEM nor DER"; expect_no_out "neither PEM nor DER"

# Encrypted keys: passphrase from the environment or a file, never echoed
export KEYPASS="correct horse"
run "$CERTDECK_BIN" inspect leaf.pem --key enc.key --passphrase-env KEYPASS
expect_rc 0; expect_out "PKCS#8, encrypted, from enc.key — matches"
expect_no_out "correct horse"
printf 'correct horse\n' >"$TMP/pass"
run "$CERTDECK_BIN" inspect leaf.pem --key enc-legacy.key --passphrase-file "$TMP/pass"
expect_rc 0; expect_out "matches"
export BADPASS="wrong"
run "$CERTDECK_BIN" inspect leaf.pem --key enc.key --passphrase-env BADPASS </dev/null
expect_rc 2; expect_err "wrong passphrase"

# PKCS#12: certificates and key, with the passphrase from the usual sources
run "$CERTDECK_BIN" inspect leaf.p12 --passphrase-env KEYPASS </dev/null
expect_rc 0; expect_out "www.example.com — valid until"; expect_out "2 certificates, in order"
expect_out "PKCS#12, from leaf.p12 — matches"; expect_no_out "correct horse"
run "$CERTDECK_BIN" inspect leaf.p12 --passphrase-env BADPASS </dev/null
expect_rc 2; expect_err "leaf.p12: wrong passphrase for the PKCS#12 file"; expect_no_out "www.example.com"
run "$CERTDECK_BIN" inspect leaf.p12 </dev/null; expect_rc 2; expect_err "passphrase"
run "$CERTDECK_BIN" inspect leaf-nopass.p12 </dev/null; expect_rc 0; expect_out "PKCS#12, from leaf-nopass.p12 — matches"
run "$CERTDECK_BIN" inspect --json inter-only.p12; expect_rc 0
expect_json 'j["files"][0]["certificates"][0]["common_name"]' "certdeck Test Intermediate"
expect_json 'j["files"][0]["key"]' None
run "$CERTDECK_BIN" inspect --json leaf.p12 --passphrase-file "$TMP/pass"
expect_json 'j["files"][0]["key"]["format"]' pkcs12
expect_json 'j["files"][0]["key"]["encrypted"]' True
# upload reads the same file, cert and key, with no --key (--dry-run sends nothing)
run "$CERTDECK_BIN" upload elb --name p12 --cert leaf.p12 --passphrase-env KEYPASS --dry-run </dev/null
expect_rc 0; expect_out "ok: www.example.com, 2 certificates, key matches"
run "$CERTDECK_BIN" upload elb --name p12 --cert leaf.p12 --passphrase-env BADPASS --dry-run </dev/null
expect_rc 2; expect_err "wrong passphrase for the PKCS#12 file"
run "$CERTDECK_BIN" upload elb --name p12 --cert chain3.pem --dry-run </dev/null
expect_rc 2; expect_err "chain3.pem holds no private key: give it with --key FILE"

# A CSR is named as one, with what to do
run "$CERTDECK_BIN" inspect csr.pem; expect_rc 2
expect_err "csr.pem is a certificate signing request (CSR), not a certificate: have it signed by a CA, then inspect the certificate"
run "$CERTDECK_BIN" inspect --json csr.der; expect_rc 2; expect_json 'j["files"][0]["status"]' certificate_request

# Undecodable input: exit 2 with a specific message naming the file
run "$CERTDECK_BIN" inspect truncated.pem; expect_rc 2; expect_err "truncated.pem"; expect_err "END"
run "$CERTDECK_BIN" inspect badb64.pem;    expect_rc 2; expect_err "line 5"
run "$CERTDECK_BIN" inspect garbage.bin;   expect_rc 2; expect_err "neither PEM nor DER"
run "$CERTDECK_BIN" inspect empty.pem;     expect_rc 2; expect_err "empty"
run "$CERTDECK_BIN" inspect /nonexistent/x.pem; expect_rc 2; expect_err "/nonexistent/x.pem"
run "$CERTDECK_BIN" inspect dsa.key;       expect_rc 2; expect_err "DSA"
run "$CERTDECK_BIN" inspect leaf.pem garbage.bin; expect_rc 2; expect_out "www.example.com"

# --short: the summary block only; hex wraps between bytes; IDN names in
# Unicode with the ASCII form beside; colours by severity when asked
run "$CERTDECK_BIN" inspect --short chain3.pem leaf.pem
expect_rc 0; expect_out "== leaf.pem =="; expect_out "  chain     3 certificates"; expect_no_out "[1/3]"
expect_no_out "SHA-256"
sha256=$(openssl x509 -in leaf.pem -noout -fingerprint -sha256 | cut -d= -f2)
out=$(COLUMNS=60 "$CERTDECK_BIN" inspect leaf.pem); rc=$?
expect_rc 0
expect_out "    SHA-256              ${sha256:0:33}"
expect_out "                         ${sha256:33:33}"
python3 -c '
import re, sys
lines = sys.stdin.read().splitlines()
assert all(len(l) <= 60 for l in lines if l.startswith("    ")), "a field is wider than COLUMNS"
at = [i for i, l in enumerate(lines) if "SHA-256" in l][0]
parts = [l.split()[-1] for l in lines[at:at + 3]]
assert all(re.fullmatch(r"([0-9A-F]{2}:)*[0-9A-F]{2}:?", p) for p in parts), parts
assert "".join(parts) == sys.argv[1], parts' "$sha256" <<<"$out" || fail "SHA-256 not wrapped between bytes within 60 columns"
run "$CERTDECK_BIN" inspect --short utf8.pem; expect_out "names     bücher.example (xn--bcher-kva.example), example.org"
run "$CERTDECK_BIN" inspect --short idn.pem; expect_out "bücher.example (xn--bcher-kva.example) — valid until"
run "$CERTDECK_BIN" inspect --short --color=always expired.pem
expect_out $'\033[1;31mCRITICAL \033[0m'; expect_out $'\033[33mWARNING  \033[0m'
run "$CERTDECK_BIN" inspect --short --color=never expired.pem; expect_no_out $'\033['
run "$CERTDECK_BIN" inspect --short expired.pem; expect_no_out $'\033[' # not a terminal
out=$(NO_COLOR=1 script -qec "$CERTDECK_BIN inspect --short expired.pem" /dev/null </dev/null); expect_no_out $'\033['
out=$(script -qec "$CERTDECK_BIN inspect --short expired.pem" /dev/null </dev/null); expect_out $'\033[1;31m'
run "$CERTDECK_BIN" inspect --color=sometimes leaf.pem; expect_rc 2; expect_err "--color takes auto, always or never"

# DER input, stdin
run "$CERTDECK_BIN" inspect leaf.der; expect_rc 0; expect_out "www.example.com"
out=$("$CERTDECK_BIN" inspect - <leaf.pem); rc=$?; expect_rc 0; expect_out "www.example.com"

# JSON: every field, values agreeing with openssl
run "$CERTDECK_BIN" inspect --json chain3.pem leaf.key many-sans.pem utf8.pem ec384.pem ed25519.pem serial20.pem ipv6.pem
expect_rc 0
expect_json 'j["files"][0]["chain"]["layers"]' 3
expect_json 'j["files"][0]["key"]["matches"]' True
expect_json 'j["files"][0]["certificates"][0]["serial"]' "$(openssl x509 -in leaf.pem -noout -serial | cut -d= -f2)"
expect_json 'j["files"][0]["certificates"][0]["fingerprints"]["sha1"]' "$(openssl x509 -in leaf.pem -noout -fingerprint -sha1 | cut -d= -f2)"
expect_json 'j["files"][0]["certificates"][0]["extended_key_usage"]' "['serverAuth', 'clientAuth']"
expect_json 'j["files"][0]["certificates"][0]["ocsp_urls"]' "['http://ocsp.example.com']"
expect_json 'j["files"][0]["certificates"][1]["basic_constraints"]["path_len"]' 0
expect_json 'j["files"][1]["key"]["matches_certificate_in"]' chain3.pem
expect_json 'len(j["files"][2]["certificates"][0]["subject_alt_names"]["dns"])' 60
expect_json 'j["files"][2]["certificates"][0]["subject_alt_names"]["ip"]' "['192.0.2.10', '2001:db8::1']"
expect_json 'j["files"][3]["certificates"][0]["common_name"]' "Bücher Straße"
expect_json '"bücher.example" in j["files"][3]["certificates"][0]["subject_alt_names"]["dns_unicode"]' True
expect_json 'j["files"][4]["certificates"][0]["public_key"]["curve"]' P-384
expect_json 'j["files"][5]["certificates"][0]["public_key"]["algorithm"]' Ed25519
expect_json 'j["files"][6]["certificates"][0]["serial"]' 7FEEDDCCBBAA99887766554433221100FFEEDDCC
expect_json 'j["files"][7]["certificates"][0]["subject_alt_names"]["ip"]' "['2001:db8::42', '::1']"

run "$CERTDECK_BIN" inspect --json chain11.pem
expect_json 'j["files"][0]["chain"]["layers"]' 11
expect_json 'j["files"][0]["chain"]["in_order"]' True
run "$CERTDECK_BIN" inspect --json expired.pem notyet.pem nosan.pem sha1.pem rsa1024.pem
expect_json '[f["id"] for f in j["files"][0]["findings"]]' "['expired', 'chain_incomplete']"
expect_json 'j["files"][0]["certificates"][0]["days_left"]' -30
expect_json '"not_yet_valid" in [f["id"] for f in j["files"][1]["findings"]]' True
expect_json '"no_san" in [f["id"] for f in j["files"][2]["findings"]]' True
expect_json '"weak_signature" in [f["id"] for f in j["files"][3]["findings"]]' True
expect_json '"weak_key" in [f["id"] for f in j["files"][4]["findings"]]' True
run "$CERTDECK_BIN" inspect --json truncated.pem
expect_rc 2
expect_json 'j["files"][0]["status"]' truncated_pem

echo "inspect: all checks passed"

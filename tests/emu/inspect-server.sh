# inspect-server.sh — `certdeck inspect HOST:PORT` against certdeck-emu's HTTPS port:
# the chain the server sends, SNI, and verification reported as a finding.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-emu.sh"

emu_start
hostport=${EMU_URL#https://}
hostport=${hostport%%/*}
host=${hostport%:*}

# Verified against the emulator's CA: the chain decodes, no finding about trust
run "$CERTDECK_BIN" inspect "$hostport" --ca-file "$EMU_CA" </dev/null
expect_rc 0
expect_out "== $hostport =="
expect_out "the chain verifies for $host"
expect_no_out "DOES NOT VERIFY"
expect_no_out "is not among the certificates given" # issued straight by the trusted CA

# Without the CA: still shown, the failure is a critical finding (exit 1)
run "$CERTDECK_BIN" inspect "$hostport" </dev/null
expect_rc 1
expect_out "the chain DOES NOT VERIFY for $host"
expect_out "CRITICAL  the chain sent does not verify for $host"

# --servername: sent as SNI and verified, so a name the certificate lacks fails
run "$CERTDECK_BIN" inspect --json "$hostport" --ca-file "$EMU_CA" --servername not-the-emu.example </dev/null
expect_rc 1
expect_json 'j["files"][0]["server"]["servername"]' not-the-emu.example
expect_json 'j["files"][0]["server"]["verified"]' False
expect_json '"chain_not_trusted" in [f["id"] for f in j["files"][0]["findings"]]' True
expect_json 'j["files"][0]["certificates"][0]["fingerprints"]["sha256"]' \
    "$(openssl s_client -connect "$hostport" -servername "$host" </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2)"

# Nothing listening: a clear error on stderr, exit 2
emu_stop
run "$CERTDECK_BIN" inspect "$hostport" </dev/null
expect_rc 2; expect_err "$hostport: cannot connect"

/* tls-peer.h — connects to a TLS server and takes the certificate chain it
 * sends, with the verdict of verifying it (reported, never a reason to stop). */
#ifndef CD_NET_TLS_PEER_H
#define CD_NET_TLS_PEER_H

#include <stdbool.h>

#include "../core/status.h"

struct tls_peer {
    char *chain_pem;           /* the certificates as sent (leaf first), PEM */
    bool verified;             /* the chain verifies against the CA store and names the host */
    char verify_error[200];    /* why not (OpenSSL's reason), "" when verified */
    char protocol[16];         /* "TLSv1.3"… */
    char cipher[64];
};

/* Splits "HOST:PORT" or "[V6]:PORT" into host and port (buffers of 256 and
 * 8 bytes); false when target has no such form. */
bool tls_peer_parse_target(const char *target, char host[256], char port[8]);

/* Connects to host:port (10 s to connect, 10 s for the handshake), sends SNI
 * servername (NULL: host, unless host is an address), and verifies against
 * ca_file (NULL: the system's CA store) and that name. Errors: CD_ERR_HTTP
 * (no connection, no TLS answer), naming host and port. */
cd_status tls_peer_fetch(const char *host, const char *port, const char *servername,
                         const char *ca_file, struct tls_peer *out, struct cd_error *err);
void tls_peer_free(struct tls_peer *peer);

#endif

/* bundle.h — what one file holds: certificates, a private key, or both.
 * Front ends (inspect, the upload wizard) load files through this and then
 * pair keys with certificates and run x509_check. */
#ifndef CD_X509_BUNDLE_H
#define CD_X509_BUNDLE_H

#include <stdbool.h>

#include "../core/status.h"
#include "cert.h"
#include "chain.h"
#include "findings.h"
#include "key.h"

/* What the caller expects the file to hold; a mismatch becomes a finding. */
enum x509_expect { X509_EXPECT_ANY, X509_EXPECT_CERT, X509_EXPECT_KEY };

#define X509_FILE_MAX (4u << 20) /* no certificate or key file is bigger */

struct x509_bundle {
    char *path;
    cd_status status;          /* CD_OK when the file decoded */
    struct cd_error err;
    struct x509_certs certs;   /* count 0 when it holds only a key */
    struct x509_chain chain;
    struct x509_key *key;      /* NULL when it holds none */
    struct x509_findings findings;
};

/* Reads and decodes path ("-" = stdin). Never fails outright: status/err say
 * what went wrong. Key bytes read from the file are wiped. */
void x509_bundle_load(const char *path, enum x509_expect expect, x509_passphrase_fn passphrase,
                      void *ud, struct x509_bundle *out);
/* The same for bytes in memory; origin names them in messages. */
void x509_bundle_from_mem(const char *data, size_t len, const char *origin,
                          enum x509_expect expect, x509_passphrase_fn passphrase, void *ud,
                          struct x509_bundle *out);
void x509_bundle_free(struct x509_bundle *b);

#endif

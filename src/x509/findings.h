/* findings.h — what an admin wants called out about certificates and keys. */
#ifndef CD_X509_FINDINGS_H
#define CD_X509_FINDINGS_H

#include <stddef.h>
#include <stdint.h>

#include "chain.h"
#include "cert.h"
#include "key.h"

enum x509_severity { X509_SEV_INFO, X509_SEV_WARNING, X509_SEV_CRITICAL };

/* One row per finding: enum, stable name (JSON), severity. */
#define X509_FINDING_LIST(X)                                              \
    X(X509_FIND_EXPIRED, "expired", X509_SEV_CRITICAL)                     \
    X(X509_FIND_EXPIRING, "expiring", X509_SEV_WARNING)                    \
    X(X509_FIND_NOT_YET_VALID, "not_yet_valid", X509_SEV_WARNING)          \
    X(X509_FIND_WEAK_SIGNATURE, "weak_signature", X509_SEV_WARNING)        \
    X(X509_FIND_WEAK_KEY, "weak_key", X509_SEV_WARNING)                    \
    X(X509_FIND_NO_SAN, "no_san", X509_SEV_WARNING)                        \
    X(X509_FIND_KEY_MISMATCH, "key_mismatch", X509_SEV_CRITICAL)           \
    X(X509_FIND_CHAIN_ORDER, "chain_out_of_order", X509_SEV_WARNING)       \
    X(X509_FIND_CHAIN_BROKEN, "chain_broken", X509_SEV_WARNING)            \
    X(X509_FIND_CHAIN_INCOMPLETE, "chain_incomplete", X509_SEV_WARNING)    \
    X(X509_FIND_NOT_TRUSTED, "chain_not_trusted", X509_SEV_CRITICAL)       \
    X(X509_FIND_KEY_AS_CERT, "key_where_cert_expected", X509_SEV_CRITICAL) \
    X(X509_FIND_CERT_AS_KEY, "cert_where_key_expected", X509_SEV_CRITICAL)

enum x509_finding_id {
#define X509_FINDING_ENUM(id, name, sev) id,
    X509_FINDING_LIST(X509_FINDING_ENUM)
#undef X509_FINDING_ENUM
    X509_FINDING_COUNT
};

struct x509_finding {
    enum x509_finding_id id;
    enum x509_severity severity;
    size_t cert;            /* index of the certificate concerned, SIZE_MAX for the file */
    char message[256];      /* a sentence for people */
};

struct x509_findings {
    struct x509_finding *items;
    size_t count;
};

struct x509_check_opts {
    int64_t now;            /* cd_now() */
    int warn_days;          /* "expiring" when fewer days than this are left */
};

/* Checks every certificate (expiry, signature hash, key size, SAN), the chain
 * (order, links) and, when key is not NULL, that it matches certs[0] — or the
 * leaf of the suggested order when the chain is out of order. */
void x509_check(const struct x509_certs *certs, const struct x509_chain *chain,
                const struct x509_key *key, const struct x509_check_opts *opts,
                struct x509_findings *out);
/* The same, with the trusted CAs of ca_file (NULL: the system's store)
 * deciding whether a leaf's missing issuer is a CA clients already have. */
void x509_check_trusting(const struct x509_certs *certs, const struct x509_chain *chain,
                         const struct x509_key *key, const struct x509_check_opts *opts,
                         const char *ca_file, struct x509_findings *out);

void x509_findings_add(struct x509_findings *f, enum x509_finding_id id, size_t cert,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void x509_findings_free(struct x509_findings *f);
/* The highest severity present, X509_SEV_INFO when none. */
enum x509_severity x509_findings_worst(const struct x509_findings *f);

const char *x509_finding_name(enum x509_finding_id id);
const char *x509_severity_name(enum x509_severity sev);

#endif

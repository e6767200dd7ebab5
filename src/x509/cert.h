/* cert.h — one decoded X.509 certificate and the list of them found in a file. */
#ifndef CD_X509_CERT_H
#define CD_X509_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/status.h"
#include "../core/strlist.h"

struct x509_st; /* OpenSSL's X509 */

struct x509_name_attr {
    char *key;      /* short name ("CN", "O", "emailAddress") or dotted OID */
    char *value;    /* UTF-8 */
};

struct x509_name {
    char *text;                   /* one line, RFC 4514 (most specific first), UTF-8 */
    struct x509_name_attr *attrs; /* in certificate (DER) order */
    size_t count;
};

/* One row per SAN type: enum, JSON key, label shown to people. */
#define X509_SAN_KIND_LIST(X)              \
    X(X509_SAN_DNS, "dns", "DNS")          \
    X(X509_SAN_IP, "ip", "IP")             \
    X(X509_SAN_EMAIL, "email", "email")    \
    X(X509_SAN_URI, "uri", "URI")          \
    X(X509_SAN_OTHER, "other", "other")

enum x509_san_kind {
#define X509_SAN_ENUM(id, json, label) id,
    X509_SAN_KIND_LIST(X509_SAN_ENUM)
#undef X509_SAN_ENUM
    X509_SAN_KIND_COUNT
};

struct x509_san {
    enum x509_san_kind kind;
    char *value;      /* as in the certificate; IPs in their usual text form */
    char *unicode;    /* DNS names with xn-- labels, decoded; NULL otherwise */
};

struct x509_cert {
    struct x509_st *x509;         /* owned OpenSSL handle, for chain/key checks */
    size_t position;              /* 0-based place in its file */
    size_t line;                  /* PEM line of BEGIN, 0 for DER */

    int version;                  /* 1, 2 or 3 */
    char *serial_hex;             /* upper-case hex, as `openssl x509 -serial` */
    struct x509_name subject;
    struct x509_name issuer;
    int64_t not_before;           /* UTC seconds */
    int64_t not_after;
    char *signature_algorithm;    /* OpenSSL long name, "sha256WithRSAEncryption" */
    char *signature_hash;         /* "SHA256", "SHA1", "MD5"…; "" when intrinsic (Ed25519) */
    char *key_algorithm;          /* "RSA", "EC", "Ed25519", "Ed448", "DSA"… */
    int key_bits;
    char *key_curve;              /* "P-256"… for EC, else NULL */
    char sha1[60];                /* "AB:CD:…", as `openssl x509 -fingerprint` */
    char sha256[96];

    bool has_san;                 /* the extension is present */
    struct x509_san *sans;
    size_t san_count;
    struct strlist key_usage;     /* "digitalSignature", "keyEncipherment"… */
    bool key_usage_critical;
    struct strlist ext_key_usage; /* "serverAuth"… or dotted OIDs */
    bool has_basic_constraints;
    bool is_ca;
    long path_len;                /* -1 when unlimited or absent */
    char *subject_key_id;         /* "AB:CD:…" or NULL */
    char *authority_key_id;
    struct strlist ocsp_urls;
    struct strlist ca_issuer_urls;
    struct strlist crl_urls;
    struct strlist policies;      /* dotted OIDs */

    bool self_issued;             /* subject equals issuer */
    bool self_signed;             /* … and its own key verifies its signature */
};

struct x509_certs {
    struct x509_cert *items;
    size_t count;
};

/* Decodes every certificate in data: PEM (one or many blocks) or DER.
 * origin names the source in errors (a path). Specific errors:
 * CD_ERR_EMPTY, CD_ERR_NOT_PEM_OR_DER, CD_ERR_TRUNCATED_PEM, CD_ERR_BAD_BASE64,
 * CD_ERR_BAD_DER, CD_ERR_KEY_NOT_CERT (the data is a private key). */
cd_status x509_certs_from_mem(const char *data, size_t len, const char *origin,
                              struct x509_certs *out, struct cd_error *err);
void x509_certs_free(struct x509_certs *certs);

/* Decodes one certificate from DER; fills position/line from the caller. */
cd_status x509_cert_from_der(const unsigned char *der, size_t len, struct x509_cert *out,
                             struct cd_error *err);
void x509_cert_free(struct x509_cert *cert);

/* The first CN of the subject, or NULL (borrowed). */
const char *x509_cert_common_name(const struct x509_cert *cert);
/* Whether `issuer` issued `cert`: names match and the signature verifies. */
bool x509_cert_issued_by(const struct x509_cert *cert, const struct x509_cert *issuer);

const char *x509_san_kind_json(enum x509_san_kind kind);
const char *x509_san_kind_label(enum x509_san_kind kind);

#endif

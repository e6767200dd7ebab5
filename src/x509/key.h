/* key.h — private keys: decode (plain or encrypted), describe, match to a certificate.
 * The key material itself never leaves this module: callers get a handle and
 * a description (type, size, format), and every buffer that held it is wiped. */
#ifndef CD_X509_KEY_H
#define CD_X509_KEY_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/status.h"
#include "cert.h"

/* One row per container format: enum, stable name (JSON), label. */
#define X509_KEY_FORMAT_LIST(X)                                                   \
    X(X509_KEY_PKCS8, "pkcs8", "PKCS#8")                                          \
    X(X509_KEY_PKCS8_ENCRYPTED, "pkcs8-encrypted", "PKCS#8, encrypted")           \
    X(X509_KEY_PKCS1, "pkcs1", "PKCS#1 (RSA)")                                    \
    X(X509_KEY_SEC1, "sec1", "SEC1 (EC)")                                         \
    X(X509_KEY_LEGACY_ENCRYPTED, "legacy-encrypted", "traditional PEM, encrypted") \
    X(X509_KEY_DER, "der", "DER")                                                 \
    X(X509_KEY_PKCS12, "pkcs12", "PKCS#12")

enum x509_key_format {
#define X509_KEY_FORMAT_ENUM(id, json, label) id,
    X509_KEY_FORMAT_LIST(X509_KEY_FORMAT_ENUM)
#undef X509_KEY_FORMAT_ENUM
    X509_KEY_FORMAT_COUNT
};

/* What may be shown about a key: never its content. */
struct x509_key_info {
    char algorithm[16];           /* "RSA", "EC", "Ed25519" */
    int bits;
    char curve[16];               /* "P-256"…, "" when not EC */
    enum x509_key_format format;
    bool encrypted;               /* it needed a passphrase */
    size_t line;                  /* PEM line of BEGIN, 0 for DER */
};

struct x509_key;

/* Asks for the passphrase of the key in `origin`: writes it NUL-terminated
 * into buf (size bytes) and returns its length, or -1 when none can be had.
 * The caller of x509_key_from_mem wipes buf afterwards. */
typedef int (*x509_passphrase_fn)(char *buf, size_t size, const char *origin, void *ud);

/* Decodes the first private key in data (PEM or DER): PKCS#8 plain or
 * encrypted, PKCS#1 RSA, SEC1 EC, Ed25519, traditional encrypted PEM.
 * Specific errors: CD_ERR_EMPTY, CD_ERR_NOT_PEM_OR_DER, CD_ERR_TRUNCATED_PEM,
 * CD_ERR_BAD_BASE64, CD_ERR_CERT_NOT_KEY (a certificate where a key belongs),
 * CD_ERR_NO_KEY, CD_ERR_NEED_PASSPHRASE, CD_ERR_BAD_PASSPHRASE,
 * CD_ERR_UNSUPPORTED_KEY (DSA, X25519, unknown algorithms), CD_ERR_BAD_DER.
 * passphrase may be NULL (encrypted keys then fail with NEED_PASSPHRASE). */
cd_status x509_key_from_mem(const char *data, size_t len, const char *origin,
                            x509_passphrase_fn passphrase, void *ud, struct x509_key **out,
                            struct cd_error *err);
void x509_key_free(struct x509_key *key);

const struct x509_key_info *x509_key_info(const struct x509_key *key);
/* True when the key is the private half of the certificate's public key. */
bool x509_key_matches_cert(const struct x509_key *key, const struct x509_cert *cert);
/* The OpenSSL EVP_PKEY, for the emulator's TLS setup and signing (borrowed). */
void *x509_key_evp(const struct x509_key *key);

const char *x509_key_format_json(enum x509_key_format format);
const char *x509_key_format_label(enum x509_key_format format);

#endif

/* certgen.h — makes certificates for the emulator's seeds: a CA and leaves
 * signed by it, with chosen names and dates. */
#ifndef CD_EMU_CERTGEN_H
#define CD_EMU_CERTGEN_H

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stddef.h>
#include <stdint.h>

struct certgen_ca {
    EVP_PKEY *key;
    X509 *cert;
    char *pem;
    X509_EXTENSION *leaf_ext[4];  /* the extensions every leaf gets, built once */
};

/* A self-signed CA (EC P-256) valid for 20 years; NULL pem on failure. */
void certgen_ca_new(const char *cn, struct certgen_ca *ca);
/* An intermediate CA signed by parent. */
void certgen_ca_sub(const struct certgen_ca *parent, const char *cn, struct certgen_ca *ca);
void certgen_ca_free(struct certgen_ca *ca);

/* A server certificate for key, signed by ca, as PEM (new string). */
char *certgen_leaf(const struct certgen_ca *ca, EVP_PKEY *key, const char *cn,
                   const char *const *sans, size_t san_count, int64_t not_before,
                   int64_t not_after, uint64_t serial);
/* "RSA2048", "EC256", "EC384" → a new key. */
EVP_PKEY *certgen_key(const char *kind);
char *certgen_key_pem(EVP_PKEY *key);

#endif

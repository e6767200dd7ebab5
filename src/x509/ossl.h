/* ossl.h — small OpenSSL helpers shared inside src/x509 (not a public API). */
#ifndef CD_X509_OSSL_H
#define CD_X509_OSSL_H

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/x509.h>
#include <stddef.h>

#include "cert.h"
#include "key.h"

/* Colon-separated upper-case hex ("AB:CD:01"), new string. */
char *hex_colon(const unsigned char *data, size_t len);
/* Drains a memory BIO into a new NUL-terminated string and frees the BIO. */
char *bio_take_string(BIO *bio);
/* Text of an OID: short name when OpenSSL knows it, else dotted form. */
char *oid_text(const ASN1_OBJECT *obj, int prefer_dotted);
/* The most recent OpenSSL error as text ("" when none); clears the queue. */
const char *ossl_last_error(char *buf, size_t size);

/* Algorithm ("RSA", "EC", "Ed25519"…), size in bits and NIST curve name
 * ("P-256", NULL when not EC) of a key; new strings. */
void pkey_describe(const EVP_PKEY *pk, char **algorithm, int *bits, char **curve);

/* key.c: wraps a decoded key (taking pk, freed on error) after checking its
 * type is one TLS certificates use; info gives format, encrypted and line. */
struct x509_key;
cd_status x509_key_adopt(EVP_PKEY *pk, const struct x509_key_info *info, const char *origin,
                         struct x509_key **out, struct cd_error *err);

/* name.c */
void x509_name_decode(const X509_NAME *name, struct x509_name *out);
void x509_name_free(struct x509_name *name);

/* ext.c: fills SANs, key usages, constraints, key ids, AIA, CRL DP, policies. */
void x509_ext_decode(X509 *x, struct x509_cert *out);
void x509_ext_free(struct x509_cert *cert);

#endif

/* certgen.c — X.509 certificate construction with OpenSSL, for seeding. */
#include "certgen.h"

#include <arpa/inet.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>

#include "../core/xalloc.h"
#include "../x509/ossl.h"

EVP_PKEY *certgen_key(const char *kind)
{
    if (strcmp(kind, "RSA2048") == 0)
        return EVP_RSA_gen(2048);
    if (strcmp(kind, "EC384") == 0)
        return EVP_EC_gen("P-384");
    return EVP_EC_gen("P-256");
}

char *certgen_key_pem(EVP_PKEY *key)
{
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(b, key, NULL, NULL, 0, NULL, NULL);
    return bio_take_string(b);
}

static void set_time(ASN1_TIME *t, int64_t when)
{
    ASN1_TIME_set(t, (time_t)when);
}

static void add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    if (ext) {
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
    }
}

static X509 *base_cert(const char *org, const char *cn, EVP_PKEY *key, int64_t nb, int64_t na,
                       uint64_t serial)
{
    X509 *x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(x), serial);
    set_time(X509_getm_notBefore(x), nb);
    set_time(X509_getm_notAfter(x), na);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, (const unsigned char *)"DE", -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, (const unsigned char *)org, -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
    X509_set_pubkey(x, key);
    return x;
}

static char *cert_pem(X509 *x)
{
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(b, x);
    return bio_take_string(b);
}

static void make_ca(const struct certgen_ca *parent, const char *cn, struct certgen_ca *ca)
{
    memset(ca, 0, sizeof(*ca));
    ca->key = EVP_EC_gen("P-256");
    int64_t now = (int64_t)time(NULL);
    ca->cert = base_cert("certdeck demo", cn, ca->key, now - 86400 * 400, now + 86400LL * 7300,
                         (uint64_t)now ^ 0x5eed);
    X509 *issuer = parent ? parent->cert : ca->cert;
    X509_set_issuer_name(ca->cert, X509_get_subject_name(issuer));
    add_ext(ca->cert, issuer, NID_basic_constraints, parent ? "critical,CA:TRUE,pathlen:0" : "critical,CA:TRUE");
    add_ext(ca->cert, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_ext(ca->cert, issuer, NID_subject_key_identifier, "hash");
    if (parent)
        add_ext(ca->cert, issuer, NID_authority_key_identifier, "keyid");
    X509_sign(ca->cert, parent ? parent->key : ca->key, EVP_sha256());
    ca->pem = cert_pem(ca->cert);
    /* parsing extension text per certificate is slow; a seed of 100,000 reuses these */
    static const struct {
        int nid;
        const char *value;
    } leaf_exts[4] = {
        {NID_basic_constraints, "CA:FALSE"},
        {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
        {NID_ext_key_usage, "serverAuth"},
        {NID_authority_key_identifier, "keyid"},
    };
    for (int i = 0; i < 4; i++) {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, ca->cert, NULL, NULL, NULL, 0);
        ca->leaf_ext[i] = X509V3_EXT_conf_nid(NULL, &ctx, leaf_exts[i].nid, leaf_exts[i].value);
    }
}

void certgen_ca_new(const char *cn, struct certgen_ca *ca) { make_ca(NULL, cn, ca); }

void certgen_ca_sub(const struct certgen_ca *parent, const char *cn, struct certgen_ca *ca)
{
    make_ca(parent, cn, ca);
}

void certgen_ca_free(struct certgen_ca *ca)
{
    for (int i = 0; i < 4; i++)
        X509_EXTENSION_free(ca->leaf_ext[i]);
    EVP_PKEY_free(ca->key);
    X509_free(ca->cert);
    free(ca->pem);
    memset(ca, 0, sizeof(*ca));
}

char *certgen_leaf(const struct certgen_ca *ca, EVP_PKEY *key, const char *cn,
                   const char *const *sans, size_t san_count, int64_t not_before,
                   int64_t not_after, uint64_t serial)
{
    X509 *x = base_cert("certdeck demo", cn, key, not_before, not_after, serial);
    X509_set_issuer_name(x, X509_get_subject_name(ca->cert));
    GENERAL_NAMES *names = GENERAL_NAMES_new();
    for (size_t i = 0; i < san_count; i++) {
        GENERAL_NAME *gn = GENERAL_NAME_new();
        unsigned char ip[16];
        if (inet_pton(AF_INET, sans[i], ip) == 1 || inet_pton(AF_INET6, sans[i], ip) == 1) {
            ASN1_OCTET_STRING *o = ASN1_OCTET_STRING_new();
            ASN1_OCTET_STRING_set(o, ip, strchr(sans[i], ':') ? 16 : 4);
            GENERAL_NAME_set0_value(gn, GEN_IPADD, o);
        } else {
            ASN1_IA5STRING *s = ASN1_IA5STRING_new();
            ASN1_STRING_set(s, sans[i], -1);
            GENERAL_NAME_set0_value(gn, GEN_DNS, s);
        }
        sk_GENERAL_NAME_push(names, gn);
    }
    if (san_count)
        X509_add1_ext_i2d(x, NID_subject_alt_name, names, 0, X509V3_ADD_DEFAULT);
    GENERAL_NAMES_free(names);
    for (int i = 0; i < 4; i++)
        if (ca->leaf_ext[i])
            X509_add_ext(x, ca->leaf_ext[i], -1);
    X509_sign(x, ca->key, EVP_sha256());
    char *pem = cert_pem(x);
    X509_free(x);
    return pem;
}

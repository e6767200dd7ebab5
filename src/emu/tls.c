/* tls.c — a throw-away CA and a server certificate for 127.0.0.1 and localhost,
 * so that clients verify the emulator's TLS instead of switching checks off. */
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "../x509/ossl.h"
#include "emu-internal.h"

static EVP_PKEY *new_ec_key(void)
{
    return EVP_EC_gen("P-256");
}

static bool add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    if (!ext)
        return false;
    bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

static X509 *new_cert(const char *cn, EVP_PKEY *key, long days)
{
    X509 *x = X509_new();
    X509_set_version(x, 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof(serial));
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof(serial), NULL);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), days * 86400);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, (const unsigned char *)"certdeck-emu", -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
    X509_set_pubkey(x, key);
    return x;
}

static char *pem_of_cert(X509 *x)
{
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(b, x);
    return bio_take_string(b);
}

static char *pem_of_key(EVP_PKEY *k)
{
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
    return bio_take_string(b);
}

cd_status emu_tls_generate(char **ca_pem, char **cert_pem, char **key_pem, struct cd_error *err)
{
    EVP_PKEY *ca_key = new_ec_key(), *key = new_ec_key();
    X509 *ca = NULL, *srv = NULL;
    cd_status rc = CD_OK;
    if (!ca_key || !key) {
        rc = cd_error_set(err, CD_ERR_CRYPTO, "cannot generate keys for the emulator's TLS");
        goto out;
    }
    ca = new_cert("certdeck-emu local CA", ca_key, 3650);
    X509_set_issuer_name(ca, X509_get_subject_name(ca));
    srv = new_cert("127.0.0.1", key, 825);
    X509_set_issuer_name(srv, X509_get_subject_name(ca));
    bool ok = add_ext(ca, ca, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
              add_ext(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign") &&
              add_ext(ca, ca, NID_subject_key_identifier, "hash") &&
              X509_sign(ca, ca_key, EVP_sha256()) > 0 &&
              add_ext(srv, ca, NID_basic_constraints, "CA:FALSE") &&
              add_ext(srv, ca, NID_key_usage, "critical,digitalSignature") &&
              add_ext(srv, ca, NID_ext_key_usage, "serverAuth") &&
              add_ext(srv, ca, NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost") &&
              add_ext(srv, ca, NID_authority_key_identifier, "keyid") &&
              X509_sign(srv, ca_key, EVP_sha256()) > 0;
    if (!ok) {
        rc = cd_error_set(err, CD_ERR_CRYPTO, "cannot sign the emulator's TLS certificates");
        goto out;
    }
    *ca_pem = pem_of_cert(ca);
    *cert_pem = pem_of_cert(srv);
    *key_pem = pem_of_key(key);
out:
    X509_free(ca);
    X509_free(srv);
    EVP_PKEY_free(ca_key);
    EVP_PKEY_free(key);
    return rc;
}

/* pkcs12.c — opens PKCS#12 files with OpenSSL's PKCS12 API and recognises CSRs. */
#include "pkcs12.h"

#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "ossl.h"
#include "pem.h"

#define PASS_MAX 1024

static PKCS12 *decode(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    PKCS12 *p12 = d2i_PKCS12(NULL, &p, (long)len);
    if (p12 && p != (const unsigned char *)data + len) { /* trailing bytes: something else */
        PKCS12_free(p12);
        return NULL;
    }
    return p12;
}

bool x509_is_pkcs12(const char *data, size_t len)
{
    if (len == 0 || pem_present(data, len))
        return false;
    PKCS12 *p12 = decode(data, len);
    PKCS12_free(p12);
    return p12 != NULL;
}

static bool opens_with(PKCS12 *p12, const char *pass)
{
    if (PKCS12_mac_present(p12))
        return PKCS12_verify_mac(p12, pass, pass ? -1 : 0) == 1;
    EVP_PKEY *pk = NULL;
    X509 *cert = NULL;
    STACK_OF(X509) *ca = NULL;
    int ok = PKCS12_parse(p12, pass, &pk, &cert, &ca);
    EVP_PKEY_free(pk);
    X509_free(cert);
    sk_X509_pop_free(ca, X509_free);
    return ok == 1;
}

/* Tries no password (exported with -passout pass: or -nodes), then asks once. */
static cd_status unlock(PKCS12 *p12, const char *origin, x509_passphrase_fn fn, void *ud,
                        char pass[PASS_MAX], const char **use, struct cd_error *err)
{
    if (opens_with(p12, "")) {
        *use = "";
        return CD_OK;
    }
    if (opens_with(p12, NULL)) {
        *use = NULL;
        return CD_OK;
    }
    int n = fn ? fn(pass, PASS_MAX, origin, ud) : -1;
    if (n < 0 || n >= PASS_MAX)
        return cd_error_set(err, CD_ERR_NEED_PASSPHRASE,
                            "%s: the PKCS#12 file is protected and no passphrase was given", origin);
    pass[n] = '\0';
    if (!opens_with(p12, pass))
        return cd_error_set(err, CD_ERR_BAD_PASSPHRASE,
                            "%s: wrong passphrase for the PKCS#12 file", origin);
    *use = pass;
    return CD_OK;
}

static cd_status add_cert(X509 *x, const char *origin, struct x509_certs *certs,
                          struct cd_error *err)
{
    unsigned char *der = NULL;
    int len = i2d_X509(x, &der);
    if (len <= 0)
        return cd_error_set(err, CD_ERR_BAD_DER, "%s: a certificate in the PKCS#12 file does "
                            "not encode", origin);
    certs->items = xreallocarray(certs->items, certs->count + 1, sizeof(*certs->items));
    struct x509_cert *c = &certs->items[certs->count];
    memset(c, 0, sizeof(*c));
    c->position = certs->count;
    cd_status rc = x509_cert_from_der(der, (size_t)len, c, err);
    OPENSSL_free(der);
    if (rc == CD_OK)
        certs->count++;
    return rc;
}

cd_status x509_pkcs12_read(const char *data, size_t len, const char *origin,
                           x509_passphrase_fn passphrase, void *ud, struct x509_certs *certs,
                           struct x509_key **key, struct cd_error *err)
{
    memset(certs, 0, sizeof(*certs));
    *key = NULL;
    PKCS12 *p12 = decode(data, len);
    if (!p12)
        return cd_error_set(err, CD_ERR_BAD_DER, "%s is not a PKCS#12 file", origin);
    char pass[PASS_MAX];
    const char *use = NULL;
    EVP_PKEY *pk = NULL;
    X509 *leaf = NULL;
    STACK_OF(X509) *ca = NULL;
    cd_status rc = unlock(p12, origin, passphrase, ud, pass, &use, err);
    if (rc == CD_OK && PKCS12_parse(p12, use, &pk, &leaf, &ca) != 1)
        rc = cd_error_set(err, CD_ERR_BAD_DER, "%s: the PKCS#12 file does not decode", origin);
    bool encrypted = use && *use;
    wipe(pass, sizeof(pass));
    PKCS12_free(p12);
    if (rc == CD_OK && leaf)
        rc = add_cert(leaf, origin, certs, err);
    for (int i = 0; rc == CD_OK && i < sk_X509_num(ca); i++)
        rc = add_cert(sk_X509_value(ca, i), origin, certs, err);
    if (rc == CD_OK && certs->count == 0)
        rc = cd_error_set(err, CD_ERR_NO_CERT, "%s: the PKCS#12 file holds no certificate", origin);
    X509_free(leaf);
    sk_X509_pop_free(ca, X509_free);
    if (rc == CD_OK && pk) {
        struct x509_key_info info = {.format = X509_KEY_PKCS12, .encrypted = encrypted};
        rc = x509_key_adopt(pk, &info, origin, key, err); /* takes pk */
        pk = NULL;
    }
    EVP_PKEY_free(pk);
    if (rc != CD_OK)
        x509_certs_free(certs);
    return rc;
}

bool x509_is_csr(const char *data, size_t len)
{
    if (pem_present(data, len)) {
        static const char marker[] = "CERTIFICATE REQUEST-----";
        size_t m = sizeof(marker) - 1;
        for (size_t i = 0; i + m <= len; i++)
            if (memcmp(data + i, marker, m) == 0)
                return true;
        return false;
    }
    const unsigned char *p = (const unsigned char *)data;
    X509_REQ *req = d2i_X509_REQ(NULL, &p, (long)len);
    X509_REQ_free(req);
    return req != NULL;
}

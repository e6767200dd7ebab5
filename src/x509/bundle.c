/* bundle.c — decodes a file that may hold certificates, a key, or both. */
#include "bundle.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/fileio.h"
#include "../core/xalloc.h"
#include "pkcs12.h"

static bool mentions_private_key(const char *data, size_t len)
{
    static const char marker[] = "PRIVATE KEY-----";
    size_t m = sizeof(marker) - 1;
    for (size_t i = 0; i + m <= len; i++)
        if (data[i] == 'P' && memcmp(data + i, marker, m) == 0)
            return true;
    return false;
}

void x509_bundle_from_mem(const char *data, size_t len, const char *origin,
                          enum x509_expect expect, x509_passphrase_fn passphrase, void *ud,
                          struct x509_bundle *out)
{
    if (!out->path)
        out->path = xstrdup(origin);
    if (x509_is_pkcs12(data, len)) {
        out->status = x509_pkcs12_read(data, len, origin, passphrase, ud, &out->certs, &out->key,
                                       &out->err);
        if (out->status == CD_OK)
            x509_chain_analyze(&out->certs, &out->chain);
        return;
    }
    struct cd_error cert_err;
    cd_error_clear(&cert_err);
    cd_status rc = x509_certs_from_mem(data, len, origin, &out->certs, &cert_err);
    if (rc != CD_OK && rc != CD_ERR_KEY_NOT_CERT && x509_is_csr(data, len)) {
        out->status = cd_error_set(&out->err, CD_ERR_CSR,
                                   "%s is a certificate signing request (CSR), not a certificate: "
                                   "have it signed by a CA, then inspect the certificate", origin);
        return;
    }
    if (rc == CD_OK) {
        x509_chain_analyze(&out->certs, &out->chain);
        if (mentions_private_key(data, len)) {
            rc = x509_key_from_mem(data, len, origin, passphrase, ud, &out->key, &out->err);
            out->status = rc;
        }
        if (expect == X509_EXPECT_KEY && !out->key && rc == CD_OK)
            x509_findings_add(&out->findings, X509_FIND_CERT_AS_KEY, SIZE_MAX,
                              "%s holds a certificate where a private key was expected", origin);
        return;
    }
    if (rc != CD_ERR_KEY_NOT_CERT) {
        out->status = rc;
        out->err = cert_err;
        return;
    }
    out->status = x509_key_from_mem(data, len, origin, passphrase, ud, &out->key, &out->err);
    if (out->status == CD_OK && expect == X509_EXPECT_CERT)
        x509_findings_add(&out->findings, X509_FIND_KEY_AS_CERT, SIZE_MAX,
                          "%s holds a private key where a certificate was expected", origin);
}

void x509_bundle_load(const char *path, enum x509_expect expect, x509_passphrase_fn passphrase,
                      void *ud, struct x509_bundle *out)
{
    memset(out, 0, sizeof(*out));
    out->path = xstrdup(path);
    struct buf data = {.secret = true}; /* it may hold a key */
    out->status = file_read_all(path, X509_FILE_MAX, &data, &out->err);
    if (out->status == CD_OK)
        x509_bundle_from_mem(data.data ? data.data : "", data.len, path, expect, passphrase, ud,
                             out);
    buf_free(&data);
}

void x509_bundle_free(struct x509_bundle *b)
{
    free(b->path);
    x509_certs_free(&b->certs);
    x509_chain_free(&b->chain);
    x509_key_free(b->key);
    x509_findings_free(&b->findings);
    memset(b, 0, sizeof(*b));
}

/* pkcs12.h — PKCS#12 (.p12/.pfx) files and certificate signing requests:
 * the two containers people hand over where a PEM certificate belongs. */
#ifndef CD_X509_PKCS12_H
#define CD_X509_PKCS12_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/status.h"
#include "cert.h"
#include "key.h"

/* Whether data is one DER PKCS#12 structure (PFX). */
bool x509_is_pkcs12(const char *data, size_t len);

/* Reads the certificates (the key's certificate first, then the others as
 * stored) and the private key of a PKCS#12 file. A file without a password
 * opens without asking; otherwise passphrase is asked once. Errors:
 * CD_ERR_NEED_PASSPHRASE, CD_ERR_BAD_PASSPHRASE, CD_ERR_NO_CERT,
 * CD_ERR_BAD_DER, CD_ERR_UNSUPPORTED_KEY. *key is NULL when it holds none. */
cd_status x509_pkcs12_read(const char *data, size_t len, const char *origin,
                           x509_passphrase_fn passphrase, void *ud, struct x509_certs *certs,
                           struct x509_key **key, struct cd_error *err);

/* Whether data is a certificate signing request (PEM "CERTIFICATE REQUEST"
 * or a DER PKCS#10 structure). */
bool x509_is_csr(const char *data, size_t len);

#endif

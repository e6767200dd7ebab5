/* der.c — ASN.1 header checks used to tell truncated and misplaced DER apart. */
#include "der.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

enum der_shape der_outer_shape(const unsigned char *data, size_t len, size_t *elem_len)
{
    *elem_len = 0;
    if (len < 2 || data[0] != 0x30)
        return DER_NOT_ASN1;
    size_t hdr = 2, body;
    if (data[1] < 0x80) {
        body = data[1];
    } else {
        size_t nbytes = data[1] & 0x7F;
        if (nbytes == 0 || nbytes > 4)
            return DER_NOT_ASN1;
        if (len < 2 + nbytes) {
            *elem_len = 2 + nbytes;
            return DER_TRUNCATED;
        }
        body = 0;
        for (size_t i = 0; i < nbytes; i++)
            body = body << 8 | data[2 + i];
        hdr += nbytes;
    }
    *elem_len = hdr + body;
    return *elem_len > len ? DER_TRUNCATED : DER_COMPLETE;
}

bool der_is_private_key(const unsigned char *data, size_t len)
{
    const unsigned char *p = data;
    PKCS8_PRIV_KEY_INFO *p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)len);
    if (p8) {
        PKCS8_PRIV_KEY_INFO_free(p8);
        return true;
    }
    p = data;
    X509_SIG *sig = d2i_X509_SIG(NULL, &p, (long)len);
    if (sig) {
        X509_SIG_free(sig);
        return true;
    }
    p = data;
    EVP_PKEY *pk = d2i_AutoPrivateKey(NULL, &p, (long)len);
    ERR_clear_error();
    if (pk) {
        EVP_PKEY_free(pk);
        return true;
    }
    return false;
}

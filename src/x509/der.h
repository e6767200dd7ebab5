/* der.h — a first look at binary (DER) data: is it ASN.1, is it whole, is it a key. */
#ifndef CD_X509_DER_H
#define CD_X509_DER_H

#include <stdbool.h>
#include <stddef.h>

enum der_shape {
    DER_NOT_ASN1,    /* does not start with a DER SEQUENCE header */
    DER_TRUNCATED,   /* the header announces more bytes than there are */
    DER_COMPLETE,    /* one whole element (maybe followed by more data) */
};

/* Looks at the outer SEQUENCE; *elem_len gets the element's full length. */
enum der_shape der_outer_shape(const unsigned char *data, size_t len, size_t *elem_len);

/* True when data decodes as a PKCS#8 (plain or encrypted), PKCS#1 RSA or SEC1 EC key. */
bool der_is_private_key(const unsigned char *data, size_t len);

#endif

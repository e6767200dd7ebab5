/* name.c — distinguished names as one RFC 4514 line and as attributes, UTF-8. */
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "ossl.h"

void x509_name_decode(const X509_NAME *name, struct x509_name *out)
{
    memset(out, 0, sizeof(*out));
    BIO *bio = BIO_new(BIO_s_mem());
    /* RFC 2253/4514 form, but keep UTF-8 bytes instead of \XX escapes. */
    X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    out->text = bio_take_string(bio);

    int n = X509_NAME_entry_count(name);
    out->attrs = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*out->attrs));
    for (int i = 0; i < n; i++) {
        const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
        struct x509_name_attr *a = &out->attrs[out->count++];
        a->key = oid_text(X509_NAME_ENTRY_get_object(e), 0);
        unsigned char *utf8 = NULL;
        int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
        a->value = len >= 0 ? xstrndup((const char *)utf8, (size_t)len) : xstrdup("");
        OPENSSL_free(utf8);
    }
}

void x509_name_free(struct x509_name *name)
{
    for (size_t i = 0; i < name->count; i++) {
        free(name->attrs[i].key);
        free(name->attrs[i].value);
    }
    free(name->attrs);
    free(name->text);
    memset(name, 0, sizeof(*name));
}

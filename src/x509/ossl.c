/* ossl.c — OpenSSL conversions used by the decoders in src/x509. */
#include "ossl.h"

#include <openssl/err.h>
#include <openssl/objects.h>
#include <string.h>

#include "../core/xalloc.h"

char *hex_colon(const unsigned char *data, size_t len)
{
    static const char digits[] = "0123456789ABCDEF";
    char *out = xmalloc(len ? len * 3 : 1), *p = out;
    for (size_t i = 0; i < len; i++) {
        if (i)
            *p++ = ':';
        *p++ = digits[data[i] >> 4];
        *p++ = digits[data[i] & 15];
    }
    *p = '\0';
    return out;
}

char *bio_take_string(BIO *bio)
{
    char *data = NULL;
    long n = BIO_get_mem_data(bio, &data);
    char *out = xstrndup(data ? data : "", n > 0 ? (size_t)n : 0);
    BIO_free(bio);
    return out;
}

char *oid_text(const ASN1_OBJECT *obj, int prefer_dotted)
{
    int nid = OBJ_obj2nid(obj);
    if (nid != NID_undef && !prefer_dotted)
        return xstrdup(OBJ_nid2sn(nid));
    char buf[128];
    OBJ_obj2txt(buf, sizeof(buf), obj, 1);
    return xstrdup(buf);
}

const char *ossl_last_error(char *buf, size_t size)
{
    unsigned long e = ERR_peek_last_error();
    if (!e) {
        snprintf(buf, size, "unknown error");
    } else {
        const char *reason = ERR_reason_error_string(e);
        snprintf(buf, size, "%s", reason ? reason : "unknown error");
    }
    ERR_clear_error();
    return buf;
}

/* ossl.c — OpenSSL conversions used by the decoders in src/x509. */
#include "ossl.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
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

void pkey_describe(const EVP_PKEY *pk, char **algorithm, int *bits, char **curve)
{
    *curve = NULL;
    *bits = 0;
    if (!pk) {
        *algorithm = xstrdup("unknown");
        return;
    }
    *bits = EVP_PKEY_get_bits(pk);
    switch (EVP_PKEY_get_base_id(pk)) {
    case EVP_PKEY_RSA: *algorithm = xstrdup("RSA"); break;
    case EVP_PKEY_RSA_PSS: *algorithm = xstrdup("RSA-PSS"); break;
    case EVP_PKEY_DSA: *algorithm = xstrdup("DSA"); break;
    case EVP_PKEY_ED25519: *algorithm = xstrdup("Ed25519"); break;
    case EVP_PKEY_ED448: *algorithm = xstrdup("Ed448"); break;
    case EVP_PKEY_X25519: *algorithm = xstrdup("X25519"); break;
    case EVP_PKEY_X448: *algorithm = xstrdup("X448"); break;
    case EVP_PKEY_EC: {
        char group[64] = "";
        *algorithm = xstrdup("EC");
        if (EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                           NULL)) {
            const char *nist = EC_curve_nid2nist(OBJ_sn2nid(group));
            *curve = xstrdup(nist ? nist : group);
        }
        break;
    }
    default: {
        const char *name = EVP_PKEY_get0_type_name(pk);
        *algorithm = xstrdup(name ? name : "unknown");
        break;
    }
    }
}

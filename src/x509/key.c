/* key.c — private key decoding with a passphrase callback; buffers are wiped. */
#include "key.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "der.h"
#include "ossl.h"
#include "pem.h"

struct x509_key {
    EVP_PKEY *pkey;
    struct x509_key_info info;
};

static const char *const format_json[X509_KEY_FORMAT_COUNT] = {
#define X509_KEY_FORMAT_JSON(id, json, label) [id] = json,
    X509_KEY_FORMAT_LIST(X509_KEY_FORMAT_JSON)
#undef X509_KEY_FORMAT_JSON
};
static const char *const format_label[X509_KEY_FORMAT_COUNT] = {
#define X509_KEY_FORMAT_LABEL(id, json, label) [id] = label,
    X509_KEY_FORMAT_LIST(X509_KEY_FORMAT_LABEL)
#undef X509_KEY_FORMAT_LABEL
};

const char *x509_key_format_json(enum x509_key_format f) { return format_json[f]; }
const char *x509_key_format_label(enum x509_key_format f) { return format_label[f]; }

#define PASS_MAX 1024

/* Asks the caller for a passphrase into pass; returns its length or -1. */
static int ask(x509_passphrase_fn fn, void *ud, const char *origin, char pass[PASS_MAX])
{
    if (!fn)
        return -1;
    int n = fn(pass, PASS_MAX, origin, ud);
    if (n < 0 || n >= PASS_MAX)
        return -1;
    pass[n] = '\0';
    return n;
}

static cd_status need_passphrase(struct cd_error *err, const char *origin)
{
    return cd_error_set(err, CD_ERR_NEED_PASSPHRASE,
                        "%s: the private key is encrypted and no passphrase was given", origin);
}

static cd_status bad_passphrase(struct cd_error *err, const char *origin)
{
    return cd_error_set(err, CD_ERR_BAD_PASSPHRASE,
                        "%s: wrong passphrase for the encrypted private key", origin);
}

/* Names the algorithm of an undecodable PKCS#8 key, for the error message. */
static void pkcs8_algorithm(const unsigned char *der, size_t len, char *out, size_t size)
{
    snprintf(out, size, "unknown");
    const unsigned char *p = der;
    PKCS8_PRIV_KEY_INFO *p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)len);
    if (!p8)
        return;
    const ASN1_OBJECT *obj = NULL;
    if (PKCS8_pkey_get0(&obj, NULL, NULL, NULL, p8) && obj) {
        char *t = oid_text(obj, 0);
        snprintf(out, size, "%s", t);
        free(t);
    }
    PKCS8_PRIV_KEY_INFO_free(p8);
}

/* PKCS#8 PrivateKeyInfo (DER) into a key. */
static EVP_PKEY *from_pkcs8(const unsigned char *der, size_t len)
{
    const unsigned char *p = der;
    PKCS8_PRIV_KEY_INFO *p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)len);
    if (!p8)
        return NULL;
    EVP_PKEY *pk = EVP_PKCS82PKEY(p8);
    PKCS8_PRIV_KEY_INFO_free(p8);
    return pk;
}

/* EncryptedPrivateKeyInfo (DER): asks for the passphrase and decrypts. */
static cd_status from_encrypted_pkcs8(const unsigned char *der, size_t len, const char *origin,
                                      x509_passphrase_fn fn, void *ud, EVP_PKEY **out,
                                      struct cd_error *err)
{
    const unsigned char *p = der;
    X509_SIG *sig = d2i_X509_SIG(NULL, &p, (long)len);
    if (!sig)
        return cd_error_set(err, CD_ERR_BAD_DER, "%s: the encrypted private key is damaged", origin);
    char pass[PASS_MAX];
    int n = ask(fn, ud, origin, pass);
    cd_status rc = CD_OK;
    if (n < 0) {
        rc = need_passphrase(err, origin);
    } else {
        PKCS8_PRIV_KEY_INFO *p8 = PKCS8_decrypt(sig, pass, n);
        if (!p8) {
            rc = bad_passphrase(err, origin);
        } else {
            *out = EVP_PKCS82PKEY(p8);
            PKCS8_PRIV_KEY_INFO_free(p8);
            if (!*out)
                rc = cd_error_set(err, CD_ERR_UNSUPPORTED_KEY,
                                  "%s: the decrypted key is of a type OpenSSL cannot load", origin);
        }
    }
    wipe(pass, sizeof(pass));
    X509_SIG_free(sig);
    ERR_clear_error();
    return rc;
}

struct legacy_pass {
    x509_passphrase_fn fn;
    void *ud;
    const char *origin;
    bool asked;
};

static int legacy_cb(char *buf, int size, int rwflag, void *u)
{
    struct legacy_pass *lp = u;
    char pass[PASS_MAX];
    lp->asked = true;
    int n = ask(lp->fn, lp->ud, lp->origin, pass);
    if (n < 0 || n >= size) {
        wipe(pass, sizeof(pass));
        return -1;
    }
    memcpy(buf, pass, (size_t)n);
    wipe(pass, sizeof(pass));
    return n;
}

/* Traditional "Proc-Type: 4,ENCRYPTED" PEM: OpenSSL's reader does the DEK-Info work. */
static cd_status from_legacy_encrypted(const struct pem_block *b, const char *origin,
                                       x509_passphrase_fn fn, void *ud, EVP_PKEY **out,
                                       struct cd_error *err)
{
    struct legacy_pass lp = {fn, ud, origin, false};
    BIO *bio = BIO_new_mem_buf(b->src, (int)b->src_len);
    *out = PEM_read_bio_PrivateKey(bio, NULL, legacy_cb, &lp);
    BIO_free(bio);
    unsigned long e = ERR_peek_last_error();
    ERR_clear_error();
    if (*out)
        return CD_OK;
    if (!fn)
        return need_passphrase(err, origin);
    if (ERR_GET_REASON(e) == PEM_R_BAD_PASSWORD_READ || ERR_GET_REASON(e) == PEM_R_PROBLEMS_GETTING_PASSWORD)
        return need_passphrase(err, origin);
    return bad_passphrase(err, origin);
}

/* PKCS#1 "RSA PRIVATE KEY" or SEC1 "EC PRIVATE KEY" bodies. */
static EVP_PKEY *from_traditional(int type, const unsigned char *der, size_t len)
{
    const unsigned char *p = der;
    return d2i_PrivateKey(type, NULL, &p, (long)len);
}

static cd_status check_supported(EVP_PKEY *pk, const char *origin, struct cd_error *err)
{
    switch (EVP_PKEY_get_base_id(pk)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
    case EVP_PKEY_EC:
    case EVP_PKEY_ED25519:
    case EVP_PKEY_ED448:
        return CD_OK;
    default: {
        const char *name = EVP_PKEY_get0_type_name(pk);
        return cd_error_set(err, CD_ERR_UNSUPPORTED_KEY,
                            "%s: %s keys are not supported for TLS certificates (use RSA, "
                            "ECDSA or Ed25519)", origin, name ? name : "this type of");
    }
    }
}

static cd_status key_from_pem(const char *data, size_t len, const char *origin,
                              x509_passphrase_fn fn, void *ud, EVP_PKEY **pk,
                              struct x509_key_info *info, struct cd_error *err)
{
    struct pem_set set;
    cd_status rc = pem_parse(data, len, origin, &set, err);
    if (rc != CD_OK)
        return rc;
    const struct pem_block *b = NULL;
    for (size_t i = 0; i < set.count && !b; i++)
        if (set.blocks[i].kind == PEM_KEY)
            b = &set.blocks[i];
    if (!b) {
        if (pem_count(&set, PEM_CERT))
            rc = cd_error_set(err, CD_ERR_CERT_NOT_KEY,
                              "%s holds a certificate, not a private key (was the certificate "
                              "given where the key belongs?)", origin);
        else
            rc = cd_error_set(err, CD_ERR_NO_KEY, "%s: no private key in it (found a \"%s\" block)",
                              origin, set.count ? set.blocks[0].label : "?");
        pem_set_free(&set);
        return rc;
    }
    info->line = b->line;
    if (strcmp(b->label, "ENCRYPTED PRIVATE KEY") == 0) {
        info->format = X509_KEY_PKCS8_ENCRYPTED;
        info->encrypted = true;
        rc = from_encrypted_pkcs8(b->der, b->der_len, origin, fn, ud, pk, err);
    } else if (b->legacy_encrypted) {
        info->format = X509_KEY_LEGACY_ENCRYPTED;
        info->encrypted = true;
        rc = from_legacy_encrypted(b, origin, fn, ud, pk, err);
    } else if (strcmp(b->label, "PRIVATE KEY") == 0) {
        info->format = X509_KEY_PKCS8;
        *pk = from_pkcs8(b->der, b->der_len);
        if (!*pk) {
            char alg[64];
            pkcs8_algorithm(b->der, b->der_len, alg, sizeof(alg));
            rc = cd_error_set(err, CD_ERR_UNSUPPORTED_KEY,
                              "%s: cannot load the PKCS#8 key (algorithm %s)", origin, alg);
        }
    } else if (strcmp(b->label, "RSA PRIVATE KEY") == 0) {
        info->format = X509_KEY_PKCS1;
        *pk = from_traditional(EVP_PKEY_RSA, b->der, b->der_len);
        if (!*pk)
            rc = cd_error_set(err, CD_ERR_BAD_DER, "%s: the RSA private key is damaged", origin);
    } else if (strcmp(b->label, "EC PRIVATE KEY") == 0) {
        info->format = X509_KEY_SEC1;
        *pk = from_traditional(EVP_PKEY_EC, b->der, b->der_len);
        if (!*pk)
            rc = cd_error_set(err, CD_ERR_BAD_DER, "%s: the EC private key is damaged", origin);
    } else {
        rc = cd_error_set(err, CD_ERR_UNSUPPORTED_KEY, "%s: \"%s\" keys are not supported", origin,
                          b->label);
    }
    ERR_clear_error();
    pem_set_free(&set);
    return rc;
}

static cd_status key_from_der(const unsigned char *data, size_t len, const char *origin,
                              x509_passphrase_fn fn, void *ud, EVP_PKEY **pk,
                              struct x509_key_info *info, struct cd_error *err)
{
    size_t elem_len = 0;
    enum der_shape shape = der_outer_shape(data, len, &elem_len);
    if (shape == DER_NOT_ASN1)
        return cd_error_set(err, CD_ERR_NOT_PEM_OR_DER,
                            "%s is neither PEM nor DER: no \"-----BEGIN\" line and not ASN.1 data",
                            origin);
    if (shape == DER_TRUNCATED)
        return cd_error_set(err, CD_ERR_BAD_DER,
                            "%s: truncated DER: the data announces %zu bytes but only %zu are there",
                            origin, elem_len, len);
    info->format = X509_KEY_DER;
    if (!der_is_private_key(data, elem_len)) {
        const unsigned char *p = data;
        X509 *x = d2i_X509(NULL, &p, (long)elem_len);
        ERR_clear_error();
        if (x) {
            X509_free(x);
            return cd_error_set(err, CD_ERR_CERT_NOT_KEY,
                                "%s holds a certificate (DER), not a private key", origin);
        }
        return cd_error_set(err, CD_ERR_NO_KEY, "%s: DER data that is not a private key", origin);
    }
    const unsigned char *p = data;
    X509_SIG *sig = d2i_X509_SIG(NULL, &p, (long)elem_len);
    ERR_clear_error();
    if (sig) {
        X509_SIG_free(sig);
        info->encrypted = true;
        return from_encrypted_pkcs8(data, elem_len, origin, fn, ud, pk, err);
    }
    *pk = from_pkcs8(data, elem_len);
    if (!*pk) {
        p = data;
        *pk = d2i_AutoPrivateKey(NULL, &p, (long)elem_len);
    }
    ERR_clear_error();
    if (!*pk)
        return cd_error_set(err, CD_ERR_UNSUPPORTED_KEY, "%s: cannot load the DER private key",
                            origin);
    return CD_OK;
}

cd_status x509_key_from_mem(const char *data, size_t len, const char *origin,
                            x509_passphrase_fn passphrase, void *ud, struct x509_key **out,
                            struct cd_error *err)
{
    *out = NULL;
    EVP_PKEY *pk = NULL;
    struct x509_key_info info;
    memset(&info, 0, sizeof(info));
    cd_status rc;
    if (pem_blank(data, len))
        rc = cd_error_set(err, CD_ERR_EMPTY, "%s is empty", origin);
    else if (pem_present(data, len))
        rc = key_from_pem(data, len, origin, passphrase, ud, &pk, &info, err);
    else
        rc = key_from_der((const unsigned char *)data, len, origin, passphrase, ud, &pk, &info, err);
    if (rc != CD_OK) {
        EVP_PKEY_free(pk);
        return rc;
    }
    return x509_key_adopt(pk, &info, origin, out, err);
}

cd_status x509_key_adopt(EVP_PKEY *pk, const struct x509_key_info *described, const char *origin,
                         struct x509_key **out, struct cd_error *err)
{
    *out = NULL;
    struct x509_key_info info = *described;
    cd_status rc = check_supported(pk, origin, err);
    if (rc != CD_OK) {
        EVP_PKEY_free(pk);
        return rc;
    }
    char *alg = NULL, *curve = NULL;
    pkey_describe(pk, &alg, &info.bits, &curve);
    snprintf(info.algorithm, sizeof(info.algorithm), "%s", alg);
    snprintf(info.curve, sizeof(info.curve), "%s", curve ? curve : "");
    free(alg);
    free(curve);
    struct x509_key *k = xcalloc(1, sizeof(*k));
    k->pkey = pk;
    k->info = info;
    *out = k;
    return CD_OK;
}

void x509_key_free(struct x509_key *key)
{
    if (!key)
        return;
    EVP_PKEY_free(key->pkey); /* OpenSSL clears private key material on free */
    free(key);
}

const struct x509_key_info *x509_key_info(const struct x509_key *key) { return &key->info; }

void *x509_key_evp(const struct x509_key *key) { return key->pkey; }

bool x509_key_matches_cert(const struct x509_key *key, const struct x509_cert *cert)
{
    EVP_PKEY *pub = X509_get0_pubkey((X509 *)cert->x509);
    bool ok = pub && EVP_PKEY_eq(pub, key->pkey) == 1;
    ERR_clear_error();
    return ok;
}

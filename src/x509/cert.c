/* cert.c — decodes certificates from PEM or DER into struct x509_cert. */
#include "cert.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/xalloc.h"
#include "der.h"
#include "ossl.h"
#include "pem.h"

static const char *const san_json[X509_SAN_KIND_COUNT] = {
#define X509_SAN_JSON(id, json, label) [id] = json,
    X509_SAN_KIND_LIST(X509_SAN_JSON)
#undef X509_SAN_JSON
};
static const char *const san_label[X509_SAN_KIND_COUNT] = {
#define X509_SAN_LABEL(id, json, label) [id] = label,
    X509_SAN_KIND_LIST(X509_SAN_LABEL)
#undef X509_SAN_LABEL
};

const char *x509_san_kind_json(enum x509_san_kind kind) { return san_json[kind]; }
const char *x509_san_kind_label(enum x509_san_kind kind) { return san_label[kind]; }

static int64_t asn1_time_epoch(const ASN1_TIME *t)
{
    struct tm tm;
    if (!t || !ASN1_TIME_to_tm(t, &tm))
        return 0;
    return (int64_t)timegm(&tm);
}

static void decode_signature(X509 *x, struct x509_cert *c)
{
    int nid = X509_get_signature_nid(x);
    int md_nid = NID_undef, pk_nid = NID_undef;
    c->signature_algorithm = xstrdup(nid != NID_undef ? OBJ_nid2ln(nid) : "unknown");
    if (nid != NID_undef && OBJ_find_sigid_algs(nid, &md_nid, &pk_nid) && md_nid != NID_undef)
        c->signature_hash = xstrdup(OBJ_nid2sn(md_nid));
    else
        c->signature_hash = xstrdup("");
}

static void decode_fingerprints(X509 *x, struct x509_cert *c)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (X509_digest(x, EVP_sha1(), md, &n)) {
        char *h = hex_colon(md, n);
        snprintf(c->sha1, sizeof(c->sha1), "%s", h);
        free(h);
    }
    if (X509_digest(x, EVP_sha256(), md, &n)) {
        char *h = hex_colon(md, n);
        snprintf(c->sha256, sizeof(c->sha256), "%s", h);
        free(h);
    }
}

cd_status x509_cert_from_der(const unsigned char *der, size_t len, struct x509_cert *out,
                             struct cd_error *err)
{
    size_t position = out->position, line = out->line;
    memset(out, 0, sizeof(*out));
    out->position = position;
    out->line = line;
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    if (!x) {
        char why[160];
        return cd_error_set(err, CD_ERR_BAD_DER, "DER decoding failed (%s)",
                            ossl_last_error(why, sizeof(why)));
    }
    out->x509 = (struct x509_st *)x;
    out->version = (int)X509_get_version(x) + 1;
    BIO *bio = BIO_new(BIO_s_mem());
    i2a_ASN1_INTEGER(bio, X509_get0_serialNumber(x));
    out->serial_hex = bio_take_string(bio);
    x509_name_decode(X509_get_subject_name(x), &out->subject);
    x509_name_decode(X509_get_issuer_name(x), &out->issuer);
    out->not_before = asn1_time_epoch(X509_get0_notBefore(x));
    out->not_after = asn1_time_epoch(X509_get0_notAfter(x));
    decode_signature(x, out);
    pkey_describe(X509_get0_pubkey(x), &out->key_algorithm, &out->key_bits, &out->key_curve);
    decode_fingerprints(x, out);
    x509_ext_decode(x, out);
    out->self_issued = X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) == 0;
    out->self_signed = out->self_issued && X509_verify(x, X509_get0_pubkey(x)) == 1;
    ERR_clear_error();
    return CD_OK;
}

void x509_cert_free(struct x509_cert *c)
{
    X509_free((X509 *)c->x509);
    free(c->serial_hex);
    x509_name_free(&c->subject);
    x509_name_free(&c->issuer);
    free(c->signature_algorithm);
    free(c->signature_hash);
    free(c->key_algorithm);
    free(c->key_curve);
    x509_ext_free(c);
    memset(c, 0, sizeof(*c));
}

const char *x509_cert_common_name(const struct x509_cert *c)
{
    for (size_t i = 0; i < c->subject.count; i++)
        if (strcmp(c->subject.attrs[i].key, "CN") == 0)
            return c->subject.attrs[i].value;
    return NULL;
}

bool x509_cert_issued_by(const struct x509_cert *cert, const struct x509_cert *issuer)
{
    X509 *c = (X509 *)cert->x509, *i = (X509 *)issuer->x509;
    bool ok = X509_NAME_cmp(X509_get_issuer_name(c), X509_get_subject_name(i)) == 0 &&
              X509_verify(c, X509_get0_pubkey(i)) == 1;
    ERR_clear_error();
    return ok;
}

static struct x509_cert *push_cert(struct x509_certs *certs)
{
    certs->items = xreallocarray(certs->items, certs->count + 1, sizeof(*certs->items));
    struct x509_cert *c = &certs->items[certs->count];
    memset(c, 0, sizeof(*c));
    c->position = certs->count;
    return c;
}

static cd_status certs_from_pem(const char *data, size_t len, const char *origin,
                                struct x509_certs *out, struct cd_error *err)
{
    struct pem_set set;
    cd_status rc = pem_parse(data, len, origin, &set, err);
    if (rc != CD_OK)
        return rc;
    if (pem_count(&set, PEM_CERT) == 0) {
        if (pem_count(&set, PEM_KEY))
            rc = cd_error_set(err, CD_ERR_KEY_NOT_CERT,
                              "%s holds a private key, not a certificate (was the key file given "
                              "where the certificate belongs?)", origin);
        else
            rc = cd_error_set(err, CD_ERR_NO_CERT, "%s: no certificate in it (found a \"%s\" block)",
                              origin, set.count ? set.blocks[0].label : "?");
        pem_set_free(&set);
        return rc;
    }
    for (size_t i = 0; i < set.count && rc == CD_OK; i++) {
        const struct pem_block *b = &set.blocks[i];
        if (b->kind != PEM_CERT)
            continue;
        struct x509_cert *c = push_cert(out);
        c->line = b->line;
        rc = x509_cert_from_der(b->der, b->der_len, c, err);
        if (rc == CD_OK)
            out->count++;
        else
            cd_error_prefix(err, "%s: certificate #%zu (line %zu) is damaged", origin,
                            out->count + 1, b->line);
    }
    pem_set_free(&set);
    return rc;
}

static cd_status certs_from_der(const unsigned char *data, size_t len, const char *origin,
                                struct x509_certs *out, struct cd_error *err)
{
    size_t off = 0;
    while (off < len) {
        size_t elem_len = 0;
        enum der_shape shape = der_outer_shape(data + off, len - off, &elem_len);
        if (shape == DER_NOT_ASN1) {
            if (off == 0)
                return cd_error_set(err, CD_ERR_NOT_PEM_OR_DER,
                                    "%s is neither PEM nor DER: no \"-----BEGIN\" line and not "
                                    "ASN.1 data", origin);
            break; /* trailing bytes after complete certificates */
        }
        if (shape == DER_TRUNCATED)
            return cd_error_set(err, CD_ERR_BAD_DER,
                                "%s: truncated DER: the data announces %zu bytes but only %zu "
                                "are there", origin, elem_len, len - off);
        if (off == 0 && der_is_private_key(data, elem_len))
            return cd_error_set(err, CD_ERR_KEY_NOT_CERT,
                                "%s holds a private key (DER), not a certificate", origin);
        struct x509_cert *c = push_cert(out);
        cd_status rc = x509_cert_from_der(data + off, elem_len, c, err);
        if (rc != CD_OK) {
            cd_error_prefix(err, "%s: certificate #%zu is damaged", origin, out->count + 1);
            return rc;
        }
        out->count++;
        off += elem_len;
    }
    return CD_OK;
}

cd_status x509_certs_from_mem(const char *data, size_t len, const char *origin,
                              struct x509_certs *out, struct cd_error *err)
{
    memset(out, 0, sizeof(*out));
    cd_status rc;
    if (pem_blank(data, len))
        rc = cd_error_set(err, CD_ERR_EMPTY, "%s is empty", origin);
    else if (pem_present(data, len))
        rc = certs_from_pem(data, len, origin, out, err);
    else
        rc = certs_from_der((const unsigned char *)data, len, origin, out, err);
    if (rc != CD_OK)
        x509_certs_free(out);
    return rc;
}

void x509_certs_free(struct x509_certs *certs)
{
    for (size_t i = 0; i < certs->count; i++)
        x509_cert_free(&certs->items[i]);
    free(certs->items);
    memset(certs, 0, sizeof(*certs));
}

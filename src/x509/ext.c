/* ext.c — the X.509v3 extensions an admin looks at, decoded into plain strings. */
#include <arpa/inet.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

#include "../core/punycode.h"
#include "../core/xalloc.h"
#include "ossl.h"

static char *asn1_string_text(const ASN1_STRING *s)
{
    return xstrndup((const char *)ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
}

static char *ip_text(const ASN1_OCTET_STRING *ip)
{
    char buf[INET6_ADDRSTRLEN];
    const unsigned char *b = ASN1_STRING_get0_data(ip);
    int len = ASN1_STRING_length(ip);
    if (len == 4 && inet_ntop(AF_INET, b, buf, sizeof(buf)))
        return xstrdup(buf);
    if (len == 16 && inet_ntop(AF_INET6, b, buf, sizeof(buf)))
        return xstrdup(buf);
    return hex_colon(b, (size_t)len); /* an address with a netmask, or malformed */
}

/* A general name that is not DNS/IP/email/URI, as "type:value". */
static char *other_name_text(const GENERAL_NAME *gn)
{
    BIO *bio = BIO_new(BIO_s_mem());
    GENERAL_NAME_print(bio, (GENERAL_NAME *)gn);
    return bio_take_string(bio);
}

static void push_san(struct x509_cert *c, enum x509_san_kind kind, char *value)
{
    c->sans = xreallocarray(c->sans, c->san_count + 1, sizeof(*c->sans));
    struct x509_san *s = &c->sans[c->san_count++];
    s->kind = kind;
    s->value = value;
    s->unicode = kind == X509_SAN_DNS ? idn_to_unicode(value) : NULL;
}

static void decode_sans(X509 *x, struct x509_cert *c)
{
    int crit = -1;
    GENERAL_NAMES *names = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL);
    c->has_san = crit >= 0;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); i++) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(names, i);
        switch (gn->type) {
        case GEN_DNS: push_san(c, X509_SAN_DNS, asn1_string_text(gn->d.dNSName)); break;
        case GEN_IPADD: push_san(c, X509_SAN_IP, ip_text(gn->d.iPAddress)); break;
        case GEN_EMAIL: push_san(c, X509_SAN_EMAIL, asn1_string_text(gn->d.rfc822Name)); break;
        case GEN_URI: push_san(c, X509_SAN_URI, asn1_string_text(gn->d.uniformResourceIdentifier)); break;
        default: push_san(c, X509_SAN_OTHER, other_name_text(gn)); break;
        }
    }
    GENERAL_NAMES_free(names);
}

/* Key usage bits in the order RFC 5280 lists them, with their RFC names. */
static const struct { unsigned bit; const char *name; } key_usage_bits[] = {
    {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
    {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
    {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
    {KU_CRL_SIGN, "cRLSign"},                   {KU_ENCIPHER_ONLY, "encipherOnly"},
    {KU_DECIPHER_ONLY, "decipherOnly"},
};

static void decode_key_usage(X509 *x, struct x509_cert *c)
{
    if (!(X509_get_extension_flags(x) & EXFLAG_KUSAGE))
        return;
    uint32_t ku = X509_get_key_usage(x);
    for (size_t i = 0; i < sizeof(key_usage_bits) / sizeof(key_usage_bits[0]); i++)
        if (ku & key_usage_bits[i].bit)
            strlist_push(&c->key_usage, key_usage_bits[i].name);
    int idx = X509_get_ext_by_NID(x, NID_key_usage, -1);
    c->key_usage_critical = idx >= 0 && X509_EXTENSION_get_critical(X509_get_ext(x, idx));
}

static void decode_ext_key_usage(X509 *x, struct x509_cert *c)
{
    EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(x, NID_ext_key_usage, NULL, NULL);
    for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku); i++)
        strlist_push_owned(&c->ext_key_usage, oid_text(sk_ASN1_OBJECT_value(eku, i), 0));
    EXTENDED_KEY_USAGE_free(eku);
}

static void decode_basic_constraints(X509 *x, struct x509_cert *c)
{
    c->path_len = -1;
    BASIC_CONSTRAINTS *bc = X509_get_ext_d2i(x, NID_basic_constraints, NULL, NULL);
    if (!bc)
        return;
    c->has_basic_constraints = true;
    c->is_ca = bc->ca != 0;
    if (bc->pathlen)
        c->path_len = ASN1_INTEGER_get(bc->pathlen);
    BASIC_CONSTRAINTS_free(bc);
}

static void decode_key_ids(X509 *x, struct x509_cert *c)
{
    const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(x);
    if (ski)
        c->subject_key_id = hex_colon(ASN1_STRING_get0_data(ski), (size_t)ASN1_STRING_length(ski));
    const ASN1_OCTET_STRING *aki = X509_get0_authority_key_id(x);
    if (aki)
        c->authority_key_id = hex_colon(ASN1_STRING_get0_data(aki), (size_t)ASN1_STRING_length(aki));
}

static void decode_info_access(X509 *x, struct x509_cert *c)
{
    AUTHORITY_INFO_ACCESS *aia = X509_get_ext_d2i(x, NID_info_access, NULL, NULL);
    for (int i = 0; aia && i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
        const ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);
        if (ad->location->type != GEN_URI)
            continue;
        char *uri = asn1_string_text(ad->location->d.uniformResourceIdentifier);
        int nid = OBJ_obj2nid(ad->method);
        if (nid == NID_ad_OCSP)
            strlist_push_owned(&c->ocsp_urls, uri);
        else if (nid == NID_ad_ca_issuers)
            strlist_push_owned(&c->ca_issuer_urls, uri);
        else
            free(uri);
    }
    AUTHORITY_INFO_ACCESS_free(aia);
}

static void decode_crl_points(X509 *x, struct x509_cert *c)
{
    STACK_OF(DIST_POINT) *dps = X509_get_ext_d2i(x, NID_crl_distribution_points, NULL, NULL);
    for (int i = 0; dps && i < sk_DIST_POINT_num(dps); i++) {
        const DIST_POINT *dp = sk_DIST_POINT_value(dps, i);
        if (!dp->distpoint || dp->distpoint->type != 0)
            continue;
        GENERAL_NAMES *full = dp->distpoint->name.fullname;
        for (int j = 0; j < sk_GENERAL_NAME_num(full); j++) {
            const GENERAL_NAME *gn = sk_GENERAL_NAME_value(full, j);
            strlist_push_owned(&c->crl_urls, gn->type == GEN_URI
                                                 ? asn1_string_text(gn->d.uniformResourceIdentifier)
                                                 : other_name_text(gn));
        }
    }
    sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
}

static void decode_policies(X509 *x, struct x509_cert *c)
{
    CERTIFICATEPOLICIES *pols = X509_get_ext_d2i(x, NID_certificate_policies, NULL, NULL);
    for (int i = 0; pols && i < sk_POLICYINFO_num(pols); i++)
        strlist_push_owned(&c->policies, oid_text(sk_POLICYINFO_value(pols, i)->policyid, 1));
    CERTIFICATEPOLICIES_free(pols);
}

void x509_ext_decode(X509 *x, struct x509_cert *c)
{
    decode_sans(x, c);
    decode_key_usage(x, c);
    decode_ext_key_usage(x, c);
    decode_basic_constraints(x, c);
    decode_key_ids(x, c);
    decode_info_access(x, c);
    decode_crl_points(x, c);
    decode_policies(x, c);
}

void x509_ext_free(struct x509_cert *c)
{
    for (size_t i = 0; i < c->san_count; i++) {
        free(c->sans[i].value);
        free(c->sans[i].unicode);
    }
    free(c->sans);
    strlist_free(&c->key_usage);
    strlist_free(&c->ext_key_usage);
    free(c->subject_key_id);
    free(c->authority_key_id);
    strlist_free(&c->ocsp_urls);
    strlist_free(&c->ca_issuer_urls);
    strlist_free(&c->crl_urls);
    strlist_free(&c->policies);
}

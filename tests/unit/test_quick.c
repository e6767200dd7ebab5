/* test_quick.c — the quick DER walker (x509/quick.c) against the full decoder
 * (cert.c): every certificate of every fixture, field by field; generated edge
 * cases (escaping, string types, keys, signature algorithms, serials, times,
 * SAN kinds, versions); its OID tables against OpenSSL's; hostile input (every
 * truncation, byte mutations, garbage); threads; and a printed benchmark. */
#include "testutil.h"

#include <glob.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/strlist.h"
#include "core/xalloc.h"
#include "x509/pem.h"
#include "x509/quick.h"

/* ------------------------------------------------------------------------ */
/* Comparing a summary with the full decoder                                 */

static void same_str(const char *what, const char *field, const char *quick, const char *full)
{
    if (strcmp(quick ? quick : "(null)", full ? full : "(null)") != 0)
        fail_msg("%s: %s: quick \"%s\" != full \"%s\"", what, field, quick ? quick : "(null)",
                 full ? full : "(null)");
}

static void same_int(const char *what, const char *field, long long quick, long long full)
{
    if (quick != full)
        fail_msg("%s: %s: quick %lld != full %lld", what, field, quick, full);
}

/* "AB:CD:…" → "abcd…", the summary's form. */
static void fingerprint_plain(const char *colon, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = colon; *p && o + 1 < size; p++)
        if (*p != ':')
            out[o++] = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
    out[o] = '\0';
}

static void same_sans(const char *what, const char *field, const struct strlist *quick,
                      const struct x509_cert *c, enum x509_san_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < c->san_count; i++) {
        if (c->sans[i].kind != kind)
            continue;
        if (n >= quick->count)
            fail_msg("%s: %s: quick has %zu, full has more (\"%s\")", what, field, quick->count,
                     c->sans[i].value);
        same_str(what, field, quick->items[n++], c->sans[i].value);
    }
    same_int(what, field, (long long)quick->count, (long long)n);
}

/* Every field of the summary equals the full decoder's. */
static void expect_same(const struct x509_summary *q, const struct x509_cert *c, const char *what)
{
    char fp[100];
    same_int(what, "version", q->version, c->version);
    same_str(what, "serial", q->serial_hex, c->serial_hex);
    same_str(what, "subject", q->subject, c->subject.text);
    same_str(what, "issuer", q->issuer, c->issuer.text);
    same_str(what, "common name", q->common_name, x509_cert_common_name(c));
    same_int(what, "not before", q->not_before, c->not_before);
    same_int(what, "not after", q->not_after, c->not_after);
    same_str(what, "signature algorithm", q->signature_algorithm, c->signature_algorithm);
    same_str(what, "key algorithm", q->key_algorithm, c->key_algorithm);
    same_int(what, "key bits", q->key_bits, c->key_bits);
    same_str(what, "key curve", q->key_curve, c->key_curve ? c->key_curve : "");
    fingerprint_plain(c->sha1, fp, sizeof(fp));
    same_str(what, "sha1", q->sha1, fp);
    fingerprint_plain(c->sha256, fp, sizeof(fp));
    same_str(what, "sha256", q->sha256, fp);
    same_int(what, "has SAN", q->has_san, c->has_san);
    same_sans(what, "DNS", &q->dns, c, X509_SAN_DNS);
    same_sans(what, "IP", &q->ips, c, X509_SAN_IP);
    same_sans(what, "email", &q->emails, c, X509_SAN_EMAIL);
    same_sans(what, "URI", &q->uris, c, X509_SAN_URI);
    same_int(what, "is CA", q->is_ca, c->is_ca);
}

/* The summary of der must exist and match the full decoder's certificate. */
static void expect_quick_der(const unsigned char *der, size_t len, const struct x509_cert *c,
                             const char *what)
{
    struct x509_summary q;
    if (!x509_summary_from_der(der, len, &q))
        fail_msg("%s: the quick decoder refused a certificate the full decoder reads", what);
    expect_same(&q, c, what);
    x509_summary_free(&q);
}

/* ------------------------------------------------------------------------ */
/* Fixtures                                                                   */

/* Every certificate file gen-certs.sh makes, plus files mixing blocks. */
static const char *const CERT_FILES[] = {
    "leaf.pem",    "root.pem",     "inter.pem",   "chain3.pem",   "chain11.pem",
    "chain12.pem", "many-sans.pem", "ipv6.pem",   "utf8.pem",     "ec256.pem",
    "ec384.pem",   "ed25519.pem",  "expired.pem", "notyet.pem",   "serial20.pem",
    "sha1.pem",    "md5.pem",      "rsa1024.pem", "nosan.pem",    "combined.pem",
    "chain3-wrong.pem",
};

/* True when the generator could not make `name` and said so in SKIPPED. */
static bool fixture_skipped(const char *name)
{
    if (access(fixture(name), R_OK) == 0)
        return false;
    struct buf skipped = {0};
    fixture_read("SKIPPED", &skipped);
    bool listed = contains(skipped.data, name);
    buf_free(&skipped);
    if (!listed)
        fail_msg("fixture %s is missing and not listed in SKIPPED", name);
    return true;
}

/* Each certificate block of a PEM file through from_der, and the file through
 * from_pem, against x509_certs_from_mem on the same text. */
static void check_pem_text(const char *text, size_t len, const char *origin)
{
    struct x509_certs full;
    struct cd_error err;
    if (x509_certs_from_mem(text, len, origin, &full, &err) != CD_OK)
        fail_msg("%s: %s", origin, err.message);
    struct pem_set set;
    assert_int_equal(pem_parse(text, len, origin, &set, &err), CD_OK);
    size_t k = 0;
    for (size_t i = 0; i < set.count; i++) {
        if (set.blocks[i].kind != PEM_CERT)
            continue;
        char what[256];
        snprintf(what, sizeof(what), "%s #%zu", origin, k + 1);
        assert_true(k < full.count);
        expect_quick_der(set.blocks[i].der, set.blocks[i].der_len, &full.items[k++], what);
    }
    assert_int_equal(k, full.count);
    struct x509_summary q;
    if (!x509_summary_from_pem(text, len, &q))
        fail_msg("%s: x509_summary_from_pem refused the file", origin);
    expect_same(&q, &full.items[0], origin);
    x509_summary_free(&q);
    pem_set_free(&set);
    x509_certs_free(&full);
}

static void test_fixture_files(void **state)
{
    (void)state;
    size_t files = 0;
    for (size_t i = 0; i < sizeof(CERT_FILES) / sizeof(CERT_FILES[0]); i++) {
        if (fixture_skipped(CERT_FILES[i]))
            continue;
        struct buf data = {0};
        fixture_read(CERT_FILES[i], &data);
        check_pem_text(data.data, data.len, CERT_FILES[i]);
        buf_free(&data);
        files++;
    }
    assert_true(files >= sizeof(CERT_FILES) / sizeof(CERT_FILES[0]) - 1);
}

static void test_demo_assets(void **state)
{
    (void)state;
    const char *src = getenv("CERTDECK_SOURCE_DIR");
    assert_non_null(src);
    char *pattern = xasprintf("%s/assets/demo/*.pem", src);
    glob_t g;
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 4);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        struct buf data = {0};
        struct cd_error err;
        if (file_read_all(g.gl_pathv[i], 1u << 20, &data, &err) != CD_OK)
            fail_msg("%s", err.message);
        check_pem_text(data.data, data.len, g.gl_pathv[i]);
        buf_free(&data);
    }
    globfree(&g);
    free(pattern);
}

/* A DER file, alone and followed by more data (a second certificate). */
static void test_der_file(void **state)
{
    (void)state;
    struct buf der = {0};
    fixture_read("leaf.der", &der);
    struct x509_certs full;
    fixture_certs("leaf.der", &full);
    expect_quick_der((const unsigned char *)der.data, der.len, &full.items[0], "leaf.der");

    unsigned char *twice = xmalloc(der.len * 2);
    memcpy(twice, der.data, der.len);
    memcpy(twice + der.len, der.data, der.len);
    struct x509_summary q;
    assert_true(x509_summary_from_der(twice, der.len * 2, &q));
    assert_int_equal(q.der_len, der.len);
    expect_same(&q, &full.items[0], "leaf.der twice");
    x509_summary_free(&q);
    free(twice);
    x509_certs_free(&full);
    buf_free(&der);
}

/* Files that hold no usable first certificate: both decoders say no. */
static void test_files_without_certificate(void **state)
{
    (void)state;
    static const char *const files[] = {"truncated.pem", "badb64.pem", "csr.pem",
                                        "empty.pem",     "garbage.bin", "truncated.der",
                                        "leaf.key"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        struct buf data = {0};
        fixture_read(files[i], &data);
        struct x509_summary q;
        if (x509_summary_from_pem(data.data, data.len, &q))
            fail_msg("%s: from_pem accepted it", files[i]);
        if (x509_summary_from_der((const unsigned char *)data.data, data.len, &q))
            fail_msg("%s: from_der accepted it", files[i]);
        x509_summary_free(&q);
        buf_free(&data);
    }
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                     */

static void oid_text(int nid, char *buf, size_t size)
{
    buf[0] = '\0';
    const ASN1_OBJECT *o = OBJ_nid2obj(nid);
    if (o)
        OBJ_obj2txt(buf, (int)size, o, 1);
}

/* The walker's encoding of a row's dotted OID is OpenSSL's. */
static void same_encoding(const struct x509_quick_row *row)
{
    ASN1_OBJECT *o = OBJ_txt2obj(row->oid, 1);
    assert_non_null(o);
    if (row->der_len == 0 || row->der_len != OBJ_length(o) ||
        memcmp(row->der, OBJ_get0_data(o), row->der_len) != 0)
        fail_msg("%s: the walker's encoding differs from OpenSSL's", row->oid);
    ASN1_OBJECT_free(o);
}

/* Every row names its OID as OpenSSL does, and every attribute OpenSSL knows
 * in a listed arc is in the table (so unlisted ones there print dotted). */
static void test_tables_match_openssl(void **state)
{
    (void)state;
    struct x509_quick_row row;
    static const enum x509_quick_table tables[] = {
        X509_QUICK_ATTRIBUTES, X509_QUICK_ATTRIBUTE_ARCS, X509_QUICK_SIGNATURES,
        X509_QUICK_KEYS, X509_QUICK_CURVES};
    for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
        size_t i = 0;
        while (x509_quick_table_row(tables[t], i, &row)) {
            same_encoding(&row);
            i++;
        }
        assert_true(i > 0);
    }
    for (size_t i = 0; x509_quick_table_row(X509_QUICK_ATTRIBUTES, i, &row); i++) {
        int nid = OBJ_txt2nid(row.oid);
        if (nid == NID_undef || strcmp(OBJ_nid2sn(nid), row.name) != 0)
            fail_msg("attribute %s: table \"%s\", OpenSSL \"%s\"", row.oid, row.name,
                     nid == NID_undef ? "(unknown)" : OBJ_nid2sn(nid));
    }
    for (size_t i = 0; x509_quick_table_row(X509_QUICK_SIGNATURES, i, &row); i++) {
        int nid = OBJ_txt2nid(row.oid);
        if (nid == NID_undef || strcmp(OBJ_nid2ln(nid), row.name) != 0)
            fail_msg("signature %s: table \"%s\", OpenSSL \"%s\"", row.oid, row.name,
                     nid == NID_undef ? "(unknown)" : OBJ_nid2ln(nid));
    }
    for (size_t i = 0; x509_quick_table_row(X509_QUICK_CURVES, i, &row); i++) {
        int nid = OBJ_txt2nid(row.oid);
        assert_int_not_equal(nid, NID_undef);
        const char *nist = EC_curve_nid2nist(nid);
        same_str(row.oid, "curve name", row.name, nist ? nist : OBJ_nid2sn(nid));
        EC_GROUP *g = EC_GROUP_new_by_curve_name(nid);
        assert_non_null(g);
        same_int(row.oid, "curve bits", row.bits, EC_GROUP_order_bits(g));
        EC_GROUP_free(g);
    }
    for (size_t i = 0; x509_quick_table_row(X509_QUICK_KEYS, i, &row); i++)
        assert_int_not_equal(OBJ_txt2nid(row.oid), NID_undef);

    size_t arcs = 0, checked = 0;
    for (int nid = 1; nid < OBJ_new_nid(0); nid++) {
        char dotted[128];
        oid_text(nid, dotted, sizeof(dotted));
        for (size_t a = 0; x509_quick_table_row(X509_QUICK_ATTRIBUTE_ARCS, a, &row); a++) {
            size_t n = strlen(row.oid);
            arcs = a + 1;
            if (strncmp(dotted, row.oid, n) != 0 || dotted[n] != '.' ||
                strchr(dotted + n + 1, '.'))
                continue;
            bool listed = false;
            struct x509_quick_row attr;
            for (size_t j = 0; !listed && x509_quick_table_row(X509_QUICK_ATTRIBUTES, j, &attr);
                 j++)
                listed = strcmp(attr.oid, dotted) == 0;
            if (!listed)
                fail_msg("OpenSSL knows %s (%s) but the attribute table lacks it", dotted,
                         OBJ_nid2sn(nid));
            checked++;
        }
    }
    assert_int_equal(arcs, 4);
    assert_true(checked > 100);
}

/* ------------------------------------------------------------------------ */
/* Generated certificates                                                     */

enum expect {
    QUICK,     /* the quick decoder reads it, field for field like the full one */
    FALLBACK,  /* the quick decoder declines it; the full decoder reads it */
    REFUSE,    /* the quick decoder declines it (whatever the full decoder does) */
};

static EVP_PKEY *load_key(const char *name)
{
    FILE *f = fopen(fixture(name), "r");
    assert_non_null(f);
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    if (!k)
        fail_msg("cannot read %s", name);
    return k;
}

/* An RSA-PSS key of 1024 bits (EVP_PKEY_Q_keygen does not make those). */
static EVP_PKEY *gen_rsa_pss(void)
{
    EVP_PKEY *k = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA-PSS", NULL);
    if (!ctx || EVP_PKEY_keygen_init(ctx) <= 0 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 1024) <= 0 || EVP_PKEY_generate(ctx, &k) <= 0)
        fail_msg("cannot generate an RSA-PSS key");
    EVP_PKEY_CTX_free(ctx);
    return k;
}

/* alg "EC" takes a curve, the others nothing. */
static EVP_PKEY *gen_key(const char *alg, const char *curve)
{
    EVP_PKEY *k = curve ? EVP_PKEY_Q_keygen(NULL, NULL, alg, curve)
                        : EVP_PKEY_Q_keygen(NULL, NULL, alg);
    if (!k)
        fail_msg("cannot generate a %s %s key", alg, curve ? curve : "");
    return k;
}

/* Keys shared by the generated certificates (made once: keygen under valgrind is slow). */
static struct {
    EVP_PKEY *rsa, *ec, *ed25519, *dsa;
} K;

static void keys_load(void)
{
    if (!K.rsa) {
        K.rsa = load_key("leaf.key");
        K.ec = load_key("ec256.key");
        K.ed25519 = load_key("ed25519.key");
        K.dsa = load_key("dsa.key");
    }
}

static void keys_free(void)
{
    EVP_PKEY_free(K.rsa);
    EVP_PKEY_free(K.ec);
    EVP_PKEY_free(K.ed25519);
    EVP_PKEY_free(K.dsa);
    memset(&K, 0, sizeof(K));
}

/* A v3 certificate for key with "CN=quick.example" as subject and issuer;
 * the caller changes what it tests, then signs. */
static X509 *new_cert(EVP_PKEY *key)
{
    X509 *x = X509_new();
    X509_set_version(x, X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 4242);
    ASN1_TIME_set_string(X509_getm_notBefore(x), "20240101000000Z");
    ASN1_TIME_set_string(X509_getm_notAfter(x), "20341231235959Z");
    X509_NAME *n = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)"quick.example", -1,
                               -1, 0);
    X509_set_issuer_name(x, n);
    X509_set_pubkey(x, key);
    return x;
}

static void sign(X509 *x, EVP_PKEY *key, const EVP_MD *md)
{
    if (!X509_sign(x, key, md)) {
        char subject[256];
        X509_NAME_oneline(X509_get_subject_name(x), subject, sizeof(subject));
        fail_msg("X509_sign failed (subject %s)", subject);
    }
}

/* DER of x with every occurrence of `from` (same length as `to`) replaced:
 * how malformed content that OpenSSL would not encode is made. */
static unsigned char *der_of(X509 *x, size_t *len, const char *from, const char *to, size_t n)
{
    unsigned char *der = NULL;
    int l = i2d_X509(x, &der);
    assert_true(l > 0);
    *len = (size_t)l;
    bool patched = false;
    for (size_t i = 0; from && i + n <= *len; i++)
        if (memcmp(der + i, from, n) == 0) {
            memcpy(der + i, to, n);
            patched = true;
        }
    assert_true(!from || patched);
    return der;
}

static void check_der(const unsigned char *der, size_t len, enum expect expect, const char *what)
{
    struct x509_cert full = {0};
    struct cd_error err;
    bool full_ok = x509_cert_from_der(der, len, &full, &err) == CD_OK;
    struct x509_summary q;
    bool quick_ok = x509_summary_from_der(der, len, &q);
    if (expect == QUICK) {
        if (!full_ok)
            fail_msg("%s: the full decoder refused it: %s", what, err.message);
        if (!quick_ok)
            fail_msg("%s: the quick decoder refused it", what);
        expect_same(&q, &full, what);
    } else if (quick_ok) {
        fail_msg("%s: the quick decoder should have declined it (subject \"%s\")", what,
                 q.subject);
    } else if (expect == FALLBACK && !full_ok) {
        fail_msg("%s: the full decoder refused it: %s", what, err.message);
    }
    x509_summary_free(&q);
    if (full_ok)
        x509_cert_free(&full);
}

/* Checks x (optionally patched) and frees it. */
static void check_cert(X509 *x, enum expect expect, const char *what, const char *from,
                       const char *to, size_t n)
{
    size_t len;
    unsigned char *der = der_of(x, &len, from, to, n);
    check_der(der, len, expect, what);
    OPENSSL_free(der);
    X509_free(x);
}

/* One attribute of a generated name; len 0 means strlen(value). */
struct attr_spec {
    const char *field;  /* short name or dotted OID */
    int type;           /* V_ASN1_* string type, raw bytes */
    const char *value;
    size_t len;
    int set;            /* 0: new RDN, -1: joins the previous RDN */
};

struct name_case {
    const char *what;
    enum expect expect;
    struct attr_spec attrs[7];
    const char *from, *to; /* optional patch of the DER (same lengths) */
    size_t patch_len;      /* 0: strlen(from) */
};

#define U8 V_ASN1_UTF8STRING
static const struct name_case NAME_CASES[] = {
    {"RFC 4514 specials", QUICK, {{"CN", U8, "a,b+c\"d\\e<f>g;h=i/j", 0, 0}}, NULL, NULL, 0},
    {"leading #", QUICK, {{"CN", U8, "#x", 0, 0}}, NULL, NULL, 0},
    {"lone #", QUICK, {{"CN", U8, "#", 0, 0}}, NULL, NULL, 0},
    {"lone space", QUICK, {{"CN", U8, " ", 0, 0}}, NULL, NULL, 0},
    {"outer spaces", QUICK, {{"CN", U8, "  a b  ", 0, 0}}, NULL, NULL, 0},
    {"inner # and space", QUICK, {{"CN", U8, "a# b", 0, 0}}, NULL, NULL, 0},
    {"controls", QUICK, {{"CN", U8, "a\x01" "b\x7f" "c\x1f\t", 0, 0}}, NULL, NULL, 0},
    {"NUL inside", QUICK, {{"O", U8, "a\0b", 3, 0}, {"CN", U8, "x", 0, 0}}, NULL, NULL, 0},
    {"empty value", QUICK, {{"O", U8, "", 0, 0}, {"CN", U8, "x", 0, 0}}, NULL, NULL, 0},
    {"UTF-8", QUICK, {{"CN", U8, "Gr\xc3\xbc\xc3\x9f" "e \xe6\x97\xa5 \xf0\x9f\x98\x80", 0, 0}}, NULL, NULL, 0},
    {"PrintableString Latin-1", QUICK, {{"CN", V_ASN1_PRINTABLESTRING, "caf\xe9 ,", 0, 0}}, NULL, NULL, 0},
    {"T61String", QUICK, {{"O", V_ASN1_T61STRING, "M\xfcnchen;", 0, 0}, {"CN", U8, "t", 0, 0}}, NULL, NULL, 0},
    {"IA5String", QUICK, {{"emailAddress", V_ASN1_IA5STRING, "a@b.example", 0, 0}}, NULL, NULL, 0},
    {"NumericString", QUICK, {{"serialNumber", V_ASN1_NUMERICSTRING, "123 456", 0, 0}}, NULL, NULL, 0},
    {"BMPString", QUICK, {{"CN", V_ASN1_BMPSTRING, "\0#\0a\x03\xa9\x20\xac\0 ", 10, 0}}, NULL, NULL, 0},
    {"UniversalString", QUICK, {{"CN", V_ASN1_UNIVERSALSTRING, "\0\0\0 \0\0\0a\0\x01\xd1\x1e", 12, 0}}, NULL, NULL, 0},
    {"multi-valued RDN", QUICK,
     {{"C", V_ASN1_PRINTABLESTRING, "DE", 0, 0}, {"O", U8, "Org", 0, 0}, {"OU", U8, "A", 0, -1},
      {"OU", U8, "B", 0, -1}, {"CN", U8, "x", 0, 0}}, NULL, NULL, 0},
    {"rare attributes", QUICK,
     {{"DC", V_ASN1_IA5STRING, "example", 0, 0}, {"UID", U8, "u1", 0, 0},
      {"jurisdictionC", V_ASN1_PRINTABLESTRING, "DE", 0, 0}, {"businessCategory", U8, "Private Organization", 0, 0},
      {"organizationIdentifier", U8, "VATDE-123", 0, 0}, {"favouriteDrink", U8, "tea", 0, 0},
      {"street", U8, "Main St 1", 0, 0}}, NULL, NULL, 0},
    {"unknown OID in a listed arc", QUICK, {{"2.5.4.55", U8, "abc", 0, 0}, {"CN", U8, "x", 0, 0}}, NULL, NULL, 0},
    {"unknown OID, other arc", FALLBACK, {{"1.2.3.4", U8, "abc", 0, 0}}, NULL, NULL, 0},
    {"BIT STRING value", FALLBACK, {{"x500UniqueIdentifier", V_ASN1_BIT_STRING, "\x01\x02", 2, 0}}, NULL, NULL, 0},
    {"empty name", QUICK, {{NULL, 0, NULL, 0, 0}}, NULL, NULL, 0},
    {"bad UTF-8", REFUSE, {{"CN", U8, "ab@@cd", 0, 0}}, "@@", "\xc3\x28", 0},
    {"overlong UTF-8", REFUSE, {{"CN", U8, "ab@@cd", 0, 0}}, "@@", "\xc1\x81", 0},
    {"UTF-8 surrogate", REFUSE, {{"CN", U8, "ab@@@cd", 0, 0}}, "@@@", "\xed\xa0\x80", 0},
    {"BMP surrogate", REFUSE, {{"CN", V_ASN1_BMPSTRING, "\0a@@", 4, 0}}, "@@", "\xd8\x3d", 0},
    {"Universal past U+10FFFF", REFUSE, {{"CN", V_ASN1_UNIVERSALSTRING, "\0\0\0a\0\x01\x23\x45", 8, 0}},
     "\0\x01\x23\x45", "\0\x11\0\0", 4},
};

static void build_name(X509_NAME *n, const struct attr_spec *attrs, size_t count)
{
    while (X509_NAME_entry_count(n) > 0)
        X509_NAME_ENTRY_free(X509_NAME_delete_entry(n, 0));
    for (size_t i = 0; i < count && attrs[i].field; i++) {
        const struct attr_spec *a = &attrs[i];
        size_t len = a->len ? a->len : strlen(a->value);
        if (!X509_NAME_add_entry_by_txt(n, a->field, a->type, (const unsigned char *)a->value,
                                        (int)len, -1, a->set))
            fail_msg("cannot add %s", a->field);
    }
}

static void test_names(void **state)
{
    (void)state;
    keys_load();
    for (size_t i = 0; i < sizeof(NAME_CASES) / sizeof(NAME_CASES[0]); i++) {
        const struct name_case *c = &NAME_CASES[i];
        X509 *x = new_cert(K.ed25519);
        build_name(X509_get_subject_name(x), c->attrs, sizeof(c->attrs) / sizeof(c->attrs[0]));
        sign(x, K.ed25519, NULL);
        size_t n = c->patch_len ? c->patch_len : c->from ? strlen(c->from) : 0;
        check_cert(x, c->expect, c->what, c->from, c->to, n);
    }
}

/* Every ASCII character alone, doubled and tripled (first, middle and last
 * positions), in UTF8Strings and BMPStrings: OpenSSL escapes per character. */
static void test_name_every_ascii(void **state)
{
    (void)state;
    keys_load();
    static const char *const utf8_fields[] = {"CN", "O", "OU"};
    static const char *const bmp_fields[] = {"L", "ST", "street"};
    for (int c = 0; c < 128; c++) {
        const unsigned char v[3] = {(unsigned char)c, (unsigned char)c, (unsigned char)c};
        const unsigned char bmp[6] = {0, (unsigned char)c, 0, (unsigned char)c, 0, (unsigned char)c};
        X509 *x = new_cert(K.ed25519);
        X509_NAME *n = X509_get_subject_name(x);
        X509_NAME_ENTRY_free(X509_NAME_delete_entry(n, 0));
        for (int l = 0; l < 3; l++) {
            X509_NAME_add_entry_by_txt(n, utf8_fields[l], V_ASN1_UTF8STRING, v, l + 1, -1, 0);
            X509_NAME_add_entry_by_txt(n, bmp_fields[l], V_ASN1_BMPSTRING, bmp, 2 * (l + 1), -1, 0);
        }
        sign(x, K.ed25519, NULL);
        char what[64];
        snprintf(what, sizeof(what), "character 0x%02x", c);
        check_cert(x, QUICK, what, NULL, NULL, 0);
    }
}

static void test_many_name_entries(void **state)
{
    (void)state;
    keys_load();
    X509 *x = new_cert(K.ed25519);
    X509_NAME *n = X509_get_subject_name(x);
    for (int i = 0; i < 40; i++)
        X509_NAME_add_entry_by_txt(n, "OU", MBSTRING_UTF8, (const unsigned char *)"unit", -1, -1,
                                   0);
    sign(x, K.ed25519, NULL);
    check_cert(x, FALLBACK, "40 name entries", NULL, NULL, 0);
}

/* Public keys of every kind, in certificates signed by Ed25519. */
static void test_keys(void **state)
{
    (void)state;
    keys_load();
    struct {
        const char *what;
        EVP_PKEY *key;
    } cases[] = {
        {"RSA 2048", load_key("leaf.key")},
        {"RSA 1024", load_key("rsa1024.key")},
        {"RSA-PSS", gen_rsa_pss()},
        {"DSA", load_key("dsa.key")},
        {"P-256", load_key("ec256.key")},
        {"P-384", load_key("ec384.key")},
        {"P-521", gen_key("EC", "P-521")},
        {"P-224", gen_key("EC", "P-224")},
        {"P-192", gen_key("EC", "P-192")},
        {"secp256k1", gen_key("EC", "secp256k1")},
        {"brainpoolP256r1", gen_key("EC", "brainpoolP256r1")},
        {"brainpoolP384r1", gen_key("EC", "brainpoolP384r1")},
        {"brainpoolP512r1", gen_key("EC", "brainpoolP512r1")},
        {"X25519", load_key("x25519.key")},
        {"X448", gen_key("X448", NULL)},
        {"Ed25519", load_key("ed25519.key")},
        {"Ed448", gen_key("ED448", NULL)},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        X509 *x = new_cert(cases[i].key);
        sign(x, K.ed25519, NULL);
        check_cert(x, QUICK, cases[i].what, NULL, NULL, 0);
        EVP_PKEY_free(cases[i].key);
    }
    /* A point off its curve (y changed in its last bit) is declined, left to
     * the full decoder (OpenSSL will not decode the key), on every kind of
     * curve the quick decoder checks itself. */
    static const char *const curves[] = {"P-256", "P-384", "P-521", "P-224", "secp256k1",
                                         "brainpoolP512r1"};
    for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
        EVP_PKEY *key = gen_key("EC", curves[i]);
        unsigned char point[160];
        size_t plen = 0;
        assert_true(EVP_PKEY_get_octet_string_param(key, "encoded-pub-key", point, sizeof(point),
                                                    &plen));
        unsigned char off[160];
        memcpy(off, point, plen);
        off[plen - 1] ^= 1;
        X509 *x = new_cert(key);
        sign(x, K.ed25519, NULL);
        size_t len;
        unsigned char *der = der_of(x, &len, (const char *)point, (const char *)off, plen);
        char what[64];
        snprintf(what, sizeof(what), "%s point off the curve", curves[i]);
        check_der(der, len, FALLBACK, what);
        OPENSSL_free(der);
        X509_free(x);
        EVP_PKEY_free(key);
    }
    /* A compressed EC point: the full decoder's (a square root is needed). */
    EVP_PKEY *ec = gen_key("EC", "P-256");
    assert_true(EVP_PKEY_set_utf8_string_param(ec, "point-format", "compressed"));
    X509 *x = new_cert(ec);
    sign(x, K.ed25519, NULL);
    size_t len;
    unsigned char *der = der_of(x, &len, NULL, NULL, 0);
    check_der(der, len, FALLBACK, "P-256 compressed");
    OPENSSL_free(der);
    X509_free(x);
    EVP_PKEY_free(ec);
}

static void sign_pss(X509 *x, EVP_PKEY *key)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    assert_true(EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), NULL, key) == 1);
    assert_true(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1);
    assert_true(X509_sign_ctx(x, ctx) > 0);
    EVP_MD_CTX_free(ctx);
}

static void test_signature_algorithms(void **state)
{
    (void)state;
    keys_load();
    struct {
        const char *what;
        EVP_PKEY *key;
        const EVP_MD *md;
    } cases[] = {
        {"RSA SHA-1", K.rsa, EVP_sha1()},       {"RSA SHA-224", K.rsa, EVP_sha224()},
        {"RSA SHA-256", K.rsa, EVP_sha256()},   {"RSA SHA-384", K.rsa, EVP_sha384()},
        {"RSA SHA-512", K.rsa, EVP_sha512()},   {"RSA SHA-512/224", K.rsa, EVP_sha512_224()},
        {"RSA SHA3-256", K.rsa, EVP_sha3_256()}, {"ECDSA SHA-1", K.ec, EVP_sha1()},
        {"ECDSA SHA-224", K.ec, EVP_sha224()},  {"ECDSA SHA-384", K.ec, EVP_sha384()},
        {"ECDSA SHA-512", K.ec, EVP_sha512()},  {"ECDSA SHA3-256", K.ec, EVP_sha3_256()},
        {"DSA SHA-1", K.dsa, EVP_sha1()},       {"DSA SHA-256", K.dsa, EVP_sha256()},
        {"Ed25519", K.ed25519, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        X509 *x = new_cert(cases[i].key);
        sign(x, cases[i].key, cases[i].md);
        check_cert(x, QUICK, cases[i].what, NULL, NULL, 0);
    }
    X509 *x = new_cert(K.rsa);
    sign_pss(x, K.rsa);
    check_cert(x, QUICK, "RSA-PSS signature", NULL, NULL, 0);

    EVP_PKEY *ed448 = gen_key("ED448", NULL);
    x = new_cert(ed448);
    sign(x, ed448, NULL);
    check_cert(x, QUICK, "Ed448", NULL, NULL, 0);
    EVP_PKEY_free(ed448);
}

static void test_serials(void **state)
{
    (void)state;
    keys_load();
    static const char *const serials[] = {
        "0", "1", "-1", "7F", "80", "FF", "100", "-80", "-81", "-100", "-10000", "-FF00",
        "7FEEDDCCBBAA99887766554433221100FFEEDDCC",
        "FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100FFEEDD", /* 35 octets */
    };
    for (size_t i = 0; i < sizeof(serials) / sizeof(serials[0]) + 1; i++) {
        bool too_long = i == sizeof(serials) / sizeof(serials[0]);
        BIGNUM *bn = NULL;
        /* 36 octets: OpenSSL breaks the hex line, the quick decoder declines. */
        BN_hex2bn(&bn, too_long ? "01FFEEDDCCBBAA99887766554433221100"
                                  "FFEEDDCCBBAA99887766554433221100FFEEDD"
                                : serials[i]);
        X509 *x = new_cert(K.ed25519);
        BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
        BN_free(bn);
        sign(x, K.ed25519, NULL);
        char what[128];
        snprintf(what, sizeof(what), "serial %s", too_long ? "of 36 octets" : serials[i]);
        check_cert(x, too_long ? FALLBACK : QUICK, what, NULL, NULL, 0);
    }
}

static void test_times(void **state)
{
    (void)state;
    keys_load();
    static const struct {
        const char *not_before, *not_after;
        enum expect expect;
        const char *from, *to;
    } cases[] = {
        {"500101000000Z", "491231235959Z", QUICK, NULL, NULL},           /* 1950, 2049 */
        {"19491231235959Z", "20500101000000Z", QUICK, NULL, NULL},       /* GeneralizedTime */
        {"000229120000Z", "21000228000000Z", QUICK, NULL, NULL},         /* leap days */
        {"16010101000000Z", "99991231235959Z", QUICK, NULL, NULL},
        {"20240101000000.5Z", "20340101000000Z", FALLBACK, NULL, NULL},  /* fraction */
        {"20240101000000+0100", "20340101000000Z", FALLBACK, NULL, NULL}, /* offset */
        {"20230228000000Z", "20340101000000Z", REFUSE, "20230228", "20230230"},
        {"20230228000000Z", "20340101000000Z", REFUSE, "20230228", "2023022A"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        X509 *x = new_cert(K.ed25519);
        assert_true(ASN1_TIME_set_string(X509_getm_notBefore(x), cases[i].not_before));
        assert_true(ASN1_TIME_set_string(X509_getm_notAfter(x), cases[i].not_after));
        sign(x, K.ed25519, NULL);
        char what[128];
        snprintf(what, sizeof(what), "times %s %s", cases[i].not_before, cases[i].not_after);
        check_cert(x, cases[i].expect, what, cases[i].from, cases[i].to,
                   cases[i].from ? strlen(cases[i].from) : 0);
    }
}

static void add_conf_ext(X509 *x, int nid, const char *value)
{
    X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, NULL, nid, value);
    if (!e)
        fail_msg("bad extension \"%s\"", value);
    X509_add_ext(x, e, -1);
    X509_EXTENSION_free(e);
}

/* A SAN of one IP entry with raw octets (an address with a netmask). */
static void add_raw_ip_san(X509 *x, const unsigned char *ip, int len)
{
    GENERAL_NAMES *names = GENERAL_NAMES_new();
    GENERAL_NAME *gn = GENERAL_NAME_new();
    ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(os, ip, len);
    GENERAL_NAME_set0_value(gn, GEN_IPADD, os);
    sk_GENERAL_NAME_push(names, gn);
    X509_add1_ext_i2d(x, NID_subject_alt_name, names, 0, X509V3_ADD_APPEND);
    GENERAL_NAMES_free(names);
}

static void test_extensions(void **state)
{
    (void)state;
    keys_load();
    static const struct {
        const char *what;
        const char *san, *san2, *bc, *bc2;
        enum expect expect;
    } cases[] = {
        {"every kept SAN kind",
         "DNS:a.example,IP:192.0.2.1,IP:2001:db8::1,email:x@example.com,URI:https://example.com/p,"
         "DNS:*.b.example,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.com,IP:::ffff:1.2.3.4",
         NULL, "critical,CA:TRUE,pathlen:3", NULL, QUICK},
        {"CA:FALSE", "DNS:a.example", NULL, "CA:FALSE", NULL, QUICK},
        {"no extensions", NULL, NULL, NULL, NULL, QUICK},
        {"otherName IA5", "otherName:1.2.3.4;IA5STRING:abc", NULL, NULL, NULL, QUICK},
        {"dirName", "DNS:a.example,dirName:dir_sect", NULL, NULL, NULL, FALLBACK},
        {"registeredID", "RID:1.2.3.4", NULL, NULL, NULL, FALLBACK},
        {"two SAN extensions", "DNS:a.example", "DNS:b.example", NULL, NULL, FALLBACK},
        {"two basicConstraints", NULL, NULL, "CA:TRUE", "CA:FALSE", FALLBACK},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        X509 *x = new_cert(K.ed25519);
        if (cases[i].san && strstr(cases[i].san, "dirName")) {
            X509_EXTENSION *e;
            CONF *conf = NCONF_new(NULL);
            long line;
            BIO *b = BIO_new_mem_buf("[dir_sect]\nCN=dir\nO=org\n", -1);
            assert_true(NCONF_load_bio(conf, b, &line) > 0);
            BIO_free(b);
            X509V3_CTX ctx;
            X509V3_set_ctx(&ctx, NULL, x, NULL, NULL, 0);
            X509V3_set_nconf(&ctx, conf);
            e = X509V3_EXT_nconf_nid(conf, &ctx, NID_subject_alt_name, cases[i].san);
            assert_non_null(e);
            X509_add_ext(x, e, -1);
            X509_EXTENSION_free(e);
            NCONF_free(conf);
        } else if (cases[i].san) {
            add_conf_ext(x, NID_subject_alt_name, cases[i].san);
        }
        if (cases[i].san2)
            add_conf_ext(x, NID_subject_alt_name, cases[i].san2);
        if (cases[i].bc)
            add_conf_ext(x, NID_basic_constraints, cases[i].bc);
        if (cases[i].bc2)
            add_conf_ext(x, NID_basic_constraints, cases[i].bc2);
        sign(x, K.ed25519, NULL);
        check_cert(x, cases[i].expect, cases[i].what, NULL, NULL, 0);
    }

    static const unsigned char masked[8] = {10, 0, 0, 0, 255, 0, 0, 0};
    X509 *x = new_cert(K.ed25519);
    add_raw_ip_san(x, masked, 8);
    sign(x, K.ed25519, NULL);
    check_cert(x, QUICK, "IP with netmask", NULL, NULL, 0);

    x = new_cert(K.ed25519);
    GENERAL_NAMES *empty = GENERAL_NAMES_new();
    X509_add1_ext_i2d(x, NID_subject_alt_name, empty, 0, X509V3_ADD_APPEND);
    GENERAL_NAMES_free(empty);
    sign(x, K.ed25519, NULL);
    check_cert(x, QUICK, "empty SAN", NULL, NULL, 0);

    x = new_cert(K.ed25519);
    add_conf_ext(x, NID_subject_alt_name, "DNS:a@@b.example");
    sign(x, K.ed25519, NULL);
    check_cert(x, QUICK, "NUL in a DNS name", "@@", "\0X", 2);
}

static void test_versions(void **state)
{
    (void)state;
    keys_load();
    X509 *x = new_cert(K.ed25519);
    X509_set_version(x, X509_VERSION_1);
    sign(x, K.ed25519, NULL);
    check_cert(x, QUICK, "v1", NULL, NULL, 0);

    x = new_cert(K.ed25519);
    X509_set_version(x, X509_VERSION_2);
    sign(x, K.ed25519, NULL);
    check_cert(x, QUICK, "v2", NULL, NULL, 0);

    x = new_cert(K.ed25519);
    X509_set_version(x, X509_VERSION_1);
    add_conf_ext(x, NID_basic_constraints, "CA:TRUE");
    sign(x, K.ed25519, NULL);
    check_cert(x, FALLBACK, "v1 with extensions", NULL, NULL, 0);
}

/* ------------------------------------------------------------------------ */
/* Hostile input                                                              */

/* Every prefix of leaf.der, each in a buffer of exactly its size so that
 * ASan/valgrind see any read past it; then the same for leaf.pem's text. */
static void test_truncations(void **state)
{
    (void)state;
    struct buf der = {0}, pem = {0};
    fixture_read("leaf.der", &der);
    fixture_read("leaf.pem", &pem);
    struct x509_summary q;
    for (size_t n = 0; n < der.len; n++) {
        unsigned char *cut = xmalloc(n ? n : 1);
        memcpy(cut, der.data, n);
        if (x509_summary_from_der(cut, n, &q))
            fail_msg("leaf.der cut to %zu bytes was accepted", n);
        x509_summary_free(&q);
        free(cut);
    }
    const char *end = strstr(pem.data, "-----END CERTIFICATE-----");
    assert_non_null(end);
    size_t needed = (size_t)(end - pem.data) + strlen("-----END CERTIFICATE-----");
    for (size_t n = 0; n < pem.len; n++) {
        char *cut = xmalloc(n ? n : 1);
        memcpy(cut, pem.data, n);
        bool ok = x509_summary_from_pem(cut, n, &q);
        if (ok != (n >= needed))
            fail_msg("leaf.pem cut to %zu bytes: from_pem said %d", n, ok);
        x509_summary_free(&q);
        free(cut);
    }
    buf_free(&der);
    buf_free(&pem);
}

/* Each byte of a certificate changed in turn: whenever the quick decoder
 * still accepts it, the full decoder must read it and agree on every field. */
static void mutate_and_compare(const unsigned char *orig, size_t len, const char *what,
                               size_t *accepted, size_t *declined)
{
    static const unsigned char masks[] = {0x01, 0x80, 0x20, 0xff, 0x7f, 0x40};
    unsigned char *m = xmalloc(len);
    for (size_t i = 0; i < len; i++) {
        memcpy(m, orig, len);
        m[i] ^= masks[i % sizeof(masks)];
        struct x509_summary q;
        if (x509_summary_from_der(m, len, &q)) {
            struct x509_cert full = {0};
            struct cd_error err;
            char label[160];
            snprintf(label, sizeof(label), "%s with byte %zu ^ 0x%02x", what, i,
                     masks[i % sizeof(masks)]);
            if (x509_cert_from_der(m, len, &full, &err) != CD_OK)
                fail_msg("%s: quick accepted, full refused: %s", label, err.message);
            expect_same(&q, &full, label);
            x509_cert_free(&full);
            (*accepted)++;
        } else {
            (*declined)++;
        }
        x509_summary_free(&q);
    }
    free(m);
}

static void test_mutations(void **state)
{
    (void)state;
    static const char *const files[] = {"leaf.pem", "utf8.pem", "ipv6.pem", "ed25519.pem",
                                        "serial20.pem"};
    size_t accepted = 0, declined = 0;
    for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        struct buf text = {0};
        struct pem_set set;
        struct cd_error err;
        fixture_read(files[f], &text);
        assert_int_equal(pem_parse(text.data, text.len, files[f], &set, &err), CD_OK);
        mutate_and_compare(set.blocks[0].der, set.blocks[0].der_len, files[f], &accepted,
                           &declined);
        pem_set_free(&set);
        buf_free(&text);
    }
    /* A certificate full of unusual strings, so that string bytes get hit. */
    keys_load();
    X509 *x = new_cert(K.ed25519);
    const struct name_case *multi = NULL;
    for (size_t i = 0; i < sizeof(NAME_CASES) / sizeof(NAME_CASES[0]); i++)
        if (strcmp(NAME_CASES[i].what, "multi-valued RDN") == 0)
            multi = &NAME_CASES[i];
    assert_non_null(multi);
    build_name(X509_get_subject_name(x), multi->attrs,
               sizeof(multi->attrs) / sizeof(multi->attrs[0]));
    X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", V_ASN1_BMPSTRING,
                               (const unsigned char *)"\0#\0a\x03\xa9\x20\xac", 8, -1, 0);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "O", V_ASN1_UNIVERSALSTRING,
                               (const unsigned char *)"\0\0\0a\0\x01\xd1\x1e", 8, -1, 0);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "L", V_ASN1_T61STRING,
                               (const unsigned char *)"M\xfc,", 3, -1, 0);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "2.5.4.55", V_ASN1_UTF8STRING,
                               (const unsigned char *)"x", 1, -1, 0);
    add_conf_ext(x, NID_subject_alt_name, "DNS:a.example,IP:192.0.2.1,email:e@x,URI:u:x");
    add_conf_ext(x, NID_basic_constraints, "critical,CA:TRUE,pathlen:1");
    sign(x, K.ed25519, NULL);
    size_t len;
    unsigned char *der = der_of(x, &len, NULL, NULL, 0);
    mutate_and_compare(der, len, "generated", &accepted, &declined);
    OPENSSL_free(der);
    X509_free(x);
    print_message("mutations: %zu still read by the quick decoder (all agreeing), %zu declined\n",
                  accepted, declined);
    assert_true(accepted > 0 && declined > 0);
}

static void expect_refused(const unsigned char *der, size_t len, const char *what)
{
    unsigned char *copy = der ? xmalloc(len ? len : 1) : NULL;
    if (der)
        memcpy(copy, der, len);
    struct x509_summary q;
    if (x509_summary_from_der(copy, len, &q))
        fail_msg("%s was accepted", what);
    x509_summary_free(&q);
    free(copy);
}

static void test_garbage(void **state)
{
    (void)state;
    struct buf leaf = {0};
    fixture_read("leaf.der", &leaf);
    const unsigned char *d = (const unsigned char *)leaf.data;
    assert_int_equal(d[0], 0x30);
    assert_int_equal(d[1], 0x82);

    /* Random bytes, and random bytes behind a plausible header. */
    unsigned long long seed = 0x9e3779b97f4a7c15ULL;
    unsigned char buf[600];
    for (int round = 0; round < 400; round++) {
        size_t n = (size_t)(round * 7 % 600);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            buf[i] = (unsigned char)(seed >> 56);
        }
        if (round % 2 && n > 4) {
            buf[0] = 0x30, buf[1] = 0x82, buf[2] = (unsigned char)((n - 4) >> 8);
            buf[3] = (unsigned char)(n - 4);
        }
        expect_refused(buf, n, "random bytes");
    }

    /* Indefinite length (BER): 30 80 … 00 00. */
    size_t body = leaf.len - 4;
    unsigned char *ber = xmalloc(body + 4);
    ber[0] = 0x30, ber[1] = 0x80;
    memcpy(ber + 2, d + 4, body);
    ber[body + 2] = 0, ber[body + 3] = 0;
    expect_refused(ber, body + 4, "indefinite length");
    free(ber);

    /* Lengths: too long for the data, past 32 bits, not minimal. */
    static const unsigned char huge[] = {0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30, 0x00};
    static const unsigned char wide[] = {0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00, 0x30};
    static const unsigned char padded[] = {0x30, 0x81, 0x02, 0x05, 0x00};
    static const unsigned char high_tag[] = {0x1f, 0x81, 0x00, 0x00};
    static const unsigned char empty_seq[] = {0x30, 0x00};
    expect_refused(huge, sizeof(huge), "length 0xffffffff");
    expect_refused(wide, sizeof(wide), "five length octets");
    expect_refused(padded, sizeof(padded), "non-minimal length");
    expect_refused(high_tag, sizeof(high_tag), "high tag number");
    expect_refused(empty_seq, sizeof(empty_seq), "empty SEQUENCE");
    expect_refused(NULL, 0, "NULL");

    /* The outer length grown by one: the signature then ends early. */
    unsigned char *grown = xmalloc(leaf.len + 1);
    memcpy(grown, d, leaf.len);
    grown[leaf.len] = 0;
    unsigned len = (unsigned)d[2] << 8 | d[3];
    grown[2] = (unsigned char)((len + 1) >> 8), grown[3] = (unsigned char)(len + 1);
    expect_refused(grown, leaf.len + 1, "trailing byte inside the certificate");
    free(grown);

    /* Damaged PEM framing. */
    static const char *const pems[] = {
        "-----BEGIN CERTIFICATE-----\nMIIB\n",
        "-----BEGIN CERTIFICATE\n-----\nMIIB\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\n====\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMAA\n-----END CERTIFICATE-----\n",
        "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n",
        "-----BEGIN ",
        "",
    };
    for (size_t i = 0; i < sizeof(pems) / sizeof(pems[0]); i++) {
        struct x509_summary q;
        size_t n = strlen(pems[i]);
        char *copy = xmalloc(n ? n : 1);
        memcpy(copy, pems[i], n);
        if (x509_summary_from_pem(copy, n, &q))
            fail_msg("PEM #%zu was accepted", i);
        x509_summary_free(&q);
        free(copy);
    }
    buf_free(&leaf);
}

/* ------------------------------------------------------------------------ */
/* Threads and speed                                                          */

struct ders {
    unsigned char **der;
    size_t *len;
    size_t count;
};

static void chain11_ders(struct ders *out)
{
    struct buf text = {0};
    struct pem_set set;
    struct cd_error err;
    fixture_read("chain11.pem", &text);
    assert_int_equal(pem_parse(text.data, text.len, "chain11.pem", &set, &err), CD_OK);
    out->count = set.count;
    out->der = xcalloc(set.count, sizeof(*out->der));
    out->len = xcalloc(set.count, sizeof(*out->len));
    for (size_t i = 0; i < set.count; i++) {
        out->der[i] = xmalloc(set.blocks[i].der_len);
        memcpy(out->der[i], set.blocks[i].der, set.blocks[i].der_len);
        out->len[i] = set.blocks[i].der_len;
    }
    pem_set_free(&set);
    buf_free(&text);
}

static void ders_free(struct ders *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->der[i]);
    free(d->der);
    free(d->len);
}

static void *decode_many(void *arg)
{
    const struct ders *d = arg;
    for (int round = 0; round < 20; round++)
        for (size_t i = 0; i < d->count; i++) {
            struct x509_summary q;
            if (!x509_summary_from_der(d->der[i], d->len[i], &q))
                return (void *)1;
            x509_summary_free(&q);
        }
    return NULL;
}

/* The first calls race on the one-time setup (tables, digests). */
static void test_threads(void **state)
{
    (void)state;
    struct ders d;
    chain11_ders(&d);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, decode_many, &d), 0);
    for (int i = 0; i < 4; i++) {
        void *rc;
        pthread_join(t[i], &rc);
        assert_null(rc);
    }
    ders_free(&d);
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* µs per certificate of chain11.pem's certificates, decoded again and again
 * for about `budget` seconds of CPU (at least once). */
static double bench(const struct ders *d, bool quick, double budget)
{
    size_t n = 0;
    double start = cpu_seconds(), now;
    do {
        for (size_t i = 0; i < d->count; i++, n++) {
            if (quick) {
                struct x509_summary q;
                assert_true(x509_summary_from_der(d->der[i], d->len[i], &q));
                x509_summary_free(&q);
            } else {
                struct x509_cert c = {0};
                struct cd_error err;
                assert_int_equal(x509_cert_from_der(d->der[i], d->len[i], &c, &err), CD_OK);
                x509_cert_free(&c);
            }
        }
        now = cpu_seconds();
    } while (now - start < budget);
    return (now - start) * 1e6 / (double)n;
}

static double bench_pem(const char *text, size_t len, double budget)
{
    size_t n = 0;
    double start = cpu_seconds(), now;
    do {
        struct x509_summary q;
        assert_true(x509_summary_from_pem(text, len, &q));
        x509_summary_free(&q);
        n++;
        now = cpu_seconds();
    } while (now - start < budget);
    return (now - start) * 1e6 / (double)n;
}

/* Printed, not asserted: timings depend on the machine (and on valgrind). */
static void test_benchmark(void **state)
{
    (void)state;
    struct ders d;
    chain11_ders(&d);
    struct buf text = {0};
    fixture_read("chain11.pem", &text);
    (void)bench(&d, true, 0.0); /* warm up: one-time setup */
    double quick = bench(&d, true, 0.3);
    double full = bench(&d, false, 0.3);
    double pem = bench_pem(text.data, text.len, 0.2);
    print_message("chain11.pem: quick %.2f us/cert, full %.2f us/cert (%.0fx); from_pem (leaf "
                  "of an 11-cert file) %.2f us; 10,000 certs: quick %.3f s, full %.2f s\n",
                  quick, full, full / quick, pem, quick * 1e4 / 1e6, full * 1e4 / 1e6);
    buf_free(&text);
    ders_free(&d);
}

static int teardown(void **state)
{
    (void)state;
    keys_free();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_match_openssl),
        cmocka_unit_test(test_fixture_files),
        cmocka_unit_test(test_demo_assets),
        cmocka_unit_test(test_der_file),
        cmocka_unit_test(test_files_without_certificate),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_name_every_ascii),
        cmocka_unit_test(test_many_name_entries),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_signature_algorithms),
        cmocka_unit_test(test_serials),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_extensions),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_benchmark),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}

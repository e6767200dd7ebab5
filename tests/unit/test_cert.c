/* test_cert.c — the certificate decoder: every field of struct x509_cert,
 * checked against what the openssl command line says about the same file,
 * plus multi-certificate files, DER, the display rows and each decode error. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* strptime */
#endif
#include "testutil.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/strlist.h"
#include "core/xalloc.h"
#include "x509/fields.h"
#include "x509/pem.h"

/* ------------------------------------------------------------------------ */
/* Fixtures                                                                   */

/* Every single-certificate fixture (for chain files, openssl and the tests
 * look at the first certificate), with the constants we expect for it. */
struct cert_case {
    const char *file;
    const char *key_algorithm;
    int key_bits;               /* 0: not checked (Ed25519: 253 or 256 by OpenSSL version) */
    const char *key_curve;      /* NULL when not EC */
    const char *signature_hash; /* "" when the algorithm has its own hash */
};

static const struct cert_case CASES[] = {
    {"leaf.pem", "RSA", 2048, NULL, "SHA256"},
    {"root.pem", "RSA", 2048, NULL, "SHA256"},
    {"inter.pem", "RSA", 2048, NULL, "SHA256"},
    {"many-sans.pem", "RSA", 2048, NULL, "SHA256"},
    {"ipv6.pem", "EC", 256, "P-256", "SHA256"},
    {"utf8.pem", "RSA", 2048, NULL, "SHA256"},
    {"ec256.pem", "EC", 256, "P-256", "SHA256"},
    {"ec384.pem", "EC", 384, "P-384", "SHA384"},
    {"ed25519.pem", "Ed25519", 0, NULL, ""},
    {"expired.pem", "RSA", 2048, NULL, "SHA256"},
    {"notyet.pem", "RSA", 2048, NULL, "SHA256"},
    {"serial20.pem", "RSA", 2048, NULL, "SHA256"},
    {"sha1.pem", "RSA", 2048, NULL, "SHA1"},
    {"md5.pem", "RSA", 2048, NULL, "MD5"}, /* may be absent: see SKIPPED */
    {"rsa1024.pem", "RSA", 1024, NULL, "SHA256"},
    {"nosan.pem", "RSA", 2048, NULL, "SHA256"},
    {"chain11.pem", "EC", 256, "P-256", "SHA256"},
};
#define NCASES (sizeof(CASES) / sizeof(CASES[0]))

/* True when the generator could not make `name` and said so in SKIPPED;
 * a fixture missing without that note fails the test. */
static bool fixture_skipped(const char *name)
{
    if (access(fixture(name), R_OK) == 0)
        return false;
    if (access(fixture("SKIPPED"), R_OK) != 0)
        fail_msg("fixture %s is missing", name);
    struct buf skipped = {0};
    fixture_read("SKIPPED", &skipped); /* NUL-terminated */
    bool listed = contains(skipped.data, name);
    buf_free(&skipped);
    if (!listed)
        fail_msg("fixture %s is missing and not listed in SKIPPED", name);
    return true;
}

/* Runs check on the first certificate of every fixture of CASES. */
static void for_each_case(void (*check)(const struct cert_case *, const struct x509_cert *))
{
    for (size_t i = 0; i < NCASES; i++) {
        if (fixture_skipped(CASES[i].file))
            continue;
        struct x509_certs certs;
        fixture_certs(CASES[i].file, &certs);
        assert_true(certs.count >= 1);
        check(&CASES[i], &certs.items[0]);
        x509_certs_free(&certs);
    }
}

/* The first certificate of a fixture, in certs (freed by the caller). */
static const struct x509_cert *load(const char *file, struct x509_certs *certs)
{
    fixture_certs(file, certs);
    assert_true(certs->count >= 1);
    return &certs->items[0];
}

/* ------------------------------------------------------------------------ */
/* What the openssl command line says                                        */

/* `openssl x509 -noout OPTS -in FILE`, as a new string. */
static char *ossl_x509(const char *file, const char *opts)
{
    return openssl_out("x509 -noout %s -in '%s'", opts, fixture(file));
}

/* The value after "KEY=" of `openssl x509 -noout OPT` ("serial=AB" → "AB"). */
static char *ossl_value(const char *file, const char *opt)
{
    char *line = ossl_x509(file, opt);
    char *v = xstrdup(after_equals(line));
    free(line);
    return v;
}

/* The rest of the first line of text (`openssl x509 -text`) after label, or NULL. */
static char *text_field(const char *text, const char *label)
{
    const char *at = strstr(text, label);
    if (!at)
        return NULL;
    at += strlen(label);
    return xstrndup(at, strcspn(at, "\n"));
}

/* "Nov 23 10:00:00 2027 GMT" (openssl's date form) as UTC seconds. */
static int64_t openssl_date(const char *s)
{
    struct tm tm = {0};
    const char *end = strptime(s, "%b %d %H:%M:%S %Y GMT", &tm);
    if (!end || *end)
        fail_msg("cannot parse openssl date \"%s\"", s);
    return (int64_t)timegm(&tm);
}

/* One extension as `openssl x509 -ext NAME` prints it: the header line
 * ("X509v3 Key Usage: critical") and its indented lines, trimmed. */
struct ext_block {
    bool present;
    bool critical;
    struct strlist lines;
};

static void ossl_ext(const char *file, const char *ext, const char *header, struct ext_block *out)
{
    memset(out, 0, sizeof(*out));
    /* -serial keeps the output non-empty when the extension is absent:
     * openssl_out() returns an unterminated string for empty output
     * (buf_steal() of an empty struct buf does not write the NUL). */
    char opts[128];
    snprintf(opts, sizeof(opts), "-serial -ext %s", ext);
    char *text = ossl_x509(file, opts);
    bool inside = false;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] != ' ') {
            inside = strncmp(line, header, strlen(header)) == 0 && line[strlen(header)] == ':';
            if (inside) {
                out->present = true;
                out->critical = contains(line, "critical");
            }
        } else if (inside) {
            strlist_push(&out->lines, line + strspn(line, " "));
        }
    }
    free(text);
}

/* Appends the parts of s separated by sep to out. */
static void split_into(const char *s, const char *sep, struct strlist *out)
{
    for (;;) {
        const char *at = strstr(s, sep);
        if (!at) {
            strlist_push(out, s);
            return;
        }
        strlist_push_owned(out, xstrndup(s, (size_t)(at - s)));
        s = at + strlen(sep);
    }
}

/* Every comma-separated item of an extension's lines, in order. */
static void ext_items(const struct ext_block *b, struct strlist *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < b->lines.count; i++)
        split_into(b->lines.items[i], ", ", out);
}

/* The text after prefix of every line that starts with it. */
static void ext_lines_after(const struct ext_block *b, const char *prefix, struct strlist *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < b->lines.count; i++)
        if (strncmp(b->lines.items[i], prefix, strlen(prefix)) == 0)
            strlist_push(out, b->lines.items[i] + strlen(prefix));
}

static void assert_strlist_equal(const struct strlist *got, const struct strlist *want)
{
    assert_int_equal(got->count, want->count);
    for (size_t i = 0; i < got->count; i++)
        assert_string_equal(got->items[i], want->items[i]);
}

/* Whether two IP addresses in any text form (openssl prints IPv6 as
 * "2001:DB8:0:0:0:0:0:42") are the same address. */
static bool same_ip(const char *a, const char *b)
{
    unsigned char x[16], y[16];
    if (inet_pton(AF_INET, a, x) == 1)
        return inet_pton(AF_INET, b, y) == 1 && memcmp(x, y, 4) == 0;
    return inet_pton(AF_INET6, a, x) == 1 && inet_pton(AF_INET6, b, y) == 1 &&
           memcmp(x, y, 16) == 0;
}

/* ------------------------------------------------------------------------ */
/* Serial, fingerprints, validity                                             */

static void check_serial(const struct cert_case *k, const struct x509_cert *c)
{
    char *want = ossl_value(k->file, "-serial");
    assert_string_equal(c->serial_hex, want);
    free(want);
}

static void test_serial(void **state)
{
    for_each_case(check_serial);
    struct x509_certs certs;
    const struct x509_cert *c = load("serial20.pem", &certs);
    assert_string_equal(c->serial_hex, "7FEEDDCCBBAA99887766554433221100FFEEDDCC");
    x509_certs_free(&certs);
}

static void check_fingerprints(const struct cert_case *k, const struct x509_cert *c)
{
    char *sha1 = ossl_value(k->file, "-fingerprint -sha1");
    char *sha256 = ossl_value(k->file, "-fingerprint -sha256");
    assert_string_equal(c->sha1, sha1);
    assert_string_equal(c->sha256, sha256);
    assert_int_equal(strlen(c->sha1), 20 * 3 - 1);
    assert_int_equal(strlen(c->sha256), 32 * 3 - 1);
    free(sha1);
    free(sha256);
}

static void test_fingerprints(void **state) { for_each_case(check_fingerprints); }

static void check_validity(const struct cert_case *k, const struct x509_cert *c)
{
    char *start = ossl_value(k->file, "-startdate");
    char *end = ossl_value(k->file, "-enddate");
    assert_int_equal(c->not_before, openssl_date(start));
    assert_int_equal(c->not_after, openssl_date(end));
    assert_true(c->not_before < c->not_after);
    free(start);
    free(end);
}

static void test_validity(void **state)
{
    for_each_case(check_validity);
    int64_t now = (int64_t)time(NULL);
    struct x509_certs certs;
    assert_true(load("expired.pem", &certs)->not_after < now);
    x509_certs_free(&certs);
    assert_true(load("notyet.pem", &certs)->not_before > now);
    x509_certs_free(&certs);
    const struct x509_cert *c = load("leaf.pem", &certs);
    assert_true(c->not_before <= now && now < c->not_after);
    x509_certs_free(&certs);
}

/* ------------------------------------------------------------------------ */
/* Subject and issuer                                                         */

/* Our one-line name is RFC 2253/4514 with UTF-8 kept; openssl prints the same
 * with -nameopt RFC2253,-esc_msb. Its multiline form lists the attributes in
 * certificate order, as our attrs are. */
static void check_name(const char *file, const char *which, const struct x509_name *n)
{
    char opts[96];
    snprintf(opts, sizeof(opts), "-%s -nameopt RFC2253,-esc_msb", which);
    char *want = ossl_value(file, opts);
    assert_string_equal(n->text, want);
    free(want);

    snprintf(opts, sizeof(opts), "-%s -nameopt sep_multiline,sname,utf8,-esc_msb", which);
    struct strlist lines = {0};
    char *text = ossl_x509(file, opts);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        if (line[0] == ' ')
            strlist_push(&lines, line + strspn(line, " "));
    free(text);
    assert_int_equal(n->count, lines.count);
    for (size_t i = 0; i < n->count; i++) {
        char *attr = xasprintf("%s=%s", n->attrs[i].key, n->attrs[i].value);
        assert_string_equal(attr, lines.items[i]);
        free(attr);
    }
    strlist_free(&lines);
}

static void check_names(const struct cert_case *k, const struct x509_cert *c)
{
    check_name(k->file, "subject", &c->subject);
    check_name(k->file, "issuer", &c->issuer);
}

/* The value of the first attribute called key, or NULL. */
static const char *name_attr(const struct x509_name *n, const char *key)
{
    for (size_t i = 0; i < n->count; i++)
        if (strcmp(n->attrs[i].key, key) == 0)
            return n->attrs[i].value;
    return NULL;
}

static void test_names(void **state)
{
    for_each_case(check_names);

    struct x509_certs certs;
    const struct x509_cert *c = load("utf8.pem", &certs);
    assert_string_equal(c->subject.text, "CN=Bücher Straße,O=Grüße & Co,C=DE");
    assert_int_equal(c->subject.count, 3);
    assert_string_equal(c->subject.attrs[0].key, "C"); /* DER order: C, O, CN */
    assert_string_equal(c->subject.attrs[1].key, "O");
    assert_string_equal(c->subject.attrs[1].value, "Grüße & Co");
    assert_string_equal(c->subject.attrs[2].key, "CN");
    assert_string_equal(c->subject.attrs[2].value, "Bücher Straße");
    assert_string_equal(x509_cert_common_name(c), "Bücher Straße");
    assert_string_equal(c->issuer.text, c->subject.text);
    x509_certs_free(&certs);

    /* RFC 4514 puts the most specific attribute first: the reverse of DER order. */
    c = load("leaf.pem", &certs);
    assert_string_equal(c->subject.text, "CN=www.example.com,O=Example Org,L=Berlin,C=DE");
    assert_string_equal(c->subject.attrs[0].key, "C");
    assert_string_equal(c->subject.attrs[3].key, "CN");
    assert_string_equal(name_attr(&c->subject, "CN"), "www.example.com");
    assert_string_equal(name_attr(&c->subject, "O"), "Example Org");
    assert_string_equal(name_attr(&c->subject, "L"), "Berlin");
    assert_string_equal(name_attr(&c->subject, "C"), "DE");
    assert_string_equal(x509_cert_common_name(c), "www.example.com");
    assert_true(contains(c->issuer.text, "CN=certdeck Test Intermediate"));
    x509_certs_free(&certs);

    c = load("root.pem", &certs);
    assert_string_equal(c->subject.text, "CN=certdeck Test Root,O=certdeck tests,C=DE");
    x509_certs_free(&certs);
}

/* ------------------------------------------------------------------------ */
/* Version, signature, public key                                             */

static void check_signature_and_key(const struct cert_case *k, const struct x509_cert *c)
{
    char *text = ossl_x509(k->file, "-text");
    char *version = text_field(text, "Version: ");
    assert_non_null(version);
    assert_int_equal(c->version, atoi(version));
    assert_int_equal(c->version, 3);
    free(version);

    char *sig = text_field(text, "Signature Algorithm: ");
    assert_non_null(sig);
    assert_string_equal(c->signature_algorithm, sig);
    free(sig);
    assert_string_equal(c->signature_hash, k->signature_hash);

    assert_string_equal(c->key_algorithm, k->key_algorithm);
    if (k->key_bits)
        assert_int_equal(c->key_bits, k->key_bits);
    char *bits = text_field(text, "Public-Key: (");
    if (bits) /* RSA and EC; Ed25519 prints no size */
        assert_int_equal(c->key_bits, atoi(bits));
    else
        assert_string_equal(c->key_algorithm, "Ed25519");
    free(bits);

    char *curve = text_field(text, "NIST CURVE: ");
    if (k->key_curve) {
        assert_non_null(c->key_curve);
        assert_string_equal(c->key_curve, k->key_curve);
        assert_non_null(curve);
        assert_string_equal(c->key_curve, curve);
    } else {
        assert_null(c->key_curve);
        assert_null(curve);
    }
    free(curve);
    free(text);
}

static void test_signature_and_key(void **state) { for_each_case(check_signature_and_key); }

/* ------------------------------------------------------------------------ */
/* Subject alternative names                                                  */

static void assert_san_is(const struct x509_san *s, const char *openssl_item)
{
    static const struct {
        enum x509_san_kind kind;
        const char *prefix;
    } prefixes[] = {{X509_SAN_DNS, "DNS:"},
                    {X509_SAN_IP, "IP Address:"},
                    {X509_SAN_EMAIL, "email:"},
                    {X509_SAN_URI, "URI:"}};
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        size_t n = strlen(prefixes[i].prefix);
        if (strncmp(openssl_item, prefixes[i].prefix, n) != 0)
            continue;
        assert_int_equal(s->kind, prefixes[i].kind);
        if (s->kind == X509_SAN_IP) {
            if (!same_ip(s->value, openssl_item + n))
                fail_msg("IP SAN %s differs from openssl's %s", s->value, openssl_item);
        } else {
            assert_string_equal(s->value, openssl_item + n);
        }
        return;
    }
    fail_msg("unexpected SAN kind in openssl output: %s", openssl_item);
}

static void check_sans(const struct cert_case *k, const struct x509_cert *c)
{
    struct ext_block b;
    ossl_ext(k->file, "subjectAltName", "X509v3 Subject Alternative Name", &b);
    assert_int_equal(c->has_san, b.present);
    struct strlist want;
    ext_items(&b, &want);
    assert_int_equal(c->san_count, want.count);
    for (size_t i = 0; i < c->san_count; i++)
        assert_san_is(&c->sans[i], want.items[i]);
    strlist_free(&want);
    strlist_free(&b.lines);
}

static void test_sans_match_openssl(void **state) { for_each_case(check_sans); }

static void test_san_forms(void **state)
{
    struct x509_certs certs;
    const struct x509_cert *c = load("leaf.pem", &certs);
    assert_int_equal(c->san_count, 2);
    assert_string_equal(c->sans[0].value, "www.example.com");
    assert_string_equal(c->sans[1].value, "example.com");
    assert_null(c->sans[0].unicode);
    x509_certs_free(&certs);

    /* IPv6 in inet_ntop's short form, as people write it. */
    c = load("ipv6.pem", &certs);
    assert_int_equal(c->san_count, 3);
    assert_int_equal(c->sans[0].kind, X509_SAN_IP);
    assert_string_equal(c->sans[0].value, "2001:db8::42");
    assert_string_equal(c->sans[1].value, "::1");
    assert_int_equal(c->sans[2].kind, X509_SAN_DNS);
    assert_string_equal(c->sans[2].value, "v6.example.com");
    assert_null(c->sans[0].unicode);
    x509_certs_free(&certs);

    /* IDN: the A-label is kept, its Unicode form added. */
    c = load("utf8.pem", &certs);
    assert_int_equal(c->san_count, 2);
    assert_string_equal(c->sans[0].value, "xn--bcher-kva.example");
    assert_non_null(c->sans[0].unicode);
    assert_string_equal(c->sans[0].unicode, "bücher.example");
    assert_string_equal(c->sans[1].value, "example.org");
    assert_null(c->sans[1].unicode);
    x509_certs_free(&certs);

    c = load("many-sans.pem", &certs);
    assert_int_equal(c->san_count, 64);
    size_t per_kind[X509_SAN_KIND_COUNT] = {0};
    for (size_t i = 0; i < c->san_count; i++)
        per_kind[c->sans[i].kind]++;
    assert_int_equal(per_kind[X509_SAN_DNS], 60);
    assert_int_equal(per_kind[X509_SAN_IP], 2);
    assert_int_equal(per_kind[X509_SAN_EMAIL], 1);
    assert_int_equal(per_kind[X509_SAN_URI], 1);
    assert_string_equal(c->sans[59].value, "san59.example.com");
    assert_string_equal(c->sans[60].value, "192.0.2.10");
    assert_string_equal(c->sans[61].value, "2001:db8::1");
    assert_string_equal(c->sans[62].value, "admin@example.com");
    assert_string_equal(c->sans[63].value, "https://example.com/id");
    x509_certs_free(&certs);

    c = load("nosan.pem", &certs);
    assert_false(c->has_san);
    assert_int_equal(c->san_count, 0);
    assert_null(c->sans);
    x509_certs_free(&certs);

    assert_string_equal(x509_san_kind_json(X509_SAN_IP), "ip");
    assert_string_equal(x509_san_kind_label(X509_SAN_DNS), "DNS");
}

/* ------------------------------------------------------------------------ */
/* Key usage, extended key usage, basic constraints                           */

/* openssl's display names for the key usage bits, and the RFC 5280 names. */
static const char *ku_rfc_name(const char *openssl_name)
{
    static const char *const names[][2] = {
        {"Digital Signature", "digitalSignature"}, {"Non Repudiation", "nonRepudiation"},
        {"Key Encipherment", "keyEncipherment"},   {"Data Encipherment", "dataEncipherment"},
        {"Key Agreement", "keyAgreement"},         {"Certificate Sign", "keyCertSign"},
        {"CRL Sign", "cRLSign"},                   {"Encipher Only", "encipherOnly"},
        {"Decipher Only", "decipherOnly"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(openssl_name, names[i][0]) == 0)
            return names[i][1];
    fail_msg("unknown key usage in openssl output: %s", openssl_name);
    return NULL;
}

static void check_key_usage(const struct cert_case *k, const struct x509_cert *c)
{
    struct ext_block b;
    ossl_ext(k->file, "keyUsage", "X509v3 Key Usage", &b);
    struct strlist items, want = {0};
    ext_items(&b, &items);
    for (size_t i = 0; i < items.count; i++)
        strlist_push(&want, ku_rfc_name(items.items[i]));
    assert_strlist_equal(&c->key_usage, &want);
    assert_int_equal(c->key_usage_critical, b.critical);
    strlist_free(&want);
    strlist_free(&items);
    strlist_free(&b.lines);
}

/* openssl prints long names ("TLS Web Server Authentication"); ours are the
 * short ones, or the dotted OID when OpenSSL has no name. */
static const char *eku_short_name(const char *openssl_name)
{
    static const char *const names[][2] = {
        {"TLS Web Server Authentication", "serverAuth"},
        {"TLS Web Client Authentication", "clientAuth"},
        {"Code Signing", "codeSigning"},
        {"E-mail Protection", "emailProtection"},
        {"Time Stamping", "timeStamping"},
        {"OCSP Signing", "OCSPSigning"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(openssl_name, names[i][0]) == 0)
            return names[i][1];
    return openssl_name;
}

static void check_ext_key_usage(const struct cert_case *k, const struct x509_cert *c)
{
    struct ext_block b;
    ossl_ext(k->file, "extendedKeyUsage", "X509v3 Extended Key Usage", &b);
    struct strlist items, want = {0};
    ext_items(&b, &items);
    for (size_t i = 0; i < items.count; i++)
        strlist_push(&want, eku_short_name(items.items[i]));
    assert_strlist_equal(&c->ext_key_usage, &want);
    strlist_free(&want);
    strlist_free(&items);
    strlist_free(&b.lines);
}

static void check_basic_constraints(const struct cert_case *k, const struct x509_cert *c)
{
    struct ext_block b;
    ossl_ext(k->file, "basicConstraints", "X509v3 Basic Constraints", &b);
    assert_int_equal(c->has_basic_constraints, b.present);
    const char *line = b.lines.count ? b.lines.items[0] : "";
    assert_int_equal(c->is_ca, contains(line, "CA:TRUE"));
    const char *pl = strstr(line, "pathlen:");
    assert_int_equal(c->path_len, pl ? atol(pl + strlen("pathlen:")) : -1);
    strlist_free(&b.lines);
}

static void test_usages_and_constraints(void **state)
{
    for_each_case(check_key_usage);
    for_each_case(check_ext_key_usage);
    for_each_case(check_basic_constraints);

    struct x509_certs certs;
    const struct x509_cert *c = load("leaf.pem", &certs);
    assert_int_equal(c->key_usage.count, 2);
    assert_string_equal(c->key_usage.items[0], "digitalSignature");
    assert_string_equal(c->key_usage.items[1], "keyEncipherment");
    assert_true(c->key_usage_critical);
    assert_int_equal(c->ext_key_usage.count, 2);
    assert_string_equal(c->ext_key_usage.items[0], "serverAuth");
    assert_string_equal(c->ext_key_usage.items[1], "clientAuth");
    assert_true(c->has_basic_constraints);
    assert_false(c->is_ca);
    assert_int_equal(c->path_len, -1);
    x509_certs_free(&certs);

    c = load("inter.pem", &certs);
    assert_true(c->is_ca);
    assert_int_equal(c->path_len, 0);
    assert_int_equal(c->key_usage.count, 2);
    assert_string_equal(c->key_usage.items[0], "keyCertSign");
    assert_string_equal(c->key_usage.items[1], "cRLSign");
    assert_int_equal(c->ext_key_usage.count, 0);
    x509_certs_free(&certs);

    c = load("root.pem", &certs);
    assert_true(c->is_ca);
    assert_int_equal(c->path_len, -1); /* no pathlen: unlimited */
    x509_certs_free(&certs);
}

/* ------------------------------------------------------------------------ */
/* Key identifiers, AIA, CRL distribution points, policies                   */

/* openssl prints a key id alone or as "keyid:AB:CD…" (with issuer/serial). */
static char *ossl_key_id(const char *file, const char *ext, const char *header)
{
    struct ext_block b;
    ossl_ext(file, ext, header, &b);
    char *id = NULL;
    for (size_t i = 0; i < b.lines.count && !id; i++) {
        const char *l = b.lines.items[i];
        if (strncmp(l, "keyid:", 6) == 0)
            id = xstrdup(l + 6);
        else if (strspn(l, "0123456789ABCDEF:") == strlen(l))
            id = xstrdup(l);
    }
    strlist_free(&b.lines);
    return id;
}

static void assert_same_id(const char *got, const char *want)
{
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
}

static void check_key_ids(const struct cert_case *k, const struct x509_cert *c)
{
    char *ski = ossl_key_id(k->file, "subjectKeyIdentifier", "X509v3 Subject Key Identifier");
    char *aki = ossl_key_id(k->file, "authorityKeyIdentifier", "X509v3 Authority Key Identifier");
    assert_same_id(c->subject_key_id, ski);
    assert_same_id(c->authority_key_id, aki);
    free(ski);
    free(aki);
}

static void check_info_access(const struct cert_case *k, const struct x509_cert *c)
{
    struct ext_block b;
    ossl_ext(k->file, "authorityInfoAccess", "Authority Information Access", &b);
    struct strlist ocsp, issuers;
    ext_lines_after(&b, "OCSP - URI:", &ocsp);
    ext_lines_after(&b, "CA Issuers - URI:", &issuers);
    assert_strlist_equal(&c->ocsp_urls, &ocsp);
    assert_strlist_equal(&c->ca_issuer_urls, &issuers);
    strlist_free(&ocsp);
    strlist_free(&issuers);
    strlist_free(&b.lines);

    ossl_ext(k->file, "crlDistributionPoints", "X509v3 CRL Distribution Points", &b);
    struct strlist crl;
    ext_lines_after(&b, "URI:", &crl);
    assert_strlist_equal(&c->crl_urls, &crl);
    strlist_free(&crl);
    strlist_free(&b.lines);

    ossl_ext(k->file, "certificatePolicies", "X509v3 Certificate Policies", &b);
    struct strlist policies;
    ext_lines_after(&b, "Policy: ", &policies);
    assert_strlist_equal(&c->policies, &policies);
    strlist_free(&policies);
    strlist_free(&b.lines);
}

static void test_ids_and_urls(void **state)
{
    for_each_case(check_key_ids);
    for_each_case(check_info_access);

    struct x509_certs leaf, inter, root;
    const struct x509_cert *l = load("leaf.pem", &leaf);
    const struct x509_cert *i = load("inter.pem", &inter);
    const struct x509_cert *r = load("root.pem", &root);
    assert_non_null(l->subject_key_id);
    assert_int_equal(strlen(l->subject_key_id), 20 * 3 - 1);
    assert_string_equal(l->authority_key_id, i->subject_key_id);
    assert_string_equal(i->authority_key_id, r->subject_key_id);

    assert_int_equal(l->ocsp_urls.count, 1);
    assert_string_equal(l->ocsp_urls.items[0], "http://ocsp.example.com");
    assert_int_equal(l->ca_issuer_urls.count, 1);
    assert_string_equal(l->ca_issuer_urls.items[0], "http://ca.example.com/inter.crt");
    assert_int_equal(l->crl_urls.count, 1);
    assert_string_equal(l->crl_urls.items[0], "http://crl.example.com/inter.crl");
    assert_int_equal(l->policies.count, 2);
    assert_string_equal(l->policies.items[0], "2.23.140.1.2.2");
    assert_string_equal(l->policies.items[1], "1.3.6.1.4.1.99999.1");
    assert_int_equal(r->ocsp_urls.count + r->crl_urls.count + r->policies.count, 0);
    x509_certs_free(&leaf);
    x509_certs_free(&inter);
    x509_certs_free(&root);
}

/* ------------------------------------------------------------------------ */
/* Self-signed, issued-by                                                     */

static void test_self_signed_and_issuer(void **state)
{
    struct x509_certs leaf, inter, root, ec;
    const struct x509_cert *l = load("leaf.pem", &leaf);
    const struct x509_cert *i = load("inter.pem", &inter);
    const struct x509_cert *r = load("root.pem", &root);
    const struct x509_cert *e = load("ec256.pem", &ec);

    assert_true(r->self_issued);
    assert_true(r->self_signed);
    assert_true(e->self_signed);
    assert_false(l->self_issued);
    assert_false(l->self_signed);
    assert_false(i->self_issued);
    assert_false(i->self_signed);

    assert_true(x509_cert_issued_by(l, i));
    assert_false(x509_cert_issued_by(l, r));
    assert_true(x509_cert_issued_by(i, r));
    assert_true(x509_cert_issued_by(r, r));
    assert_false(x509_cert_issued_by(i, l));
    assert_false(x509_cert_issued_by(l, e));

    x509_certs_free(&leaf);
    x509_certs_free(&inter);
    x509_certs_free(&root);
    x509_certs_free(&ec);
}

/* ------------------------------------------------------------------------ */
/* Files with many certificates, DER                                          */

/* 1-based line numbers of the "-----BEGIN CERTIFICATE-----" lines of text. */
static size_t begin_lines(const struct buf *text, size_t *lines, size_t max)
{
    size_t n = 0, line = 1;
    for (size_t i = 0; i < text->len && n < max; i++) {
        if ((i == 0 || text->data[i - 1] == '\n') &&
            strncmp(text->data + i, "-----BEGIN CERTIFICATE-----", 27) == 0)
            lines[n++] = line;
        if (text->data[i] == '\n')
            line++;
    }
    return n;
}

static void test_many_certificates(void **state)
{
    static const struct {
        const char *file;
        size_t count;
    } files[] = {{"chain3.pem", 3}, {"chain3-wrong.pem", 3}, {"chain11.pem", 11},
                 {"chain12.pem", 12}, {"combined.pem", 2}};
    for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
        struct x509_certs certs;
        fixture_certs(files[k].file, &certs);
        assert_int_equal(certs.count, files[k].count);
        struct buf text = {0};
        fixture_read(files[k].file, &text);
        size_t lines[16];
        assert_int_equal(begin_lines(&text, lines, 16), files[k].count);
        for (size_t i = 0; i < certs.count; i++) {
            assert_int_equal(certs.items[i].position, i);
            assert_int_equal(certs.items[i].line, lines[i]);
        }
        buf_free(&text);
        x509_certs_free(&certs);
    }

    /* chain3 is leaf, inter, root: the same certificates as the single files. */
    static const char *const parts[] = {"leaf.pem", "inter.pem", "root.pem"};
    struct x509_certs chain;
    fixture_certs("chain3.pem", &chain);
    for (size_t i = 0; i < 3; i++) {
        char *want = ossl_value(parts[i], "-fingerprint -sha256");
        assert_string_equal(chain.items[i].sha256, want);
        free(want);
    }
    x509_certs_free(&chain);
}

static void decode_buf(const struct buf *data, const char *origin, struct x509_certs *out)
{
    struct cd_error err;
    cd_status rc = x509_certs_from_mem(data->data, data->len, origin, out, &err);
    if (rc != CD_OK)
        fail_msg("%s: %s", origin, err.message);
}

static void test_der(void **state)
{
    struct x509_certs pem, der;
    fixture_certs("leaf.pem", &pem);
    fixture_certs("leaf.der", &der);
    assert_int_equal(der.count, 1);
    assert_int_equal(der.items[0].line, 0);
    assert_string_equal(der.items[0].sha256, pem.items[0].sha256);
    assert_string_equal(der.items[0].serial_hex, pem.items[0].serial_hex);
    assert_string_equal(der.items[0].subject.text, pem.items[0].subject.text);
    x509_certs_free(&der);

    /* Two DER certificates back to back, then stray bytes: both are read. */
    struct buf data = {0}, second = {0};
    fixture_read("leaf.der", &data);
    fixture_read("leaf.der", &second);
    buf_append(&data, second.data, second.len);
    buf_append(&data, "\n\n", 2);
    buf_free(&second);
    decode_buf(&data, "two.der", &der);
    assert_int_equal(der.count, 2);
    assert_int_equal(der.items[1].position, 1);
    assert_string_equal(der.items[1].sha256, pem.items[0].sha256);
    x509_certs_free(&der);
    buf_free(&data);
    x509_certs_free(&pem);
}

/* ------------------------------------------------------------------------ */
/* Decode errors                                                              */

/* Decodes a fixture expecting code; the message names the path and holds hint. */
static void expect_error(const char *file, cd_status code, const char *hint)
{
    struct buf data = {0};
    fixture_read(file, &data);
    const char *path = fixture(file);
    struct x509_certs certs;
    struct cd_error err;
    memset(&err, 0, sizeof(err));
    cd_status rc = x509_certs_from_mem(data.data, data.len, path, &certs, &err);
    buf_free(&data);
    if (rc != code)
        fail_msg("%s: expected %s, got %s (%s)", file, cd_status_name(code), cd_status_name(rc),
                 err.message);
    assert_int_equal(err.code, code);
    if (!contains(err.message, path))
        fail_msg("%s: message does not name the file: %s", file, err.message);
    if (hint && !contains(err.message, hint))
        fail_msg("%s: message lacks \"%s\": %s", file, hint, err.message);
    assert_int_equal(certs.count, 0); /* nothing to free after an error */
    assert_null(certs.items);
}

static void test_decode_errors(void **state)
{
    static const struct {
        const char *file;
        cd_status code;
        const char *hint;
    } cases[] = {
        {"empty.pem", CD_ERR_EMPTY, "empty"},
        {"garbage.bin", CD_ERR_NOT_PEM_OR_DER, "neither PEM nor DER"},
        {"truncated.pem", CD_ERR_TRUNCATED_PEM, "line 1"},
        {"badb64.pem", CD_ERR_BAD_BASE64, "line 5"},
        {"truncated.der", CD_ERR_BAD_DER, "truncated"},
        {"leaf.key", CD_ERR_KEY_NOT_CERT, "private key"},
        {"leaf.pkcs1.key", CD_ERR_KEY_NOT_CERT, "private key"},
        {"ec256.sec1.key", CD_ERR_KEY_NOT_CERT, "private key"},
        {"enc.key", CD_ERR_KEY_NOT_CERT, "private key"},
        {"enc-legacy.key", CD_ERR_KEY_NOT_CERT, "private key"},
        {"ed25519.key", CD_ERR_KEY_NOT_CERT, "private key"},
        {"csr.pem", CD_ERR_NO_CERT, "CERTIFICATE REQUEST"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        expect_error(cases[i].file, cases[i].code, cases[i].hint);
}

/* Decodes data expecting code, with hint in the message. */
static void expect_mem_error(const struct buf *data, const char *origin, cd_status code,
                             const char *hint)
{
    struct x509_certs certs;
    struct cd_error err;
    memset(&err, 0, sizeof(err));
    cd_status rc = x509_certs_from_mem(data->data, data->len, origin, &certs, &err);
    if (rc != code)
        fail_msg("%s: expected %s, got %s (%s)", origin, cd_status_name(code),
                 cd_status_name(rc), err.message);
    if (!contains(err.message, origin) || (hint && !contains(err.message, hint)))
        fail_msg("%s: unexpected message: %s", origin, err.message);
    assert_int_equal(certs.count, 0);
}

/* A private key in DER, and a damaged certificate inside an otherwise good PEM file. */
static void test_decode_errors_built(void **state)
{
    static const char *const keys[] = {"leaf.key", "leaf.pkcs1.key", "ec256.sec1.key",
                                       "enc.key"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        struct buf pem = {0};
        fixture_read(keys[i], &pem);
        struct pem_set set;
        struct cd_error err;
        assert_int_equal(pem_parse(pem.data, pem.len, keys[i], &set, &err), CD_OK);
        assert_int_equal(set.count, 1);
        struct buf der = {0};
        buf_append(&der, set.blocks[0].der, set.blocks[0].der_len);
        expect_mem_error(&der, "key.der", CD_ERR_KEY_NOT_CERT, "private key");
        buf_free(&der);
        pem_set_free(&set);
        buf_free(&pem);
    }

    /* leaf.pem, then a block whose base64 is fine but whose DER is cut short. */
    char *b64 = openssl_out("base64 -in '%s'", fixture("truncated.der"));
    struct buf data = {0};
    fixture_read("leaf.pem", &data);
    size_t leaf_lines = 0;
    for (size_t i = 0; i < data.len; i++)
        leaf_lines += data.data[i] == '\n';
    char *block = xasprintf("-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n", b64);
    buf_append(&data, block, strlen(block));
    char hint[64];
    snprintf(hint, sizeof(hint), "certificate #2 (line %zu)", leaf_lines + 1);
    expect_mem_error(&data, "damaged.pem", CD_ERR_BAD_DER, hint);
    free(block);
    free(b64);
    buf_free(&data);

    /* A last base64 line that lost a character: the error names that line,
     * the one before END, not the BEGIN line. */
    fixture_read("leaf.pem", &data);
    char *end = strstr(data.data, "\n-----END CERTIFICATE-----");
    assert_non_null(end);
    size_t last_line = 1;
    for (const char *p = data.data; p < end; p++)
        last_line += *p == '\n';
    memmove(end - 1, end, data.len - (size_t)(end - data.data) + 1);
    data.len--;
    snprintf(hint, sizeof(hint), "line %zu: bad base64", last_line);
    expect_mem_error(&data, "short.pem", CD_ERR_BAD_BASE64, hint);
    buf_free(&data);

    /* Only whitespace is empty too. */
    struct buf blank = {0};
    buf_append(&blank, " \n\t\r\n", 5);
    expect_mem_error(&blank, "blank.pem", CD_ERR_EMPTY, "empty");
    buf_free(&blank);
}

/* ------------------------------------------------------------------------ */
/* Display rows                                                               */

/* The value of the nth row (0-based) with this group and label, or NULL. */
static const char *row(const struct x509_fields *f, const char *group, const char *label, int nth)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->items[i].group, group) == 0 && strcmp(f->items[i].label, label) == 0 &&
            nth-- == 0)
            return f->items[i].value;
    return NULL;
}

static void assert_row(const struct x509_fields *f, const char *group, const char *label,
                       const char *want)
{
    const char *got = row(f, group, label, 0);
    if (!got)
        fail_msg("no row %s / %s", group, label);
    assert_string_equal(got, want);
}

static void test_fields(void **state)
{
    struct x509_certs certs;
    struct x509_fields f;
    const struct x509_cert *c = load("leaf.pem", &certs);
    x509_cert_fields(c, c->not_after - 10 * 86400 - 1, &f);
    assert_row(&f, "Subject", "", c->subject.text);
    assert_row(&f, "Subject", "CN", "www.example.com");
    assert_row(&f, "Issuer", "CN", "certdeck Test Intermediate");
    assert_row(&f, "Certificate", "Serial", c->serial_hex);
    assert_row(&f, "Certificate", "Version", "3");
    assert_row(&f, "Certificate", "Signature", "sha256WithRSAEncryption");
    assert_row(&f, "Certificate", "Public key", "RSA 2048");
    assert_row(&f, "Certificate", "SHA-1", c->sha1);
    assert_row(&f, "Certificate", "SHA-256", c->sha256);
    assert_row(&f, "Validity", "Expiry", "10 days left");
    assert_row(&f, "Subject alternative names", "DNS", "www.example.com");
    assert_string_equal(row(&f, "Subject alternative names", "DNS", 1), "example.com");
    assert_null(row(&f, "Subject alternative names", "DNS", 2));
    assert_row(&f, "Extensions", "Key usage", "digitalSignature, keyEncipherment (critical)");
    assert_row(&f, "Extensions", "Extended key usage", "serverAuth, clientAuth");
    assert_row(&f, "Extensions", "Basic constraints", "not a CA");
    assert_row(&f, "Extensions", "Subject key id", c->subject_key_id);
    assert_row(&f, "Extensions", "Authority key id", c->authority_key_id);
    assert_row(&f, "Extensions", "OCSP", "http://ocsp.example.com");
    assert_row(&f, "Extensions", "CA issuers", "http://ca.example.com/inter.crt");
    assert_row(&f, "Extensions", "CRL", "http://crl.example.com/inter.crl");
    assert_row(&f, "Extensions", "Policy", "2.23.140.1.2.2");
    assert_string_equal(row(&f, "Extensions", "Policy", 1), "1.3.6.1.4.1.99999.1");
    assert_null(row(&f, "Certificate", "Self-signed", 0));
    x509_fields_free(&f);
    x509_certs_free(&certs);

    c = load("root.pem", &certs);
    x509_cert_fields(c, c->not_after + 30 * 86400, &f);
    assert_row(&f, "Certificate", "Self-signed", "yes (a root)");
    assert_row(&f, "Extensions", "Basic constraints", "CA, unlimited path length");
    assert_row(&f, "Validity", "Expiry", "expired 30 days ago");
    x509_fields_free(&f);
    x509_certs_free(&certs);

    c = load("inter.pem", &certs);
    x509_cert_fields(c, c->not_before, &f);
    assert_row(&f, "Extensions", "Basic constraints", "CA, path length 0");
    x509_fields_free(&f);
    x509_certs_free(&certs);

    c = load("utf8.pem", &certs);
    x509_cert_fields(c, c->not_before, &f);
    assert_row(&f, "Subject", "O", "Grüße & Co");
    assert_row(&f, "Subject alternative names", "DNS", "bücher.example (xn--bcher-kva.example)");
    x509_fields_free(&f);
    x509_certs_free(&certs);

    c = load("many-sans.pem", &certs);
    x509_cert_fields(c, c->not_before, &f);
    assert_string_equal(row(&f, "Subject alternative names", "DNS", 59), "san59.example.com");
    assert_row(&f, "Subject alternative names", "IP", "192.0.2.10");
    assert_string_equal(row(&f, "Subject alternative names", "IP", 1), "2001:db8::1");
    assert_row(&f, "Subject alternative names", "email", "admin@example.com");
    assert_row(&f, "Subject alternative names", "URI", "https://example.com/id");
    x509_fields_free(&f);
    x509_certs_free(&certs);

    c = load("nosan.pem", &certs);
    x509_cert_fields(c, c->not_before, &f);
    assert_row(&f, "Subject alternative names", "", "(none)");
    x509_fields_free(&f);
    x509_certs_free(&certs);

    static const struct {
        const char *file, *summary;
    } keys[] = {{"ec256.pem", "EC P-256"}, {"ec384.pem", "EC P-384"},
                {"ed25519.pem", "Ed25519"}, {"rsa1024.pem", "RSA 1024"}};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        c = load(keys[i].file, &certs);
        x509_cert_fields(c, c->not_before, &f);
        assert_row(&f, "Certificate", "Public key", keys[i].summary);
        x509_fields_free(&f);
        x509_certs_free(&certs);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_serial),
        cmocka_unit_test(test_fingerprints),
        cmocka_unit_test(test_validity),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_signature_and_key),
        cmocka_unit_test(test_sans_match_openssl),
        cmocka_unit_test(test_san_forms),
        cmocka_unit_test(test_usages_and_constraints),
        cmocka_unit_test(test_ids_and_urls),
        cmocka_unit_test(test_self_signed_and_issuer),
        cmocka_unit_test(test_many_certificates),
        cmocka_unit_test(test_der),
        cmocka_unit_test(test_decode_errors),
        cmocka_unit_test(test_decode_errors_built),
        cmocka_unit_test(test_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* quick.h — a certificate summary straight from DER, without d2i_X509.
 *
 * `certdeck list` shows a few fields of many certificates; OpenSSL 3's full
 * decoder spends ~100–180 µs per certificate, mostly in its public-key decoder
 * framework. This is a strict, bounds-checked DER walker that produces the
 * same text as the full decoder (cert.c, name.c, ext.c) in a few µs.
 *
 * It handles what real certificates contain and returns false for anything
 * else — malformed or merely unusual (BER, an unknown algorithm, an attribute
 * OpenSSL may know by a name this file lacks, a compressed EC point) — so the
 * caller falls back to x509_certs_from_mem. When it returns true every field
 * equals the full decoder's (test_quick checks this on fixtures, generated
 * edge cases and byte-level mutations). */
#ifndef CD_X509_QUICK_H
#define CD_X509_QUICK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/strlist.h"

struct x509_summary {
    int version;                   /* 1..3 */
    char serial_hex[130];          /* upper-case hex as `openssl x509 -serial`; "-" when negative */
    char *subject;                 /* RFC 4514 one line, most specific first, UTF-8: the same
                                      text as x509_cert.subject.text */
    char *issuer;
    char *common_name;             /* first CN of the subject, or NULL */
    int64_t not_before, not_after; /* UTC seconds */
    char signature_algorithm[64];  /* OpenSSL long name: "sha256WithRSAEncryption", "ED25519" */
    char key_algorithm[16];        /* "RSA", "EC", "Ed25519", "Ed448", "DSA", "RSA-PSS"… */
    int key_bits;
    char key_curve[16];            /* "P-256", "P-384", "P-521"…, or "" */
    char sha1[41], sha256[65];     /* lower-case hex of the DER, no separators */
    struct strlist dns;            /* DNS SANs in order */
    struct strlist ips;            /* IP SANs in inet_ntop form (other lengths: hex with colons) */
    struct strlist emails, uris;
    bool has_san;                  /* the extension is present */
    bool is_ca;
    size_t der_len;                /* bytes of the certificate at the start of the input */
};

/* Decodes the first certificate of DER data (trailing bytes are allowed);
 * false when it is not a well-formed certificate or holds something this
 * walker does not reproduce exactly (then fall back to the full decoder).
 * *out is always initialised; free it with x509_summary_free either way. */
bool x509_summary_from_der(const unsigned char *der, size_t len, struct x509_summary *out);

/* The leaf (first certificate) of PEM text; false when there is none or it
 * does not decode. Only the first CERTIFICATE block is base64-decoded: later
 * blocks are not looked at (the full decoder would reject a file whose later
 * blocks are damaged). */
bool x509_summary_from_pem(const char *pem, size_t len, struct x509_summary *out);

void x509_summary_free(struct x509_summary *s);

/* The OID tables, one row per call, so tests can check them against OpenSSL.
 * False past the last row. */
enum x509_quick_table {
    X509_QUICK_ATTRIBUTES,      /* name attributes; name: OpenSSL short name ("CN") */
    X509_QUICK_ATTRIBUTE_ARCS,  /* arcs whose every attribute OpenSSL knows is listed above */
    X509_QUICK_SIGNATURES,      /* name: OpenSSL long name */
    X509_QUICK_KEYS,            /* name: key_algorithm; bits: fixed size, 0 when it depends */
    X509_QUICK_CURVES,          /* name: key_curve; bits: key_bits */
};

struct x509_quick_row {
    const char *oid;            /* dotted */
    const char *name;
    int bits;
    const unsigned char *der;   /* the OID's contents octets, as the walker compares them */
    size_t der_len;             /* 0 when the dotted text did not encode */
};

bool x509_quick_table_row(enum x509_quick_table table, size_t index, struct x509_quick_row *row);

#endif

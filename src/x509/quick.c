/* quick.c — certificate summaries straight from DER (see quick.h).
 *
 * parse_cert() checks the whole structure strictly (DER lengths, tags, field
 * order) and records where each field is, without allocating; fill_summary()
 * renders the fields the way the full decoder prints them. Whenever the result
 * could differ from d2i_X509 + cert.c, the answer is false: the fallback is
 * slow but always right. Nothing recurses: the nesting of a certificate is
 * fixed, so each level is its own loop. OpenSSL is used only for hashing. */
#include "quick.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memfind.h"
#include "../core/timeutil.h"
#include "../core/xalloc.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ tables */

/* Name attributes with OpenSSL's short names. Every attribute OpenSSL knows
 * under ATTRIBUTE_ARCS is listed, so an OID of those arcs missing here is one
 * OpenSSL prints in dotted form too; test_quick checks both directions against
 * the linked OpenSSL. Most used first: a lookup is a linear scan. */
static const struct attribute_row {
    const char *oid;
    const char *sn;
} ATTRIBUTES[] = {
    {"2.5.4.3", "CN"},
    {"2.5.4.4", "SN"},
    {"2.5.4.5", "serialNumber"},
    {"2.5.4.6", "C"},
    {"2.5.4.7", "L"},
    {"2.5.4.8", "ST"},
    {"2.5.4.9", "street"},
    {"2.5.4.10", "O"},
    {"2.5.4.11", "OU"},
    {"2.5.4.12", "title"},
    {"2.5.4.13", "description"},
    {"2.5.4.14", "searchGuide"},
    {"2.5.4.15", "businessCategory"},
    {"2.5.4.16", "postalAddress"},
    {"2.5.4.17", "postalCode"},
    {"2.5.4.18", "postOfficeBox"},
    {"2.5.4.19", "physicalDeliveryOfficeName"},
    {"2.5.4.20", "telephoneNumber"},
    {"2.5.4.21", "telexNumber"},
    {"2.5.4.22", "teletexTerminalIdentifier"},
    {"2.5.4.23", "facsimileTelephoneNumber"},
    {"2.5.4.24", "x121Address"},
    {"2.5.4.25", "internationaliSDNNumber"},
    {"2.5.4.26", "registeredAddress"},
    {"2.5.4.27", "destinationIndicator"},
    {"2.5.4.28", "preferredDeliveryMethod"},
    {"2.5.4.29", "presentationAddress"},
    {"2.5.4.30", "supportedApplicationContext"},
    {"2.5.4.31", "member"},
    {"2.5.4.32", "owner"},
    {"2.5.4.33", "roleOccupant"},
    {"2.5.4.34", "seeAlso"},
    {"2.5.4.35", "userPassword"},
    {"2.5.4.36", "userCertificate"},
    {"2.5.4.37", "cACertificate"},
    {"2.5.4.38", "authorityRevocationList"},
    {"2.5.4.39", "certificateRevocationList"},
    {"2.5.4.40", "crossCertificatePair"},
    {"2.5.4.41", "name"},
    {"2.5.4.42", "GN"},
    {"2.5.4.43", "initials"},
    {"2.5.4.44", "generationQualifier"},
    {"2.5.4.45", "x500UniqueIdentifier"},
    {"2.5.4.46", "dnQualifier"},
    {"2.5.4.47", "enhancedSearchGuide"},
    {"2.5.4.48", "protocolInformation"},
    {"2.5.4.49", "distinguishedName"},
    {"2.5.4.50", "uniqueMember"},
    {"2.5.4.51", "houseIdentifier"},
    {"2.5.4.52", "supportedAlgorithms"},
    {"2.5.4.53", "deltaRevocationList"},
    {"2.5.4.54", "dmdName"},
    {"2.5.4.65", "pseudonym"},
    {"2.5.4.72", "role"},
    {"2.5.4.97", "organizationIdentifier"},
    {"2.5.4.98", "c3"},
    {"2.5.4.99", "n3"},
    {"2.5.4.100", "dnsName"},
    {"1.2.840.113549.1.9.1", "emailAddress"},
    {"1.2.840.113549.1.9.2", "unstructuredName"},
    {"1.2.840.113549.1.9.3", "contentType"},
    {"1.2.840.113549.1.9.4", "messageDigest"},
    {"1.2.840.113549.1.9.5", "signingTime"},
    {"1.2.840.113549.1.9.6", "countersignature"},
    {"1.2.840.113549.1.9.7", "challengePassword"},
    {"1.2.840.113549.1.9.8", "unstructuredAddress"},
    {"1.2.840.113549.1.9.9", "extendedCertificateAttributes"},
    {"1.2.840.113549.1.9.14", "extReq"},
    {"1.2.840.113549.1.9.15", "SMIME-CAPS"},
    {"1.2.840.113549.1.9.16", "SMIME"},
    {"1.2.840.113549.1.9.20", "friendlyName"},
    {"1.2.840.113549.1.9.21", "localKeyID"},
    {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"},
    {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"},
    {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"},
    {"0.9.2342.19200300.100.1.1", "UID"},
    {"0.9.2342.19200300.100.1.2", "textEncodedORAddress"},
    {"0.9.2342.19200300.100.1.3", "mail"},
    {"0.9.2342.19200300.100.1.4", "info"},
    {"0.9.2342.19200300.100.1.5", "favouriteDrink"},
    {"0.9.2342.19200300.100.1.6", "roomNumber"},
    {"0.9.2342.19200300.100.1.7", "photo"},
    {"0.9.2342.19200300.100.1.8", "userClass"},
    {"0.9.2342.19200300.100.1.9", "host"},
    {"0.9.2342.19200300.100.1.10", "manager"},
    {"0.9.2342.19200300.100.1.11", "documentIdentifier"},
    {"0.9.2342.19200300.100.1.12", "documentTitle"},
    {"0.9.2342.19200300.100.1.13", "documentVersion"},
    {"0.9.2342.19200300.100.1.14", "documentAuthor"},
    {"0.9.2342.19200300.100.1.15", "documentLocation"},
    {"0.9.2342.19200300.100.1.20", "homeTelephoneNumber"},
    {"0.9.2342.19200300.100.1.21", "secretary"},
    {"0.9.2342.19200300.100.1.22", "otherMailbox"},
    {"0.9.2342.19200300.100.1.23", "lastModifiedTime"},
    {"0.9.2342.19200300.100.1.24", "lastModifiedBy"},
    {"0.9.2342.19200300.100.1.25", "DC"},
    {"0.9.2342.19200300.100.1.26", "aRecord"},
    {"0.9.2342.19200300.100.1.27", "pilotAttributeType27"},
    {"0.9.2342.19200300.100.1.28", "mXRecord"},
    {"0.9.2342.19200300.100.1.29", "nSRecord"},
    {"0.9.2342.19200300.100.1.30", "sOARecord"},
    {"0.9.2342.19200300.100.1.31", "cNAMERecord"},
    {"0.9.2342.19200300.100.1.37", "associatedDomain"},
    {"0.9.2342.19200300.100.1.38", "associatedName"},
    {"0.9.2342.19200300.100.1.39", "homePostalAddress"},
    {"0.9.2342.19200300.100.1.40", "personalTitle"},
    {"0.9.2342.19200300.100.1.41", "mobileTelephoneNumber"},
    {"0.9.2342.19200300.100.1.42", "pagerTelephoneNumber"},
    {"0.9.2342.19200300.100.1.43", "friendlyCountryName"},
    {"0.9.2342.19200300.100.1.44", "uid"},
    {"0.9.2342.19200300.100.1.45", "organizationalStatus"},
    {"0.9.2342.19200300.100.1.46", "janetMailbox"},
    {"0.9.2342.19200300.100.1.47", "mailPreferenceOption"},
    {"0.9.2342.19200300.100.1.48", "buildingName"},
    {"0.9.2342.19200300.100.1.49", "dSAQuality"},
    {"0.9.2342.19200300.100.1.50", "singleLevelQuality"},
    {"0.9.2342.19200300.100.1.51", "subtreeMinimumQuality"},
    {"0.9.2342.19200300.100.1.52", "subtreeMaximumQuality"},
    {"0.9.2342.19200300.100.1.53", "personalSignature"},
    {"0.9.2342.19200300.100.1.54", "dITRedirect"},
    {"0.9.2342.19200300.100.1.55", "audio"},
    {"0.9.2342.19200300.100.1.56", "documentPublisher"},
};

/* Arcs whose single-component attributes ATTRIBUTES lists completely. */
static const char *const ATTRIBUTE_ARCS[] = {
    "2.5.4",                   /* X.520 */
    "1.2.840.113549.1.9",      /* PKCS #9 (emailAddress) */
    "1.3.6.1.4.1.311.60.2.1",  /* EV jurisdiction */
    "0.9.2342.19200300.100.1", /* pilot attributes (DC, UID) */
};

/* Signature algorithms with OpenSSL's long names (X509_get_signature_nid). */
static const struct signature_row {
    const char *oid;
    const char *ln;
} SIGNATURES[] = {
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption"},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256"},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption"},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384"},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption"},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512"},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption"},
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1"},
    {"1.2.840.113549.1.1.10", "rsassaPss"},
    {"1.3.101.112", "ED25519"},
    {"1.3.101.113", "ED448"},
    {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption"},
    {"1.2.840.10045.4.3.1", "ecdsa-with-SHA224"},
    {"1.2.840.113549.1.1.15", "sha512-224WithRSAEncryption"},
    {"1.2.840.113549.1.1.16", "sha512-256WithRSAEncryption"},
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption"},
    {"1.2.840.113549.1.1.3", "md4WithRSAEncryption"},
    {"1.2.840.113549.1.1.2", "md2WithRSAEncryption"},
    {"1.3.14.3.2.29", "sha1WithRSA"},
    {"1.2.840.10040.4.3", "dsaWithSHA1"},
    {"2.16.840.1.101.3.4.3.1", "dsa_with_SHA224"},
    {"2.16.840.1.101.3.4.3.2", "dsa_with_SHA256"},
    {"2.16.840.1.101.3.4.3.3", "dsa_with_SHA384"},
    {"2.16.840.1.101.3.4.3.4", "dsa_with_SHA512"},
    {"2.16.840.1.101.3.4.3.9", "ecdsa_with_SHA3-224"},
    {"2.16.840.1.101.3.4.3.10", "ecdsa_with_SHA3-256"},
    {"2.16.840.1.101.3.4.3.11", "ecdsa_with_SHA3-384"},
    {"2.16.840.1.101.3.4.3.12", "ecdsa_with_SHA3-512"},
    {"2.16.840.1.101.3.4.3.13", "RSA-SHA3-224"},
    {"2.16.840.1.101.3.4.3.14", "RSA-SHA3-256"},
    {"2.16.840.1.101.3.4.3.15", "RSA-SHA3-384"},
    {"2.16.840.1.101.3.4.3.16", "RSA-SHA3-512"},
};

/* How a public key is laid out, which decides where its size comes from. */
enum key_shape {
    SHAPE_RSA,      /* RSAPublicKey; parameters NULL or absent */
    SHAPE_RSA_PSS,  /* RSAPublicKey; parameters absent (restricted keys go to the full decoder) */
    SHAPE_EC,       /* an encoded point; parameters a named curve */
    SHAPE_DSA,      /* INTEGER y; parameters p, q, g */
    SHAPE_RAW,      /* fixed-size octets (RFC 8410); no parameters */
};

/* Public key algorithms with pkey_describe()'s names (ossl.c). */
static const struct key_row {
    const char *oid;
    const char *name;
    enum key_shape shape;
    int bits;          /* SHAPE_RAW: EVP_PKEY_get_bits in OpenSSL 3 */
    size_t raw_len;    /* SHAPE_RAW: key bytes */
} KEYS[] = {
    {"1.2.840.113549.1.1.1", "RSA", SHAPE_RSA, 0, 0},
    {"1.2.840.10045.2.1", "EC", SHAPE_EC, 0, 0},
    {"1.3.101.112", "Ed25519", SHAPE_RAW, 256, 32},
    {"1.3.101.113", "Ed448", SHAPE_RAW, 456, 57},
    {"1.3.101.110", "X25519", SHAPE_RAW, 253, 32},
    {"1.3.101.111", "X448", SHAPE_RAW, 448, 56},
    {"1.2.840.113549.1.1.10", "RSA-PSS", SHAPE_RSA_PSS, 0, 0},
    {"1.2.840.10040.4.1", "DSA", SHAPE_DSA, 0, 0},
};

/* Named curves: NIST name when there is one, else OpenSSL's group name; and
 * the curve y^2 = x^3 + ax + b over GF(p), to check that a public point lies on
 * it, as OpenSSL's key decoder does (EC_GROUP_get_curve's values). */
static const struct curve_row {
    const char *oid;
    const char *name;
    int bits;              /* order bits, as EVP_PKEY_get_bits */
    size_t field_bytes;    /* one coordinate of an encoded point */
    const char *p, *a, *b; /* hex */
} CURVES[] = {
    {"1.2.840.10045.3.1.7", "P-256", 256, 32,
     "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
     "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC",
     "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B"},
    {"1.3.132.0.34", "P-384", 384, 48,
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE"
     "FFFFFFFF0000000000000000FFFFFFFF",
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE"
     "FFFFFFFF0000000000000000FFFFFFFC",
     "B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875A"
     "C656398D8A2ED19D2A85C8EDD3EC2AEF"},
    {"1.3.132.0.35", "P-521", 521, 66,
     "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
     "FFFF",
     "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
     "FFFC",
     "0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF1"
     "09E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B50"
     "3F00"},
    {"1.3.132.0.33", "P-224", 224, 28,
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF000000000000000000000001",
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFE",
     "B4050A850C04B3ABF54132565044B0B7D7BFD8BA270B39432355FFB4"},
    {"1.2.840.10045.3.1.1", "P-192", 192, 24,
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFF",
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFC",
     "64210519E59C80E70FA7E9AB72243049FEB8DEECC146B9B1"},
    {"1.3.132.0.10", "secp256k1", 256, 32,
     "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F",
     "0",
     "7"},
    {"1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", 256, 32,
     "A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377",
     "7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9",
     "26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6"},
    {"1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", 384, 48,
     "8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123"
     "ACD3A729901D1A71874700133107EC53",
     "7BC382C63D8C150C3C72080ACE05AFA0C2BEA28E4FB22787139165EFBA91F90F"
     "8AA5814A503AD4EB04A8C7DD22CE2826",
     "04A8C7DD22CE28268B39B55416F0447C2FB77DE107DCD2A62E880EA53EEB62D5"
     "7CB4390295DBC9943AB78696FA504C11"},
    {"1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", 512, 64,
     "AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330871"
     "7D4D9B009BC66842AECDA12AE6A380E62881FF2F2D82C68528AA6056583A48F3",
     "7830A3318B603B89E2327145AC234CC594CBDD8D3DF91610A83441CAEA9863BC"
     "2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CA",
     "3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A7"
     "2BF2C7B9E7C1AC4D77FC94CADC083E67984050B75EBAE5DD2809BD638016F723"},
};

/* The extensions the summary reads; the others are only checked for shape. */
enum extension { EXT_SAN, EXT_BASIC_CONSTRAINTS };
static const struct extension_row {
    const char *oid;
    enum extension ext;
} EXTENSIONS[] = {
    {"2.5.29.17", EXT_SAN},
    {"2.5.29.19", EXT_BASIC_CONSTRAINTS},
};

/* ----------------------------------------------- EC points on their curve */

#define FIELD_LIMBS 9 /* 64-bit limbs of the largest field (P-521: 66 octets) */

typedef unsigned __int128 u128; /* GCC and Clang: a limb product and its carry */

/* GF(p) of one curve, for Montgomery multiplication with R = 2^(64 n). */
struct field {
    size_t n;                     /* limbs; 0 when the constants did not parse */
    uint64_t p[FIELD_LIMBS];      /* little-endian limbs */
    uint64_t a_r1[FIELD_LIMBS];   /* a·R^-1 mod p */
    uint64_t b_r2[FIELD_LIMBS];   /* b·R^-2 mod p */
    uint64_t n0;                  /* -p^-1 mod 2^64 */
};

static struct field curve_fields[ARRAY_LEN(CURVES)];

static int limbs_cmp(const uint64_t *a, const uint64_t *b, size_t n)
{
    while (n-- > 0)
        if (a[n] != b[n])
            return a[n] < b[n] ? -1 : 1;
    return 0;
}

/* a -= b; the borrow out is dropped (callers know a >= b, maybe with a top limb). */
static void limbs_sub(uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 d = (u128)a[i] - b[i] - borrow;
        a[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 127);
    }
}

/* Big-endian octets (at most 8 n) into n little-endian limbs. */
static void limbs_from_bytes(const unsigned char *b, size_t len, uint64_t *out, size_t n)
{
    memset(out, 0, n * sizeof(*out));
    for (size_t i = 0; i < len; i++)
        out[i / 8] |= (uint64_t)b[len - 1 - i] << (8 * (i % 8));
}

static bool limbs_from_hex(const char *hex, uint64_t *out, size_t n)
{
    memset(out, 0, n * sizeof(*out));
    size_t len = strlen(hex);
    for (size_t i = 0; i < len; i++) {
        char c = hex[len - 1 - i];
        unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0') : (unsigned)(c - 'A' + 10);
        if (v > 15 || (v && i / 16 >= n))
            return false;
        if (v)
            out[i / 16] |= (uint64_t)v << (4 * (i % 16));
    }
    return true;
}

/* r = a + b mod p, for a, b < p. */
static void add_mod(const struct field *f, const uint64_t *a, const uint64_t *b, uint64_t *r)
{
    uint64_t carry = 0;
    for (size_t i = 0; i < f->n; i++) {
        u128 s = (u128)a[i] + b[i] + carry;
        r[i] = (uint64_t)s;
        carry = (uint64_t)(s >> 64);
    }
    if (carry || limbs_cmp(r, f->p, f->n) >= 0)
        limbs_sub(r, f->p, f->n);
}

/* r = a·b·R^-1 mod p for a, b < p (CIOS Montgomery multiplication). */
static void mont_mul(const struct field *f, const uint64_t *a, const uint64_t *b, uint64_t *r)
{
    size_t n = f->n;
    uint64_t t[FIELD_LIMBS + 2] = {0};
    for (size_t i = 0; i < n; i++) {
        uint64_t c = 0;
        u128 s;
        for (size_t j = 0; j < n; j++) {
            s = (u128)a[j] * b[i] + t[j] + c;
            t[j] = (uint64_t)s;
            c = (uint64_t)(s >> 64);
        }
        s = (u128)t[n] + c;
        t[n] = (uint64_t)s;
        t[n + 1] = (uint64_t)(s >> 64);
        uint64_t m = t[0] * f->n0; /* makes t + m·p divisible by 2^64 */
        c = (uint64_t)(((u128)m * f->p[0] + t[0]) >> 64);
        for (size_t j = 1; j < n; j++) {
            s = (u128)m * f->p[j] + t[j] + c;
            t[j - 1] = (uint64_t)s;
            c = (uint64_t)(s >> 64);
        }
        s = (u128)t[n] + c;
        t[n - 1] = (uint64_t)s;
        t[n] = t[n + 1] + (uint64_t)(s >> 64);
    }
    if (t[n] || limbs_cmp(t, f->p, n) >= 0)
        limbs_sub(t, f->p, n);
    memcpy(r, t, n * sizeof(*r));
}

static void field_init(const struct curve_row *c, struct field *f)
{
    static const uint64_t one[FIELD_LIMBS] = {1};
    uint64_t a[FIELD_LIMBS], b[FIELD_LIMBS];
    f->n = (c->field_bytes + 7) / 8;
    if (!limbs_from_hex(c->p, f->p, f->n) || !limbs_from_hex(c->a, a, f->n) ||
        !limbs_from_hex(c->b, b, f->n) || !(f->p[0] & 1)) {
        f->n = 0;
        return;
    }
    uint64_t inv = f->p[0]; /* Newton: each step doubles the correct low bits (3 to start) */
    for (int i = 0; i < 5; i++)
        inv *= 2 - f->p[0] * inv;
    f->n0 = (uint64_t)0 - inv;
    mont_mul(f, a, one, f->a_r1);
    mont_mul(f, b, one, f->b_r2);
    mont_mul(f, f->b_r2, one, f->b_r2);
}

/* Whether (x, y) satisfies y^2 = x^3 + ax + b (mod p) with x, y < p, the test
 * EC_POINT_oct2point applies. Horner, x^3 + ax = x·(x^2 + a), with every
 * term brought to the factor R^-2: four multiplications. */
static bool on_curve(const struct field *f, const unsigned char *xb, const unsigned char *yb,
                     size_t len)
{
    static const uint64_t one[FIELD_LIMBS] = {1};
    uint64_t x[FIELD_LIMBS], y[FIELD_LIMBS], lhs[FIELD_LIMBS], rhs[FIELD_LIMBS];
    if (!f->n)
        return false;
    limbs_from_bytes(xb, len, x, f->n);
    limbs_from_bytes(yb, len, y, f->n);
    if (limbs_cmp(x, f->p, f->n) >= 0 || limbs_cmp(y, f->p, f->n) >= 0)
        return false;
    mont_mul(f, y, y, lhs);          /* y^2 R^-1 */
    mont_mul(f, lhs, one, lhs);      /* y^2 R^-2 */
    mont_mul(f, x, x, rhs);          /* x^2 R^-1 */
    add_mod(f, rhs, f->a_r1, rhs);   /* (x^2 + a) R^-1 */
    mont_mul(f, rhs, x, rhs);        /* (x^3 + ax) R^-2 */
    add_mod(f, rhs, f->b_r2, rhs);
    return limbs_cmp(lhs, rhs, f->n) == 0;
}

/* ------------------------------------------------- OIDs as bytes, once */

/* An OID's contents octets (no tag or length). */
struct oid_bytes {
    unsigned char len;     /* 0: the dotted text did not encode (a bug the tests catch) */
    unsigned char der[19];
};

static struct oid_bytes attribute_oids[ARRAY_LEN(ATTRIBUTES)];
static struct oid_bytes arc_oids[ARRAY_LEN(ATTRIBUTE_ARCS)];
static struct oid_bytes signature_oids[ARRAY_LEN(SIGNATURES)];
static struct oid_bytes key_oids[ARRAY_LEN(KEYS)];
static struct oid_bytes curve_oids[ARRAY_LEN(CURVES)];
static struct oid_bytes extension_oids[ARRAY_LEN(EXTENSIONS)];

static int attribute_cn = -1; /* row of CN in ATTRIBUTES */
static const EVP_MD *md_sha1, *md_sha256;

enum { B64_BAD = -1, B64_SPACE = -2, B64_PAD = -3 };
static signed char b64_value[256];
/* The 6 bits of an alphabet character at each place of a 4-character group,
 * so that a group is four lookups ORed; B64_NOT_ALPHABET for anything else. */
#define B64_NOT_ALPHABET 0x80000000u
static uint32_t b64_at[4][256];

static pthread_once_t init_control = PTHREAD_ONCE_INIT;

/* Appends one subidentifier in base 128, most significant group first. */
static bool put_subid(struct oid_bytes *o, unsigned long long v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (unsigned char)(v & 0x7f);
        v >>= 7;
    } while (v);
    if (o->len + n > sizeof(o->der))
        return false;
    while (n--)
        o->der[o->len++] = (unsigned char)(tmp[n] | (n ? 0x80 : 0));
    return true;
}

/* "2.5.4.3" → 55 04 03. */
static void oid_encode(const char *dotted, struct oid_bytes *out)
{
    unsigned long long arcs[16];
    size_t n = 0;
    const char *p = dotted;
    memset(out, 0, sizeof(*out));
    while (*p && n < ARRAY_LEN(arcs)) {
        char *end;
        arcs[n++] = strtoull(p, &end, 10);
        if (end == p || (*end != '.' && *end != '\0'))
            return;
        p = *end ? end + 1 : end;
    }
    if (n < 2 || *p || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40))
        return;
    bool ok = put_subid(out, arcs[0] * 40 + arcs[1]);
    for (size_t i = 2; ok && i < n; i++)
        ok = put_subid(out, arcs[i]);
    if (!ok)
        out->len = 0;
}

#define ENCODE_TABLE(rows, oids, field)                   \
    for (size_t i = 0; i < ARRAY_LEN(rows); i++)          \
        oid_encode(rows[i] field, &oids[i])

static void init_base64(void)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    memset(b64_value, B64_BAD, sizeof(b64_value));
    for (int i = 0; i < 64; i++)
        b64_value[(unsigned char)alphabet[i]] = (signed char)i;
    /* The same whitespace and padding pem.c's base64_decode accepts. */
    b64_value[' '] = b64_value['\t'] = b64_value['\r'] = b64_value['\n'] = B64_SPACE;
    b64_value['='] = B64_PAD;
    for (int place = 0; place < 4; place++)
        for (int c = 0; c < 256; c++)
            b64_at[place][c] = b64_value[c] >= 0 ? (uint32_t)b64_value[c] << (18 - 6 * place)
                                                 : B64_NOT_ALPHABET;
}

static void init_once(void)
{
    ENCODE_TABLE(ATTRIBUTES, attribute_oids, .oid);
    ENCODE_TABLE(ATTRIBUTE_ARCS, arc_oids, );
    ENCODE_TABLE(SIGNATURES, signature_oids, .oid);
    ENCODE_TABLE(KEYS, key_oids, .oid);
    ENCODE_TABLE(CURVES, curve_oids, .oid);
    ENCODE_TABLE(EXTENSIONS, extension_oids, .oid);
    for (size_t i = 0; i < ARRAY_LEN(ATTRIBUTES) && attribute_cn < 0; i++)
        if (strcmp(ATTRIBUTES[i].sn, "CN") == 0)
            attribute_cn = (int)i;
    for (size_t i = 0; i < ARRAY_LEN(CURVES); i++)
        field_init(&CURVES[i], &curve_fields[i]);
    init_base64();
    /* Fetched once: an implicit fetch per digest costs more than hashing 1 KB.
     * Never freed (process lifetime). */
    md_sha1 = EVP_MD_fetch(NULL, "SHA1", NULL);
    md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static bool init(void)
{
    return pthread_once(&init_control, init_once) == 0 && md_sha1 && md_sha256;
}

/* One row of a table and its encoded OID. */
static bool table_row(const char *oid, const char *name, int bits, const struct oid_bytes *der,
                      struct x509_quick_row *row)
{
    *row = (struct x509_quick_row){oid, name, bits, der->der, der->len};
    return true;
}

bool x509_quick_table_row(enum x509_quick_table table, size_t i, struct x509_quick_row *row)
{
    memset(row, 0, sizeof(*row));
    if (!init())
        return false;
    switch (table) {
    case X509_QUICK_ATTRIBUTES:
        return i < ARRAY_LEN(ATTRIBUTES) &&
               table_row(ATTRIBUTES[i].oid, ATTRIBUTES[i].sn, 0, &attribute_oids[i], row);
    case X509_QUICK_ATTRIBUTE_ARCS:
        return i < ARRAY_LEN(ATTRIBUTE_ARCS) &&
               table_row(ATTRIBUTE_ARCS[i], NULL, 0, &arc_oids[i], row);
    case X509_QUICK_SIGNATURES:
        return i < ARRAY_LEN(SIGNATURES) &&
               table_row(SIGNATURES[i].oid, SIGNATURES[i].ln, 0, &signature_oids[i], row);
    case X509_QUICK_KEYS:
        return i < ARRAY_LEN(KEYS) &&
               table_row(KEYS[i].oid, KEYS[i].name, KEYS[i].bits, &key_oids[i], row);
    case X509_QUICK_CURVES:
        return i < ARRAY_LEN(CURVES) &&
               table_row(CURVES[i].oid, CURVES[i].name, CURVES[i].bits, &curve_oids[i], row);
    }
    return false;
}

/* ------------------------------------------------------------ DER reading */

/* Bytes still to read; reading advances p. */
struct der {
    const unsigned char *p;
    size_t len;
};

/* One element: its tag byte, its contents, and its whole encoding. */
struct tlv {
    unsigned tag;
    struct der body;
    const unsigned char *raw;
    size_t raw_len;
};

enum {
    T_BOOLEAN = 0x01, T_INTEGER = 0x02, T_BIT_STRING = 0x03, T_OCTET_STRING = 0x04,
    T_NULL = 0x05, T_OID = 0x06, T_UTF8 = 0x0c, T_NUMERIC = 0x12, T_PRINTABLE = 0x13,
    T_T61 = 0x14, T_IA5 = 0x16, T_UTCTIME = 0x17, T_GENTIME = 0x18, T_UNIVERSAL = 0x1c,
    T_BMP = 0x1e, T_SEQUENCE = 0x30, T_SET = 0x31,
    T_CTX0 = 0xa0, T_CTX3 = 0xa3,                       /* [0], [3] constructed */
    T_IMPL1 = 0x81, T_IMPL2 = 0x82, T_IMPL6 = 0x86, T_IMPL7 = 0x87, /* [n] primitive */
};

/* Reads one element in DER form: low tag number, definite length in the
 * fewest octets, contents inside the input. Indefinite (BER) lengths fail. */
static bool der_read(struct der *d, struct tlv *t)
{
    if (d->len < 2 || (d->p[0] & 0x1f) == 0x1f)
        return false;
    size_t hdr = 2, n = d->p[1];
    if (n & 0x80) {
        size_t k = n & 0x7f;
        if (k == 0 || k > 4 || d->len - 2 < k || d->p[2] == 0)
            return false;
        n = 0;
        for (size_t i = 0; i < k; i++)
            n = n << 8 | d->p[2 + i];
        if (n < 0x80)
            return false;
        hdr += k;
    }
    if (n > d->len - hdr)
        return false;
    t->tag = d->p[0];
    t->raw = d->p;
    t->raw_len = hdr + n;
    t->body = (struct der){d->p + hdr, n};
    d->p += hdr + n;
    d->len -= hdr + n;
    return true;
}

static bool der_read_tag(struct der *d, unsigned tag, struct tlv *t)
{
    return der_read(d, t) && t->tag == tag;
}

/* The next tag, or -1 at the end (for OPTIONAL fields). */
static int der_peek(const struct der *d)
{
    return d->len ? d->p[0] : -1;
}

/* OID contents as c2i_ASN1_OBJECT accepts them: no 0x80 lead octets, complete. */
static bool oid_valid(struct der o)
{
    if (o.len == 0 || (o.p[o.len - 1] & 0x80))
        return false;
    for (size_t i = 0; i < o.len; i++)
        if (o.p[i] == 0x80 && (i == 0 || !(o.p[i - 1] & 0x80)))
            return false;
    return true;
}

static int oid_find(const struct oid_bytes *table, size_t n, struct der o)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].len == o.len && memcmp(table[i].der, o.p, o.len) == 0)
            return (int)i;
    return -1;
}

/* INTEGER contents in the fewest octets (what c2i_ASN1_INTEGER insists on). */
static bool int_minimal(struct der v)
{
    if (v.len == 0)
        return false;
    if (v.len > 1 && ((v.p[0] == 0x00 && !(v.p[1] & 0x80)) || (v.p[0] == 0xff && (v.p[1] & 0x80))))
        return false;
    return true;
}

/* A positive, non-zero INTEGER; *mag is its magnitude without the sign octet. */
static bool read_positive(struct der *d, struct der *mag)
{
    struct tlv t;
    if (!der_read_tag(d, T_INTEGER, &t) || !int_minimal(t.body) || (t.body.p[0] & 0x80))
        return false;
    *mag = t.body;
    if (mag->p[0] == 0) {
        mag->p++;
        mag->len--;
    }
    return mag->len > 0;
}

static int bit_length(struct der mag)
{
    int top = 0;
    for (unsigned b = mag.p[0]; b; b >>= 1)
        top++;
    return (int)(mag.len - 1) * 8 + top;
}

/* BIT STRING contents holding whole octets (keys, signatures): *bytes after
 * the unused-bits octet, which must be 0 so re-encoding cannot change them. */
static bool bit_string_octets(struct der v, struct der *bytes)
{
    if (v.len < 1 || v.p[0] != 0)
        return false;
    *bytes = (struct der){v.p + 1, v.len - 1};
    return true;
}

static bool boolean_value(struct der v, bool *out)
{
    if (v.len != 1 || (v.p[0] != 0x00 && v.p[0] != 0xff))
        return false;
    *out = v.p[0] != 0;
    return true;
}

/* ---------------------------------------------------------- growing text */

struct sbuf {
    char *s;
    size_t len, cap;
};

static void sb_reserve(struct sbuf *b, size_t more)
{
    if (b->len + more < b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap <= b->len + more)
        cap *= 2;
    b->s = xrealloc(b->s, cap);
    b->cap = cap;
    b->s[b->len] = '\0';
}

static void sb_put(struct sbuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_putc(struct sbuf *b, char c)
{
    sb_put(b, &c, 1);
}

/* The finished string (never NULL). */
static char *sb_take(struct sbuf *b)
{
    if (!b->s)
        return xstrdup("");
    char *s = b->s;
    memset(b, 0, sizeof(*b));
    return s;
}

static const char HEX_UPPER[] = "0123456789ABCDEF";
/* A table's name into a fixed field (cut to fit; the tables' names all fit):
 * snprintf's format machinery is a visible cost over thousands of certificates. */
static void copy_name(char *dst, size_t size, const char *name)
{
    size_t n = strlen(name);
    if (n >= size)
        n = size - 1;
    memcpy(dst, name, n);
    dst[n] = '\0';
}

static const char HEX_LOWER[] = "0123456789abcdef";

static void hex_into(const unsigned char *d, size_t n, const char *digits, char *out)
{
    for (size_t i = 0; i < n; i++) {
        *out++ = digits[d[i] >> 4];
        *out++ = digits[d[i] & 15];
    }
    *out = '\0';
}

/* ---------------------------------------------------------------- strings */

/* Directory string types OpenSSL reads in names and converts to UTF-8;
 * anything else (BIT STRING, SEQUENCE…) it prints as a hex dump: full decoder. */
static size_t char_width(unsigned tag)
{
    switch (tag) {
    case T_UTF8: return 0;                       /* variable */
    case T_NUMERIC: case T_PRINTABLE: case T_T61: case T_IA5: return 1; /* Latin-1 */
    case T_BMP: return 2;                        /* UTF-16BE code units */
    case T_UNIVERSAL: return 4;                  /* UCS-4 */
    default: return 3;                           /* not a directory string */
    }
}

static bool unicode_valid(unsigned long c)
{
    return c <= 0x10ffff && (c < 0xd800 || c > 0xdfff);
}

/* One UTF-8 character, shortest form only, no surrogates (UTF8_getc's rules). */
static bool utf8_next(struct der *s, unsigned long *c)
{
    const unsigned char *p = s->p;
    size_t n;
    unsigned long v, min;
    if (p[0] < 0x80) {
        n = 1, v = p[0], min = 0;
    } else if ((p[0] & 0xe0) == 0xc0) {
        n = 2, v = p[0] & 0x1fu, min = 0x80;
    } else if ((p[0] & 0xf0) == 0xe0) {
        n = 3, v = p[0] & 0x0fu, min = 0x800;
    } else if ((p[0] & 0xf8) == 0xf0) {
        n = 4, v = p[0] & 0x07u, min = 0x10000;
    } else {
        return false;
    }
    if (s->len < n)
        return false;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return false;
        v = v << 6 | (p[i] & 0x3fu);
    }
    if (v < min || !unicode_valid(v))
        return false;
    s->p += n;
    s->len -= n;
    *c = v;
    return true;
}

/* The next character of a directory string; false on what OpenSSL's name
 * canonicalisation rejects (bad UTF-8, surrogates), which fails d2i_X509. */
static bool next_char(unsigned tag, struct der *s, unsigned long *c)
{
    const unsigned char *p = s->p;
    size_t w = char_width(tag);
    if (w == 0)
        return utf8_next(s, c);
    if (w == 2)
        *c = (unsigned long)p[0] << 8 | p[1];
    else if (w == 4)
        *c = (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
             (unsigned long)p[2] << 8 | p[3];
    else
        *c = p[0];
    s->p += w;
    s->len -= w;
    return unicode_valid(*c);
}

/* c as UTF-8 at o; returns the new end. */
static char *utf8_out(char *o, unsigned long c)
{
    if (c < 0x80) {
        *o++ = (char)c;
    } else if (c < 0x800) {
        *o++ = (char)(0xc0 | c >> 6);
        *o++ = (char)(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        *o++ = (char)(0xe0 | c >> 12);
        *o++ = (char)(0x80 | (c >> 6 & 0x3f));
        *o++ = (char)(0x80 | (c & 0x3f));
    } else {
        *o++ = (char)(0xf0 | c >> 18);
        *o++ = (char)(0x80 | (c >> 12 & 0x3f));
        *o++ = (char)(0x80 | (c >> 6 & 0x3f));
        *o++ = (char)(0x80 | (c & 0x3f));
    }
    return o;
}

static bool rfc2253_special(unsigned long c)
{
    switch (c) {
    case ',': case '+': case '"': case '\\': case '<': case '>': case ';': return true;
    default: return false;
    }
}

/* An ASCII character at o, escaped as X509_NAME_print_ex does with
 * XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB: RFC 2253 specials and a leading
 * '#' or space / trailing space get a backslash, controls become \XX. Like
 * OpenSSL's do_buf, a one-character value counts as last, not first. */
static char *escaped_out(char *o, unsigned long c, bool first, bool last)
{
    if (rfc2253_special(c) || (c == '#' && first && !last) || (c == ' ' && (first || last))) {
        *o++ = '\\';
        *o++ = (char)c;
    } else if (c < 0x20 || c == 0x7f) {
        *o++ = '\\';
        *o++ = HEX_UPPER[c >> 4];
        *o++ = HEX_UPPER[c & 15];
    } else {
        *o++ = (char)c;
    }
    return o;
}

/* A directory string as UTF-8, escaped for a one-line name or plain (the
 * attribute values of name.c, via ASN1_STRING_to_UTF8). Written straight into
 * room reserved for the worst case: every octet becoming \XX. */
static bool put_string(struct sbuf *b, const struct tlv *v, bool escape)
{
    size_t w = char_width(v->tag);
    if (w == 3 || (w > 1 && v->body.len % w))
        return false;
    sb_reserve(b, 3 * v->body.len);
    char *o = b->s + b->len;
    struct der s = v->body;
    for (bool first = true; s.len; first = false) {
        /* inside the value, a run of printable ASCII that needs no escape is
         * copied as it is (the first and last characters have rules of
         * their own, so they take the way below) */
        if (w <= 1 && !first) {
            while (s.len > 1 && s.p[0] >= 0x20 && s.p[0] < 0x7f &&
                   !(escape && rfc2253_special(s.p[0]))) {
                *o++ = (char)*s.p++;
                s.len--;
            }
        }
        unsigned long c;
        if (w <= 1 && s.p[0] < 0x80) { /* ASCII in UTF-8 or Latin-1: the common case */
            c = *s.p++;
            s.len--;
        } else if (!next_char(v->tag, &s, &c)) {
            return false;
        }
        if (escape && c < 0x80)
            o = escaped_out(o, c, first, s.len == 0);
        else
            o = utf8_out(o, c);
    }
    b->len = (size_t)(o - b->s);
    *o = '\0';
    return true;
}

/* Whether a directory string converts at all (name canonicalisation in
 * d2i_X509 converts every value, even of attributes printed as hex). */
static bool string_valid(const struct tlv *v)
{
    size_t w = char_width(v->tag);
    if (w == 3 || (w > 1 && v->body.len % w))
        return false;
    struct der s = v->body;
    unsigned long c;
    while (s.len)
        if (!next_char(v->tag, &s, &c))
            return false;
    return true;
}

/* ------------------------------------------------------------------ names */

#define MAX_NAME_ENTRIES 32 /* more is odd enough for the full decoder */

struct name_entry {
    int attr;           /* row of ATTRIBUTES; -1: unknown to OpenSSL, printed dotted */
    struct der oid;
    struct tlv value;
    size_t rdn;         /* entries of one multi-valued RDN share this */
};

struct name_view {
    struct name_entry e[MAX_NAME_ENTRIES];
    size_t count;
};

/* True when o is ARC.n for one of ATTRIBUTE_ARCS (all of whose known members
 * ATTRIBUTES lists); other unknown OIDs may be known to OpenSSL by a name. */
static bool in_listed_arc(struct der o)
{
    for (size_t i = 0; i < ARRAY_LEN(arc_oids); i++) {
        const struct oid_bytes *a = &arc_oids[i];
        if (!a->len || o.len <= a->len || memcmp(o.p, a->der, a->len) != 0)
            continue;
        size_t j = a->len;
        while (j < o.len - 1 && (o.p[j] & 0x80))
            j++;
        if (j == o.len - 1)
            return true;
    }
    return false;
}

/* Name ::= SEQUENCE OF SET OF { type OID, value }, flattened in DER order. */
static bool parse_name(struct der body, struct name_view *nv)
{
    nv->count = 0;
    for (size_t rdn = 0; body.len; rdn++) {
        struct tlv set;
        if (!der_read_tag(&body, T_SET, &set) || set.body.len == 0)
            return false;
        while (set.body.len) {
            struct tlv atv, oid;
            if (nv->count == MAX_NAME_ENTRIES || !der_read_tag(&set.body, T_SEQUENCE, &atv) ||
                !der_read_tag(&atv.body, T_OID, &oid) || !oid_valid(oid.body))
                return false;
            struct name_entry *e = &nv->e[nv->count++];
            if (!der_read(&atv.body, &e->value) || atv.body.len)
                return false;
            e->oid = oid.body;
            e->rdn = rdn;
            e->attr = oid_find(attribute_oids, ARRAY_LEN(attribute_oids), oid.body);
            if (e->attr < 0 && !in_listed_arc(oid.body))
                return false;
        }
    }
    return true;
}

/* Dotted text as OBJ_obj2txt(…, 1) gives it; false past the 79 characters
 * X509_NAME_print_ex's buffer keeps, or for arcs beyond 64 bits. */
static bool oid_dotted(struct der o, char *buf, size_t size)
{
    size_t at = 0;
    bool first = true;
    unsigned long long v = 0;
    for (size_t i = 0; i < o.len; i++) {
        if (v > (~0ULL >> 7))
            return false;
        v = v << 7 | (o.p[i] & 0x7fu);
        if (o.p[i] & 0x80)
            continue;
        int n;
        if (first)
            n = snprintf(buf + at, size - at, "%u.%llu", v < 40 ? 0u : v < 80 ? 1u : 2u,
                         v < 80 ? v % 40 : v - 80);
        else
            n = snprintf(buf + at, size - at, ".%llu", v);
        if (n < 0 || (size_t)n >= size - at)
            return false;
        at += (size_t)n;
        first = false;
        v = 0;
    }
    return at < 80;
}

/* One line, most specific first: OpenSSL reverses the flat entry list (so a
 * multi-valued RDN comes out reversed too) and joins RDNs with ',' and the
 * values of one RDN with '+'. Unknown attributes print as OID=#<DER hex>. */
static bool render_name(const struct name_view *nv, size_t hint, char **out)
{
    struct sbuf b = {0};
    sb_reserve(&b, hint);
    for (size_t i = nv->count; i-- > 0;) {
        const struct name_entry *e = &nv->e[i];
        if (i + 1 < nv->count)
            sb_putc(&b, nv->e[i + 1].rdn == e->rdn ? '+' : ',');
        if (e->attr >= 0) {
            const char *sn = ATTRIBUTES[e->attr].sn;
            sb_put(&b, sn, strlen(sn));
            sb_putc(&b, '=');
            if (!put_string(&b, &e->value, true))
                goto fail;
        } else { /* put_string checks the others' values */
            char dotted[96];
            if (!string_valid(&e->value) || !oid_dotted(e->oid, dotted, sizeof(dotted)))
                goto fail;
            sb_put(&b, dotted, strlen(dotted));
            sb_put(&b, "=#", 2);
            sb_reserve(&b, e->value.raw_len * 2);
            hex_into(e->value.raw, e->value.raw_len, HEX_UPPER, b.s + b.len);
            b.len += e->value.raw_len * 2;
        }
    }
    *out = sb_take(&b);
    return true;
fail:
    free(b.s);
    return false;
}

/* The first CN in certificate order, as x509_cert_common_name finds it. */
static bool common_name(const struct name_view *nv, char **out)
{
    for (size_t i = 0; i < nv->count; i++) {
        if (nv->e[i].attr != attribute_cn)
            continue;
        struct sbuf b = {0};
        if (!put_string(&b, &nv->e[i].value, false)) {
            free(b.s);
            return false;
        }
        *out = sb_take(&b);
        return true;
    }
    return true;
}

/* ---------------------------------------------------------- serial, times */

/* As i2a_ASN1_INTEGER: magnitude in upper-case hex, "-" first when negative,
 * "00" for zero. Past 35 octets OpenSSL wraps the line: full decoder. */
static bool render_serial(struct der v, char *out, size_t size)
{
    unsigned char mag[36];
    if (!int_minimal(v) || v.len > sizeof(mag))
        return false;
    bool negative = v.p[0] & 0x80;
    if (negative) { /* two's complement: invert and add one */
        unsigned carry = 1;
        for (size_t i = v.len; i-- > 0;) {
            unsigned x = (~v.p[i] & 0xffu) + carry;
            mag[i] = (unsigned char)x;
            carry = x >> 8;
        }
    } else {
        memcpy(mag, v.p, v.len);
    }
    size_t skip = 0;
    while (skip < v.len && mag[skip] == 0)
        skip++;
    size_t n = v.len - skip;
    if (n > 35 || size < n * 2 + 4)
        return false;
    char *p = out;
    if (negative)
        *p++ = '-';
    if (n == 0)
        strcpy(p, "00");
    else
        hex_into(mag + skip, n, HEX_UPPER, p);
    return true;
}

static bool digits(const unsigned char *p, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return true;
}

/* UTCTime YYMMDDHHMMSSZ (YY < 50 is 20YY) or GeneralizedTime YYYYMMDDHHMMSSZ,
 * the forms RFC 5280 allows; fractions and offsets go to the full decoder. */
static bool parse_time(const struct tlv *t, int64_t *out)
{
    size_t ylen = t->tag == T_UTCTIME ? 2 : t->tag == T_GENTIME ? 4 : 0;
    const unsigned char *p = t->body.p;
    int y, mo, d, h, mi, s;
    if (!ylen || t->body.len != ylen + 11 || p[ylen + 10] != 'Z' || !digits(p, ylen, &y) ||
        !digits(p + ylen, 2, &mo) || !digits(p + ylen + 2, 2, &d) ||
        !digits(p + ylen + 4, 2, &h) || !digits(p + ylen + 6, 2, &mi) ||
        !digits(p + ylen + 8, 2, &s))
        return false;
    if (ylen == 2)
        y += y < 50 ? 2000 : 1900;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap) || h > 23 ||
        mi > 59 || s > 59)
        return false;
    *out = time_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
    return true;
}

/* ------------------------------------------------------------ structure */

/* Where the fields of one certificate are; filled without allocating. */
struct cert_view {
    size_t der_len;
    int version;
    struct der serial;
    struct der signature_oid;      /* the outer signatureAlgorithm */
    struct der issuer, subject;    /* Name contents */
    struct tlv not_before, not_after;
    struct der key_oid;
    struct tlv key_params;
    bool key_has_params;
    struct der key;                /* subjectPublicKey octets */
    bool has_san, has_basic_constraints;
    struct der san, basic_constraints; /* extnValue contents */
};

/* AlgorithmIdentifier ::= SEQUENCE { OID, parameters ANY OPTIONAL }, with the
 * parameter types certificates use: NULL, a named curve, a SEQUENCE. */
static bool parse_algorithm(struct der body, struct der *oid, struct tlv *params, bool *has_params)
{
    struct tlv o;
    if (!der_read_tag(&body, T_OID, &o) || !oid_valid(o.body))
        return false;
    *oid = o.body;
    *has_params = body.len > 0;
    if (!*has_params)
        return true;
    if (!der_read(&body, params) || body.len)
        return false;
    switch (params->tag) {
    case T_NULL: return params->body.len == 0;
    case T_OID: return oid_valid(params->body);
    case T_SEQUENCE: return true;
    default: return false;
    }
}

static bool parse_spki(struct der body, struct cert_view *cv)
{
    struct tlv alg, key;
    return der_read_tag(&body, T_SEQUENCE, &alg) && der_read_tag(&body, T_BIT_STRING, &key) &&
           body.len == 0 &&
           parse_algorithm(alg.body, &cv->key_oid, &cv->key_params, &cv->key_has_params) &&
           bit_string_octets(key.body, &cv->key);
}

/* Extension ::= SEQUENCE { OID, critical BOOLEAN DEFAULT FALSE, OCTET STRING }.
 * A repeated SAN or basicConstraints makes OpenSSL ignore both: full decoder. */
static bool parse_extensions(struct der exts, struct cert_view *cv)
{
    while (exts.len) {
        struct tlv ext, oid, crit, value;
        bool critical;
        if (!der_read_tag(&exts, T_SEQUENCE, &ext) || !der_read_tag(&ext.body, T_OID, &oid) ||
            !oid_valid(oid.body))
            return false;
        if (der_peek(&ext.body) == T_BOOLEAN &&
            (!der_read(&ext.body, &crit) || !boolean_value(crit.body, &critical)))
            return false;
        if (!der_read_tag(&ext.body, T_OCTET_STRING, &value) || ext.body.len)
            return false;
        int row = oid_find(extension_oids, ARRAY_LEN(extension_oids), oid.body);
        if (row < 0)
            continue;
        bool *seen = EXTENSIONS[row].ext == EXT_SAN ? &cv->has_san : &cv->has_basic_constraints;
        if (*seen)
            return false;
        *seen = true;
        *(EXTENSIONS[row].ext == EXT_SAN ? &cv->san : &cv->basic_constraints) = value.body;
    }
    return true;
}

/* Unique identifiers: BIT STRINGs nobody reads, only checked for shape. */
static bool skip_unique_id(struct der *tbs, unsigned tag, int version)
{
    struct tlv id;
    if (der_peek(tbs) != (int)tag)
        return true;
    return version >= 2 && der_read(tbs, &id) && id.body.len >= 1 && id.body.p[0] <= 7;
}

/* TBSCertificate, field by field (RFC 5280 4.1). Explicit v1 is not DER and
 * versions past 3 are not X.509 as OpenSSL knows it: full decoder. */
static bool parse_tbs(struct der t, struct cert_view *cv)
{
    struct tlv ver, v, serial, alg, issuer, validity, subject, spki, exts, seq;
    cv->version = 1;
    if (der_peek(&t) == T_CTX0) {
        if (!der_read(&t, &ver) || !der_read_tag(&ver.body, T_INTEGER, &v) || ver.body.len ||
            v.body.len != 1 || v.body.p[0] < 1 || v.body.p[0] > 2)
            return false;
        cv->version = v.body.p[0] + 1;
    }
    struct der oid;
    struct tlv params;
    bool has_params;
    if (!der_read_tag(&t, T_INTEGER, &serial) || !der_read_tag(&t, T_SEQUENCE, &alg) ||
        !parse_algorithm(alg.body, &oid, &params, &has_params) ||
        !der_read_tag(&t, T_SEQUENCE, &issuer) || !der_read_tag(&t, T_SEQUENCE, &validity) ||
        !der_read(&validity.body, &cv->not_before) || !der_read(&validity.body, &cv->not_after) ||
        validity.body.len || !der_read_tag(&t, T_SEQUENCE, &subject) ||
        !der_read_tag(&t, T_SEQUENCE, &spki) || !parse_spki(spki.body, cv))
        return false;
    cv->serial = serial.body;
    cv->issuer = issuer.body;
    cv->subject = subject.body;
    if (!skip_unique_id(&t, T_IMPL1, cv->version) || !skip_unique_id(&t, T_IMPL2, cv->version))
        return false;
    if (der_peek(&t) == T_CTX3) {
        if (cv->version != 3 || !der_read(&t, &exts) ||
            !der_read_tag(&exts.body, T_SEQUENCE, &seq) || exts.body.len ||
            !parse_extensions(seq.body, cv))
            return false;
    }
    return t.len == 0;
}

/* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }. */
static bool parse_cert(const unsigned char *der, size_t len, struct cert_view *cv)
{
    memset(cv, 0, sizeof(*cv));
    struct der in = {der, len};
    struct tlv cert, tbs, alg, sig, params;
    struct der sig_bytes;
    bool has_params;
    if (!der_read_tag(&in, T_SEQUENCE, &cert))
        return false;
    cv->der_len = cert.raw_len;
    struct der c = cert.body;
    return der_read_tag(&c, T_SEQUENCE, &tbs) && der_read_tag(&c, T_SEQUENCE, &alg) &&
           der_read_tag(&c, T_BIT_STRING, &sig) && c.len == 0 &&
           parse_algorithm(alg.body, &cv->signature_oid, &params, &has_params) &&
           bit_string_octets(sig.body, &sig_bytes) && parse_tbs(tbs.body, cv);
}

/* ------------------------------------------------------------ public key */

static bool rsa_bits(struct der key, int *bits)
{
    struct tlv seq;
    struct der n, e;
    if (!der_read_tag(&key, T_SEQUENCE, &seq) || key.len || !read_positive(&seq.body, &n) ||
        !read_positive(&seq.body, &e) || seq.body.len)
        return false;
    *bits = bit_length(n);
    return true;
}

/* DSA: size of p from Dss-Parms { p, q, g }; the key itself is INTEGER y. */
static bool dsa_bits(const struct cert_view *cv, int *bits)
{
    struct der params = cv->key_params.body, key = cv->key, p, q, g, y;
    if (!cv->key_has_params || cv->key_params.tag != T_SEQUENCE || !read_positive(&params, &p) ||
        !read_positive(&params, &q) || !read_positive(&params, &g) || params.len ||
        !read_positive(&key, &y) || key.len)
        return false;
    *bits = bit_length(p);
    return true;
}

/* EC: a named curve and an uncompressed point (04 x y) on it. Compressed
 * and hybrid points go to the full decoder: checking them takes a square root. */
static bool ec_describe(const struct cert_view *cv, struct x509_summary *out)
{
    if (!cv->key_has_params || cv->key_params.tag != T_OID)
        return false;
    int row = oid_find(curve_oids, ARRAY_LEN(curve_oids), cv->key_params.body);
    if (row < 0)
        return false;
    const struct curve_row *c = &CURVES[row];
    const unsigned char *k = cv->key.p;
    if (cv->key.len != 1 + 2 * c->field_bytes || k[0] != 4 ||
        !on_curve(&curve_fields[row], k + 1, k + 1 + c->field_bytes, c->field_bytes))
        return false;
    out->key_bits = c->bits;
    copy_name(out->key_curve, sizeof(out->key_curve), c->name);
    return true;
}

static bool describe_key(const struct cert_view *cv, struct x509_summary *out)
{
    int row = oid_find(key_oids, ARRAY_LEN(key_oids), cv->key_oid);
    if (row < 0)
        return false;
    const struct key_row *k = &KEYS[row];
    copy_name(out->key_algorithm, sizeof(out->key_algorithm), k->name);
    bool null_or_absent = !cv->key_has_params || cv->key_params.tag == T_NULL;
    switch (k->shape) {
    case SHAPE_RSA: return null_or_absent && rsa_bits(cv->key, &out->key_bits);
    case SHAPE_RSA_PSS: return !cv->key_has_params && rsa_bits(cv->key, &out->key_bits);
    case SHAPE_EC: return ec_describe(cv, out);
    case SHAPE_DSA: return dsa_bits(cv, &out->key_bits);
    case SHAPE_RAW:
        out->key_bits = k->bits;
        return !cv->key_has_params && cv->key.len == k->raw_len;
    }
    return false;
}

/* ------------------------------------------------------------- extensions */

static bool ascii_only(struct der s, bool printable)
{
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = s.p[i];
        if (c >= 0x80 || (printable && !(c == ' ' || (c >= '0' && c <= '9') ||
                                         ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                                         strchr("'()+,-./:=?", c))))
            return false;
    }
    return true;
}

/* otherName { OID, [0] EXPLICIT ANY }: not part of the summary, but a
 * malformed one empties the full decoder's SAN list, so it is checked, and
 * only the value types UPNs and similar use are let through. */
static bool other_name_valid(struct der on)
{
    struct tlv oid, wrap, value;
    if (!der_read_tag(&on, T_OID, &oid) || !oid_valid(oid.body) ||
        !der_read_tag(&on, T_CTX0, &wrap) || on.len || !der_read(&wrap.body, &value) ||
        wrap.body.len)
        return false;
    switch (value.tag) {
    case T_UTF8: return string_valid(&value);
    case T_IA5: return ascii_only(value.body, false);
    case T_PRINTABLE: return ascii_only(value.body, true);
    case T_OCTET_STRING: case T_SEQUENCE: return true;
    default: return false;
    }
}

static char *text_of(struct der s)
{
    return xstrndup((const char *)s.p, s.len); /* stops at a NUL, like ext.c */
}

/* ext.c's ip_text: inet_ntop for 4 and 16 octets, else colon-separated hex. */
static char *ip_text(struct der ip)
{
    char buf[INET6_ADDRSTRLEN];
    if ((ip.len == 4 && inet_ntop(AF_INET, ip.p, buf, sizeof(buf))) ||
        (ip.len == 16 && inet_ntop(AF_INET6, ip.p, buf, sizeof(buf))))
        return xstrdup(buf);
    char *out = xmalloc(ip.len ? ip.len * 3 : 1), *p = out;
    for (size_t i = 0; i < ip.len; i++) {
        if (i)
            *p++ = ':';
        *p++ = HEX_UPPER[ip.p[i] >> 4];
        *p++ = HEX_UPPER[ip.p[i] & 15];
    }
    *p = '\0';
    return out;
}

/* GeneralNames: DNS, IP, email and URI are kept; otherName is checked; the
 * rarer kinds (directoryName, registeredID…) go to the full decoder. */
static bool parse_san(struct der value, struct x509_summary *out)
{
    struct tlv seq, gn;
    if (!der_read_tag(&value, T_SEQUENCE, &seq) || value.len)
        return false;
    while (seq.body.len) {
        if (!der_read(&seq.body, &gn))
            return false;
        switch (gn.tag) {
        case T_IMPL1: strlist_push_owned(&out->emails, text_of(gn.body)); break;
        case T_IMPL2: strlist_push_owned(&out->dns, text_of(gn.body)); break;
        case T_IMPL6: strlist_push_owned(&out->uris, text_of(gn.body)); break;
        case T_IMPL7: strlist_push_owned(&out->ips, ip_text(gn.body)); break;
        case T_CTX0:
            if (!other_name_valid(gn.body))
                return false;
            break;
        default: return false;
        }
    }
    return true;
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen INTEGER OPTIONAL }. */
static bool parse_basic_constraints(struct der value, bool *is_ca)
{
    struct tlv seq, ca, path_len;
    *is_ca = false;
    if (!der_read_tag(&value, T_SEQUENCE, &seq) || value.len)
        return false;
    if (der_peek(&seq.body) == T_BOOLEAN &&
        (!der_read(&seq.body, &ca) || !boolean_value(ca.body, is_ca)))
        return false;
    if (der_peek(&seq.body) == T_INTEGER &&
        (!der_read(&seq.body, &path_len) || !int_minimal(path_len.body)))
        return false;
    return seq.body.len == 0;
}

/* --------------------------------------------------------------- summary */

/* SHA-1 and SHA-256 of the certificate as lower-case hex. The DER walked is
 * strict, so these are the digests of OpenSSL's re-encoding as well. */
static bool fingerprints(const unsigned char *der, size_t len, struct x509_summary *out)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n1 = 0, n2 = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestInit_ex2(ctx, md_sha1, NULL) && EVP_DigestUpdate(ctx, der, len) &&
              EVP_DigestFinal_ex(ctx, md, &n1) && n1 == 20;
    if (ok)
        hex_into(md, n1, HEX_LOWER, out->sha1);
    ok = ok && EVP_DigestInit_ex2(ctx, md_sha256, NULL) && EVP_DigestUpdate(ctx, der, len) &&
         EVP_DigestFinal_ex(ctx, md, &n2) && n2 == 32;
    if (ok)
        hex_into(md, n2, HEX_LOWER, out->sha256);
    EVP_MD_CTX_free(ctx);
    return ok;
}

static bool render_names(const struct cert_view *cv, struct x509_summary *out)
{
    struct name_view nv;
    return parse_name(cv->subject, &nv) && render_name(&nv, cv->subject.len, &out->subject) &&
           common_name(&nv, &out->common_name) && parse_name(cv->issuer, &nv) &&
           render_name(&nv, cv->issuer.len, &out->issuer);
}

/* Cheap checks first; the digests only once everything else succeeded. */
static bool fill_summary(const struct cert_view *cv, const unsigned char *der,
                         struct x509_summary *out)
{
    out->der_len = cv->der_len;
    out->version = cv->version;
    int sig = oid_find(signature_oids, ARRAY_LEN(signature_oids), cv->signature_oid);
    if (sig < 0 || !render_serial(cv->serial, out->serial_hex, sizeof(out->serial_hex)) ||
        !parse_time(&cv->not_before, &out->not_before) ||
        !parse_time(&cv->not_after, &out->not_after) || !describe_key(cv, out))
        return false;
    copy_name(out->signature_algorithm, sizeof(out->signature_algorithm), SIGNATURES[sig].ln);
    out->has_san = cv->has_san;
    if ((cv->has_san && !parse_san(cv->san, out)) ||
        (cv->has_basic_constraints && !parse_basic_constraints(cv->basic_constraints, &out->is_ca)))
        return false;
    return render_names(cv, out) && fingerprints(der, cv->der_len, out);
}

bool x509_summary_from_der(const unsigned char *der, size_t len, struct x509_summary *out)
{
    memset(out, 0, sizeof(*out));
    struct cert_view cv;
    if (der && init() && parse_cert(der, len, &cv) && fill_summary(&cv, der, out))
        return true;
    x509_summary_free(out);
    return false;
}

void x509_summary_free(struct x509_summary *s)
{
    free(s->subject);
    free(s->issuer);
    free(s->common_name);
    strlist_free(&s->dns);
    strlist_free(&s->ips);
    strlist_free(&s->emails);
    strlist_free(&s->uris);
    memset(s, 0, sizeof(*s));
}

/* -------------------------------------------------------------------- PEM */

/* Table-driven base64 with exactly the rules of pem.c's base64_decode
 * (whitespace skipped, padding only at the end of a group, groups complete),
 * so this never accepts a block the full decoder rejects. out must hold
 * len / 4 * 3 + 3 bytes. */
static bool base64_block(const char *in, size_t len, unsigned char *out, size_t *out_len)
{
    size_t o = 0;
    unsigned quad = 0, nq = 0, pad = 0;
    const unsigned char *u = (const unsigned char *)in;
    for (size_t i = 0; i < len; i++) {
        /* whole groups of four alphabet characters, the common case: a line
         * of 64 goes by in one run */
        if (nq == 0 && !pad) {
            for (; len - i >= 4; i += 4, o += 3) {
                uint32_t q = b64_at[0][u[i]] | b64_at[1][u[i + 1]] | b64_at[2][u[i + 2]] |
                             b64_at[3][u[i + 3]];
                if (q & B64_NOT_ALPHABET)
                    break;
                out[o] = (unsigned char)(q >> 16);
                out[o + 1] = (unsigned char)(q >> 8);
                out[o + 2] = (unsigned char)q;
            }
            if (i >= len)
                break;
        }
        int v = b64_value[(unsigned char)in[i]];
        if (v >= 0) {
            if (pad)
                return false;
            quad = quad << 6 | (unsigned)v;
            if (++nq == 4) {
                out[o++] = (unsigned char)(quad >> 16);
                out[o++] = (unsigned char)(quad >> 8);
                out[o++] = (unsigned char)quad;
                quad = 0;
                nq = 0;
            }
        } else if (v == B64_PAD) {
            if (++pad > 2 || nq + pad > 4 || nq < 2)
                return false;
        } else if (v != B64_SPACE) {
            return false;
        }
    }
    if (nq == 1 || (nq && nq + pad != 4) || (!nq && pad))
        return false;
    if (nq == 2) {
        out[o++] = (unsigned char)(quad >> 4);
    } else if (nq == 3) {
        out[o++] = (unsigned char)(quad >> 10);
        out[o++] = (unsigned char)(quad >> 2);
    }
    *out_len = o;
    return true;
}

/* Decodes one block body into a stack buffer when it fits (certificates
 * usually do), else the heap, and summarises it. */
static bool summary_from_block(const char *body, size_t len, struct x509_summary *out)
{
    unsigned char stack[8192];
    size_t cap = len / 4 * 3 + 3, n = 0;
    unsigned char *der = cap <= sizeof(stack) ? stack : xmalloc(cap);
    bool ok = base64_block(body, len, der, &n) && x509_summary_from_der(der, n, out);
    if (der != stack)
        free(der);
    return ok;
}

static bool is_cert_label(const char *label, size_t n)
{
    static const char *const labels[] = {"CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"};
    for (size_t i = 0; i < ARRAY_LEN(labels); i++)
        if (strlen(labels[i]) == n && memcmp(label, labels[i], n) == 0)
            return true;
    return false;
}

/* Walks BEGIN/END pairs as pem_parse does (a malformed BEGIN line, a missing
 * END or a BEGIN inside a block fail) up to the first certificate block. */
bool x509_summary_from_pem(const char *pem, size_t len, struct x509_summary *out)
{
    static const char BEGIN[] = "-----BEGIN ", DASHES[] = "-----";
    memset(out, 0, sizeof(*out));
    if (!pem || !init())
        return false;
    const char *p = pem, *end = pem + len;
    for (;;) {
        const char *begin = mem_find(p, end, BEGIN, sizeof(BEGIN) - 1);
        if (!begin)
            return false;
        const char *label = begin + sizeof(BEGIN) - 1;
        const char *dash = mem_find(label, end, DASHES, sizeof(DASHES) - 1);
        if (!dash || memchr(label, '\n', (size_t)(dash - label)) || dash - label >= 48)
            return false;
        size_t label_len = (size_t)(dash - label);
        char marker[80]; /* "-----END " label "-----"; the label is < 48 bytes */
        memcpy(marker, "-----END ", 9);
        memcpy(marker + 9, label, label_len);
        memcpy(marker + 9 + label_len, "-----", 5);
        size_t mlen = 9 + label_len + 5;
        const char *body = dash + sizeof(DASHES) - 1;
        const char *stop = mem_find(body, end, marker, mlen);
        if (!stop || mem_find(body, stop, BEGIN, sizeof(BEGIN) - 1))
            return false;
        if (is_cert_label(label, label_len))
            return summary_from_block(body, (size_t)(stop - body), out);
        p = stop + mlen;
    }
}

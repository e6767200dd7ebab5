/* pem.h — splits PEM text into blocks and decodes their base64, with precise errors. */
#ifndef CD_PEM_H
#define CD_PEM_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/status.h"

enum pem_kind {
    PEM_CERT,            /* CERTIFICATE, X509 CERTIFICATE, TRUSTED CERTIFICATE */
    PEM_KEY,             /* PRIVATE KEY, RSA/EC/DSA PRIVATE KEY, ENCRYPTED PRIVATE KEY */
    PEM_OTHER,           /* anything else (CSR, public key, parameters…) */
};

struct pem_block {
    enum pem_kind kind;
    char label[48];          /* text between "BEGIN " and "-----" */
    size_t line;             /* 1-based line of the BEGIN marker */
    const char *src;         /* the whole block in the caller's text (borrowed) */
    size_t src_len;
    bool legacy_encrypted;   /* "Proc-Type: 4,ENCRYPTED" header */
    unsigned char *der;      /* decoded body; wiped on free when kind == PEM_KEY */
    size_t der_len;
};

struct pem_set {
    struct pem_block *blocks;
    size_t count;
};

/* True when the text holds a "-----BEGIN " marker. */
bool pem_present(const char *text, size_t len);
/* Whether text holds nothing but spaces, tabs and line breaks (an empty file). */
bool pem_blank(const char *text, size_t len);

/* Parses every block of text. Errors name the origin (a path) and the line:
 * CD_ERR_TRUNCATED_PEM (BEGIN without END), CD_ERR_BAD_BASE64. */
cd_status pem_parse(const char *text, size_t len, const char *origin, struct pem_set *out,
                    struct cd_error *err);
void pem_set_free(struct pem_set *set);

/* Counts blocks of one kind. */
size_t pem_count(const struct pem_set *set, enum pem_kind kind);

/* Decodes base64 ignoring whitespace. Returns false on a bad character or
 * bad padding; *bad_offset (when set) is the offset of the offending byte. */
bool base64_decode(const char *in, size_t len, unsigned char **out, size_t *out_len,
                   size_t *bad_offset);

/* Re-wraps every block's base64 at 64 columns (APIs may strip line breaks).
 * Only for certificates: headers of encrypted keys are not kept. New string. */
char *pem_normalize(const char *text);
/* Whether text is already what pem_normalize gives (then it can be kept as it
 * is). False for anything in doubt: it never says yes to text that would change. */
bool pem_is_normal(const char *text);

#endif

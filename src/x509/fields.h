/* fields.h — a certificate as labelled rows, grouped for display.
 * The text printer of `inspect` and the TUI's detail view both draw these
 * rows, so a field is added in one place. */
#ifndef CD_X509_FIELDS_H
#define CD_X509_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "cert.h"

struct x509_field {
    const char *group;   /* "Subject", "Validity"… (static) */
    const char *label;   /* "CN", "Not after"… (static) */
    char *value;         /* owned, UTF-8 */
};

struct x509_fields {
    struct x509_field *items;
    size_t count;
};

/* Every field of cert, in display order; days left counted from now. */
void x509_cert_fields(const struct x509_cert *cert, int64_t now, struct x509_fields *out);
void x509_fields_free(struct x509_fields *fields);

/* "RSA 2048", "EC P-256", "Ed25519" into out. */
void x509_key_summary(const char *algorithm, int bits, const char *curve, char *out, size_t size);

#endif

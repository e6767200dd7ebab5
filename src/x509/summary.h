/* summary.h — the leaf certificate's summary of a PEM, fast whenever possible.
 *
 * Lists decode thousands of certificates: the DER walker (quick.h) does it in
 * a few µs; when it declines (an unusual certificate), the full decoder
 * (cert.h) fills the same fields, so callers never see the difference. */
#ifndef CD_X509_SUMMARY_H
#define CD_X509_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "cert.h"
#include "quick.h"

/* The first certificate of PEM (or DER) data; false when there is none that
 * decodes. *out is always initialised; free it with x509_summary_free. */
bool x509_summary_load(const char *data, size_t len, struct x509_summary *out);

/* The summary fields of a fully decoded certificate. */
void x509_summary_from_cert(const struct x509_cert *c, struct x509_summary *out);

#endif

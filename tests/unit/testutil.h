/* testutil.h — shared helpers for the cmocka unit tests. */
#ifndef CD_TESTUTIL_H
#define CD_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the above first */
#include <cmocka.h>

#include "core/buf.h"
#include "x509/cert.h"

/* Path of a generated fixture ("leaf.pem"), in a static buffer per call slot. */
const char *fixture(const char *name);

/* Reads a fixture whole; fails the test when it cannot. Caller frees buf. */
void fixture_read(const char *name, struct buf *out);

/* Decodes a fixture's certificates; fails the test on error. */
void fixture_certs(const char *name, struct x509_certs *out);

/* Runs `openssl ARGS` (printf-style) with stderr discarded and returns its
 * stdout as a new string, trailing newline removed; fails the test when
 * openssl exits non-zero. */
char *openssl_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The text after the first '=' of a "key=value" line ("serial=ABCD" → "ABCD"). */
const char *after_equals(const char *line);

/* Whether haystack contains needle. */
int contains(const char *haystack, const char *needle);

#endif

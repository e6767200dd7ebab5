/* memfind.h — memmem without _GNU_SOURCE: the PEM scanners look for their
 * BEGIN and END lines with it. */
#ifndef CD_MEMFIND_H
#define CD_MEMFIND_H

#include <stddef.h>

/* The first n-byte needle in [hay, end), or NULL. memchr finds the
 * candidates for the first byte, so a PEM's few dashes cost little. */
const char *mem_find(const char *hay, const char *end, const char *needle, size_t n);

#endif

/* editdist.h — how far apart two short words are, for "did you mean …?". */
#ifndef CD_EDITDIST_H
#define CD_EDITDIST_H

#include <stddef.h>

/* The Levenshtein distance of a and the first blen bytes of b; SIZE_MAX when
 * either is longer than 63 bytes (suggestions are for short names). */
size_t edit_distance(const char *a, const char *b, size_t blen);

#endif

/* editdist.c — Levenshtein distance with one row of memory. */
#include "editdist.h"

#include <stdint.h>
#include <string.h>

size_t edit_distance(const char *a, const char *b, size_t blen)
{
    size_t alen = strlen(a), row[64];
    if (alen >= sizeof(row) / sizeof(row[0]) || blen >= sizeof(row) / sizeof(row[0]))
        return SIZE_MAX;
    for (size_t j = 0; j <= blen; j++)
        row[j] = j;
    for (size_t i = 1; i <= alen; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= blen; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[blen];
}

/* buf.h — a growable byte buffer with an optional size cap. */
#ifndef CD_BUF_H
#define CD_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *data;      /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    size_t limit;    /* 0 = unlimited; appends past it fail */
    bool secret;     /* wipe on growth and on free */
};

/* Room for extra more bytes (and the NUL) without another allocation; false past limit. */
bool buf_reserve(struct buf *b, size_t extra);
/* The same without rounding up, for a size known in advance (a wiped buffer
 * is wiped up to its capacity: slack would be touched for nothing). */
bool buf_reserve_exact(struct buf *b, size_t extra);
/* Appends; returns false (and leaves buf unchanged) past the limit. */
bool buf_append(struct buf *b, const void *data, size_t len);
bool buf_append_str(struct buf *b, const char *s);
bool buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);       /* len = 0, keeps memory (wiped if secret) */
void buf_free(struct buf *b);        /* wipes when secret */
/* Hands the data to the caller (NUL-terminated, may be "" never NULL). */
char *buf_steal(struct buf *b, size_t *len);

#endif

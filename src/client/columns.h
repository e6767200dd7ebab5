/* columns.h — the one table of columns a certificate list can show: name,
 * header, width rules and getter. `list` (table and TSV) reads it, and the
 * TUI can lay out its list from the same rows. */
#ifndef CD_COLUMNS_H
#define CD_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"
#include "../core/record.h"

/* What a getter needs besides the record. */
struct column_ctx {
    int64_t now;
    long warn_days, crit_days;   /* the profile's expiry bands */
    bool utf8;                   /* marks in UTF-8 (else ASCII) */
    bool for_people;             /* short dates for a table; ISO times for scripts */
};

enum column_cut {
    COLUMN_FIXED,   /* never cut (short values) */
    COLUMN_TEXT,    /* cut with an ellipsis */
    COLUMN_PREFIX,  /* cut to a prefix without a mark (ids: any unique prefix is accepted) */
};

struct column {
    const char *name;            /* for --columns and the TSV header */
    const char *header;          /* the table's heading */
    enum column_cut cut;
    unsigned min_width;          /* narrowest it is cut to */
    unsigned max_width;          /* widest without --wide (0: as wide as its text) */
    unsigned fold;               /* 0: always kept; else folded away lowest first as width runs out */
    bool in_default;             /* shown when no --columns is given */
    bool hide_when_empty;        /* left out of the default table when no record has a value */
    bool align_right;            /* numbers */
    void (*get)(const struct cert_record *r, const struct column_ctx *cx, struct buf *out);
};

extern const struct column columns[];
extern const size_t column_count;

/* The index of a column by name, or -1. */
int column_find(const char *name);
/* The names of every column, comma-separated, into out (for messages). */
void column_names(char *out, size_t size);

#endif

/* detail.h — the lines of a certificate's detail view, built apart from the
 * drawing: findings first, then every field the X.509 core decodes, each
 * chain layer, and the service's own fields. No curses here. */
#ifndef CD_UI_DETAIL_H
#define CD_UI_DETAIL_H

#include <stddef.h>

#include "../fetch/snapshot.h"
#include "theme.h"

enum detail_kind { DETAIL_HEADING, DETAIL_FIELD, DETAIL_NOTE };

struct detail_line {
    enum detail_kind kind;
    char *label;                 /* heading text, or the field's label */
    char *value;                 /* may be long: the view wraps it */
    enum ui_element style;       /* of the value */
};

struct detail {
    char *title;                 /* "name · ELB · id …" */
    struct detail_line *lines;
    size_t count;
    char *pem;                   /* the chain as PEM, or NULL */
    char sha256[96];             /* the leaf's fingerprint, "" when unknown */
};

struct detail_opts {
    int64_t now;
    int warn_days, crit_days;
};

/* Builds the view of row `row` of snapshot s. */
void detail_build(struct detail *d, const struct snapshot *s, const struct snap_row *row,
                  const struct detail_opts *o);
void detail_free(struct detail *d);

#endif

/* records-out.h — certificate records as JSON (records-json.c), CSV
 * (records-csv.c) and text (records-out.c), for `list`, `show` and `check`;
 * the table and TSV are in records-table.h. The JSON names are documented in
 * the README. */
#ifndef CD_RECORDS_OUT_H
#define CD_RECORDS_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/jsonw.h"
#include "../core/record.h"
#include "term-look.h"

enum record_detail {
    RECORD_SUMMARY, /* "certificate": the leaf's summary fields (summary_write_json) */
    RECORD_FULL,    /* "certificate": every field of the leaf (cert_to_json) */
};

/* One record as a JSON object; "certificate" is null when the record has no
 * PEM or it does not decode, and "detail_error" says why when a detail
 * request failed (absent otherwise). */
void record_write_json(struct jsonw *w, const struct cert_record *r, int64_t now,
                       enum record_detail detail);
void records_print_json(const struct record_list *l, int64_t now, FILE *out);
void records_print_csv(const struct record_list *l, int64_t now, bool headers, FILE *out);
struct record_text_opts {
    int64_t now;
    int warn_days;             /* "expiring" below this many days (the profile's warn_days) */
    struct term_look look;
};
/* One record for people, laid out as `inspect` does: summary and findings,
 * the service's fields under readable labels, then each layer's fields. */
void record_print_text(const struct cert_record *r, const struct record_text_opts *o, FILE *out);
/* The record's certificate chain as PEM (certificate blocks only); the number
 * printed, or -1 when the service returned no PEM. */
int record_print_pem(const struct cert_record *r, FILE *out);

#endif

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
/* One record for people: every field, then the decoded chain when there is a PEM. */
void record_print_text(const struct cert_record *r, int64_t now, FILE *out);

#endif

/* records-out.h — certificate records as JSON, CSV and a table, for `list`,
 * `show` and `check`. The JSON names are documented in the README. */
#ifndef CD_RECORDS_OUT_H
#define CD_RECORDS_OUT_H

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/record.h"

/* One record; with the decoded certificate ("certificate": {...}) when the
 * record carries its PEM and decode is true. */
cJSON *record_to_json(const struct cert_record *r, int64_t now, bool decode);
void records_print_json(const struct record_list *l, int64_t now, FILE *out);
void records_print_csv(const struct record_list *l, int64_t now, FILE *out);
void records_print_table(const struct record_list *l, int64_t now, FILE *out);
/* One record for people: every field, then the decoded chain when there is a PEM. */
void record_print_text(const struct cert_record *r, int64_t now, FILE *out);

#endif

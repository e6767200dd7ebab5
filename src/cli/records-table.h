/* records-table.h — certificate records as a table for people (fitted to the
 * terminal, coloured by expiry band) and as TSV for scripts, both from the
 * column table of client/columns.h. */
#ifndef CD_RECORDS_TABLE_H
#define CD_RECORDS_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "../client/columns.h"
#include "../core/record.h"

#define TABLE_MAX_COLUMNS 32

struct table_options {
    int chosen[TABLE_MAX_COLUMNS]; /* column indexes from --columns */
    size_t chosen_count;           /* 0: the default set (or every column with wide) */
    bool wide;                     /* every column, nothing cut, no width limit */
    bool headers;
    bool color;                    /* ANSI colours by expiry band */
    size_t width;                  /* terminal columns to fit in; 0: no limit */
    struct column_ctx cx;
};

void records_print_table(const struct record_list *l, const struct table_options *o, FILE *out);
/* Tab-separated: the chosen columns (default: every one), full values, tabs
 * and newlines inside values turned into spaces. */
void records_print_tsv(const struct record_list *l, const struct table_options *o, FILE *out);

#endif

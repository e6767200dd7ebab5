/* records-table.c — the certificate table: picks the columns, fits them to
 * the width (folding the least important away, then cutting text), colours
 * rows by expiry band; and the same columns as TSV. */
#include "records-table.h"

#include <stdlib.h>
#include <string.h>

#include "../core/band.h"
#include "../core/textwidth.h"
#include "../core/xalloc.h"

#define COLUMN_GAP 2
#define COMFORTABLE_TEXT 20 /* columns a name keeps before less important columns fold */

/* The cells of every row, computed once: widths are measured, then printed. */
struct grid {
    size_t rows, cols;
    int col[TABLE_MAX_COLUMNS];       /* indexes into columns[] */
    size_t width[TABLE_MAX_COLUMNS];  /* display width each column gets */
    char **cells;                     /* rows × cols */
};

static char *cell_text(const struct cert_record *r, const struct column *c, const struct column_ctx *cx)
{
    struct buf b = {0};
    c->get(r, cx, &b);
    buf_append(&b, "", 1);
    return buf_steal(&b, NULL);
}

static bool column_empty(const struct record_list *l, const struct column *c,
                         const struct column_ctx *cx)
{
    bool empty = true;
    for (size_t i = 0; i < l->count && empty; i++) {
        char *t = cell_text(&l->items[i], c, cx);
        empty = !*t;
        free(t);
    }
    return empty;
}

/* The columns asked for: --columns, else every one (wide, TSV), else the
 * default set without the columns no record fills. */
static void pick_columns(const struct record_list *l, const struct table_options *o, bool all,
                         struct grid *g)
{
    g->cols = 0;
    if (o->chosen_count) {
        for (size_t i = 0; i < o->chosen_count; i++)
            g->col[g->cols++] = o->chosen[i];
        return;
    }
    for (size_t i = 0; i < column_count && g->cols < TABLE_MAX_COLUMNS; i++) {
        const struct column *c = &columns[i];
        if (!all && (!c->in_default || (c->hide_when_empty && column_empty(l, c, &o->cx))))
            continue;
        g->col[g->cols++] = (int)i;
    }
}

static void fill_cells(const struct record_list *l, const struct table_options *o, struct grid *g)
{
    g->rows = l->count;
    g->cells = xcalloc(g->rows * g->cols + 1, sizeof(*g->cells));
    for (size_t r = 0; r < g->rows; r++)
        for (size_t k = 0; k < g->cols; k++)
            g->cells[r * g->cols + k] = cell_text(&l->items[r], &columns[g->col[k]], &o->cx);
}

static void grid_free(struct grid *g)
{
    for (size_t i = 0; i < g->rows * g->cols; i++)
        free(g->cells[i]);
    free(g->cells);
}

static void drop_column(struct grid *g, size_t k)
{
    for (size_t r = 0; r < g->rows; r++)
        free(g->cells[r * g->cols + k]);
    /* compact the rows in place: row r moves to r * (cols - 1) */
    size_t out = 0;
    for (size_t i = 0; i < g->rows * g->cols; i++)
        if (i % g->cols != k)
            g->cells[out++] = g->cells[i];
    memmove(&g->col[k], &g->col[k + 1], (g->cols - k - 1) * sizeof(g->col[0]));
    memmove(&g->width[k], &g->width[k + 1], (g->cols - k - 1) * sizeof(g->width[0]));
    g->cols--;
}

static size_t total_width(const struct grid *g)
{
    size_t sum = g->cols ? (g->cols - 1) * COLUMN_GAP : 0;
    for (size_t k = 0; k < g->cols; k++)
        sum += g->width[k];
    return sum;
}

/* The width each column's text wants (within its max when fitting a width). */
static void natural_widths(const struct table_options *o, struct grid *g)
{
    for (size_t k = 0; k < g->cols; k++) {
        const struct column *c = &columns[g->col[k]];
        size_t w = o->headers ? text_display_width(c->header) : 0;
        for (size_t r = 0; r < g->rows; r++) {
            size_t cw = text_display_width(g->cells[r * g->cols + k]);
            w = cw > w ? cw : w;
        }
        /* with no width to fit (a pipe), nothing is cut */
        if (o->width && !o->wide && c->max_width && w > c->max_width && c->cut != COLUMN_FIXED)
            w = c->max_width;
        g->width[k] = w;
    }
}

static size_t min_width(const struct grid *g, size_t k)
{
    const struct column *c = &columns[g->col[k]];
    if (c->cut == COLUMN_FIXED || g->width[k] < c->min_width)
        return g->width[k];
    return c->min_width;
}

/* The width below which cutting a text column hurts more than folding a
 * less important column away. */
static size_t comfortable_width(const struct grid *g, size_t k)
{
    size_t least = min_width(g, k);
    if (columns[g->col[k]].cut != COLUMN_TEXT)
        return least;
    size_t want = least > COMFORTABLE_TEXT ? least : COMFORTABLE_TEXT;
    return g->width[k] < want ? g->width[k] : want;
}

/* Folds columns away (least important first, only for the default set) until
 * the others fit at a comfortable width, then takes the rest from the column
 * with the most to spare, down to each one's narrowest. */
static void fit_width(const struct table_options *o, struct grid *g)
{
    if (!o->width || o->wide)
        return;
    for (;;) {
        size_t least = total_width(g);
        for (size_t k = 0; k < g->cols; k++)
            least -= g->width[k] - comfortable_width(g, k);
        if (least <= o->width || o->chosen_count)
            break;
        size_t fold_at = g->cols;
        for (size_t k = 0; k < g->cols; k++) {
            unsigned f = columns[g->col[k]].fold;
            if (f && (fold_at == g->cols || f < columns[g->col[fold_at]].fold))
                fold_at = k;
        }
        if (fold_at == g->cols)
            break; /* only the essential columns are left: they are cut as far as they go */
        drop_column(g, fold_at);
    }
    /* ids first (a prefix still works), then text, the one with most to spare */
    for (int pass = 0; pass < 2; pass++) {
        enum column_cut cut = pass == 0 ? COLUMN_PREFIX : COLUMN_TEXT;
        while (total_width(g) > o->width) {
            size_t widest = g->cols;
            for (size_t k = 0; k < g->cols; k++)
                if (columns[g->col[k]].cut == cut && g->width[k] > min_width(g, k) &&
                    (widest == g->cols ||
                     g->width[k] - min_width(g, k) > g->width[widest] - min_width(g, widest)))
                    widest = k;
            if (widest == g->cols)
                break;
            g->width[widest]--;
        }
    }
}

/* ANSI colour of a row by its expiry band; NULL for none. */
static const char *band_color(enum expiry_band b)
{
    switch (b) {
    case BAND_EXPIRED: return "\033[1;31m";
    case BAND_CRIT: return "\033[31m";
    case BAND_WARN: return "\033[33m";
    default: return NULL;
    }
}

static void print_cell(const char *text, const struct column *c, size_t width, bool last,
                       const struct table_options *o, FILE *out)
{
    char cut[1024]; /* a cut text is at most a few hundred bytes wide */
    size_t cols = text_display_width(text);
    if (cols > width) {
        const char *ellipsis = c->cut == COLUMN_PREFIX ? NULL : o->cx.utf8 ? "\u2026" : "~";
        cols = text_cut(text, width, ellipsis, cut, sizeof(cut));
        text = cut;
    }
    size_t pad = width > cols ? width - cols : 0;
    if (c->align_right)
        fprintf(out, "%*s", (int)pad, "");
    fputs(text, out);
    if (!c->align_right && !last)
        fprintf(out, "%*s", (int)pad, "");
}

static void print_row(const struct grid *g, char **texts, const struct table_options *o, FILE *out)
{
    size_t end = g->cols; /* no trailing blanks for empty cells at the end */
    while (end > 1 && !*texts[end - 1])
        end--;
    for (size_t k = 0; k < end; k++) {
        if (k)
            fprintf(out, "%*s", COLUMN_GAP, "");
        print_cell(texts[k], &columns[g->col[k]], g->width[k], k + 1 == end, o, out);
    }
}

void records_print_table(const struct record_list *l, const struct table_options *o, FILE *out)
{
    struct grid g = {0};
    pick_columns(l, o, o->wide, &g);
    fill_cells(l, o, &g);
    natural_widths(o, &g);
    fit_width(o, &g);
    if (o->headers) {
        char *heads[TABLE_MAX_COLUMNS];
        for (size_t k = 0; k < g.cols; k++)
            heads[k] = (char *)columns[g.col[k]].header;
        print_row(&g, heads, o, out);
        fputc('\n', out);
    }
    for (size_t r = 0; r < g.rows; r++) {
        const struct cert_record *rec = &l->items[r];
        const char *color = o->color ? band_color(expiry_band_of(rec->not_after, o->cx.now,
                                                                 o->cx.warn_days, o->cx.crit_days))
                                     : NULL;
        if (color)
            fputs(color, out);
        print_row(&g, &g.cells[r * g.cols], o, out);
        fputs(color ? "\033[0m\n" : "\n", out);
    }
    grid_free(&g);
}

/* A TSV value: tabs and line breaks would break the row. */
static void tsv_field(const char *s, FILE *out)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

void records_print_tsv(const struct record_list *l, const struct table_options *o, FILE *out)
{
    struct grid g = {0};
    pick_columns(l, o, true, &g);
    if (o->headers) {
        for (size_t k = 0; k < g.cols; k++) {
            fputs(k ? "\t" : "", out);
            fputs(columns[g.col[k]].name, out);
        }
        fputc('\n', out);
    }
    for (size_t r = 0; r < l->count; r++) {
        for (size_t k = 0; k < g.cols; k++) {
            char *t = cell_text(&l->items[r], &columns[g.col[k]], &o->cx);
            fputs(k ? "\t" : "", out);
            tsv_field(t, out);
            free(t);
        }
        fputc('\n', out);
    }
}

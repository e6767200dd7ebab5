/* snapshot.c — immutable, reference-counted views of every target's data. */
#include "snapshot.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/xalloc.h"

struct target_data *target_data_new(void)
{
    struct target_data *d = xcalloc(1, sizeof(*d));
    atomic_init(&d->refs, 1);
    return d;
}

void target_data_unref(struct target_data *d)
{
    if (!d || atomic_fetch_sub(&d->refs, 1) != 1)
        return;
    record_list_free(&d->list);
    free(d);
}

static void index_unref(struct snap_index *x)
{
    if (!x || atomic_fetch_sub(&x->refs, 1) != 1)
        return;
    free(x->rows);
    free(x->search_text);
    free(x);
}

struct snapshot *snapshot_ref(struct snapshot *s)
{
    if (s)
        atomic_fetch_add(&s->refs, 1);
    return s;
}

void snapshot_unref(struct snapshot *s)
{
    if (!s || atomic_fetch_sub(&s->refs, 1) != 1)
        return;
    for (size_t i = 0; i < s->target_count; i++)
        target_data_unref(s->targets[i].data);
    free(s->targets);
    index_unref(s->index);
    free(s);
}

struct snapshot *snapshot_copy(const struct snapshot *old)
{
    struct snapshot *s = xcalloc(1, sizeof(*s));
    atomic_init(&s->refs, 1);
    s->generation = old->generation + 1;
    s->refreshed = old->refreshed;
    s->target_count = old->target_count;
    s->targets = xcalloc(s->target_count ? s->target_count : 1, sizeof(*s->targets));
    memcpy(s->targets, old->targets, s->target_count * sizeof(*s->targets));
    for (size_t i = 0; i < s->target_count; i++)
        if (s->targets[i].data)
            atomic_fetch_add(&s->targets[i].data->refs, 1);
    s->index = old->index;
    if (s->index)
        atomic_fetch_add(&s->index->refs, 1);
    return s;
}

void fingerprint_normal(const char *fp, char *out, size_t size)
{
    size_t n = 0;
    for (; fp && *fp && n + 1 < size; fp++)
        if (isxdigit((unsigned char)*fp))
            out[n++] = (char)tolower((unsigned char)*fp);
    out[n] = '\0';
}

/* Appends s lower-cased (ASCII), its tabs and newlines as spaces. */
static void lower_append(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    buf_reserve(b, n);
    char *out = b->data + b->len;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (c == '\t' || c == '\n')
            c = ' ';
        out[i] = c;
    }
    b->len += n;
    b->data[b->len] = '\0';
}

static int row_by_expiry(const void *a, const void *b)
{
    const struct cert_record *x = ((const struct snap_row *)a)->rec;
    const struct cert_record *y = ((const struct snap_row *)b)->rec;
    /* unknown expiry last, then the service order, then the name */
    if ((x->not_after == 0) != (y->not_after == 0))
        return x->not_after == 0 ? 1 : -1;
    if (x->not_after != y->not_after)
        return x->not_after < y->not_after ? -1 : 1;
    if (x->service != y->service)
        return x->service < y->service ? -1 : 1;
    return strcmp(x->name, y->name);
}

struct fp_ref {
    char fp[41];                 /* enough to tell certificates apart */
    size_t row;
};

static int fp_cmp(const void *a, const void *b)
{
    return strcmp(((const struct fp_ref *)a)->fp, ((const struct fp_ref *)b)->fp);
}

/* copies = how many rows share a row's fingerprint (rows without one: 1). */
static void count_copies(struct snap_index *s)
{
    struct fp_ref *refs = xcalloc(s->row_count ? s->row_count : 1, sizeof(*refs));
    size_t n = 0;
    for (size_t i = 0; i < s->row_count; i++) {
        s->rows[i].copies = 1;
        fingerprint_normal(s->rows[i].rec->fingerprint, refs[n].fp, sizeof(refs[n].fp));
        if (!*refs[n].fp)
            continue;
        refs[n++].row = i;
    }
    qsort(refs, n, sizeof(*refs), fp_cmp);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(refs[j].fp, refs[i].fp) == 0)
            j++;
        uint16_t copies = j - i > UINT16_MAX ? UINT16_MAX : (uint16_t)(j - i);
        for (size_t k = i; k < j; k++)
            s->rows[refs[k].row].copies = copies;
        i = j;
    }
    free(refs);
}

void snapshot_index(struct snapshot *snap)
{
    size_t total = 0;
    for (size_t t = 0; t < snap->target_count; t++)
        if (snap->targets[t].data)
            total += snap->targets[t].data->list.count;
    index_unref(snap->index);
    struct snap_index *s = snap->index = xcalloc(1, sizeof(*s));
    atomic_init(&s->refs, 1);
    s->rows = xcalloc(total ? total : 1, sizeof(*s->rows));
    for (size_t t = 0; t < snap->target_count; t++) {
        const struct target_data *d = snap->targets[t].data;
        for (size_t i = 0; d && i < d->list.count; i++) {
            const struct cert_record *r = &d->list.items[i];
            s->rows[s->row_count++] = (struct snap_row){r, NULL, (uint32_t)t, 1, (uint8_t)r->service};
        }
    }
    qsort(s->rows, s->row_count, sizeof(*s->rows), row_by_expiry);
    /* the search texts in row order, so a scan of the whole block meets the
     * rows in order (the filter relies on it) */
    struct buf text = {0};
    size_t *offsets = xcalloc(total ? total : 1, sizeof(*offsets));
    for (size_t i = 0; i < s->row_count; i++) {
        const struct cert_record *r = s->rows[i].rec;
        offsets[i] = text.len;
        lower_append(&text, r->name);
        buf_append(&text, "\t", 1);
        lower_append(&text, r->common_name);
        for (size_t k = 0; k < r->domains.count; k++) {
            buf_append(&text, "\t", 1);
            lower_append(&text, r->domains.items[k]);
        }
        buf_append(&text, "\t", 1);
        lower_append(&text, r->id);
        buf_append(&text, "\t", 1);
        char fp[80];
        fingerprint_normal(r->fingerprint, fp, sizeof(fp));
        lower_append(&text, fp);
        buf_append(&text, "", 1); /* the terminating NUL */
    }
    s->search_len = text.len;
    s->search_text = buf_steal(&text, NULL);
    for (size_t i = 0; i < s->row_count; i++)
        s->rows[i].search = s->search_text + offsets[i];
    free(offsets);
    count_copies(s);
}

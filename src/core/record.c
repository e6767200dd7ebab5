/* record.c — the common certificate record and lists of them. */
#include "record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strslab.h"
#include "xalloc.h"

/* Every empty string field points here: most records leave half their
 * fields empty, and 10,000 records would otherwise be 100,000 allocations. */
static char record_empty[1];

static void field_free(char *s)
{
    if (s != record_empty)
        strslab_free(s);
}

void record_init(struct cert_record *r, int service)
{
    memset(r, 0, sizeof(*r));
    r->service = service;
    r->id = r->name = r->description = r->type = r->common_name = r->fingerprint = r->issuer =
        r->serial = r->signature_algorithm = r->scope = r->extra = r->detail_error_code =
            r->detail_error_msg = record_empty;
}

void record_free(struct cert_record *r)
{
    field_free(r->id);
    field_free(r->name);
    field_free(r->description);
    field_free(r->type);
    field_free(r->common_name);
    for (size_t i = 0; i < r->domains.count; i++)
        strslab_free(r->domains.items[i]);
    free(r->domains.items);
    field_free(r->fingerprint);
    strslab_free(r->pem);
    field_free(r->issuer);
    field_free(r->serial);
    field_free(r->signature_algorithm);
    field_free(r->scope);
    field_free(r->extra);
    field_free(r->detail_error_code);
    field_free(r->detail_error_msg);
    memset(r, 0, sizeof(*r));
}

void record_set(struct cert_record *r, char **field, const char *value)
{
    /* the field must be one of r's own strings: anything else would be
     * freed here as a slab string */
    uintptr_t at = (uintptr_t)field, first = (uintptr_t)r;
    if (at < first || at + sizeof(*field) > first + sizeof(*r) || (at - first) % sizeof(char *) ||
        field == &r->pem) {
        fprintf(stderr, "certdeck: record_set: the field at %p is not a string field of the "
                "record at %p\n", (void *)field, (void *)r);
        abort();
    }
    char *old = *field;
    *field = value && *value ? strslab_dup(value) : record_empty;
    field_free(old);
}

void record_set_pem(struct cert_record *r, const char *pem)
{
    strslab_free(r->pem);
    r->pem = pem ? strslab_dup(pem) : NULL;
}

void record_add_domain(struct cert_record *r, const char *name)
{
    strlist_push_owned(&r->domains, strslab_dup(name));
}

void record_set_detail_error(struct cert_record *r, int http_status, const char *error_code,
                             const char *error_msg)
{
    r->detail_failed = true;
    r->detail_status = http_status;
    record_set(r, &r->detail_error_code, error_code);
    record_set(r, &r->detail_error_msg, error_msg);
}

void record_take_extra(struct cert_record *r, struct jsonw *w)
{
    jw_end(w);
    field_free(r->extra);
    /* "{}" is no extra field at all */
    r->extra = w->out.len > 2 ? strslab_dupn(w->out.data, w->out.len) : record_empty;
    buf_free(&w->out);
    memset(w, 0, sizeof(*w));
}

struct cert_record *record_list_add(struct record_list *l, int service)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = xreallocarray(l->items, l->cap, sizeof(*l->items));
    }
    struct cert_record *r = &l->items[l->count++];
    record_init(r, service);
    return r;
}

void record_list_free(struct record_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        record_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof(*l));
}

static int by_expiry(const void *a, const void *b)
{
    const struct cert_record *x = a, *y = b;
    if ((x->not_after == 0) != (y->not_after == 0))
        return x->not_after == 0 ? 1 : -1;
    if (x->not_after != y->not_after)
        return x->not_after < y->not_after ? -1 : 1;
    if (x->service != y->service)
        return x->service - y->service;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->id, y->id);
}

void record_list_sort(struct record_list *l)
{
    if (l->count > 1) /* items is NULL for an empty list */
        qsort(l->items, l->count, sizeof(*l->items), by_expiry);
}

/* record.c — the common certificate record and lists of them. */
#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void record_init(struct cert_record *r, int service)
{
    memset(r, 0, sizeof(*r));
    r->service = service;
    r->id = xstrdup("");
    r->name = xstrdup("");
    r->description = xstrdup("");
    r->type = xstrdup("");
    r->common_name = xstrdup("");
    r->fingerprint = xstrdup("");
    r->issuer = xstrdup("");
    r->serial = xstrdup("");
    r->signature_algorithm = xstrdup("");
    r->scope = xstrdup("");
    r->extra = cJSON_CreateObject();
}

void record_free(struct cert_record *r)
{
    free(r->id);
    free(r->name);
    free(r->description);
    free(r->type);
    free(r->common_name);
    strlist_free(&r->domains);
    free(r->fingerprint);
    free(r->pem);
    free(r->issuer);
    free(r->serial);
    free(r->signature_algorithm);
    free(r->scope);
    cJSON_Delete(r->extra);
    memset(r, 0, sizeof(*r));
}

void record_set(char **field, const char *value)
{
    char *old = *field;
    *field = xstrdup(value ? value : "");
    free(old);
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

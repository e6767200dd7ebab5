/* resolve.c — from an id, id prefix or name to one certificate id. */
#include "resolve.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/xalloc.h"

static bool all_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

bool cert_id_is_full(const char *s)
{
    size_t n = strlen(s);
    if (n == 32)
        return all_hex(s, 32);
    if (n != 36)
        return false;
    for (size_t i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return false;
    }
    return true;
}

/* Moves the records that `keep` accepts from all into out. */
static void take_matching(struct record_list *all, const char *query,
                          bool (*keep)(const struct cert_record *, const char *),
                          struct record_list *out)
{
    for (size_t i = 0; i < all->count; i++) {
        if (!keep(&all->items[i], query))
            continue;
        *record_list_add(out, all->items[i].service) = all->items[i];
        record_init(&all->items[i], all->items[i].service); /* now owned by out */
    }
}

static bool same_name(const struct cert_record *r, const char *q) { return strcmp(r->name, q) == 0; }
static bool same_id(const struct cert_record *r, const char *q) { return strcmp(r->id, q) == 0; }
static bool id_prefix(const struct cert_record *r, const char *q)
{
    return strncasecmp(r->id, q, strlen(q)) == 0;
}

cd_status cert_resolve(struct svc_ctx *ctx, const char *query, struct resolve_result *out)
{
    memset(out, 0, sizeof(*out));
    out->outcome = RESOLVE_NONE;
    if (cert_id_is_full(query)) {
        out->outcome = RESOLVE_FOUND;
        out->id = xstrdup(query);
        return CD_OK;
    }
    struct record_list all = {0};
    cd_status rc = services[ctx->service]->list(ctx, &all);
    if (rc != CD_OK) {
        record_list_free(&all);
        return rc;
    }
    for (size_t i = 0; ctx->scope && i < all.count; i++)
        if (!*all.items[i].scope)
            record_set(&all.items[i], &all.items[i].scope, ctx->scope);
    bool (*const rules[])(const struct cert_record *, const char *) = {same_id, same_name, id_prefix};
    for (size_t k = 0; k < 3 && out->matches.count == 0; k++)
        if (rules[k] != id_prefix || strlen(query) >= RESOLVE_PREFIX_MIN)
            take_matching(&all, query, rules[k], &out->matches);
    record_list_free(&all);
    if (out->matches.count == 1) {
        out->outcome = RESOLVE_FOUND;
        out->id = xstrdup(out->matches.items[0].id);
        record_list_free(&out->matches);
    } else if (out->matches.count > 1) {
        out->outcome = RESOLVE_AMBIGUOUS;
        record_list_sort(&out->matches);
    }
    return CD_OK;
}

void resolve_result_free(struct resolve_result *r)
{
    free(r->id);
    record_list_free(&r->matches);
    r->id = NULL;
}

/* fetch.c — one pass over every (service, scope) target. */
#include "fetch.h"

#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"

void fetch_all(struct client *c, unsigned service_mask, struct record_list *out,
               struct fetch_report *report)
{
    memset(report, 0, sizeof(*report));
    report->items = xcalloc(c->target_count ? c->target_count : 1, sizeof(*report->items));
    for (size_t i = 0; i < c->target_count; i++) {
        const struct client_target *t = &c->targets[i];
        if (service_mask && !(service_mask & (1u << t->service)))
            continue;
        struct fetch_outcome *o = &report->items[report->count++];
        o->service = t->service;
        o->scope = t->scope;
        struct svc_ctx ctx;
        client_ctx(c, t, &ctx, &o->err);
        size_t before = out->count;
        o->status = services[t->service]->list(&ctx, out);
        for (size_t k = before; k < out->count; k++)
            if (t->scope && !*out->items[k].scope)
                record_set(&out->items[k].scope, t->scope);
        o->records = out->count - before;
        if (o->status != CD_OK)
            report->failed++;
    }
    record_list_sort(out);
}

void fetch_report_free(struct fetch_report *r)
{
    free(r->items);
    memset(r, 0, sizeof(*r));
}

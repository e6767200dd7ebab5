/* fetch.c — one pass over every (service, scope) target. */
#include "fetch.h"

#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"

/* Counts r's failed detail request under its reason. */
static void count_detail_failure(struct fetch_outcome *o, const struct cert_record *r)
{
    o->details_failed++;
    for (size_t k = 0; k < o->kind_count; k++) {
        struct fetch_detail_failure *f = &o->kinds[k];
        if (f->http_status == r->detail_status && strcmp(f->error_code, r->detail_error_code) == 0) {
            f->count++;
            return;
        }
    }
    if (o->kind_count == FETCH_DETAIL_KINDS)
        return; /* counted in details_failed, summed up as "other reasons" */
    struct fetch_detail_failure *f = &o->kinds[o->kind_count++];
    f->http_status = r->detail_status;
    snprintf(f->error_code, sizeof(f->error_code), "%s", r->detail_error_code);
    snprintf(f->error_msg, sizeof(f->error_msg), "%s", r->detail_error_msg);
    f->count = 1;
}

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
        for (size_t k = before; k < out->count; k++) {
            if (t->scope && !*out->items[k].scope)
                record_set(&out->items[k], &out->items[k].scope, t->scope);
            if (out->items[k].detail_failed)
                count_detail_failure(o, &out->items[k]);
        }
        o->records = out->count - before;
        if (o->status != CD_OK)
            report->failed++;
        report->details_failed += o->details_failed;
    }
    record_list_sort(out);
}

bool fetch_report_nothing_read(const struct fetch_report *r)
{
    return r->count > 0 && r->failed == r->count;
}

static void print_detail_failures(const struct fetch_outcome *o, const char *command, FILE *out)
{
    fprintf(out, "certdeck %s: %s%s%s: the details of %zu of %zu certificates could not be read:",
            command, services[o->service]->id, o->scope ? " " : "", o->scope ? o->scope : "",
            o->details_failed, o->records);
    size_t shown = 0;
    for (size_t k = 0; k < o->kind_count; k++) {
        const struct fetch_detail_failure *f = &o->kinds[k];
        fprintf(out, "%s %zu with ", k ? ";" : "", f->count);
        if (f->http_status)
            fprintf(out, "HTTP %d %s: %s", f->http_status, *f->error_code ? f->error_code : "-",
                    f->error_msg);
        else
            fprintf(out, "no answer: %s", f->error_msg);
        shown += f->count;
    }
    if (shown < o->details_failed)
        fprintf(out, "; %zu for other reasons", o->details_failed - shown);
    fputc('\n', out);
}

bool fetch_report_print(const struct fetch_report *r, const char *command, FILE *out)
{
    for (size_t i = 0; i < r->count; i++) {
        const struct fetch_outcome *o = &r->items[i];
        if (o->status != CD_OK)
            fprintf(out, "certdeck %s: %s\n", command, o->err.message);
        if (o->details_failed)
            print_detail_failures(o, command, out);
    }
    return r->failed > 0 || r->details_failed > 0;
}

void fetch_report_free(struct fetch_report *r)
{
    free(r->items);
    memset(r, 0, sizeof(*r));
}

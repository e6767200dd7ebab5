/* records-json.c — certificate records as JSON (`list --json`, `show --json`). */
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/jsonw.h"
#include "../core/timeutil.h"
#include "../services/service.h"
#include "../x509/cert.h"
#include "../x509/summary.h"
#include "cert-json.h"
#include "records-out.h"

#define RECORDS_FLUSH_AT (256u << 10)

static void put_time(struct jsonw *w, const char *key, int64_t t)
{
    if (!t) {
        jw_null(w, key);
        return;
    }
    char iso[32];
    time_format_iso(t, iso, sizeof(iso));
    jw_string(w, key, iso);
}

/* Why the detail request failed: by design a null "certificate" (APIC) has no such member. */
static void put_detail_error(struct jsonw *w, const struct cert_record *r)
{
    jw_object(w, "detail_error");
    if (r->detail_status)
        jw_int(w, "status", r->detail_status);
    else
        jw_null(w, "status");
    if (*r->detail_error_code)
        jw_string(w, "error_code", r->detail_error_code);
    else
        jw_null(w, "error_code");
    jw_string(w, "error_msg", r->detail_error_msg);
    jw_end(w);
}

/* The leaf decoded: every field for one record (`show`), the summary for
 * many (`list`), where the quick decoder keeps 10,000 cheap. */
struct decoded {
    bool ok;
    int64_t not_before;
    struct x509_summary sum; /* RECORD_SUMMARY */
    cJSON *full;             /* RECORD_FULL */
};

static void decode(const char *pem, int64_t now, enum record_detail detail, struct decoded *d)
{
    memset(d, 0, sizeof(*d));
    if (!pem)
        return;
    if (detail == RECORD_FULL) {
        struct x509_certs certs;
        struct cd_error err;
        if (x509_certs_from_mem(pem, strlen(pem), "certificate", &certs, &err) != CD_OK)
            return;
        d->full = cert_to_json(&certs.items[0], now);
        d->not_before = certs.items[0].not_before;
        d->ok = true;
        x509_certs_free(&certs);
        return;
    }
    d->ok = x509_summary_load(pem, strlen(pem), &d->sum);
    d->not_before = d->ok ? d->sum.not_before : 0;
}

void record_write_json(struct jsonw *w, const struct cert_record *r, int64_t now,
                       enum record_detail detail)
{
    struct decoded d;
    decode(r->pem, now, detail, &d);
    jw_object(w, NULL);
    jw_string(w, "service", services[r->service]->id);
    jw_string(w, "id", r->id);
    jw_string(w, "name", r->name);
    jw_string(w, "description", r->description);
    jw_string(w, "type", r->type);
    jw_string(w, "common_name", r->common_name);
    jw_strings(w, "domains", &r->domains);
    /* services give the expiry but rarely the start: the certificate has it */
    put_time(w, "not_before", r->not_before ? r->not_before : d.not_before);
    put_time(w, "not_after", r->not_after);
    if (r->not_after)
        jw_int(w, "days_left", time_days_left(r->not_after, now));
    else
        jw_null(w, "days_left");
    jw_string(w, "fingerprint", r->fingerprint);
    put_time(w, "created", r->created);
    put_time(w, "updated", r->updated);
    jw_string(w, "scope", r->scope);
    if (*r->issuer)
        jw_string(w, "issuer", r->issuer);
    if (*r->serial)
        jw_string(w, "serial", r->serial);
    if (*r->signature_algorithm)
        jw_string(w, "signature_algorithm", r->signature_algorithm);
    if (*r->extra)
        jw_raw(w, "extra", r->extra, strlen(r->extra));
    else
        jw_raw(w, "extra", "{}", 2);
    if (d.full)
        jw_cjson(w, "certificate", d.full);
    else if (d.ok)
        summary_write_json(w, "certificate", &d.sum, now);
    else
        jw_null(w, "certificate");
    if (r->detail_failed)
        put_detail_error(w, r);
    jw_end(w);
    cJSON_Delete(d.full);
    x509_summary_free(&d.sum);
}

void records_print_json(const struct record_list *l, int64_t now, FILE *out)
{
    /* written record by record: 10,000 records never sit in memory as JSON */
    struct jsonw w = {0};
    buf_append(&w.out, "[", 1);
    for (size_t i = 0; i < l->count; i++) {
        buf_append(&w.out, i ? ",\n" : "\n", i ? 2 : 1);
        record_write_json(&w, &l->items[i], now, RECORD_SUMMARY);
        if (w.out.len >= RECORDS_FLUSH_AT) { /* large writes: fewer system calls */
            fwrite(w.out.data, 1, w.out.len, out);
            buf_reset(&w.out);
        }
    }
    buf_append(&w.out, "\n]\n", 3);
    fwrite(w.out.data, 1, w.out.len, out);
    buf_free(&w.out);
}

/* records-out.c — prints records for people and for scripts. */
#include "records-out.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/jsonw.h"
#include "../core/timeutil.h"
#include "../services/service.h"
#include "../x509/cert.h"
#include "../x509/fields.h"
#include "../x509/summary.h"
#include "cert-json.h"

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

static void csv_field(FILE *out, const char *s)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

void records_print_csv(const struct record_list *l, int64_t now, FILE *out)
{
    fputs("service,id,name,common_name,domains,not_after,days_left,fingerprint,scope\n", out);
    for (size_t i = 0; i < l->count; i++) {
        const struct cert_record *r = &l->items[i];
        char *domains = strlist_join(&r->domains, " ");
        char when[32] = "";
        if (r->not_after)
            time_format_iso(r->not_after, when, sizeof(when));
        const char *fields[] = {services[r->service]->id, r->id, r->name, r->common_name, domains,
                                when};
        for (size_t k = 0; k < 6; k++) {
            csv_field(out, fields[k]);
            fputc(',', out);
        }
        if (r->not_after)
            fprintf(out, "%" PRId64, time_days_left(r->not_after, now));
        fputc(',', out);
        csv_field(out, r->fingerprint);
        fputc(',', out);
        csv_field(out, r->scope);
        fputc('\n', out);
        free(domains);
    }
}

void records_print_table(const struct record_list *l, int64_t now, FILE *out)
{
    fprintf(out, "%-5s %-8s %-28s %-32s %s\n", "SVC", "DAYS", "NAME", "COMMON NAME", "EXPIRES");
    for (size_t i = 0; i < l->count; i++) {
        const struct cert_record *r = &l->items[i];
        char days[16] = "?", when[32] = "unknown";
        if (r->not_after) {
            snprintf(days, sizeof(days), "%" PRId64, time_days_left(r->not_after, now));
            time_format_human(r->not_after, when, sizeof(when));
        }
        fprintf(out, "%-5s %-8s %-28.28s %-32.32s %s\n", services[r->service]->id, days, r->name,
                r->common_name, when);
    }
}

void record_print_text(const struct cert_record *r, int64_t now, FILE *out)
{
    char when[32];
    fprintf(out, "%s certificate %s\n", services[r->service]->title, r->id);
    fprintf(out, "  %-20s %s\n", "Name", r->name);
    if (*r->description)
        fprintf(out, "  %-20s %s\n", "Description", r->description);
    if (*r->type)
        fprintf(out, "  %-20s %s\n", "Type", r->type);
    if (*r->scope)
        fprintf(out, "  %-20s %s\n", "Scope", r->scope);
    fprintf(out, "  %-20s %s\n", "Common name", r->common_name);
    char *domains = strlist_join(&r->domains, ", ");
    fprintf(out, "  %-20s %s\n", "Domains", domains);
    free(domains);
    if (r->not_after) {
        time_format_human(r->not_after, when, sizeof(when));
        fprintf(out, "  %-20s %s (%" PRId64 " days left)\n", "Expires", when,
                time_days_left(r->not_after, now));
    }
    if (*r->fingerprint)
        fprintf(out, "  %-20s %s\n", "Fingerprint", r->fingerprint);
    if (r->created) {
        time_format_human(r->created, when, sizeof(when));
        fprintf(out, "  %-20s %s\n", "Uploaded", when);
    }
    cJSON *extra = cJSON_Parse(r->extra), *it;
    cJSON_ArrayForEach(it, extra)
        if (cJSON_IsString(it))
            fprintf(out, "  %-20s %s\n", it->string, it->valuestring);
    cJSON_Delete(extra);
    if (!r->pem) {
        fprintf(out, "\n  (the service does not return the certificate itself; shown above is "
                     "what it decoded)\n");
        if (*r->issuer)
            fprintf(out, "  %-20s %s\n", "Issuer", r->issuer);
        if (*r->serial)
            fprintf(out, "  %-20s %s\n", "Serial", r->serial);
        if (*r->signature_algorithm)
            fprintf(out, "  %-20s %s\n", "Signature", r->signature_algorithm);
        return;
    }
    struct x509_certs certs;
    struct cd_error err;
    if (x509_certs_from_mem(r->pem, strlen(r->pem), r->name, &certs, &err) != CD_OK) {
        fprintf(out, "\n  The certificate returned does not decode: %s\n", err.message);
        return;
    }
    for (size_t i = 0; i < certs.count; i++) {
        const char *cn = x509_cert_common_name(&certs.items[i]);
        fprintf(out, "\n[%zu/%zu] %s\n", i + 1, certs.count, cn ? cn : certs.items[i].subject.text);
        struct x509_fields f;
        x509_cert_fields(&certs.items[i], now, &f);
        const char *group = NULL;
        for (size_t k = 0; k < f.count; k++) {
            if (!group || strcmp(group, f.items[k].group) != 0)
                fprintf(out, "  %s\n", group = f.items[k].group);
            fprintf(out, "    %-20s %s\n", f.items[k].label, f.items[k].value);
        }
        x509_fields_free(&f);
    }
    x509_certs_free(&certs);
}

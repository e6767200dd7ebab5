/* records-out.c — prints records for people and for scripts. */
#include "records-out.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/timeutil.h"
#include "../services/service.h"
#include "../x509/cert.h"
#include "../x509/fields.h"
#include "cert-json.h"

static void add_time(cJSON *o, const char *key, int64_t t)
{
    if (!t) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    char iso[32];
    time_format_iso(t, iso, sizeof(iso));
    cJSON_AddStringToObject(o, key, iso);
}

static cJSON *strlist_json(const struct strlist *l)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < l->count; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->items[i]));
    return a;
}

/* The leaf's decoded fields (the same object as `inspect --json` gives). */
static cJSON *summary_json(const char *pem, int64_t now)
{
    struct x509_certs certs;
    struct cd_error err;
    if (x509_certs_from_mem(pem, strlen(pem), "certificate", &certs, &err) != CD_OK)
        return NULL;
    cJSON *o = cert_to_json(&certs.items[0], now);
    x509_certs_free(&certs);
    return o;
}

cJSON *record_to_json(const struct cert_record *r, int64_t now, bool decode)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "service", services[r->service]->id);
    cJSON_AddStringToObject(o, "id", r->id);
    cJSON_AddStringToObject(o, "name", r->name);
    cJSON_AddStringToObject(o, "description", r->description);
    cJSON_AddStringToObject(o, "type", r->type);
    cJSON_AddStringToObject(o, "common_name", r->common_name);
    cJSON_AddItemToObject(o, "domains", strlist_json(&r->domains));
    add_time(o, "not_before", r->not_before);
    add_time(o, "not_after", r->not_after);
    if (r->not_after)
        cJSON_AddNumberToObject(o, "days_left", (double)time_days_left(r->not_after, now));
    else
        cJSON_AddNullToObject(o, "days_left");
    cJSON_AddStringToObject(o, "fingerprint", r->fingerprint);
    add_time(o, "created", r->created);
    add_time(o, "updated", r->updated);
    cJSON_AddStringToObject(o, "scope", r->scope);
    if (*r->issuer)
        cJSON_AddStringToObject(o, "issuer", r->issuer);
    if (*r->serial)
        cJSON_AddStringToObject(o, "serial", r->serial);
    if (*r->signature_algorithm)
        cJSON_AddStringToObject(o, "signature_algorithm", r->signature_algorithm);
    cJSON_AddItemToObject(o, "extra", cJSON_Duplicate(r->extra, 1));
    cJSON *cert = decode && r->pem ? summary_json(r->pem, now) : NULL;
    if (cert)
        cJSON_AddItemToObject(o, "certificate", cert);
    else
        cJSON_AddNullToObject(o, "certificate");
    return o;
}

void records_print_json(const struct record_list *l, int64_t now, FILE *out)
{
    /* printed record by record: 10,000 records never sit in one JSON tree */
    fputs("[", out);
    for (size_t i = 0; i < l->count; i++) {
        cJSON *o = record_to_json(&l->items[i], now, true);
        char *text = cJSON_PrintUnformatted(o);
        fprintf(out, "%s\n%s", i ? "," : "", text);
        free(text);
        cJSON_Delete(o);
    }
    fputs("\n]\n", out);
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
    const cJSON *it;
    cJSON_ArrayForEach(it, r->extra)
        if (cJSON_IsString(it))
            fprintf(out, "  %-20s %s\n", it->string, it->valuestring);
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

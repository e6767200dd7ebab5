/* detail.c — what the detail view says about one certificate. */
#include "detail.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/band.h"
#include "../core/buf.h"
#include "../core/timeutil.h"
#include "../core/xalloc.h"
#include "../services/service.h"
#include "../x509/cert.h"
#include "../x509/chain.h"
#include "../x509/findings.h"

static void add(struct detail *d, enum detail_kind kind, enum ui_element style, const char *label,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void add(struct detail *d, enum detail_kind kind, enum ui_element style, const char *label,
                const char *fmt, ...)
{
    d->lines = xreallocarray(d->lines, d->count + 1, sizeof(*d->lines));
    struct detail_line *l = &d->lines[d->count++];
    l->kind = kind;
    l->style = style;
    l->label = xstrdup(label ? label : "");
    va_list ap;
    va_start(ap, fmt);
    l->value = xvasprintf(fmt, ap);
    va_end(ap);
}

#define FIELD(d, label, ...) add(d, DETAIL_FIELD, UI_EL_TEXT, label, __VA_ARGS__)

static void heading(struct detail *d, const char *text) { add(d, DETAIL_HEADING, UI_EL_BORDER, text, "%s", ""); }

static enum ui_element band_style(int64_t not_after, const struct detail_opts *o)
{
    return theme_band_element(expiry_band_of(not_after, o->now, o->warn_days, o->crit_days));
}

static void join_list(struct buf *b, const struct strlist *l, const char *sep)
{
    for (size_t i = 0; i < l->count; i++) {
        if (i)
            buf_append_str(b, sep);
        buf_append_str(b, l->items[i]);
    }
}

static void validity(struct detail *d, int64_t nb, int64_t na, const struct detail_opts *o)
{
    char from[32] = "?", until[32] = "?", words[64];
    if (nb)
        time_format_human(nb, from, sizeof(from));
    if (na)
        time_format_human(na, until, sizeof(until));
    time_expiry_words(na, o->now, words, sizeof(words));
    add(d, DETAIL_FIELD, band_style(na, o), "Validity", "%s → %s  (%s)", from, until, words);
}

/* The fields of one certificate, as `inspect` names them. */
static void cert_fields(struct detail *d, const struct x509_cert *c, const struct detail_opts *o, bool full)
{
    FIELD(d, "Subject", "%s", c->subject.text);
    FIELD(d, "Issuer", "%s", c->issuer.text);
    validity(d, c->not_before, c->not_after, o);
    struct buf names = {0};
    for (size_t i = 0; i < c->san_count; i++) {
        if (i)
            buf_append_str(&names, ", ");
        buf_printf(&names, "%s %s", x509_san_kind_label(c->sans[i].kind), c->sans[i].value);
        if (c->sans[i].unicode && strcmp(c->sans[i].unicode, c->sans[i].value) != 0)
            buf_printf(&names, " (%s)", c->sans[i].unicode);
    }
    FIELD(d, "Names", "%s", names.len ? names.data : (c->has_san ? "(empty)" : "no subject alternative names"));
    buf_free(&names);
    if (c->key_curve)
        FIELD(d, "Key", "%s %s", c->key_algorithm, c->key_curve);
    else
        FIELD(d, "Key", "%s %d bits", c->key_algorithm, c->key_bits);
    FIELD(d, "Signature", "%s", c->signature_algorithm);
    FIELD(d, "Serial", "%s", c->serial_hex);
    if (full) {
        struct buf b = {0};
        join_list(&b, &c->key_usage, ", ");
        if (c->ext_key_usage.count) {
            if (b.len)
                buf_append_str(&b, " · ");
            join_list(&b, &c->ext_key_usage, ", ");
        }
        if (b.len)
            FIELD(d, "Usage", "%s%s", b.data, c->key_usage_critical ? " (critical)" : "");
        buf_free(&b);
        if (c->has_basic_constraints) {
            if (c->is_ca && c->path_len >= 0)
                FIELD(d, "Basic", "CA, path length %ld", c->path_len);
            else
                FIELD(d, "Basic", "%s", c->is_ca ? "CA" : "not a CA");
        }
        if (c->subject_key_id)
            FIELD(d, "SKI", "%s", c->subject_key_id);
        if (c->authority_key_id)
            FIELD(d, "AKI", "%s", c->authority_key_id);
        const struct {
            const char *label;
            const struct strlist *l;
        } urls[] = {{"OCSP", &c->ocsp_urls}, {"CA issuers", &c->ca_issuer_urls}, {"CRL", &c->crl_urls},
                    {"Policies", &c->policies}};
        for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
            if (!urls[i].l->count)
                continue;
            struct buf u = {0};
            join_list(&u, urls[i].l, ", ");
            FIELD(d, urls[i].label, "%s", u.data);
            buf_free(&u);
        }
    }
    FIELD(d, "SHA-256", "%s", c->sha256);
    FIELD(d, "SHA-1", "%s", c->sha1);
}

static enum ui_element finding_style(enum x509_severity s)
{
    return s == X509_SEV_CRITICAL ? UI_EL_EXPIRED : s == X509_SEV_WARNING ? UI_EL_WARNING : UI_EL_TEXT;
}

static const char *svc_title(int service) { return services[service]->title; }

/* Every other place holding the same fingerprint. */
static void also_in(struct detail *d, const struct snapshot *s, const struct snap_row *row)
{
    if (row->copies < 2)
        return;
    char mine[80], other[80];
    fingerprint_normal(row->rec->fingerprint, mine, sizeof(mine));
    struct buf b = {0};
    for (size_t i = 0; i < s->index->row_count; i++) {
        const struct snap_row *r = &s->index->rows[i];
        if (r == row || r->rec == row->rec)
            continue;
        fingerprint_normal(r->rec->fingerprint, other, sizeof(other));
        if (strcmp(mine, other) != 0)
            continue;
        if (b.len)
            buf_append_str(&b, " · ");
        buf_printf(&b, "%s %s", svc_title(r->rec->service), r->rec->name);
        if (*r->rec->scope)
            buf_printf(&b, " (%s)", r->rec->scope);
    }
    if (b.len)
        add(d, DETAIL_FIELD, UI_EL_WARNING, "Also in", "×%u  %s", row->copies, b.data);
    buf_free(&b);
}

/* The service's own fields: the record's, then its extra members. */
static void service_fields(struct detail *d, const struct cert_record *r)
{
    char line[160];
    snprintf(line, sizeof(line), "%s", services[r->service]->title);
    heading(d, line);
    FIELD(d, "Id", "%s", r->id);
    FIELD(d, "Name", "%s", r->name);
    if (*r->description)
        FIELD(d, "Description", "%s", r->description);
    if (*r->type)
        FIELD(d, "Type", "%s", r->type);
    if (r->domains.count) {
        struct buf b = {0};
        join_list(&b, &r->domains, ", ");
        FIELD(d, "Domains", "%s", b.data);
        buf_free(&b);
    }
    if (*r->scope)
        FIELD(d, r->service == service_find("apic") ? "Instance" : "Environment", "%s", r->scope);
    char t[32];
    if (r->created) {
        time_format_human(r->created, t, sizeof(t));
        FIELD(d, "Created", "%s", t);
    }
    if (r->updated) {
        time_format_human(r->updated, t, sizeof(t));
        FIELD(d, "Updated", "%s", t);
    }
    if (*r->issuer)
        FIELD(d, "Issuer", "%s", r->issuer);
    if (*r->serial)
        FIELD(d, "Serial", "%s", r->serial);
    if (*r->signature_algorithm)
        FIELD(d, "Signature", "%s", r->signature_algorithm);
    if (*r->fingerprint)
        FIELD(d, "Fingerprint", "%s", r->fingerprint);
    cJSON *extra = *r->extra ? cJSON_Parse(r->extra) : NULL;
    for (const cJSON *m = extra ? extra->child : NULL; m; m = m->next) {
        if (cJSON_IsNull(m))
            continue;
        /* "enterprise_project_id" → "enterprise project id" */
        char label[64];
        snprintf(label, sizeof(label), "%s", m->string ? m->string : "?");
        for (char *p = label; *p; p++)
            if (*p == '_')
                *p = ' ';
        if (cJSON_IsString(m)) {
            FIELD(d, label, "%s", m->valuestring);
        } else {
            char *text = cJSON_PrintUnformatted(m);
            FIELD(d, label, "%s", text ? text : "?");
            free(text);
        }
    }
    cJSON_Delete(extra);
}

void detail_build(struct detail *d, const struct snapshot *s, const struct snap_row *row,
                  const struct detail_opts *o)
{
    memset(d, 0, sizeof(*d));
    const struct cert_record *r = row->rec;
    d->title = xasprintf("%s · %s%s%s · id %s", r->name, svc_title(r->service), *r->scope ? " " : "",
                         r->scope, r->id);
    struct x509_certs certs = {0};
    struct x509_chain chain = {0};
    struct x509_findings findings = {0};
    struct cd_error err = {0};
    bool decoded = false;
    if (r->pem && *r->pem) {
        d->pem = xstrdup(r->pem);
        decoded = x509_certs_from_mem(r->pem, strlen(r->pem), r->name, &certs, &err) == CD_OK && certs.count;
    }
    heading(d, "Findings");
    size_t findings_start = d->count;
    if (decoded) {
        x509_chain_analyze(&certs, &chain);
        struct x509_check_opts co = {o->now, o->warn_days};
        x509_check(&certs, &chain, NULL, &co, &findings);
        for (size_t i = 0; i < findings.count; i++)
            add(d, DETAIL_FIELD, finding_style(findings.items[i].severity),
                findings.items[i].severity == X509_SEV_CRITICAL ? "critical" : "warning", "%s",
                findings.items[i].message);
        snprintf(d->sha256, sizeof(d->sha256), "%s", certs.items[0].sha256);
    } else if (r->not_after) {
        int64_t days = time_days_left(r->not_after, o->now);
        char words[64];
        time_expiry_words(r->not_after, o->now, words, sizeof(words));
        if (r->not_after <= o->now || days <= o->warn_days)
            add(d, DETAIL_FIELD, band_style(r->not_after, o), r->not_after <= o->now ? "critical" : "warning",
                "%s", words);
    }
    also_in(d, s, row);
    if (d->count == findings_start)
        add(d, DETAIL_NOTE, UI_EL_FINE, "", "nothing to call out");
    if (decoded) {
        heading(d, "Certificate");
        cert_fields(d, &certs.items[0], o, true);
        struct buf c = {0};
        for (size_t i = 0; i < certs.count; i++) {
            const char *cn = x509_cert_common_name(&certs.items[i]);
            buf_printf(&c, "%s%zu %s%s", i ? " ← " : "", i + 1, cn ? cn : certs.items[i].subject.text,
                       certs.items[i].self_signed ? " (root)" : "");
        }
        if (certs.count > 1)
            buf_printf(&c, "   %s", chain.in_order ? "in order ✓" : chain.reorderable ? "out of order" : "broken");
        FIELD(d, "Chain", "%s", c.data);
        buf_free(&c);
        for (size_t i = 1; i < certs.count; i++) {
            char h[64];
            snprintf(h, sizeof(h), "Chain layer %zu", i + 1);
            heading(d, h);
            cert_fields(d, &certs.items[i], o, false);
        }
    } else if (r->pem && *r->pem) {
        heading(d, "Certificate");
        add(d, DETAIL_NOTE, UI_EL_ERROR, "", "the PEM the service returned could not be decoded: %s", err.message);
    } else {
        heading(d, "Certificate");
        add(d, DETAIL_NOTE, UI_EL_DIM, "", "%s returns no PEM%s: showing the service's own decoded fields",
            svc_title(r->service), services[r->service]->caps & SVC_CAP_PEM_EVER ? " here" : "");
        if (*r->common_name)
            FIELD(d, "Common name", "%s", r->common_name);
        validity(d, r->not_before, r->not_after, o);
    }
    service_fields(d, r);
    x509_findings_free(&findings);
    x509_chain_free(&chain);
    x509_certs_free(&certs);
}

void detail_free(struct detail *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->lines[i].label);
        free(d->lines[i].value);
    }
    free(d->lines);
    free(d->title);
    free(d->pem);
    memset(d, 0, sizeof(*d));
}

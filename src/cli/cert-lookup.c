/* cert-lookup.c — fetches one certificate and reads the facts shown before a change. */
#include "cert-lookup.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../x509/summary.h"

cd_status cert_lookup(struct svc_ctx *ctx, const char *id, struct cert_record *out)
{
    const struct service_ops *ops = services[ctx->service];
    if (ops->caps & SVC_CAP_SHOW)
        return ops->show(ctx, id, out);
    struct record_list l = {0};
    cd_status rc = ops->list(ctx, &l);
    bool found = false;
    for (size_t i = 0; rc == CD_OK && i < l.count && !found; i++)
        if (strcmp(l.items[i].id, id) == 0) {
            *out = l.items[i];
            l.items[i] = l.items[--l.count];
            found = true;
        }
    record_list_free(&l);
    if (rc == CD_OK && !found)
        rc = cd_error_set(ctx->err, CD_ERR_NOT_FOUND, "%s: no certificate with id %s", ops->id, id);
    return rc;
}

static void join_names(const struct strlist *names, const char *fallback, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < names->count && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", names->items[i]);
    if (!names->count && fallback)
        snprintf(out, size, "%s", fallback);
}

static void facts_from_summary(const struct x509_summary *s, struct cert_facts *out)
{
    snprintf(out->sha1, sizeof(out->sha1), "%s", s->sha1);
    snprintf(out->issuer, sizeof(out->issuer), "%s", s->issuer ? s->issuer : "");
    join_names(&s->dns, s->common_name, out->names, sizeof(out->names));
    out->not_after = s->not_after;
}

void cert_facts_of_pem(const char *pem, struct cert_facts *out)
{
    memset(out, 0, sizeof(*out));
    struct x509_summary s;
    if (pem && x509_summary_load(pem, strlen(pem), &s))
        facts_from_summary(&s, out);
    x509_summary_free(&s);
}

void cert_facts_of_record(const struct cert_record *r, struct cert_facts *out)
{
    memset(out, 0, sizeof(*out));
    struct x509_summary s;
    bool decoded = r->pem && x509_summary_load(r->pem, strlen(r->pem), &s);
    if (decoded)
        facts_from_summary(&s, out);
    if (r->pem)
        x509_summary_free(&s);
    if (decoded)
        return;
    /* the service's SHA-1, in whatever case and separators it writes it */
    size_t n = 0;
    for (const char *p = r->fingerprint; *p && n + 1 < sizeof(out->sha1); p++)
        if (isxdigit((unsigned char)*p))
            out->sha1[n++] = (char)tolower((unsigned char)*p);
    out->sha1[n == 40 ? n : 0] = '\0';
    snprintf(out->issuer, sizeof(out->issuer), "%s", r->issuer);
    join_names(&r->domains, r->common_name, out->names, sizeof(out->names));
    out->not_after = r->not_after;
}

/* cert-json.c — builds the JSON objects described in README "JSON fields". */
#include "cert-json.h"

#include <stdint.h>

#include "../core/timeutil.h"

static cJSON *name_json(const struct x509_name *n)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "text", n->text);
    cJSON *attrs = cJSON_AddArrayToObject(o, "attributes");
    for (size_t i = 0; i < n->count; i++) {
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "type", n->attrs[i].key);
        cJSON_AddStringToObject(a, "value", n->attrs[i].value);
        cJSON_AddItemToArray(attrs, a);
    }
    return o;
}

static cJSON *strlist_json(const struct strlist *l)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < l->count; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->items[i]));
    return a;
}

static void add_time(cJSON *o, const char *key, int64_t t)
{
    char iso[32];
    time_format_iso(t, iso, sizeof(iso));
    cJSON_AddStringToObject(o, key, iso);
}

static void add_opt_string(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *sans_json(const struct x509_cert *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *by_kind[X509_SAN_KIND_COUNT];
    for (int k = 0; k < X509_SAN_KIND_COUNT; k++)
        by_kind[k] = cJSON_AddArrayToObject(o, x509_san_kind_json((enum x509_san_kind)k));
    cJSON *uni = cJSON_AddArrayToObject(o, "dns_unicode");
    for (size_t i = 0; i < c->san_count; i++) {
        const struct x509_san *s = &c->sans[i];
        cJSON_AddItemToArray(by_kind[s->kind], cJSON_CreateString(s->value));
        if (s->kind == X509_SAN_DNS)
            cJSON_AddItemToArray(uni, cJSON_CreateString(s->unicode ? s->unicode : s->value));
    }
    return o;
}

cJSON *cert_to_json(const struct x509_cert *c, int64_t now)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "position", (double)c->position);
    add_opt_string(o, "common_name", x509_cert_common_name(c));
    cJSON_AddItemToObject(o, "subject", name_json(&c->subject));
    cJSON_AddItemToObject(o, "issuer", name_json(&c->issuer));
    cJSON_AddStringToObject(o, "serial", c->serial_hex);
    cJSON_AddNumberToObject(o, "version", c->version);
    add_time(o, "not_before", c->not_before);
    add_time(o, "not_after", c->not_after);
    cJSON_AddNumberToObject(o, "days_left", (double)time_days_left(c->not_after, now));
    cJSON_AddBoolToObject(o, "expired", c->not_after <= now);
    cJSON_AddStringToObject(o, "signature_algorithm", c->signature_algorithm);
    cJSON_AddStringToObject(o, "signature_hash", c->signature_hash);
    cJSON *pk = cJSON_AddObjectToObject(o, "public_key");
    cJSON_AddStringToObject(pk, "algorithm", c->key_algorithm);
    cJSON_AddNumberToObject(pk, "bits", c->key_bits);
    add_opt_string(pk, "curve", c->key_curve);
    cJSON *fp = cJSON_AddObjectToObject(o, "fingerprints");
    cJSON_AddStringToObject(fp, "sha1", c->sha1);
    cJSON_AddStringToObject(fp, "sha256", c->sha256);
    cJSON_AddItemToObject(o, "subject_alt_names", sans_json(c));
    cJSON *ku = cJSON_AddObjectToObject(o, "key_usage");
    cJSON_AddItemToObject(ku, "values", strlist_json(&c->key_usage));
    cJSON_AddBoolToObject(ku, "critical", c->key_usage_critical);
    cJSON_AddItemToObject(o, "extended_key_usage", strlist_json(&c->ext_key_usage));
    cJSON *bc = cJSON_AddObjectToObject(o, "basic_constraints");
    cJSON_AddBoolToObject(bc, "present", c->has_basic_constraints);
    cJSON_AddBoolToObject(bc, "ca", c->is_ca);
    if (c->is_ca && c->path_len >= 0)
        cJSON_AddNumberToObject(bc, "path_len", (double)c->path_len);
    else
        cJSON_AddNullToObject(bc, "path_len");
    add_opt_string(o, "subject_key_id", c->subject_key_id);
    add_opt_string(o, "authority_key_id", c->authority_key_id);
    cJSON_AddItemToObject(o, "ocsp_urls", strlist_json(&c->ocsp_urls));
    cJSON_AddItemToObject(o, "ca_issuer_urls", strlist_json(&c->ca_issuer_urls));
    cJSON_AddItemToObject(o, "crl_urls", strlist_json(&c->crl_urls));
    cJSON_AddItemToObject(o, "policies", strlist_json(&c->policies));
    cJSON_AddBoolToObject(o, "self_issued", c->self_issued);
    cJSON_AddBoolToObject(o, "self_signed", c->self_signed);
    return o;
}

/* "abcd…" to "AB:CD:…", the form cert_to_json shows. */
static void colon_hex(const char *plain, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = plain; p[0] && p[1] && n + 3 < size; p += 2) {
        if (n)
            out[n++] = ':';
        out[n++] = (char)(p[0] >= 'a' && p[0] <= 'f' ? p[0] - ('a' - 'A') : p[0]);
        out[n++] = (char)(p[1] >= 'a' && p[1] <= 'f' ? p[1] - ('a' - 'A') : p[1]);
    }
    out[n] = '\0';
}

void summary_write_json(struct jsonw *w, const char *key, const struct x509_summary *s,
                        int64_t now)
{
    char text[100];
    jw_object(w, key);
    jw_string(w, "common_name", s->common_name);
    jw_object(w, "subject");
    jw_string(w, "text", s->subject);
    jw_end(w);
    jw_object(w, "issuer");
    jw_string(w, "text", s->issuer);
    jw_end(w);
    jw_string(w, "serial", s->serial_hex);
    jw_int(w, "version", s->version);
    time_format_iso(s->not_before, text, sizeof(text));
    jw_string(w, "not_before", text);
    time_format_iso(s->not_after, text, sizeof(text));
    jw_string(w, "not_after", text);
    jw_int(w, "days_left", time_days_left(s->not_after, now));
    jw_bool(w, "expired", s->not_after <= now);
    jw_string(w, "signature_algorithm", s->signature_algorithm);
    jw_object(w, "public_key");
    jw_string(w, "algorithm", s->key_algorithm);
    jw_int(w, "bits", s->key_bits);
    jw_string(w, "curve", s->key_curve[0] ? s->key_curve : NULL);
    jw_end(w);
    jw_object(w, "fingerprints");
    colon_hex(s->sha1, text, sizeof(text));
    jw_string(w, "sha1", text);
    colon_hex(s->sha256, text, sizeof(text));
    jw_string(w, "sha256", text);
    jw_end(w);
    jw_object(w, "subject_alt_names");
    jw_strings(w, x509_san_kind_json(X509_SAN_DNS), &s->dns);
    jw_strings(w, x509_san_kind_json(X509_SAN_IP), &s->ips);
    jw_strings(w, x509_san_kind_json(X509_SAN_EMAIL), &s->emails);
    jw_strings(w, x509_san_kind_json(X509_SAN_URI), &s->uris);
    jw_end(w);
    jw_object(w, "basic_constraints");
    jw_bool(w, "ca", s->is_ca);
    jw_end(w);
    jw_end(w);
}

cJSON *chain_to_json(const struct x509_chain *ch)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "layers", (double)ch->layers);
    cJSON_AddBoolToObject(o, "in_order", ch->in_order);
    cJSON *links = cJSON_AddArrayToObject(o, "issued_by_next");
    for (size_t i = 0; i + 1 < ch->layers; i++)
        cJSON_AddItemToArray(links, cJSON_CreateBool(ch->issued_by_next[i]));
    if (ch->reorderable) {
        cJSON *ord = cJSON_AddArrayToObject(o, "suggested_order");
        for (size_t i = 0; i < ch->layers; i++)
            cJSON_AddItemToArray(ord, cJSON_CreateNumber((double)ch->order[i]));
    } else {
        cJSON_AddNullToObject(o, "suggested_order");
    }
    if (ch->broken_at != SIZE_MAX)
        cJSON_AddNumberToObject(o, "broken_at", (double)ch->broken_at);
    else
        cJSON_AddNullToObject(o, "broken_at");
    cJSON_AddBoolToObject(o, "ends_in_root", ch->ends_in_root);
    return o;
}

cJSON *key_to_json(const struct x509_key *key, const char *path)
{
    const struct x509_key_info *ki = x509_key_info(key);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", path);
    cJSON_AddStringToObject(o, "algorithm", ki->algorithm);
    cJSON_AddNumberToObject(o, "bits", ki->bits);
    add_opt_string(o, "curve", ki->curve[0] ? ki->curve : NULL);
    cJSON_AddStringToObject(o, "format", x509_key_format_json(ki->format));
    cJSON_AddBoolToObject(o, "encrypted", ki->encrypted);
    return o;
}

cJSON *findings_to_json(const struct x509_findings *f)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < f->count; i++) {
        const struct x509_finding *it = &f->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", x509_finding_name(it->id));
        cJSON_AddStringToObject(o, "severity", x509_severity_name(it->severity));
        if (it->cert != SIZE_MAX)
            cJSON_AddNumberToObject(o, "certificate", (double)it->cert);
        else
            cJSON_AddNullToObject(o, "certificate");
        cJSON_AddStringToObject(o, "message", it->message);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* elb.c — ELB v3 certificates (api/elb.md): marker/limit paging, PEM in list
 * and show, the private key echoed back (wiped as soon as it is parsed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/json-arena.h"
#include "../core/percent.h"
#include "../core/timeutil.h"
#include "../core/xalloc.h"
#include "body.h"
#include "pem-fill.h"
#include "service.h"

#define ELB_PATH "/v3/%s/elb/certificates"
#define ELB_PAGE_LIMIT 2000

static bool elb_text_ok(const char *name, char *why, size_t why_size)
{
    (void)name;
    (void)why;
    (void)why_size;
    return true; /* ELB allows any text up to 255 characters */
}

static const struct svc_rules elb_rules = {
    .name_max = 255,
    .name_ok = elb_text_ok,
    .cert_max = 65536,
    .key_max = 8192,
    .layers_max = 11,
    .description_max = 255,
    /* api/elb.md: create ≤ 10,000 characters and 100 names; the seed's
     * update page ≤ 1,024 and 30 */
    .domains_max = 100,
    .domain_chars_max = 10000,
    .domains_max_update = 30,
    .domain_chars_max_update = 1024,
};

static int64_t iso_or_zero(const char *s)
{
    int64_t t;
    return *s && time_parse_iso(s, &t) ? t : 0;
}

/* The CertificateInfo members read, in one pass (svc_members); the ones from
 * ELB_EXTRA_FIRST on are shown as the record's extra fields. */
enum elb_field {
    ELB_ID, ELB_NAME, ELB_DESCRIPTION, ELB_TYPE, ELB_COMMON_NAME, ELB_FINGERPRINT,
    ELB_CREATED, ELB_UPDATED, ELB_EXPIRE, ELB_CERTIFICATE, ELB_SANS,
    ELB_EXTRA_FIRST, /* extras follow */
    ELB_DOMAIN = ELB_EXTRA_FIRST, ELB_ENTERPRISE_PROJECT, ELB_SOURCE, ELB_SCM_ID, ELB_PROTECTION,
    ELB_FIELD_COUNT
};

static const char *const elb_fields[ELB_FIELD_COUNT] = {
    [ELB_ID] = "id", [ELB_NAME] = "name", [ELB_DESCRIPTION] = "description",
    [ELB_TYPE] = "type", [ELB_COMMON_NAME] = "common_name", [ELB_FINGERPRINT] = "fingerprint",
    [ELB_CREATED] = "created_at", [ELB_UPDATED] = "updated_at", [ELB_EXPIRE] = "expire_time",
    [ELB_CERTIFICATE] = "certificate", [ELB_SANS] = "subject_alternative_names",
    [ELB_DOMAIN] = "domain",
    [ELB_ENTERPRISE_PROJECT] = "enterprise_project_id", [ELB_SOURCE] = "source",
    [ELB_SCM_ID] = "scm_certificate_id", [ELB_PROTECTION] = "protection_status",
};

static const char *const elb_echoed_keys[] = {"private_key", "enc_private_key", NULL};

/* One CertificateInfo into a record; the echoed keys are wiped first. */
static void elb_map(cJSON *o, struct cert_record *r)
{
    svc_wipe_members(o, elb_echoed_keys);
    const cJSON *m[ELB_FIELD_COUNT];
    svc_members(o, elb_fields, ELB_FIELD_COUNT, m);
    const char *v[ELB_FIELD_COUNT];
    for (int f = 0; f < ELB_FIELD_COUNT; f++)
        v[f] = svc_text(m[f]);
    record_set(r, &r->id, v[ELB_ID]);
    record_set(r, &r->name, v[ELB_NAME]);
    record_set(r, &r->description, v[ELB_DESCRIPTION]);
    record_set(r, &r->type, v[ELB_TYPE]);
    record_set(r, &r->common_name, v[ELB_COMMON_NAME]);
    record_set(r, &r->fingerprint, v[ELB_FINGERPRINT]);
    r->created = iso_or_zero(v[ELB_CREATED]);
    r->updated = iso_or_zero(v[ELB_UPDATED]);
    r->not_after = iso_or_zero(v[ELB_EXPIRE]);
    const cJSON *it;
    cJSON_ArrayForEach(it, m[ELB_SANS])
        if (cJSON_IsString(it))
            record_add_domain(r, it->valuestring);
    struct jsonw extra = {0};
    jw_object(&extra, NULL);
    for (int f = ELB_EXTRA_FIRST; f < ELB_FIELD_COUNT; f++)
        if (*v[f])
            jw_string(&extra, elb_fields[f], v[f]);
    record_take_extra(r, &extra);
    svc_fill_from_pem(r, v[ELB_CERTIFICATE]);
}

static cd_status elb_list(struct svc_ctx *ctx, struct record_list *out)
{
    char *base = xasprintf(ELB_PATH, ctx->project_id);
    /* the list filter takes "all_granted_eps" too */
    const char *ep = svc_enterprise_project(ctx, true);
    char *eps = ep ? percent_encode(ep, strlen(ep)) : NULL;
    char *marker = NULL;
    cd_status rc = CD_OK;
    do {
        char *esc = marker ? percent_encode(marker, strlen(marker)) : NULL;
        char *path = xasprintf("%s?limit=%d%s%s%s%s", base, ELB_PAGE_LIMIT,
                               esc ? "&marker=" : "", esc ? esc : "",
                               eps ? "&enterprise_project_id=" : "", eps ? eps : "");
        free(esc);
        free(marker);
        marker = NULL;
        struct http_response resp;
        rc = svc_request(ctx, "GET", path, NULL, NULL, &resp);
        free(path);
        cJSON *j = rc == CD_OK ? svc_json(ctx, &resp) : NULL;
        if (rc == CD_OK && !j)
            rc = ctx->err->code;
        const cJSON *certs = cJSON_GetObjectItemCaseSensitive(j, "certificates");
        cJSON *it;
        cJSON_ArrayForEach(it, certs)
            elb_map(it, record_list_add(out, ctx->service));
        const char *next = svc_str(cJSON_GetObjectItemCaseSensitive(j, "page_info"), "next_marker");
        /* the last page has no next_marker; an empty page also ends it */
        if (rc == CD_OK && *next && cJSON_GetArraySize(certs) > 0)
            marker = xstrdup(next);
        json_tree_free(j);
        http_response_free(&resp);
    } while (marker && rc == CD_OK);
    free(marker);
    free(eps);
    free(base);
    return rc;
}

/* One certificate call; answers wrap the object in "certificate". */
static cd_status elb_one(struct svc_ctx *ctx, const char *method, const char *id,
                         const char *body, struct cert_record *out)
{
    if (id && svc_check_id(ctx, id) != CD_OK)
        return ctx->err->code;
    char *esc = id ? percent_encode(id, strlen(id)) : NULL;
    char *path = id ? xasprintf(ELB_PATH "/%s", ctx->project_id, esc)
                    : xasprintf(ELB_PATH, ctx->project_id);
    free(esc);
    cd_status rc = svc_call_one(ctx, method, path, body, "certificate", out);
    free(path);
    return rc;
}

static cd_status elb_show(struct svc_ctx *ctx, const char *id, struct cert_record *out)
{
    return elb_one(ctx, "GET", id, NULL, out);
}

/* Writes {"certificate": {...}} with the fields that are set into w (see
 * body.h). ep is the enterprise project a new certificate goes into: ELB
 * refuses "0" and "" there (omitted, it is the default) and takes no
 * "all_granted_eps", and an update cannot change it. */
static const char *elb_body(struct jsonw *w, const char *ep, const char *name, const char *desc,
                            const char *cert, const char *key, const char *domain,
                            const char *type)
{
    svc_body_open(w);
    jw_object(w, "certificate");
    if (name)
        jw_string(w, "name", name);
    if (desc)
        jw_string(w, "description", desc);
    if (type)
        jw_string(w, "type", type);
    if (cert)
        jw_string(w, "certificate", cert);
    if (key)
        jw_string(w, "private_key", key);
    if (domain)
        jw_string(w, "domain", domain);
    if (ep && strcmp(ep, "0") != 0)
        jw_string(w, "enterprise_project_id", ep);
    jw_end(w);
    return svc_body_text(w);
}

static cd_status elb_create(struct svc_ctx *ctx, const struct upload_req *req, struct cert_record *out)
{
    struct jsonw body;
    const char *text = elb_body(&body, svc_enterprise_project(ctx, false), req->name,
                                req->description, req->cert_pem, req->key_pem, req->domain,
                                req->type);
    cd_status rc = elb_one(ctx, "POST", NULL, text, out);
    svc_body_free(&body);
    return rc;
}

static cd_status elb_update(struct svc_ctx *ctx, const char *id, const struct update_req *req)
{
    struct jsonw body;
    const char *text = elb_body(&body, NULL, req->name, req->description, req->cert_pem,
                                req->key_pem, req->domain, NULL);
    cd_status rc = elb_one(ctx, "PUT", id, text, NULL);
    svc_body_free(&body);
    return rc;
}

static cd_status elb_remove(struct svc_ctx *ctx, const char *id)
{
    return elb_one(ctx, "DELETE", id, NULL, NULL);
}

const struct service_ops svc_elb = {
    .id = "elb",
    .title = "ELB",
    .tag = "ELB",
    .caps = SVC_CAP_SHOW | SVC_CAP_LIST_HAS_PEM | SVC_CAP_RENAME | SVC_CAP_DESCRIPTION |
            SVC_CAP_DOMAIN | SVC_CAP_PEM_EVER,
    .rules = &elb_rules,
    .map = elb_map,
    .list = elb_list,
    .show = elb_show,
    .create = elb_create,
    .update = elb_update,
    .remove = elb_remove,
};

/* elb.c — ELB v3 certificates (api/elb.md): marker/limit paging, PEM in list
 * and show, the private key echoed back (wiped as soon as it is parsed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/json-arena.h"
#include "../core/timeutil.h"
#include "../core/xalloc.h"
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
    .domains_max = 100,
};

static int64_t iso_or_zero(const char *s)
{
    int64_t t;
    return *s && time_parse_iso(s, &t) ? t : 0;
}

/* One CertificateInfo into a record; the echoed key is wiped first. */
static void elb_map(cJSON *o, struct cert_record *r)
{
    svc_wipe_member(o, "private_key");
    svc_wipe_member(o, "enc_private_key");
    record_set(&r->id, svc_str(o, "id"));
    record_set(&r->name, svc_str(o, "name"));
    record_set(&r->description, svc_str(o, "description"));
    record_set(&r->type, svc_str(o, "type"));
    record_set(&r->common_name, svc_str(o, "common_name"));
    record_set(&r->fingerprint, svc_str(o, "fingerprint"));
    r->created = iso_or_zero(svc_str(o, "created_at"));
    r->updated = iso_or_zero(svc_str(o, "updated_at"));
    r->not_after = iso_or_zero(svc_str(o, "expire_time"));
    const cJSON *sans = cJSON_GetObjectItemCaseSensitive(o, "subject_alternative_names");
    const cJSON *it;
    cJSON_ArrayForEach(it, sans)
        if (cJSON_IsString(it))
            strlist_push(&r->domains, it->valuestring);
    static const char *const extras[] = {"domain", "enterprise_project_id", "source",
                                         "scm_certificate_id", "protection_status", NULL};
    for (const char *const *k = extras; *k; k++)
        if (*svc_str(o, *k))
            svc_extra_str(r, *k, svc_str(o, *k));
    svc_fill_from_pem(r, svc_str(o, "certificate"));
}

static cd_status elb_list(struct svc_ctx *ctx, struct record_list *out)
{
    char *base = xasprintf(ELB_PATH, ctx->project_id);
    char *marker = NULL;
    cd_status rc = CD_OK;
    do {
        char *esc = marker ? svc_escape(marker) : NULL;
        char *path = esc ? xasprintf("%s?limit=%d&marker=%s", base, ELB_PAGE_LIMIT, esc)
                         : xasprintf("%s?limit=%d", base, ELB_PAGE_LIMIT);
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
    free(base);
    return rc;
}

static cd_status elb_one(struct svc_ctx *ctx, const char *method, const char *id,
                         const char *body, struct cert_record *out, long *status)
{
    char *esc = id ? svc_escape(id) : NULL;
    char *path = id ? xasprintf(ELB_PATH "/%s", ctx->project_id, esc)
                    : xasprintf(ELB_PATH, ctx->project_id);
    free(esc);
    struct http_response resp;
    cd_status rc = svc_request(ctx, method, path, NULL, body, &resp);
    free(path);
    if (status)
        *status = resp.status;
    if (rc == CD_OK && out) {
        cJSON *j = svc_json(ctx, &resp);
        cJSON *c = cJSON_GetObjectItemCaseSensitive(j, "certificate");
        if (cJSON_IsObject(c)) {
            record_init(out, ctx->service);
            elb_map(c, out);
        } else {
            rc = cd_error_set(ctx->err, CD_ERR_API, "elb: the answer has no \"certificate\" object");
        }
        json_tree_free(j);
    }
    http_response_free(&resp);
    return rc;
}

static cd_status elb_show(struct svc_ctx *ctx, const char *id, struct cert_record *out)
{
    return elb_one(ctx, "GET", id, NULL, out, NULL);
}

/* Builds {"certificate": {...}} with the fields that are set; the key text is
 * wiped from the JSON tree before it is freed. */
static char *elb_body(const char *name, const char *desc, const char *cert, const char *key,
                      const char *domain, const char *type)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *c = cJSON_AddObjectToObject(root, "certificate");
    if (name)
        cJSON_AddStringToObject(c, "name", name);
    if (desc)
        cJSON_AddStringToObject(c, "description", desc);
    if (type)
        cJSON_AddStringToObject(c, "type", type);
    if (cert)
        cJSON_AddStringToObject(c, "certificate", cert);
    if (key)
        cJSON_AddStringToObject(c, "private_key", key);
    if (domain)
        cJSON_AddStringToObject(c, "domain", domain);
    char *text = cJSON_PrintUnformatted(root);
    svc_wipe_member(c, "private_key");
    cJSON_Delete(root);
    return text;
}

static void wipe_free(char *s)
{
    if (s) {
        memset(s, 0, strlen(s));
        free(s);
    }
}

static cd_status elb_create(struct svc_ctx *ctx, const struct upload_req *req, struct cert_record *out)
{
    char *body = elb_body(req->name, req->description, req->cert_pem, req->key_pem, req->domain,
                          req->type);
    cd_status rc = elb_one(ctx, "POST", NULL, body, out, NULL);
    wipe_free(body);
    return rc;
}

static cd_status elb_update(struct svc_ctx *ctx, const char *id, const struct update_req *req)
{
    char *body = elb_body(req->name, req->description, req->cert_pem, req->key_pem, req->domain, NULL);
    struct cert_record r;
    cd_status rc = elb_one(ctx, "PUT", id, body, &r, NULL);
    if (rc == CD_OK)
        record_free(&r);
    wipe_free(body);
    return rc;
}

static cd_status elb_remove(struct svc_ctx *ctx, const char *id)
{
    return elb_one(ctx, "DELETE", id, NULL, NULL, NULL);
}

const struct service_ops svc_elb = {
    .id = "elb",
    .title = "ELB",
    .caps = SVC_CAP_SHOW | SVC_CAP_LIST_HAS_PEM | SVC_CAP_RENAME | SVC_CAP_DESCRIPTION |
            SVC_CAP_DOMAIN | SVC_CAP_PEM_EVER,
    .rules = &elb_rules,
    .list = elb_list,
    .show = elb_show,
    .create = elb_create,
    .update = elb_update,
    .remove = elb_remove,
};

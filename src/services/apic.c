/* apic.c — ROMA Connect APIC SSL certificates (api/apic.md): listed per ROMA
 * instance with offset/limit ≤ 500, never any PEM (the service's own decoded
 * fields are all there is), update is a full replace of name, cert and key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/json-arena.h"
#include "../core/percent.h"
#include "../core/timeutil.h"
#include "body.h"
#include "../core/xalloc.h"
#include "service.h"

#define APIC_PATH "/v2/%s/apic/certificates"
#define APIC_PAGE_LIMIT 500
#define APIC_SM2_MAX 8092

/* 4–50 characters: a letter first, then letters, digits or '_' (Chinese
 * characters are allowed too by the newer pages: unconfirmed, not offered here). */
static bool apic_name_ok(const char *name, char *why, size_t why_size)
{
    size_t n = strlen(name);
    if (n < 4 || n > 50) {
        snprintf(why, why_size, "it must be 4 to 50 characters long");
        return false;
    }
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) {
        snprintf(why, why_size, "it must start with a letter");
        return false;
    }
    return svc_name_chars(name, "_", why, why_size);
}

static const struct svc_rules apic_rules = {
    .name_max = 50,
    .name_ok = apic_name_ok,
    .reject_expired = true,
    .reject_encrypted_key = true,
};

static int64_t iso_or_zero(const char *s)
{
    int64_t t;
    return *s && time_parse_iso(s, &t) ? t : 0;
}

static void join_into(struct cert_record *r, char **field, const cJSON *arr)
{
    struct strlist l = {0};
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
        if (cJSON_IsString(it))
            strlist_push(&l, it->valuestring);
    char *s = strlist_join(&l, ", ");
    record_set(r, field, s);
    free(s);
    strlist_free(&l);
}

static void apic_map(cJSON *o, struct cert_record *r)
{
    record_set(r, &r->id, svc_str(o, "id"));
    record_set(r, &r->name, svc_str(o, "name"));
    record_set(r, &r->type, svc_str(o, "type"));
    record_set(r, &r->common_name, svc_str(o, "common_name"));
    record_set(r, &r->signature_algorithm, svc_str(o, "signature_algorithm"));
    record_set(r, &r->serial, svc_str(o, "serial_number"));
    join_into(r, &r->issuer, cJSON_GetObjectItemCaseSensitive(o, "issuer"));
    r->not_before = iso_or_zero(svc_str(o, "not_before"));
    r->not_after = iso_or_zero(svc_str(o, "not_after"));
    r->created = iso_or_zero(svc_str(o, "create_time"));
    r->updated = iso_or_zero(svc_str(o, "update_time"));
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "san"))
        if (cJSON_IsString(it))
            record_add_domain(r, it->valuestring);
    const char *inst = svc_str(o, "instance_id");
    if (*inst && strcmp(inst, "common") != 0)
        record_set(r, &r->scope, inst);
    struct jsonw extra = {0};
    jw_object(&extra, NULL);
    static const char *const extras[] = {"instance_id", "algorithm_type", NULL};
    for (const char *const *k = extras; *k; k++)
        if (*svc_str(o, *k))
            jw_string(&extra, *k, svc_str(o, *k));
    static const char *const lists[] = {"organization", "organizational_unit", "country", NULL};
    for (const char *const *k = lists; *k; k++) {
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, *k);
        if (cJSON_GetArraySize(a) > 0)
            jw_cjson(&extra, *k, a);
    }
    record_take_extra(r, &extra);
}

static cd_status apic_list(struct svc_ctx *ctx, struct record_list *out)
{
    if (!ctx->scope)
        return cd_error_set(ctx->err, CD_ERR_CONFIG, "apic: no ROMA instance configured (apic_instances)");
    char *inst = percent_encode(ctx->scope, strlen(ctx->scope));
    cd_status rc = CD_OK;
    for (long offset = 0; rc == CD_OK;) {
        char *path = xasprintf(APIC_PATH "?instance_id=%s&offset=%ld&limit=%d", ctx->project_id,
                               inst, offset, APIC_PAGE_LIMIT);
        struct http_response resp;
        rc = svc_request(ctx, "GET", path, NULL, NULL, &resp);
        free(path);
        cJSON *j = rc == CD_OK ? svc_json(ctx, &resp) : NULL;
        if (rc == CD_OK && !j)
            rc = ctx->err->code;
        cJSON *certs = cJSON_GetObjectItemCaseSensitive(j, "certs");
        const cJSON *total = cJSON_GetObjectItemCaseSensitive(j, "total");
        int n = cJSON_GetArraySize(certs);
        cJSON *it;
        cJSON_ArrayForEach(it, certs)
            apic_map(it, record_list_add(out, ctx->service));
        offset += n;
        bool last = n == 0 || !cJSON_IsNumber(total) || offset >= (long)total->valuedouble;
        json_tree_free(j);
        http_response_free(&resp);
        if (last)
            break;
    }
    free(inst);
    return rc;
}

static cd_status apic_call(struct svc_ctx *ctx, const char *method, const char *id,
                           const char *body, struct cert_record *out)
{
    if (id && svc_check_id(ctx, id) != CD_OK)
        return ctx->err->code;
    char *esc = id ? percent_encode(id, strlen(id)) : NULL;
    char *path = esc ? xasprintf(APIC_PATH "/%s", ctx->project_id, esc)
                     : xasprintf(APIC_PATH, ctx->project_id);
    free(esc);
    cd_status rc = svc_call_one(ctx, method, path, body, NULL, out);
    free(path);
    return rc;
}

static cd_status apic_show(struct svc_ctx *ctx, const char *id, struct cert_record *out)
{
    return apic_call(ctx, "GET", id, NULL, out);
}

/* Certificates are created for the profile's instance (type "instance"). */
/* The body, into w (see body.h). */
static const char *apic_body(struct jsonw *w, const char *name, const char *type,
                             const char *instance, const char *cert, const char *key)
{
    svc_body_open(w);
    jw_string(w, "name", name);
    jw_string(w, "type", type);
    if (strcmp(type, "instance") == 0 && instance)
        jw_string(w, "instance_id", instance);
    jw_string(w, "cert_content", cert);
    jw_string(w, "private_key", key);
    return svc_body_text(w);
}

static cd_status apic_create(struct svc_ctx *ctx, const struct upload_req *req, struct cert_record *out)
{
    const char *type = req->type ? req->type : ctx->scope ? "instance" : "global";
    struct jsonw body;
    const char *text = apic_body(&body, req->name, type, ctx->scope, req->cert_pem, req->key_pem);
    cd_status rc = apic_call(ctx, "POST", NULL, text, out);
    svc_body_free(&body);
    return rc;
}

static cd_status apic_update(struct svc_ctx *ctx, const char *id, const struct update_req *req)
{
    if (!req->cert_pem || !req->key_pem)
        return cd_error_set(ctx->err, CD_ERR_INVALID, "apic: an update replaces name, certificate "
                            "and key together; the service never returns them, so give --cert and --key");
    /* a full replace: keep the current name and type unless a new name is given */
    struct cert_record cur;
    if (apic_show(ctx, id, &cur) != CD_OK)
        return ctx->err->code;
    struct jsonw body;
    const char *text = apic_body(&body, req->name ? req->name : cur.name,
                                 *cur.type ? cur.type : "global",
                                 *cur.scope ? cur.scope : ctx->scope, req->cert_pem, req->key_pem);
    record_free(&cur);
    cd_status rc = apic_call(ctx, "PUT", id, text, NULL);
    svc_body_free(&body);
    return rc;
}

static cd_status apic_remove(struct svc_ctx *ctx, const char *id)
{
    return apic_call(ctx, "DELETE", id, NULL, NULL);
}

const struct service_ops svc_apic = {
    .id = "apic",
    .title = "ROMA APIC",
    .tag = "APIG",
    .caps = SVC_CAP_SHOW | SVC_CAP_RENAME | SVC_CAP_UPDATE_REPLACES_ALL | SVC_CAP_NEEDS_SCOPE,
    .rules = &apic_rules,
    .map = apic_map,
    .list = apic_list,
    .show = apic_show,
    .create = apic_create,
    .update = apic_update,
    .remove = apic_remove,
};

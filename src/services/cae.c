/* cae.c — CAE certificates (api/cae.md): one list per environment (the
 * X-Environment-ID header), no paging and no show; crt/key travel as base64
 * of the PEM text; the key is echoed back and wiped at once; no rename. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/json-arena.h"
#include "../core/percent.h"
#include "../core/timeutil.h"
#include "body.h"
#include "../core/xalloc.h"
#include "../x509/pem.h"
#include "pem-fill.h"
#include "service.h"

#define CAE_PATH "/v1/%s/cae/certificates"
#define CAE_NAME_MAX 64

/* Lower-case letters, digits, '-' and '.', starting and ending with a letter
 * or digit (Terraform's documentation; unconfirmed on the API page). */
static bool cae_name_ok(const char *name, char *why, size_t why_size)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && !((c == '-' || c == '.') && i > 0 && i + 1 < n)) {
            snprintf(why, why_size, "only lower-case letters, digits, '-' and '.' are allowed, "
                     "starting and ending with a letter or digit");
            return false;
        }
    }
    if (n == 0) {
        snprintf(why, why_size, "it is empty");
        return false;
    }
    return true;
}

static const struct svc_rules cae_rules = {
    .name_max = CAE_NAME_MAX,
    .name_ok = cae_name_ok,
};

static void env_headers(struct svc_ctx *ctx, struct strlist *h)
{
    strlist_push_owned(h, xasprintf("X-Environment-ID: %s", ctx->scope ? ctx->scope : ""));
    const char *ep = svc_enterprise_project(ctx, false); /* "0" or a UUID; no "all" in CAE */
    if (ep)
        strlist_push_owned(h, xasprintf("X-Enterprise-Project-ID: %s", ep));
}

/* crt may be the PEM itself or base64 of it. */
static char *decode_content(const char *v)
{
    if (strncmp(v, "-----BEGIN", 10) == 0)
        return xstrdup(v);
    unsigned char *raw = NULL;
    size_t len = 0, bad = 0;
    if (!base64_decode(v, strlen(v), &raw, &len, &bad))
        return NULL;
    char *s = xstrndup((const char *)raw, len);
    free(raw);
    return s;
}

static void cae_map(cJSON *item, struct cert_record *r)
{
    cJSON *spec = cJSON_GetObjectItemCaseSensitive(item, "spec");
    svc_wipe_member(spec, "key");
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(item, "metadata");
    record_set(r, &r->id, svc_str(meta, "id"));
    record_set(r, &r->name, svc_str(meta, "name"));
    int64_t t;
    if (time_parse_iso(svc_str(spec, "created_at"), &t))
        r->created = r->updated = t;
    const char *crt = svc_str(spec, "crt");
    if (*crt) {
        char *pem = decode_content(crt);
        /* neither PEM nor base64: kept as given, so the detail view says it
         * does not decode instead of that the service never returns it */
        svc_fill_from_pem(r, pem ? pem : crt);
        free(pem);
    }
}

static cd_status cae_call(struct svc_ctx *ctx, const char *method, const char *id, const char *body,
                          struct http_response *resp)
{
    memset(resp, 0, sizeof(*resp));
    if (!ctx->scope)
        return cd_error_set(ctx->err, CD_ERR_CONFIG, "cae: no CAE environment configured (cae_environments)");
    if (id && svc_check_id(ctx, id) != CD_OK)
        return ctx->err->code;
    char *esc = id ? percent_encode(id, strlen(id)) : NULL;
    char *path = esc ? xasprintf(CAE_PATH "/%s", ctx->project_id, esc) : xasprintf(CAE_PATH, ctx->project_id);
    free(esc);
    struct strlist h = {0};
    env_headers(ctx, &h);
    cd_status rc = svc_request(ctx, method, path, &h, body, resp);
    strlist_free(&h);
    free(path);
    /* the service says "not found" with 400 CAE.01500005 (or 404 CAE.01501301) */
    if (rc != CD_OK && (strcmp(ctx->err->api_code, "CAE.01500005") == 0 ||
                        strcmp(ctx->err->api_code, "CAE.01501301") == 0))
        ctx->err->code = rc = CD_ERR_NOT_FOUND;
    return rc;
}

static cd_status add_items(struct svc_ctx *ctx, struct http_response *resp,
                           struct record_list *out, struct cert_record *first)
{
    cJSON *j = svc_json(ctx, resp);
    if (!j)
        return ctx->err->code;
    cJSON *it;
    bool got = false;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j, "items")) {
        if (out) {
            cae_map(it, record_list_add(out, ctx->service));
        } else if (!got) {
            record_init(first, ctx->service);
            cae_map(it, first);
            got = true;
        }
    }
    json_tree_free(j);
    if (!out && !got)
        return cd_error_set(ctx->err, CD_ERR_API, "cae: the answer has no items");
    return CD_OK;
}

static cd_status cae_list(struct svc_ctx *ctx, struct record_list *out)
{
    struct http_response resp;
    cd_status rc = cae_call(ctx, "GET", NULL, NULL, &resp);
    if (rc == CD_OK)
        rc = add_items(ctx, &resp, out, NULL);
    http_response_free(&resp);
    return rc;
}

/* The body, into w (see body.h); certificate and key go as base64 of their
 * PEM, the key encoded straight into the body. */
static const char *cae_body(struct jsonw *w, const char *name, const char *cert, const char *key)
{
    svc_body_open(w);
    jw_string(w, "api_version", "v1");
    jw_string(w, "kind", "Certificate");
    if (name) {
        jw_object(w, "metadata");
        jw_string(w, "name", name);
        jw_end(w);
    }
    jw_object(w, "spec");
    jw_base64(w, "crt", cert);
    jw_base64(w, "key", key);
    jw_end(w);
    return svc_body_text(w);
}

static cd_status cae_create(struct svc_ctx *ctx, const struct upload_req *req, struct cert_record *out)
{
    struct jsonw body;
    const char *text = cae_body(&body, req->name, req->cert_pem, req->key_pem);
    struct http_response resp;
    cd_status rc = cae_call(ctx, "POST", NULL, text, &resp);
    svc_body_free(&body);
    if (rc == CD_OK)
        rc = add_items(ctx, &resp, NULL, out);
    if (rc == CD_OK)
        rc = svc_check_created(ctx, "POST", out);
    http_response_free(&resp);
    return rc;
}

static cd_status cae_update(struct svc_ctx *ctx, const char *id, const struct update_req *req)
{
    if (req->name)
        return cd_error_set(ctx->err, CD_ERR_INVALID, "cae: certificates cannot be renamed");
    if (!req->cert_pem || !req->key_pem)
        return cd_error_set(ctx->err, CD_ERR_INVALID, "cae: an update replaces certificate and key together");
    struct jsonw body;
    const char *text = cae_body(&body, NULL, req->cert_pem, req->key_pem);
    struct http_response resp;
    cd_status rc = cae_call(ctx, "PUT", id, text, &resp);
    svc_body_free(&body);
    http_response_free(&resp);
    return rc;
}

static cd_status cae_remove(struct svc_ctx *ctx, const char *id)
{
    struct http_response resp;
    cd_status rc = cae_call(ctx, "DELETE", id, NULL, &resp);
    http_response_free(&resp);
    return rc;
}

const struct service_ops svc_cae = {
    .id = "cae",
    .title = "CAE",
    .tag = "CAE",
    .caps = SVC_CAP_LIST_HAS_PEM | SVC_CAP_NEEDS_SCOPE | SVC_CAP_PEM_EVER,
    .rules = &cae_rules,
    .map = cae_map,
    .list = cae_list,
    .show = NULL,
    .create = cae_create,
    .update = cae_update,
    .remove = cae_remove,
};

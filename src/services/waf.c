/* waf.c — WAF certificates (api/waf.md): page/pagesize ≤ 100, times in
 * milliseconds, no PEM in the list (show has it, and echoes the key: the
 * list fetches every show, concurrently), update needs the name even when
 * only the content changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/json-arena.h"
#include "../core/percent.h"
#include "../core/timeutil.h"
#include "body.h"
#include "../core/xalloc.h"
#include "pem-fill.h"
#include "service.h"

#define WAF_PATH "/v1/%s/waf/certificate"
#define WAF_PAGE_SIZE 100
#define WAF_SHOW_BATCH 64 /* show requests in flight per batch (the http layer bounds connections) */
#define WAF_NAME_MAX_UPDATE 64 /* create allows 256, update 64: keep new names ≤ 64 */

static bool waf_name_ok(const char *name, char *why, size_t why_size)
{
    if (!*name) {
        snprintf(why, why_size, "it is empty");
        return false;
    }
    return svc_name_chars(name, "._-", why, why_size);
}

static const struct svc_rules waf_rules = {
    .name_max = WAF_NAME_MAX_UPDATE,
    .name_ok = waf_name_ok,
};

/* The path of the list (no id) or of one certificate; reads (list, show)
 * may name every project, changes only one. */
static char *waf_path(struct svc_ctx *ctx, const char *id, const char *query, bool read)
{
    char *esc = id ? percent_encode(id, strlen(id)) : NULL;
    const char *ep = svc_enterprise_project(ctx, read);
    char *eps = ep ? percent_encode(ep, strlen(ep)) : NULL;
    char *p = xasprintf(WAF_PATH "%s%s%s%s%s%s%s", ctx->project_id, esc ? "/" : "", esc ? esc : "",
                        query || eps ? "?" : "", query ? query : "", query && eps ? "&" : "",
                        eps ? "enterprise_project_id=" : "", eps ? eps : "");
    free(esc);
    free(eps);
    return p;
}

static void waf_map(cJSON *o, struct cert_record *r)
{
    svc_wipe_member(o, "key");
    record_set(r, &r->id, svc_str(o, "id"));
    record_set(r, &r->name, svc_str(o, "name"));
    const cJSON *exp = cJSON_GetObjectItemCaseSensitive(o, "expire_time");
    if (!exp) /* Open Telekom Cloud's spelling */
        exp = cJSON_GetObjectItemCaseSensitive(o, "expireTime");
    if (cJSON_IsNumber(exp))
        r->not_after = (int64_t)(exp->valuedouble / 1000);
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(o, "timestamp");
    if (cJSON_IsNumber(ts))
        r->created = r->updated = (int64_t)(ts->valuedouble / 1000);
    struct jsonw extra = {0};
    jw_object(&extra, NULL);
    const cJSON *hosts = cJSON_GetObjectItemCaseSensitive(o, "bind_host");
    if (cJSON_GetArraySize(hosts) > 0) {
        jw_array(&extra, "bound_hosts");
        const cJSON *h;
        cJSON_ArrayForEach(h, hosts)
            jw_string(&extra, NULL, svc_str(h, "hostname"));
        jw_end(&extra);
    }
    if (*svc_str(o, "enterprise_project_id"))
        jw_string(&extra, "enterprise_project_id", svc_str(o, "enterprise_project_id"));
    record_take_extra(r, &extra);
    svc_fill_from_pem(r, svc_str(o, "content"));
}

static cd_status waf_list_pages(struct svc_ctx *ctx, struct record_list *out)
{
    cd_status rc = CD_OK;
    for (long page = 1; rc == CD_OK; page++) {
        char query[64];
        snprintf(query, sizeof(query), "page=%ld&pagesize=%d", page, WAF_PAGE_SIZE);
        char *path = waf_path(ctx, NULL, query, true);
        struct http_response resp;
        rc = svc_request(ctx, "GET", path, NULL, NULL, &resp);
        free(path);
        cJSON *j = rc == CD_OK ? svc_json(ctx, &resp) : NULL;
        if (rc == CD_OK && !j)
            rc = ctx->err->code;
        cJSON *items = cJSON_GetObjectItemCaseSensitive(j, "items");
        const cJSON *total = cJSON_GetObjectItemCaseSensitive(j, "total");
        int n = cJSON_GetArraySize(items);
        cJSON *it;
        cJSON_ArrayForEach(it, items)
            waf_map(it, record_list_add(out, ctx->service));
        bool last = n == 0 || !cJSON_IsNumber(total) || page * WAF_PAGE_SIZE >= (long)total->valuedouble;
        json_tree_free(j);
        http_response_free(&resp);
        if (last)
            break;
    }
    return rc;
}

/* The PEM from each record's show answer (the list has none), in batches of
 * concurrent requests. A failed show leaves its record as the list gave it,
 * with the reason (record_set_detail_error): the list itself was read. */
static void waf_fill_pems(struct svc_ctx *ctx, struct cert_record *recs, size_t n)
{
    for (size_t first = 0; first < n; first += WAF_SHOW_BATCH) {
        size_t count = n - first < WAF_SHOW_BATCH ? n - first : WAF_SHOW_BATCH;
        char *paths[WAF_SHOW_BATCH];
        struct http_response resps[WAF_SHOW_BATCH];
        for (size_t i = 0; i < count; i++)
            paths[i] = waf_path(ctx, recs[first + i].id, NULL, true);
        svc_get_many(ctx, paths, count, NULL, resps);
        for (size_t i = 0; i < count; i++) {
            bool answered = resps[i].status >= 200 && resps[i].status < 300;
            cJSON *j = answered ? json_tree_parse_buf(&resps[i].body) : NULL;
            if (cJSON_IsObject(j)) {
                svc_wipe_member(j, "key");
                svc_fill_from_pem(&recs[first + i], svc_str(j, "content"));
            } else {
                svc_record_detail_error(&recs[first + i], &resps[i], ctx->err);
            }
            json_tree_free(j);
            http_response_free(&resps[i]);
            free(paths[i]);
        }
    }
}

static cd_status waf_list(struct svc_ctx *ctx, struct record_list *out)
{
    size_t before = out->count;
    cd_status rc = waf_list_pages(ctx, out);
    waf_fill_pems(ctx, out->items + before, out->count - before);
    return rc;
}

static cd_status waf_call(struct svc_ctx *ctx, const char *method, const char *id, const char *body,
                          struct cert_record *out)
{
    if (id && svc_check_id(ctx, id) != CD_OK)
        return ctx->err->code;
    char *path = waf_path(ctx, id, NULL, strcmp(method, "GET") == 0);
    cd_status rc = svc_call_one(ctx, method, path, body, NULL, out);
    free(path);
    return rc;
}

static cd_status waf_show(struct svc_ctx *ctx, const char *id, struct cert_record *out)
{
    return waf_call(ctx, "GET", id, NULL, out);
}

/* The flat create/update body, into w (see body.h). */
static const char *waf_body(struct jsonw *w, const char *name, const char *cert, const char *key)
{
    svc_body_open(w);
    if (name)
        jw_string(w, "name", name);
    if (cert)
        jw_string(w, "content", cert);
    if (key)
        jw_string(w, "key", key);
    return svc_body_text(w);
}

static cd_status waf_create(struct svc_ctx *ctx, const struct upload_req *req, struct cert_record *out)
{
    struct jsonw body;
    cd_status rc = waf_call(ctx, "POST", NULL, waf_body(&body, req->name, req->cert_pem, req->key_pem),
                            out);
    svc_body_free(&body);
    return rc;
}

static cd_status waf_update(struct svc_ctx *ctx, const char *id, const struct update_req *req)
{
    /* WAF wants the name on every update: keep the current one when not renaming */
    struct cert_record cur;
    bool have_cur = false;
    if (!req->name) {
        if (waf_show(ctx, id, &cur) != CD_OK)
            return ctx->err->code;
        have_cur = true;
    }
    struct jsonw body;
    const char *text = waf_body(&body, req->name ? req->name : cur.name, req->cert_pem, req->key_pem);
    cd_status rc = waf_call(ctx, "PUT", id, text, NULL);
    if (have_cur)
        record_free(&cur);
    svc_body_free(&body);
    return rc;
}

static cd_status waf_remove(struct svc_ctx *ctx, const char *id)
{
    return waf_call(ctx, "DELETE", id, NULL, NULL);
}

const struct service_ops svc_waf = {
    .id = "waf",
    .title = "WAF",
    .tag = "WAF",
    .caps = SVC_CAP_SHOW | SVC_CAP_RENAME | SVC_CAP_PEM_EVER,
    .rules = &waf_rules,
    .map = waf_map,
    .list = waf_list,
    .show = waf_show,
    .create = waf_create,
    .update = waf_update,
    .remove = waf_remove,
};

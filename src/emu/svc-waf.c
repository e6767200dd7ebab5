/* svc-waf.c — WAF certificates (api/waf.md, seeds/waf-create-certificate.html.txt):
 * /v1/{project_id}/waf/certificate (singular), page/pagesize paging with a total,
 * times as integer milliseconds, 200 for everything (delete returns the record),
 * the private key echoed back by create and show, bound certificates protected. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/xalloc.h"
#include "../x509/key.h"
#include "service.h"

/* Limits: the seed (create), the update pages, the list pages. */
#define WAF_NAME_MAX_CREATE 256   /* seed */
#define WAF_NAME_MAX_UPDATE 64    /* update pages; the SDK and Terraform say 256 */
#define WAF_PAGESIZE_DEFAULT 10
#define WAF_PAGESIZE_MAX 100
#define WAF_PAGE_MAX 100000       /* unconfirmed: "0–100000" on some Huawei pages */
#define WAF_EXPIRING_DAYS 30      /* unconfirmed: exp_status 2 is "within a month" */
#define WAF_LAYERS_MAX 0          /* no chain limit documented (0 = none) */
#define WAF_ID_LEN 32             /* certificate and host ids: lower-case hex */
#define WAF_EPS_ID_LEN 36         /* an enterprise project id other than "0" */
#define WAF_SEED_BOUND_EVERY 5    /* every 5th seeded certificate is bound to hosts */
#define WAF_SEED_HOSTS_MAX 2

#define WAF_EPS_DEFAULT "0"
#define WAF_EPS_ALL "all_granted_eps" /* list and show only */

#define WAF_BAD_REQUEST "WAF.00011001" /* unconfirmed: a body that is not JSON-typed */
#define WAF_BAD_PARAM "WAF.00011002"
#define WAF_BAD_BODY "WAF.00011003"
#define WAF_BAD_ID "WAF.00011004"
#define WAF_BAD_NAME "WAF.00011005"
#define WAF_BAD_PAGE "WAF.00011011"
#define WAF_NOT_FOUND "WAF.00022001"
#define WAF_IN_USE "WAF.00022003"       /* unconfirmed for update and delete */
#define WAF_BAD_PEM WAF_BAD_BODY        /* unconfirmed: bad or mismatched PEM */

#define DAY_MS (86400 * (int64_t)1000)

/* WAF's error body has two members only (seed tables): no request_id. */
static void waf_error(struct emu_ctx *ctx, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void waf_error(struct emu_ctx *ctx, int status, const char *code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error_code", code);
    cJSON_AddStringToObject(o, "error_msg", msg);
    emu_resp_json(ctx->resp, status, o);
}

static void not_found(struct emu_ctx *ctx, const char *id)
{
    waf_error(ctx, 404, WAF_NOT_FOUND, "resource.not.found: certificate %s does not exist", id);
}

/* ---- the record's WAF fields ---- */

static const char *extra_str(const struct emu_cert *c, const char *name, const char *dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->extra, name);
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

static void set_extra(struct emu_cert *c, const char *name, const char *value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(c->extra, name);
    cJSON_AddStringToObject(c->extra, name, value);
}

/* Bound to protected domains ("in use"): extra.bind_host is a non-empty array. */
static bool is_bound(const struct emu_cert *c)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c->extra, "bind_host")) > 0;
}

/* "timestamp" is the upload time: set on create and on new content, not on a
 * rename, so it lives in updated_ms (which only those two touch here). */
static int64_t upload_ms(const struct emu_cert *c)
{
    return c->updated_ms;
}

/* 0 valid, 1 expired, 2 expiring within WAF_EXPIRING_DAYS. */
static int exp_status(const struct emu_cert *c, int64_t now_ms)
{
    int64_t end = c->d.not_after * 1000;
    if (end <= now_ms)
        return 1;
    return end - now_ms <= WAF_EXPIRING_DAYS * DAY_MS ? 2 : 0;
}

/* ---- JSON out ---- */

/* Which optional members a certificate object carries. */
enum {
    WAF_F_PEM = 1 << 0,     /* content + key (create, show) */
    WAF_F_STATUS = 1 << 1,  /* exp_status (list, show) */
    WAF_F_EPS = 1 << 2,     /* enterprise_project_id (list items, OTC page) */
    WAF_F_HOSTS = 1 << 3,   /* bind_host, when bound (show, list with host=true) */
};

static cJSON *waf_cert_json(const struct emu_cert *c, unsigned fields, int64_t now_ms)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", c->id);
    cJSON_AddStringToObject(o, "name", c->name);
    if (fields & WAF_F_PEM) {
        cJSON_AddStringToObject(o, "content", c->cert_pem);
        cJSON_AddStringToObject(o, "key", c->key_pem ? c->key_pem : "");
    }
    cJSON_AddNumberToObject(o, "timestamp", (double)upload_ms(c));
    cJSON_AddNumberToObject(o, "expire_time", (double)(c->d.not_after * 1000));
    if (fields & WAF_F_STATUS)
        cJSON_AddNumberToObject(o, "exp_status", exp_status(c, now_ms));
    if (fields & WAF_F_EPS)
        cJSON_AddStringToObject(o, "enterprise_project_id",
                                extra_str(c, "enterprise_project_id", WAF_EPS_DEFAULT));
    /* unbound: omitted rather than [] (unconfirmed which the service does) */
    if ((fields & WAF_F_HOSTS) && is_bound(c))
        cJSON_AddItemToObject(o, "bind_host",
                              cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(c->extra, "bind_host"), 1));
    return o;
}

/* ---- validation ---- */

static bool id_ok(const char *id)
{
    if (strlen(id) != WAF_ID_LEN)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

/* Answers 400 id.illegal for an id that cannot exist (not 32 hex). */
static bool check_id(struct emu_ctx *ctx, const char *id)
{
    if (id_ok(id))
        return true;
    waf_error(ctx, 400, WAF_BAD_ID, "id.illegal: the certificate id must be %d lower-case "
              "hexadecimal characters", WAF_ID_LEN);
    return false;
}

/* Letters, digits, '-', '_' and '.', 1..max characters. */
static bool name_ok(struct emu_ctx *ctx, const char *name, size_t max)
{
    size_t n = strlen(name);
    bool ok = n >= 1 && n <= max;
    for (size_t i = 0; ok && i < n; i++) {
        char ch = name[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '-' || ch == '_' || ch == '.';
    }
    if (!ok)
        waf_error(ctx, 400, WAF_BAD_NAME, "name.illegal: only letters, digits, '-', '_' and '.' "
                  "are allowed, at most %zu characters", max);
    return ok;
}

/* The pages ask for application/json;charset=utf8; any JSON type is accepted,
 * and only on calls that carry a body (POST, PUT). */
static bool json_type_ok(struct emu_ctx *ctx)
{
    const char *t = emu_header(ctx->req, "Content-Type");
    static const char json[] = "application/json";
    while (t && *t == ' ')
        t++;
    if (t && strncasecmp(t, json, sizeof(json) - 1) == 0 &&
        strchr("; ", t[sizeof(json) - 1]) != NULL) /* also matches the terminating NUL */
        return true;
    waf_error(ctx, 400, WAF_BAD_REQUEST, "bad.request: Content-Type must be "
              "application/json;charset=utf8");
    return false;
}

/* enterprise_project_id: absent = the default project "0"; "all_granted_eps"
 * only where all_ok (list, show); otherwise a 36-character id. */
static bool eps_param(struct emu_ctx *ctx, bool all_ok, const char **eps)
{
    const char *v = emu_query(ctx->req, "enterprise_project_id");
    *eps = v ? v : WAF_EPS_DEFAULT;
    if (!v || strcmp(v, WAF_EPS_DEFAULT) == 0 || (all_ok && strcmp(v, WAF_EPS_ALL) == 0))
        return true;
    bool ok = strlen(v) == WAF_EPS_ID_LEN;
    for (const char *p = v; ok && *p; p++)
        ok = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || *p == '-';
    if (!ok)
        waf_error(ctx, 400, WAF_BAD_PARAM, "url.param.illegal: enterprise_project_id '%s'", v);
    return ok;
}

static bool eps_visible(const struct emu_cert *c, const char *eps)
{
    return strcmp(eps, WAF_EPS_ALL) == 0 ||
           strcmp(extra_str(c, "enterprise_project_id", WAF_EPS_DEFAULT), eps) == 0;
}

/* An optional boolean query parameter; *out untouched when absent. */
static bool bool_param(struct emu_ctx *ctx, const char *param, bool *out)
{
    const char *v = emu_query(ctx->req, param);
    if (!v || emu_parse_bool(v, out))
        return true;
    waf_error(ctx, 400, WAF_BAD_PARAM, "url.param.illegal: %s must be true or false, not '%s'",
              param, v);
    return false;
}

/* The body must be a JSON object (the create/update body is flat, no wrapper). */
static cJSON *body_object(struct emu_ctx *ctx)
{
    cJSON *root = emu_body_json(ctx);
    if (!root)
        waf_error(ctx, 400, WAF_BAD_BODY, "request.body.illegal: the body must be a JSON object");
    return root;
}

/* A string member: *out NULL when absent; present but not a string, or empty,
 * is refused (and so is absent when required). */
static bool body_str(struct emu_ctx *ctx, const cJSON *root, const char *field, bool required,
                     const char **out)
{
    bool present = false;
    *out = emu_json_str(root, field, &present);
    if (!present && !required)
        return true;
    if (*out && **out)
        return true;
    waf_error(ctx, 400, WAF_BAD_BODY, "request.body.illegal: '%s' %s", field,
              !present ? "is required" : *out ? "is empty" : "must be a string");
    *out = NULL;
    return false;
}

/* Decodes content (+ key) and answers 400 when they are bad. With verify off,
 * the key must still be a private key, but need not match. */
static bool content_ok(struct emu_ctx *ctx, const char *content, const char *key, bool verify,
                       struct emu_decoded *d)
{
    char why[512];
    cd_status rc = emu_decode_pem(content, verify ? key : NULL, WAF_LAYERS_MAX, d, why,
                                  sizeof(why));
    if (rc == CD_OK && !verify) {
        struct x509_key *k = NULL;
        struct cd_error err;
        cd_status krc = x509_key_from_mem(key, strlen(key), "key", NULL, NULL, &k, &err);
        x509_key_free(k);
        if (krc != CD_OK) {
            emu_decoded_free(d);
            snprintf(why, sizeof(why), "%s", krc == CD_ERR_NEED_PASSPHRASE
                     ? "encrypted private keys are not supported" : err.message);
            rc = CD_ERR_PARSE;
        }
    }
    if (rc == CD_OK)
        return true;
    waf_error(ctx, 400, WAF_BAD_PEM, "request.body.illegal: invalid certificate or private key: %s",
              why);
    return false;
}

/* ---- operations ---- */

static struct emu_cert *find_own(struct emu_ctx *ctx, const char *id, const char *eps)
{
    struct emu_cert *c = emu_store_find(ctx->store, EMU_WAF, id);
    return c && strcmp(c->project_id, ctx->project_id) == 0 && eps_visible(c, eps) ? c : NULL;
}

struct waf_list_query {
    long page, pagesize;
    const char *name;     /* substring, case-sensitive; NULL = any */
    int host;             /* -1 absent, 0 unbound only, 1 bound only (with bind_host) */
    int exp_status;       /* -1 = any */
    const char *eps;
};

static bool list_query(struct emu_ctx *ctx, struct waf_list_query *q)
{
    const struct emu_req *req = ctx->req;
    *q = (struct waf_list_query){1, WAF_PAGESIZE_DEFAULT, emu_query(req, "name"), -1, -1, NULL};
    const char *page = emu_query(req, "page"), *size = emu_query(req, "pagesize");
    if ((page && !emu_parse_long(page, 0, WAF_PAGE_MAX, &q->page)) ||
        (size && !emu_parse_long(size, 1, WAF_PAGESIZE_MAX, &q->pagesize))) {
        waf_error(ctx, 400, WAF_BAD_PAGE, "pageOrPageSize.illegal: page must be 0..%d and "
                  "pagesize 1..%d", WAF_PAGE_MAX, WAF_PAGESIZE_MAX);
        return false;
    }
    if (q->page == 0) /* unconfirmed what 0 means: the first page */
        q->page = 1;
    bool host = false, scm = false;
    if (!bool_param(ctx, "host", &host))
        return false;
    if (emu_query(req, "host"))
        q->host = host;
    long st;
    const char *exp = emu_query(req, "exp_status");
    if (exp && !emu_parse_long(exp, 0, 2, &st)) {
        waf_error(ctx, 400, WAF_BAD_PARAM, "url.param.illegal: exp_status must be 0, 1 or 2, "
                  "not '%s'", exp);
        return false;
    }
    q->exp_status = exp ? (int)st : -1;
    /* query_scm (SDK): checked, but the emulator has no certificates from SCM */
    return bool_param(ctx, "query_scm", &scm) && eps_param(ctx, true, &q->eps);
}

static bool list_match(const struct emu_cert *c, const struct waf_list_query *q, int64_t now_ms)
{
    return (!q->name || strstr(c->name, q->name)) &&
           (q->host < 0 || is_bound(c) == (q->host == 1)) &&
           (q->exp_status < 0 || exp_status(c, now_ms) == q->exp_status) &&
           eps_visible(c, q->eps);
}

/* Newest upload first, then by id (unconfirmed; any stable order pages well). */
static int newest_first(const void *a, const void *b)
{
    const struct emu_cert *x = *(const struct emu_cert *const *)a;
    const struct emu_cert *y = *(const struct emu_cert *const *)b;
    if (upload_ms(x) != upload_ms(y))
        return upload_ms(x) > upload_ms(y) ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* GET /v1/{project_id}/waf/certificate — {total, items}, no content or key. */
static void waf_list(struct emu_ctx *ctx)
{
    struct waf_list_query q;
    if (!list_query(ctx, &q))
        return;
    int64_t now = emu_now_ms();
    size_t n = ctx->store->count[EMU_WAF], m = 0;
    struct emu_cert **all = ctx->store->items[EMU_WAF];
    struct emu_cert **match = xcalloc(n ? n : 1, sizeof(*match));
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->project_id, ctx->project_id) == 0 && list_match(all[i], &q, now))
            match[m++] = all[i];
    qsort(match, m, sizeof(*match), newest_first);

    /* a page past the end is empty, with the total still given */
    size_t start = (size_t)(q.page - 1) * (size_t)q.pagesize;
    size_t end = start < m ? start + (size_t)q.pagesize : start;
    if (end > m)
        end = m;
    unsigned fields = WAF_F_STATUS | WAF_F_EPS | (q.host == 1 ? WAF_F_HOSTS : 0);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "total", (double)m);
    cJSON *items = cJSON_AddArrayToObject(o, "items");
    for (size_t i = start; i < end; i++)
        cJSON_AddItemToArray(items, waf_cert_json(match[i], fields, now));
    free(match);
    emu_resp_json(ctx->resp, 200, o);
}

static void waf_show(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1], *eps;
    if (!check_id(ctx, id) || !eps_param(ctx, true, &eps))
        return;
    struct emu_cert *c = find_own(ctx, id, eps);
    if (!c)
        return not_found(ctx, id);
    emu_resp_json(ctx->resp, 200,
                  waf_cert_json(c, WAF_F_PEM | WAF_F_STATUS | WAF_F_HOSTS, emu_now_ms()));
}

/* POST — the seed: body {name, content, key}; 200 with the seed's example shape
 * (id, name, content, key, timestamp, expire_time). */
static void waf_create(struct emu_ctx *ctx)
{
    const char *eps;
    bool verify = true; /* verify_cert_key (SDK only): default unconfirmed */
    if (!json_type_ok(ctx) || !eps_param(ctx, false, &eps) ||
        !bool_param(ctx, "verify_cert_key", &verify))
        return;
    cJSON *root = body_object(ctx);
    if (!root)
        return;
    const char *name, *content, *key;
    struct emu_decoded d;
    if (body_str(ctx, root, "name", true, &name) && body_str(ctx, root, "content", true, &content) &&
        body_str(ctx, root, "key", true, &key) && name_ok(ctx, name, WAF_NAME_MAX_CREATE) &&
        content_ok(ctx, content, key, verify, &d)) {
        struct emu_cert *c = emu_cert_new(EMU_WAF, ctx->project_id);
        emu_random_hex(c->id, WAF_ID_LEN);
        emu_cert_set_str(&c->name, name);
        emu_cert_set_pem(c, content, key, &d);
        emu_decoded_free(&d);
        set_extra(c, "enterprise_project_id", eps);
        emu_store_add(ctx->store, c);
        emu_store_changed(ctx->store);
        emu_resp_json(ctx->resp, 200, waf_cert_json(c, WAF_F_PEM, emu_now_ms()));
    }
    cJSON_Delete(root);
}

/* PUT — name always required (≤ 64); content and key only together; a bound
 * certificate keeps its content. 200 {id, name, timestamp, expire_time}. */
static void waf_update(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1], *eps;
    if (!check_id(ctx, id) || !json_type_ok(ctx) || !eps_param(ctx, false, &eps))
        return;
    cJSON *root = body_object(ctx);
    if (!root)
        return;
    const char *name, *content, *key;
    bool ok = body_str(ctx, root, "name", true, &name) &&
              body_str(ctx, root, "content", false, &content) &&
              body_str(ctx, root, "key", false, &key) && name_ok(ctx, name, WAF_NAME_MAX_UPDATE);
    if (ok && !content != !key) /* unconfirmed: Terraform always sends both */
        ok = (waf_error(ctx, 400, WAF_BAD_BODY, "request.body.illegal: 'content' and 'key' "
                        "go together"), false);
    struct emu_cert *c = ok ? find_own(ctx, id, eps) : NULL;
    if (ok && !c)
        ok = (not_found(ctx, id), false);
    if (ok && content && is_bound(c))
        ok = (waf_error(ctx, 400, WAF_IN_USE, "resource.is.being.used: certificate %s is used "
                        "by a protected domain; its content cannot change", id), false);
    struct emu_decoded d;
    if (ok && content) {
        ok = content_ok(ctx, content, key, true, &d);
        if (ok) {
            emu_cert_set_pem(c, content, key, &d);
            emu_decoded_free(&d);
            c->updated_ms = emu_now_ms(); /* a new upload: timestamp resets (unconfirmed) */
        }
    }
    if (ok) {
        emu_cert_set_str(&c->name, name);
        emu_store_changed(ctx->store);
        emu_resp_json(ctx->resp, 200, waf_cert_json(c, 0, 0));
    }
    cJSON_Delete(root);
}

/* DELETE — 200 with {id, name, timestamp, expire_time} of the deleted record. */
static void waf_delete(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1], *eps;
    if (!check_id(ctx, id) || !eps_param(ctx, false, &eps))
        return;
    struct emu_cert *c = find_own(ctx, id, eps);
    if (!c)
        return not_found(ctx, id);
    if (is_bound(c)) {
        waf_error(ctx, 400, WAF_IN_USE, "resource.is.being.used: certificate %s is used by a "
                  "protected domain; unbind it first", id);
        return;
    }
    cJSON *body = waf_cert_json(c, 0, 0); /* before the record is freed */
    emu_store_remove(ctx->store, EMU_WAF, id);
    emu_store_changed(ctx->store);
    emu_resp_json(ctx->resp, 200, body);
}

/* ---- seeding ---- */

/* Binds c to up to WAF_SEED_HOSTS_MAX of its own names, one dedicated ("premium")
 * and one cloud-mode domain, so the host filter and "in use" can be exercised. */
static void seed_bind_hosts(struct emu_cert *c)
{
    cJSON *hosts = cJSON_AddArrayToObject(c->extra, "bind_host");
    size_t count = c->d.dns_count < WAF_SEED_HOSTS_MAX ? c->d.dns_count : WAF_SEED_HOSTS_MAX;
    for (size_t k = 0; k < (count ? count : 1); k++) {
        const char *hostname = count ? c->d.dns[k]
                               : (c->d.common_name && *c->d.common_name ? c->d.common_name
                                                                         : "www.example.com");
        char host_id[WAF_ID_LEN + 1];
        emu_random_hex(host_id, WAF_ID_LEN);
        cJSON *h = cJSON_CreateObject();
        cJSON_AddStringToObject(h, "id", host_id);
        cJSON_AddStringToObject(h, "hostname", hostname);
        cJSON_AddStringToObject(h, "waf_type", k == 0 ? "premium" : "cloud");
        cJSON_AddItemToArray(hosts, h);
    }
}

static void waf_seed(struct emu_cert *c, size_t i)
{
    emu_random_hex(c->id, WAF_ID_LEN);
    set_extra(c, "enterprise_project_id", WAF_EPS_DEFAULT);
    if (i % WAF_SEED_BOUND_EVERY == 0)
        seed_bind_hosts(c);
}

static const struct emu_route waf_routes[] = {
    {"GET", "/v1/{project_id}/waf/certificate", "waf.list", waf_list},
    {"POST", "/v1/{project_id}/waf/certificate", "waf.create", waf_create},
    {"GET", "/v1/{project_id}/waf/certificate/{certificate_id}", "waf.show", waf_show},
    {"PUT", "/v1/{project_id}/waf/certificate/{certificate_id}", "waf.update", waf_update},
    {"DELETE", "/v1/{project_id}/waf/certificate/{certificate_id}", "waf.delete", waf_delete},
    {NULL, NULL, NULL, NULL},
};

const struct emu_service emu_service_waf = {
    .svc = EMU_WAF,
    .title = "WAF",
    .base_path = "/v1/{project_id}/waf/certificate",
    .routes = waf_routes,
    .unauth_status = 401,
    .unauth_code = "APIGW.0301",
    .forbidden_status = 400, /* WAF answers 400 invalid.project, not 403 */
    .forbidden_code = "WAF.00012002",
    .seed = waf_seed,
};

/* call.c — what every adapter does around a request: URL, headers, auth,
 * one token renewal on 401, and turning error answers into cd_error. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/session.h"
#include "../core/json-arena.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "service.h"

static void prepare(struct svc_ctx *ctx, struct http_request *req, const char *method,
                    const char *path, const struct strlist *extra, const char *body)
{
    char *url = xasprintf("%s%s", ctx->base_url, path);
    http_request_init(req, method, url);
    free(url);
    if (body) {
        req->body = body;
        req->body_len = strlen(body);
    }
    http_request_header(req, "Content-Type", "application/json;charset=UTF-8");
    http_request_header(req, "Accept", "application/json");
    for (size_t i = 0; extra && i < extra->count; i++)
        strlist_push(&req->headers, extra->items[i]);
    req->prepare = auth_prepare;
    req->prepare_ud = ctx->auth;
}

/* error_code/error_msg at the top, or {"error":{"code","message"}} (IAM,
 * gateways); the strings live in the tree returned (free it with cJSON_Delete). */
static cJSON *error_fields(const struct http_response *resp, const char **code, const char **msg)
{
    cJSON *j = cJSON_ParseWithLength(resp->body.data ? resp->body.data : "", resp->body.len);
    const cJSON *nested = cJSON_GetObjectItemCaseSensitive(j, "error");
    *code = svc_str(j, "error_code");
    *msg = svc_str(j, "error_msg");
    if (!**code && cJSON_IsObject(nested)) {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(nested, "code");
        *code = cJSON_IsString(c) ? c->valuestring : "";
        *msg = svc_str(nested, "message");
    }
    return j;
}

void svc_record_detail_error(struct cert_record *r, const struct http_response *resp,
                             const struct cd_error *fallback)
{
    if (resp->status == 0) {
        const char *why = *resp->err.message ? resp->err.message : fallback->message;
        record_set_detail_error(r, 0, "", *why ? why : "no answer");
        return;
    }
    const char *code, *msg;
    cJSON *j = error_fields(resp, &code, &msg);
    if (resp->status >= 200 && resp->status < 300)
        msg = "the answer is not a JSON object";
    record_set_detail_error(r, (int)resp->status, code, *msg ? msg : "(no message)");
    cJSON_Delete(j);
}

static void api_error(struct svc_ctx *ctx, const char *method, const char *path,
                      const struct http_response *resp)
{
    const char *code, *msg;
    cJSON *j = error_fields(resp, &code, &msg);
    struct cd_error *err = ctx->err;
    cd_status st = resp->status == 404 ? CD_ERR_NOT_FOUND
                   : resp->status == 401 || resp->status == 403 ? CD_ERR_AUTH : CD_ERR_API;
    const char *sid = services[ctx->service]->id;
    if (*code || *msg)
        cd_error_set(err, st, "%s: HTTP %ld %s: %s", sid, resp->status, *code ? code : "-",
                     *msg ? msg : "(no message)");
    else
        cd_error_set(err, st, "%s: HTTP %ld from %s %s (no error body)", sid, resp->status, method,
                     path);
    err->http_status = (int)resp->status;
    snprintf(err->service, sizeof(err->service), "%s", sid);
    snprintf(err->api_code, sizeof(err->api_code), "%s", code);
    cJSON_Delete(j);
}

/* The API pages: "32 chars, digits + lowercase letters". Checked before it goes
 * into a path, where "../x" would name another resource. */
static cd_status check_project_id(struct svc_ctx *ctx)
{
    const char *p = ctx->project_id ? ctx->project_id : "";
    size_t n = strspn(p, "0123456789abcdefghijklmnopqrstuvwxyz");
    if (n == 32 && !p[n])
        return CD_OK;
    return cd_error_set(ctx->err, CD_ERR_CONFIG, "%s: the project id \"%.64s\" is not a project "
                        "id (32 lower-case letters and digits); check project_id in the profile",
                        services[ctx->service]->id, p);
}

cd_status svc_check_id(struct svc_ctx *ctx, const char *id)
{
    const char *sid = services[ctx->service]->id;
    if (!id || !*id)
        return cd_error_set(ctx->err, CD_ERR_INVALID, "%s: the certificate id is empty", sid);
    if (strcmp(id, ".") == 0 || strcmp(id, "..") == 0)
        return cd_error_set(ctx->err, CD_ERR_INVALID, "%s: \"%s\" is not a certificate id", sid, id);
    if (strlen(id) > SVC_ID_MAX)
        return cd_error_set(ctx->err, CD_ERR_INVALID, "%s: the certificate id is %zu characters "
                            "long; ids are at most %d", sid, strlen(id), SVC_ID_MAX);
    bool control = false, separator = false;
    for (const char *c = id; *c; c++) {
        control |= (unsigned char)*c < 0x20 || *c == 0x7f;
        separator |= *c == '/' || *c == '\\' || *c == ' ';
    }
    if (control)
        return cd_error_set(ctx->err, CD_ERR_INVALID, "%s: the certificate id holds control "
                            "characters", sid);
    if (separator)
        return cd_error_set(ctx->err, CD_ERR_INVALID, "%s: \"%s\" is not a certificate id "
                            "(no '/', '\\' or spaces)", sid, id);
    return CD_OK;
}

cd_status svc_request(struct svc_ctx *ctx, const char *method, const char *path,
                      const struct strlist *extra_headers, const char *body,
                      struct http_response *resp)
{
    memset(resp, 0, sizeof(*resp)); /* callers free it whatever happens */
    if (check_project_id(ctx) != CD_OK)
        return ctx->err->code;
    cd_status rc = auth_ensure_fresh(ctx->auth, ctx->err);
    if (rc != CD_OK)
        return rc;
    for (int round = 0; round < 2; round++) {
        struct http_request req;
        prepare(ctx, &req, method, path, extra_headers, body);
        rc = http_perform(ctx->http, &req, resp, ctx->err);
        http_request_free(&req);
        if (rc != CD_OK)
            return rc;
        if (resp->status >= 200 && resp->status < 300)
            return CD_OK;
        /* a refused token is renewed once, then the call is tried again */
        if (resp->status == 401 && round == 0 && auth_renew(ctx->auth, ctx->err)) {
            http_response_free(resp);
            continue;
        }
        break;
    }
    api_error(ctx, method, path, resp);
    return ctx->err->code;
}

cd_status svc_get_many(struct svc_ctx *ctx, char **paths, size_t n,
                       const struct strlist *extra_headers, struct http_response *resps)
{
    memset(resps, 0, n * sizeof(*resps));
    if (check_project_id(ctx) != CD_OK)
        return ctx->err->code;
    cd_status rc = auth_ensure_fresh(ctx->auth, ctx->err);
    if (rc != CD_OK)
        return rc;
    struct http_request *reqs = xcalloc(n ? n : 1, sizeof(*reqs));
    for (size_t i = 0; i < n; i++)
        prepare(ctx, &reqs[i], "GET", paths[i], extra_headers, NULL);
    http_perform_many(ctx->http, reqs, resps, n);
    for (size_t i = 0; i < n && rc == CD_OK; i++) {
        if (resps[i].status == 0) {
            *ctx->err = resps[i].err;
            rc = resps[i].err.code ? resps[i].err.code : CD_ERR_HTTP;
        } else if (resps[i].status == 401 && auth_renew(ctx->auth, ctx->err)) {
            /* the token was refused mid-way: fetch this one again with the new one */
            http_response_free(&resps[i]);
            rc = svc_request(ctx, "GET", paths[i], extra_headers, NULL, &resps[i]);
        } else if (resps[i].status < 200 || resps[i].status >= 300) {
            api_error(ctx, "GET", paths[i], &resps[i]);
            rc = ctx->err->code;
        }
    }
    for (size_t i = 0; i < n; i++)
        http_request_free(&reqs[i]);
    free(reqs);
    return rc;
}

cd_status svc_call_one(struct svc_ctx *ctx, const char *method, const char *path, const char *body,
                       const char *wrapper, struct cert_record *out)
{
    struct http_response resp;
    cd_status rc = svc_request(ctx, method, path, NULL, body, &resp);
    if (rc == CD_OK && out) {
        cJSON *j = svc_json(ctx, &resp);
        cJSON *item = wrapper ? cJSON_GetObjectItemCaseSensitive(j, wrapper) : j;
        if (!j) {
            rc = ctx->err->code;
        } else if (!cJSON_IsObject(item)) {
            rc = wrapper ? cd_error_set(ctx->err, CD_ERR_API, "%s: the answer has no \"%s\" object",
                                        services[ctx->service]->id, wrapper)
                         : cd_error_set(ctx->err, CD_ERR_API, "%s: the answer is not a JSON object",
                                        services[ctx->service]->id);
        } else {
            record_init(out, ctx->service);
            services[ctx->service]->map(item, out);
            rc = svc_check_created(ctx, method, out);
        }
        json_tree_free(j);
    }
    http_response_free(&resp);
    return rc;
}

cd_status svc_check_created(struct svc_ctx *ctx, const char *method, struct cert_record *out)
{
    if (strcmp(method, "POST") != 0 || (out->id && *out->id))
        return CD_OK;
    record_free(out);
    return cd_error_set(ctx->err, CD_ERR_API, "%s: the service answered the upload without a "
                        "certificate id; list the certificates to see whether it was created",
                        services[ctx->service]->id);
}

cJSON *svc_json(struct svc_ctx *ctx, struct http_response *resp)
{
    cJSON *j = json_tree_parse_buf(&resp->body);
    if (!j)
        cd_error_set(ctx->err, CD_ERR_API, "%s: the answer (HTTP %ld) is not JSON",
                     services[ctx->service]->id, resp->status);
    return j;
}

static bool named(const cJSON *m, const char *name)
{
    return m->string && m->string[0] == name[0] && strcmp(m->string, name) == 0;
}

void svc_wipe_members(cJSON *obj, const char *const *names)
{
    cJSON *m = obj ? obj->child : NULL;
    while (m) {
        cJSON *next = m->next;
        for (const char *const *n = names; *n; n++)
            if (named(m, *n)) {
                if (cJSON_IsString(m) && m->valuestring)
                    wipe(m->valuestring, strlen(m->valuestring));
                cJSON_Delete(cJSON_DetachItemViaPointer(obj, m));
                break;
            }
        m = next;
    }
}

void svc_wipe_member(cJSON *obj, const char *name)
{
    const char *names[] = {name, NULL};
    svc_wipe_members(obj, names);
}

const char *svc_text(const cJSON *v)
{
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

const char *svc_str(const cJSON *obj, const char *name)
{
    return svc_text(obj ? cJSON_GetObjectItemCaseSensitive(obj, name) : NULL);
}

bool svc_name_chars(const char *name, const char *others, char *why, size_t why_size)
{
    for (const char *p = name; *p; p++) {
        if (isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
            continue;
        if (strchr(others, *p))
            continue;
        /* "only letters, digits, '.', '_' and '-' are allowed ('!' is not)" */
        struct buf allowed = {0};
        buf_append_str(&allowed, *others ? "letters, digits" : "letters and digits");
        for (const char *o = others; *o; o++)
            buf_printf(&allowed, "%s'%c'", o[1] ? ", " : " and ", *o);
        snprintf(why, why_size, "only %s are allowed ('%c' is not)", allowed.data, *p);
        buf_free(&allowed);
        return false;
    }
    return true;
}

void svc_members(const cJSON *obj, const char *const *names, size_t n, const cJSON **found)
{
    /* names by the low bits of their first byte: a member is compared with
     * the one or two names it may be, not with all of them */
    uint64_t by_first[16] = {0};
    for (size_t i = 0; i < n; i++) {
        found[i] = NULL;
        by_first[(unsigned char)names[i][0] & 15] |= (uint64_t)1 << i;
    }
    const cJSON *m;
    cJSON_ArrayForEach(m, obj) {
        if (!m->string)
            continue;
        /* only the first member of a name counts, as in svc_str: a name
         * found leaves the table */
        uint64_t *slot = &by_first[(unsigned char)m->string[0] & 15];
        for (uint64_t maybe = *slot; maybe; maybe &= maybe - 1) {
            int i = __builtin_ctzll(maybe);
            if (named(m, names[i])) {
                found[i] = m;
                *slot &= ~((uint64_t)1 << i);
                break;
            }
        }
    }
}


const char *svc_enterprise_project(const struct svc_ctx *ctx, bool all_ok)
{
    const char *ep = ctx->enterprise_project_id;
    if (!ep || !*ep || (!all_ok && strcmp(ep, SVC_ALL_PROJECTS) == 0))
        return NULL;
    return ep;
}

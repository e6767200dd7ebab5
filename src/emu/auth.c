/* auth.c — IAM password tokens, the IAM project list, and the API gateway's
 * checks: X-Auth-Token or an SDK-HMAC-SHA256 signature (api/auth.md), each
 * bound to one project (the project list takes any valid credentials). */
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/sign.h"
#include "../core/timeutil.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "emu-internal.h"

#define GATEWAY_MSG "Incorrect IAM authentication information: "
#define TOKEN_RANDOM_BYTES 96 /* real tokens are several KB; ours are long enough to not fit a small buffer */

void emu_tokens_init(struct emu_tokens *t)
{
    memset(t, 0, sizeof(*t));
    pthread_mutex_init(&t->lock, NULL);
}

void emu_tokens_free(struct emu_tokens *t)
{
    for (size_t i = 0; i < t->count; i++)
        wipe_free_str(t->items[i].value);
    free(t->items);
    pthread_mutex_destroy(&t->lock);
}

static char *new_token_value(void)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned char raw[TOKEN_RANDOM_BYTES];
    RAND_bytes(raw, sizeof(raw));
    char *v = xmalloc(4 + sizeof(raw) * 2 + 1);
    memcpy(v, "MIIE", 4);
    for (size_t i = 0; i < sizeof(raw); i++) {
        v[4 + 2 * i] = alphabet[raw[i] & 63];
        v[5 + 2 * i] = alphabet[(raw[i] >> 2) & 63];
    }
    v[4 + sizeof(raw) * 2] = '\0';
    wipe(raw, sizeof(raw));
    return v;
}

static void iam_error(struct emu_resp *resp, int status, const char *title, const char *msg)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *e = cJSON_AddObjectToObject(o, "error");
    cJSON_AddNumberToObject(e, "code", status);
    cJSON_AddStringToObject(e, "message", msg);
    cJSON_AddStringToObject(e, "title", title);
    emu_resp_json(resp, status, o);
}

static const cJSON *path_get(const cJSON *o, const char *const *names)
{
    for (; *names && o; names++)
        o = cJSON_GetObjectItemCaseSensitive(o, *names);
    return o;
}

static const char *path_str(const cJSON *o, const char *const *names)
{
    const cJSON *v = path_get(o, names);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const struct emu_project *find_project(const struct emu_config *cfg, const char *id,
                                              const char *name)
{
    for (size_t i = 0; i < cfg->project_count; i++)
        if ((id && strcmp(cfg->projects[i].id, id) == 0) ||
            (name && strcmp(cfg->projects[i].name, name) == 0))
            return &cfg->projects[i];
    return NULL;
}

static void add_named(cJSON *parent, const char *key, const char *id, const char *name)
{
    cJSON *o = cJSON_AddObjectToObject(parent, key);
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddStringToObject(o, "name", name);
}

static void iso_micro(int64_t t, char out[32])
{
    char base[21];
    emu_iso_time(t, base);
    snprintf(out, 32, "%.19s.000000Z", base);
}

static cJSON *token_body(const struct emu_user *u, const struct emu_project *p, int64_t issued,
                         int64_t expires, bool catalog)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *t = cJSON_AddObjectToObject(o, "token");
    cJSON *methods = cJSON_AddArrayToObject(t, "methods");
    cJSON_AddItemToArray(methods, cJSON_CreateString("password"));
    char when[32];
    iso_micro(expires, when);
    cJSON_AddStringToObject(t, "expires_at", when);
    iso_micro(issued, when);
    cJSON_AddStringToObject(t, "issued_at", when);
    cJSON *user = cJSON_AddObjectToObject(t, "user");
    cJSON_AddStringToObject(user, "id", "0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f6");
    cJSON_AddStringToObject(user, "name", u->name);
    add_named(user, "domain", "1a2b3c4d5e6f708192a3b4c5d6e7f809", u->domain);
    cJSON_AddNullToObject(user, "password_expires_at");
    if (p) {
        cJSON *proj = cJSON_AddObjectToObject(t, "project");
        cJSON_AddStringToObject(proj, "id", p->id);
        cJSON_AddStringToObject(proj, "name", p->name);
        add_named(proj, "domain", "1a2b3c4d5e6f708192a3b4c5d6e7f809", u->domain);
    } else {
        add_named(t, "domain", "1a2b3c4d5e6f708192a3b4c5d6e7f809", u->domain);
    }
    cJSON *roles = cJSON_AddArrayToObject(t, "roles");
    cJSON *role = cJSON_CreateObject();
    cJSON_AddStringToObject(role, "id", "0");
    cJSON_AddStringToObject(role, "name", "te_admin");
    cJSON_AddItemToArray(roles, role);
    if (catalog)
        cJSON_AddArrayToObject(t, "catalog");
    return o;
}

void emu_iam_tokens(struct emu *emu, const struct emu_req *req, struct emu_resp *resp)
{
    const struct emu_config *cfg = emu->cfg;
    cJSON *body = req->body_len ? cJSON_ParseWithLength(req->body, req->body_len) : NULL;
    static const char *const user_name[] = {"auth", "identity", "password", "user", "name", NULL};
    static const char *const user_pass[] = {"auth", "identity", "password", "user", "password", NULL};
    static const char *const user_domain[] = {"auth", "identity", "password", "user", "domain", "name", NULL};
    static const char *const methods_p[] = {"auth", "identity", "methods", NULL};
    static const char *const proj_id[] = {"auth", "scope", "project", "id", NULL};
    static const char *const proj_name[] = {"auth", "scope", "project", "name", NULL};
    const char *name = path_str(body, user_name), *pass = path_str(body, user_pass),
               *domain = path_str(body, user_domain);
    const cJSON *methods = path_get(body, methods_p);
    if (!body || !name || !pass || !domain || !cJSON_IsArray(methods)) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "error_msg", "The request body is invalid: auth.identity."
                                "password.user needs name, password and domain.name.");
        cJSON_AddStringToObject(o, "error_code", "IAM.0007");
        emu_resp_json(resp, 400, o);
        cJSON_Delete(body);
        return;
    }
    const struct emu_user *user = NULL;
    for (size_t i = 0; i < cfg->user_count && !user; i++) {
        const struct emu_user *u = &cfg->users[i];
        /* compare the password in constant time, like any credential check */
        bool pass_ok = strlen(u->password) == strlen(pass) &&
                       CRYPTO_memcmp(u->password, pass, strlen(pass)) == 0;
        if (strcmp(u->name, name) == 0 && strcmp(u->domain, domain) == 0 && pass_ok)
            user = u;
    }
    if (!user) {
        iam_error(resp, 401, "Unauthorized", "The username or password is wrong.");
        cJSON_Delete(body);
        return;
    }
    const char *pid = path_str(body, proj_id), *pname = path_str(body, proj_name);
    const struct emu_project *project = NULL;
    if (pid || pname) {
        project = find_project(cfg, pid, pname);
        if (!project) {
            iam_error(resp, 401, "Unauthorized", "The request you have made requires "
                      "authentication: unknown project in scope.");
            cJSON_Delete(body);
            return;
        }
    }
    int64_t now = cd_wall_clock();
    struct emu_token tok = {new_token_value(), "", user, now + cfg->token_ttl};
    if (project)
        snprintf(tok.project_id, sizeof(tok.project_id), "%s", project->id);
    pthread_mutex_lock(&emu->tokens.lock);
    emu->tokens.items = xreallocarray(emu->tokens.items, emu->tokens.count + 1, sizeof(tok));
    emu->tokens.items[emu->tokens.count++] = tok;
    pthread_mutex_unlock(&emu->tokens.lock);
    const char *nocat = emu_query(req, "nocatalog");
    emu_resp_json(resp, 201, token_body(user, project, now, tok.expires, !(nocat && *nocat)));
    emu_resp_header(resp, "X-Subject-Token", tok.value);
    cJSON_Delete(body);
}

/* ---- service calls ---- */

static bool refuse(const struct emu_service *svc, struct emu_resp *resp, const char *why)
{
    emu_resp_error(resp, svc->unauth_status, svc->unauth_code, GATEWAY_MSG "%s", why);
    return false;
}

static bool wrong_project(const struct emu_service *svc, struct emu_resp *resp,
                          const char *project_id)
{
    emu_resp_error(resp, svc->forbidden_status, svc->forbidden_code,
                   "The credentials are not valid for project %s.", project_id);
    return false;
}

static bool check_token(struct emu *emu, const struct emu_service *svc, const char *value,
                        const char *project_id, struct emu_resp *resp)
{
    int64_t now = cd_wall_clock();
    bool found = false, expired = false;
    char scope[40] = "";
    pthread_mutex_lock(&emu->tokens.lock);
    for (size_t i = 0; i < emu->tokens.count && !found; i++) {
        const struct emu_token *t = &emu->tokens.items[i];
        if (strcmp(t->value, value) == 0) {
            found = true;
            expired = t->expires <= now;
            snprintf(scope, sizeof(scope), "%s", t->project_id);
        }
    }
    pthread_mutex_unlock(&emu->tokens.lock);
    if (!found)
        return refuse(svc, resp, "decrypt token fail");
    if (expired)
        return refuse(svc, resp, "token expired");
    if (project_id && strcmp(scope, project_id) != 0)
        return wrong_project(svc, resp, project_id);
    return true;
}

static bool check_signature(struct emu *emu, const struct emu_service *svc,
                            const struct emu_req *req, const char *authorization,
                            const char *project_id, struct emu_resp *resp)
{
    struct sign_auth a;
    if (!sign_parse_authorization(authorization, &a))
        return refuse(svc, resp, "the Authorization header is not SDK-HMAC-SHA256 "
                      "Access=…, SignedHeaders=…, Signature=…");
    const struct emu_aksk *key = NULL;
    for (size_t i = 0; i < emu->cfg->aksk_count && !key; i++)
        if (strcmp(emu->cfg->aksk[i].ak, a.access) == 0)
            key = &emu->cfg->aksk[i];
    if (!key) {
        char why[200];
        snprintf(why, sizeof(why), "ak %s not exist", a.access);
        return refuse(svc, resp, why);
    }
    const char *date = emu_header(req, SIGN_DATE_HEADER);
    int64_t when;
    if (!date || !sign_parse_date(date, &when) || when < cd_wall_clock() - SIGN_MAX_SKEW_SECONDS ||
        when > cd_wall_clock() + SIGN_MAX_SKEW_SECONDS)
        return refuse(svc, resp, "calc ak sk signature fail:signature expired");
    bool date_signed = false;
    for (const char *p = a.signed_headers; *p;) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        date_signed |= len == 10 && strncmp(p, "x-sdk-date", 10) == 0;
        p += len + (semi ? 1 : 0);
    }
    if (!date_signed)
        return refuse(svc, resp, "verify aksk signature fail: x-sdk-date is not signed");
    struct sign_header *hs = xcalloc(req->header_count ? req->header_count : 1, sizeof(*hs));
    for (size_t i = 0; i < req->header_count; i++)
        hs[i] = (struct sign_header){req->headers[i].name, req->headers[i].value};
    struct sign_request sr = {req->method, req->raw_path, req->raw_query, hs, req->header_count,
                              a.signed_headers, req->body, req->body_len};
    char *cr = sign_canonical_request(&sr);
    free(hs);
    if (!cr)
        return refuse(svc, resp, "verify aksk signature fail: a signed header is missing");
    char want[65];
    sign_signature(key->sk, strlen(key->sk), date, cr, want);
    free(cr);
    if (strlen(a.signature) != 64 || CRYPTO_memcmp(want, a.signature, 64) != 0)
        return refuse(svc, resp, "verify aksk signature fail");
    const char *hdr_project = emu_header(req, "X-Project-Id");
    if (!project_id) /* IAM calls: any project of the account */
        return true;
    if (strcmp(key->project_id, project_id) != 0 || (hdr_project && strcmp(hdr_project, project_id) != 0))
        return wrong_project(svc, resp, project_id);
    return true;
}

bool emu_auth_check(struct emu *emu, const struct emu_service *svc, const struct emu_req *req,
                    const char *project_id, struct emu_resp *resp)
{
    const char *token = emu_header(req, "X-Auth-Token");
    if (token && *token)
        return check_token(emu, svc, token, project_id, resp);
    const char *authorization = emu_header(req, "Authorization");
    if (authorization && *authorization)
        return check_signature(emu, svc, req, authorization, project_id, resp);
    emu_resp_error(resp, svc->unauth_status, svc->missing_code ? svc->missing_code : svc->unauth_code,
                   GATEWAY_MSG "no X-Auth-Token and no Authorization header");
    return false;
}

/* ---- GET /v3/projects ---- */

/* How the gateway in front of IAM refuses credentials (auth.md §2.7). */
static const struct emu_service iam_gateway = {
    .title = "IAM",
    .unauth_status = 401,
    .unauth_code = "APIGW.0301",
    .forbidden_status = 403,
    .forbidden_code = "IAM.0002",
};

static cJSON *project_json(const struct emu *emu, const struct emu_project *p)
{
    static const char domain_id[] = "1a2b3c4d5e6f708192a3b4c5d6e7f809";
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", p->id);
    cJSON_AddStringToObject(o, "name", p->name);
    cJSON_AddStringToObject(o, "domain_id", domain_id);
    cJSON_AddStringToObject(o, "parent_id", domain_id);
    cJSON_AddStringToObject(o, "description", "");
    cJSON_AddBoolToObject(o, "enabled", true);
    cJSON_AddBoolToObject(o, "is_domain", false);
    char *self = xasprintf("%s/v3/projects/%s", emu->base_url, p->id);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "links"), "self", self);
    free(self);
    return o;
}

void emu_iam_projects(struct emu *emu, const struct emu_req *req, struct emu_resp *resp)
{
    const char *token = emu_header(req, "X-Auth-Token");
    const char *authorization = emu_header(req, "Authorization");
    bool ok;
    if (token && *token)
        ok = check_token(emu, &iam_gateway, token, NULL, resp);
    else if (authorization && *authorization)
        ok = check_signature(emu, &iam_gateway, req, authorization, NULL, resp);
    else
        ok = refuse(&iam_gateway, resp, "no X-Auth-Token and no Authorization header");
    if (!ok)
        return;
    const char *name = emu_query(req, "name");
    cJSON *o = cJSON_CreateObject();
    cJSON *links = cJSON_AddObjectToObject(o, "links");
    char *self = xasprintf("%s/v3/projects%s%s", emu->base_url, name ? "?name=" : "", name ? name : "");
    cJSON_AddStringToObject(links, "self", self);
    free(self);
    cJSON_AddNullToObject(links, "previous");
    cJSON_AddNullToObject(links, "next");
    cJSON *list = cJSON_AddArrayToObject(o, "projects");
    for (size_t i = 0; i < emu->cfg->project_count; i++)
        if (!name || strcmp(emu->cfg->projects[i].name, name) == 0)
            cJSON_AddItemToArray(list, project_json(emu, &emu->cfg->projects[i]));
    emu_resp_json(resp, 200, o);
}

/* session.c — applies a token or an AK/SK signature to requests; IAM login. */
#include "session.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "sign.h"

struct auth_session {
    enum auth_method method;
    char *token;                 /* sodium_malloc */
    int64_t expires;
    char *ak;
    char *sk;                    /* sodium_malloc */
    char *security_token;        /* sodium_malloc or NULL */
    char *project_id;
    auth_renew_fn renew;
    void *renew_ud;
    bool renewed;
    /* The background fetcher's threads share one session: the token is read
     * and replaced under this lock. */
    pthread_mutex_t lock;
};

static char *secret_dup(const char *s)
{
    if (!s)
        return NULL;
    if (sodium_init() < 0)
        abort();
    size_t n = strlen(s) + 1;
    char *p = sodium_malloc(n);
    if (!p)
        abort();
    memcpy(p, s, n);
    return p;
}

struct auth_session *auth_session_token(const char *token, int64_t expires, const char *project_id)
{
    struct auth_session *s = xcalloc(1, sizeof(*s));
    s->method = AUTH_TOKEN;
    pthread_mutex_init(&s->lock, NULL);
    s->token = secret_dup(token);
    s->expires = expires;
    s->project_id = xstrdup(project_id ? project_id : "");
    return s;
}

struct auth_session *auth_session_aksk(const char *ak, const char *sk, const char *project_id,
                                       const char *security_token)
{
    struct auth_session *s = xcalloc(1, sizeof(*s));
    s->method = AUTH_AKSK;
    pthread_mutex_init(&s->lock, NULL);
    s->ak = xstrdup(ak);
    s->sk = secret_dup(sk);
    s->security_token = secret_dup(security_token);
    s->project_id = xstrdup(project_id ? project_id : "");
    return s;
}

void auth_session_free(struct auth_session *s)
{
    if (!s)
        return;
    sodium_free(s->token);
    sodium_free(s->sk);
    sodium_free(s->security_token);
    free(s->ak);
    free(s->project_id);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

enum auth_method auth_session_method(const struct auth_session *s) { return s->method; }
int64_t auth_token_expires(const struct auth_session *s) { return s->expires; }

void auth_session_set_renew(struct auth_session *s, auth_renew_fn fn, void *ud)
{
    s->renew = fn;
    s->renew_ud = ud;
}

bool auth_renew(struct auth_session *s, struct cd_error *err)
{
    if (s->method != AUTH_TOKEN || !s->renew)
        return false;
    pthread_mutex_lock(&s->lock);
    bool ok = false;
    if (!s->renewed) {
        s->renewed = true; /* once: a refused fresh token must not loop */
        char *token = NULL;
        int64_t expires = 0;
        if (s->renew(s->renew_ud, &token, &expires, err) == CD_OK) {
            sodium_free(s->token);
            s->token = secret_dup(token);
            s->expires = expires;
            wipe_free_str(token);
            ok = true;
        }
    }
    pthread_mutex_unlock(&s->lock);
    return ok;
}

cd_status auth_ensure_fresh(struct auth_session *s, struct cd_error *err)
{
    if (s->method != AUTH_TOKEN || !s->expires)
        return CD_OK;
    if (s->expires - cd_wall_clock() > AUTH_RENEW_BEFORE_SECONDS)
        return CD_OK;
    if (auth_renew(s, err))
        return CD_OK;
    if (s->expires <= cd_wall_clock())
        return cd_error_set(err, CD_ERR_AUTH, "the token expired; run 'certdeck login' again");
    return CD_OK; /* nearly expired but still valid: use it */
}

/* Splits "https://host:port/path?query" into path and query (new strings). */
static void url_parts(const char *url, char **path, char **query)
{
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    if (!p)
        p = "/";
    const char *q = strchr(p, '?');
    *path = q ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
    *query = q ? xstrdup(q + 1) : NULL;
}

static cd_status sign_request(struct auth_session *s, struct http_request *req, struct cd_error *err)
{
    char date[17];
    sign_format_date(cd_wall_clock(), date);
    struct sign_header hs[3] = {{"X-Sdk-Date", date}, {"X-Project-Id", s->project_id},
                                {"X-Security-Token", s->security_token}};
    size_t nh = s->security_token ? 3 : 2;
    if (!*s->project_id) { /* global credentials: nothing to scope to */
        hs[1] = hs[2];
        nh--;
    }
    char *path, *query;
    url_parts(req->url, &path, &query);
    struct sign_request sr = {req->method, path, query, hs, nh, NULL, req->body, req->body_len};
    char *cr = sign_canonical_request(&sr);
    char *list = sign_header_list(hs, nh);
    free(path);
    free(query);
    if (!cr) {
        free(list);
        return cd_error_set(err, CD_ERR_INTERNAL, "cannot build the canonical request");
    }
    char sig[65];
    sign_signature(s->sk, strlen(s->sk), date, cr, sig);
    free(cr);
    for (size_t i = 0; i < nh; i++)
        strlist_push_owned(&req->auth_headers, xasprintf("%s: %s", hs[i].name, hs[i].value));
    strlist_push_owned(&req->auth_headers,
                       xasprintf("Authorization: %s Access=%s, SignedHeaders=%s, Signature=%s",
                                 SIGN_ALGORITHM, s->ak, list, sig));
    free(list);
    return CD_OK;
}

cd_status auth_prepare(void *ud, struct http_request *req, struct cd_error *err)
{
    struct auth_session *s = ud;
    if (s->method == AUTH_AKSK)
        return sign_request(s, req, err);
    pthread_mutex_lock(&s->lock);
    strlist_push_owned(&req->auth_headers, xasprintf("X-Auth-Token: %s", s->token));
    pthread_mutex_unlock(&s->lock);
    return CD_OK;
}

/* ---- IAM ---- */

static char *login_body(const struct iam_login *in)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *auth = cJSON_AddObjectToObject(root, "auth");
    cJSON *identity = cJSON_AddObjectToObject(auth, "identity");
    cJSON *methods = cJSON_AddArrayToObject(identity, "methods");
    cJSON_AddItemToArray(methods, cJSON_CreateString("password"));
    cJSON *user = cJSON_AddObjectToObject(cJSON_AddObjectToObject(identity, "password"), "user");
    cJSON_AddStringToObject(user, "name", in->user);
    cJSON_AddStringToObject(user, "password", in->password);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(user, "domain"), "name", in->domain);
    cJSON *project = cJSON_AddObjectToObject(cJSON_AddObjectToObject(auth, "scope"), "project");
    if (in->project_id && *in->project_id)
        cJSON_AddStringToObject(project, "id", in->project_id);
    else
        cJSON_AddStringToObject(project, "name", in->project_name);
    char *text = cJSON_PrintUnformatted(root);
    cJSON *pw = cJSON_GetObjectItemCaseSensitive(user, "password");
    sodium_memzero(pw->valuestring, strlen(pw->valuestring));
    cJSON_Delete(root);
    return text;
}

/* "Unauthorized: The username or password is wrong." from either IAM error shape. */
static void iam_error(const struct http_response *resp, struct cd_error *err)
{
    cJSON *j = cJSON_ParseWithLength(resp->body.data ? resp->body.data : "", resp->body.len);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
    const cJSON *msg = e ? cJSON_GetObjectItemCaseSensitive(e, "message")
                         : cJSON_GetObjectItemCaseSensitive(j, "error_msg");
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(j, "error_code");
    cd_error_set(err, resp->status == 401 ? CD_ERR_AUTH : CD_ERR_API, "IAM login refused (HTTP %ld%s%s): %s",
                 resp->status, cJSON_IsString(code) ? ", " : "",
                 cJSON_IsString(code) ? code->valuestring : "",
                 cJSON_IsString(msg) ? msg->valuestring : "no message");
    err->http_status = (int)resp->status;
    snprintf(err->service, sizeof(err->service), "iam");
    if (cJSON_IsString(code))
        snprintf(err->api_code, sizeof(err->api_code), "%s", code->valuestring);
    cJSON_Delete(j);
}

cd_status iam_password_login(struct http_client *http, const struct iam_login *in, char **token,
                             int64_t *expires, char **project_id, struct cd_error *err)
{
    char *url = xasprintf("%s/v3/auth/tokens?nocatalog=true", in->iam_url);
    struct http_request req;
    http_request_init(&req, "POST", url);
    free(url);
    req.idempotent = false;
    http_request_header(&req, "Content-Type", "application/json;charset=utf8");
    char *body = login_body(in);
    req.body = body;
    req.body_len = strlen(body);
    struct http_response resp;
    cd_status rc = http_perform(http, &req, &resp, err);
    sodium_memzero(body, strlen(body));
    free(body);
    http_request_free(&req);
    if (rc != CD_OK) {
        http_response_free(&resp);
        return rc;
    }
    if (resp.status != 201 && resp.status != 200) {
        iam_error(&resp, err);
        http_response_free(&resp);
        return err->code;
    }
    const char *t = http_response_header(&resp, "X-Subject-Token");
    cJSON *j = cJSON_ParseWithLength(resp.body.data ? resp.body.data : "", resp.body.len);
    const cJSON *tok = cJSON_GetObjectItemCaseSensitive(j, "token");
    const cJSON *exp = cJSON_GetObjectItemCaseSensitive(tok, "expires_at");
    const cJSON *proj = cJSON_GetObjectItemCaseSensitive(tok, "project");
    const cJSON *pid = cJSON_GetObjectItemCaseSensitive(proj, "id");
    if (!t || !*t || !cJSON_IsString(exp) || !time_parse_iso(exp->valuestring, expires)) {
        rc = cd_error_set(err, CD_ERR_AUTH, "IAM answered without a token or its expiry");
    } else {
        *token = xstrdup(t);
        *project_id = xstrdup(cJSON_IsString(pid) ? pid->valuestring : "");
    }
    cJSON_Delete(j);
    /* the response headers held the token: wipe them before freeing */
    for (size_t i = 0; i < resp.headers.count; i++)
        wipe(resp.headers.items[i], strlen(resp.headers.items[i]));
    http_response_free(&resp);
    return rc;
}

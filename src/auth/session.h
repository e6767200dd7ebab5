/* session.h — the credentials of one profile while certdeck runs: an IAM token
 * or an AK/SK pair, applied to every request (http_prepare_fn), renewed once
 * when the token nears its end or is refused. Secrets live in sodium_malloc
 * memory and are wiped when the session ends. */
#ifndef CD_AUTH_SESSION_H
#define CD_AUTH_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/status.h"
#include "../net/http.h"

enum auth_method { AUTH_TOKEN, AUTH_AKSK };

#define AUTH_RENEW_BEFORE_SECONDS (5 * 60)

struct auth_session;

/* Asks for a fresh token (e.g. by logging in again); fills token/expires. */
typedef cd_status (*auth_renew_fn)(void *ud, char **token, int64_t *expires, struct cd_error *err);

struct auth_session *auth_session_token(const char *token, int64_t expires, const char *project_id);
struct auth_session *auth_session_aksk(const char *ak, const char *sk, const char *project_id,
                                       const char *security_token);
void auth_session_free(struct auth_session *s);
enum auth_method auth_session_method(const struct auth_session *s);
void auth_session_set_renew(struct auth_session *s, auth_renew_fn fn, void *ud);

/* http_prepare_fn: adds X-Auth-Token, or X-Sdk-Date/X-Project-Id/Authorization. */
cd_status auth_prepare(void *ud, struct http_request *req, struct cd_error *err);
/* Renews the token once per session (after a 401 or near expiry); false when
 * it cannot (AK/SK, no renew function, or already renewed). */
bool auth_renew(struct auth_session *s, struct cd_error *err);
/* Renews now when the token ends within AUTH_RENEW_BEFORE_SECONDS. */
cd_status auth_ensure_fresh(struct auth_session *s, struct cd_error *err);
int64_t auth_token_expires(const struct auth_session *s);

/* IAM password login: POST {iam_url}/v3/auth/tokens scoped to a project (by id
 * or name). Returns the token (X-Subject-Token), its expiry and the project id. */
struct iam_login {
    const char *iam_url;
    const char *domain;
    const char *user;
    const char *password;
    const char *project_id;      /* or */
    const char *project_name;
};
cd_status iam_password_login(struct http_client *http, const struct iam_login *in, char **token,
                             int64_t *expires, char **project_id, struct cd_error *err);

#endif

/* client.c — opens a profile: options, config, environment and vault. */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../auth/projects.h"
#include "../auth/unlock.h"
#include "../auth/vault.h"
#include "../core/buf.h"
#include "../core/prompt.h"
#include "../core/timeutil.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"

#define SECRET_MAX 1024

void client_report(const char *command, const struct cd_error *err)
{
    fprintf(stderr, "certdeck %s: %s\n", command, err->message);
}

static void add_target(struct client *c, int service, const char *scope)
{
    char *url = config_endpoint(&c->profile, services[service]->id);
    if (!url)
        return; /* not offered in this cloud/region */
    c->targets = xreallocarray(c->targets, c->target_count + 1, sizeof(*c->targets));
    c->targets[c->target_count++] = (struct client_target){service, scope ? xstrdup(scope) : NULL, url};
}

/* Every enabled service once, APIC once per ROMA instance, CAE per environment. */
static void build_targets(struct client *c)
{
    for (size_t s = 0; s < service_count; s++) {
        const struct service_ops *ops = services[s];
        if (!profile_service_enabled(&c->profile, ops->id))
            continue;
        const struct strlist *scopes = NULL;
        if (strcmp(ops->id, "apic") == 0)
            scopes = &c->profile.apic_instances;
        else if (strcmp(ops->id, "cae") == 0)
            scopes = &c->profile.cae_environments;
        if (!scopes)
            add_target(c, (int)s, NULL);
        else
            for (size_t i = 0; i < scopes->count; i++)
                add_target(c, (int)s, scopes->items[i]);
    }
}

struct renew_ctx {
    struct client *c;
};

/* Logs in again when the token is refused, asking for the password only when
 * a person is there (or CERTDECK_PASSWORD is set, for automation). */
static cd_status renew_token(void *ud, char **token, int64_t *expires, struct cd_error *err)
{
    struct client *c = ud;
    char password[SECRET_MAX];
    const char *env = getenv("CERTDECK_PASSWORD");
    int n;
    if (env) {
        n = snprintf(password, sizeof(password), "%s", env);
    } else if (c->interactive) {
        char q[256];
        snprintf(q, sizeof(q), "Token expired. IAM password for %s@%s: ", c->profile.user, c->profile.domain);
        n = prompt_secret(q, password, sizeof(password));
    } else {
        char cmd[160];
        return cd_error_set(err, CD_ERR_AUTH, "the token expired and nobody is there to log in "
                            "again: run '%s'", client_login_command(&c->profile, cmd, sizeof(cmd)));
    }
    if (n < 0)
        return cd_error_set(err, CD_ERR_AUTH, "no password given");
    char *iam = config_endpoint(&c->profile, "iam");
    struct iam_login in = {iam, c->profile.domain, c->profile.user, password, c->project_id,
                           c->profile.project_name && *c->profile.project_name ? c->profile.project_name : c->profile.region};
    char *project = NULL;
    cd_status rc = iam_password_login(c->http, &in, token, expires, &project, err);
    wipe(password, sizeof(password));
    free(iam);
    free(project);
    if (rc == CD_OK) {
        /* keep the new token for the next run too */
        struct cd_error verr;
        struct vault *v = NULL;
        if (vault_unlock(NULL, c->profile.vault_cache, &v, &verr) == CD_OK) {
            char exp[32];
            snprintf(exp, sizeof(exp), "%lld", (long long)*expires);
            vault_set(v, c->profile.name, "token", *token);
            vault_set(v, c->profile.name, "token_expires", exp);
            vault_save(v, &verr);
            vault_close(v);
        }
    }
    return rc;
}

void client_missing_settings(const struct profile *p, bool aksk, char *out, size_t size)
{
    struct buf names = {0};
    char *iam = config_endpoint(p, "iam");
    bool has = iam != NULL;
    free(iam);
    if (!has)
        buf_printf(&names, "region (or endpoint_iam)");
    else if (!(p->region && *p->region) && !(p->project_id && *p->project_id) &&
             !(p->project_name && *p->project_name))
        buf_printf(&names, "region (or project_id)");
    if (!aksk) {
        if (!p->user || !*p->user)
            buf_printf(&names, "%suser", names.len ? ", " : "");
        if (!p->domain || !*p->domain)
            buf_printf(&names, "%sdomain", names.len ? ", " : "");
    }
    snprintf(out, size, "%s", names.len ? names.data : "");
    buf_free(&names);
}

cd_status client_check_settings(const struct profile *p, bool aksk, struct cd_error *err)
{
    char missing[160];
    client_missing_settings(p, aksk, missing, sizeof(missing));
    if (!*missing)
        return CD_OK;
    return cd_error_set(err, CD_ERR_CONFIG, "profile \"%s\" lacks %s: add to %s, or set in the "
                        "environment ('certdeck config print' shows every setting)",
                        p->name, missing, p->file ? p->file : "the config file");
}

cd_status client_region_project(struct client *c, struct auth_session *auth, char **project_id,
                                struct cd_error *err)
{
    const struct profile *p = &c->profile;
    const char *name = p->project_name && *p->project_name ? p->project_name : p->region;
    char *iam = config_endpoint(p, "iam");
    cd_status rc = name && *name && iam
                       ? iam_project_id(c->http, iam, auth, name, project_id, err)
                       : cd_error_set(err, CD_ERR_CONFIG, "no project id: set project_id (or "
                                      "region) in profile \"%s\"", p->name);
    free(iam);
    return rc;
}

/* An AK/SK session for the profile's project, looked up from the region when
 * the profile and the vault name none. */
static cd_status aksk_session(struct client *c, const char *ak, const char *sk,
                              const char *security_token, struct cd_error *err)
{
    if (!*c->project_id) {
        struct auth_session *unscoped = auth_session_aksk(ak, sk, "", security_token);
        char *found = NULL;
        cd_status rc = client_region_project(c, unscoped, &found, err);
        auth_session_free(unscoped);
        if (rc != CD_OK)
            return rc;
        free(c->project_id);
        c->project_id = found;
    }
    c->auth = auth_session_aksk(ak, sk, c->project_id, security_token);
    return CD_OK;
}

static cd_status not_logged_in(const struct profile *p, struct cd_error *err)
{
    char cmd[160];
    return cd_error_set(err, CD_ERR_AUTH, "profile \"%s\" is not logged in: run '%s'", p->name,
                        client_login_command(p, cmd, sizeof(cmd)));
}

/* Whether the vault's public part says the profile has credentials, read
 * without the key; true also when only unlocking can tell (an older vault). */
static bool maybe_logged_in(const struct profile *p)
{
    struct vault *pub = NULL;
    struct cd_error err;
    cd_status rc = vault_read_public(NULL, &pub, &err);
    bool maybe = rc == CD_OK ? vault_get(pub, p->name, "auth") != NULL : rc != CD_ERR_NOT_FOUND;
    vault_close(pub);
    return maybe;
}

/* The profile's settings first, then the environment, then the vault: no
 * passphrase is asked when the answer would be "not logged in" anyway. */
static cd_status open_auth(struct client *c, struct cd_error *err)
{
    cd_status rc = client_check_settings(&c->profile, profile_is_aksk(&c->profile), err);
    if (rc != CD_OK)
        return rc;
    const char *ak = getenv("HUAWEICLOUD_SDK_AK"), *sk = getenv("HUAWEICLOUD_SDK_SK");
    if (ak && sk && *ak && *sk && profile_is_aksk(&c->profile))
        return aksk_session(c, ak, sk, getenv("HUAWEICLOUD_SDK_SECURITY_TOKEN"), err);
    if (!maybe_logged_in(&c->profile))
        return not_logged_in(&c->profile, err);
    struct vault *v = NULL;
    rc = vault_unlock(NULL, c->profile.vault_cache, &v, err);
    if (rc != CD_OK)
        return rc;
    const char *name = c->profile.name;
    const char *vak = vault_get(v, name, "ak"), *vsk = vault_get(v, name, "sk");
    const char *token = vault_get(v, name, "token"), *exp = vault_get(v, name, "token_expires");
    const char *project = vault_get(v, name, "project_id");
    if (!*c->project_id && project) {
        free(c->project_id); /* a plain heap string, never a record's slab string */
        c->project_id = xstrdup(project);
    }
    if (profile_is_aksk(&c->profile) && vak && vsk) {
        rc = aksk_session(c, vak, vsk, NULL, err);
    } else if (token) {
        c->auth = auth_session_token(token, exp ? strtoll(exp, NULL, 10) : 0, c->project_id);
        auth_session_set_renew(c->auth, renew_token, c);
    } else {
        rc = not_logged_in(&c->profile, err);
    }
    vault_close(v);
    return rc;
}

cd_status client_open(const struct client_options *opts, bool need_auth, struct client *c,
                      struct cd_error *err)
{
    memset(c, 0, sizeof(*c));
    cd_status rc = config_load(NULL, opts->profile, &c->profile, err);
    if (rc != CD_OK)
        return rc;
    rc = config_apply_env(&c->profile, err);
    if (rc != CD_OK) {
        profile_free(&c->profile);
        return rc;
    }
    c->interactive = isatty(STDIN_FILENO) && prompt_available();
    c->project_id = xstrdup(c->profile.project_id ? c->profile.project_id : "");
    struct http_options o = {0};
    o.ca_file = opts->ca_file ? opts->ca_file
                              : c->profile.ca_file && *c->profile.ca_file ? c->profile.ca_file : NULL;
    o.insecure = opts->insecure;
    if (o.insecure)
        fprintf(stderr, "certdeck: WARNING: TLS certificates are not verified (--insecure)\n");
    o.max_connections = c->profile.max_connections ? c->profile.max_connections : 8;
    if (c->profile.timeout > 0)
        o.total_timeout_ms = c->profile.timeout * 1000L;
    c->http_opts = o;
    rc = http_client_new(&o, &c->http, err);
    if (rc == CD_OK && need_auth)
        rc = open_auth(c, err);
    if (rc == CD_OK && need_auth && !*c->project_id)
        rc = cd_error_set(err, CD_ERR_CONFIG, "no project id: set project_id in the profile or log in "
                          "with a project-scoped token");
    if (rc == CD_OK)
        build_targets(c);
    if (rc != CD_OK)
        client_close(c);
    return rc;
}

void client_ctx(struct client *c, const struct client_target *t, struct svc_ctx *ctx,
                struct cd_error *err)
{
    memset(ctx, 0, sizeof(*ctx));
    cd_error_clear(err);
    ctx->http = c->http;
    ctx->auth = c->auth;
    ctx->base_url = t->base_url;
    ctx->project_id = c->project_id;
    ctx->scope = t->scope;
    ctx->enterprise_project_id = c->profile.enterprise_project_id && *c->profile.enterprise_project_id ? c->profile.enterprise_project_id : NULL;
    ctx->service = t->service;
    ctx->err = err;
}

void client_close(struct client *c)
{
    for (size_t i = 0; i < c->target_count; i++) {
        free(c->targets[i].scope);
        free(c->targets[i].base_url);
    }
    free(c->targets);
    auth_session_free(c->auth);
    http_client_free(c->http);
    free(c->project_id);
    profile_free(&c->profile);
    memset(c, 0, sizeof(*c));
}

const char *client_login_command(const struct profile *p, char *buf, size_t size)
{
    bool named = p->name && strcmp(p->name, "default") != 0;
    snprintf(buf, size, "certdeck login%s%s%s", profile_is_aksk(p) ? " --aksk" : "",
             named ? " --profile " : "", named ? p->name : "");
    return buf;
}

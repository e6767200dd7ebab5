/* client.c — opens a profile: options, config, environment and vault. */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../auth/vault.h"
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
        return cd_error_set(err, CD_ERR_AUTH, "the token expired and nobody is there to log in "
                            "again: run 'certdeck login'");
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
        char pass[SECRET_MAX];
        struct cd_error verr;
        if (vault_passphrase(pass, sizeof(pass), false, &verr) >= 0) {
            struct vault *v = NULL;
            if (vault_open(NULL, pass, &v, &verr) == CD_OK) {
                char exp[32];
                snprintf(exp, sizeof(exp), "%lld", (long long)*expires);
                vault_set(v, c->profile.name, "token", *token);
                vault_set(v, c->profile.name, "token_expires", exp);
                vault_save(v, &verr);
                vault_close(v);
            }
        }
        wipe(pass, sizeof(pass));
    }
    return rc;
}

static cd_status open_auth(struct client *c, struct cd_error *err)
{
    const char *ak = getenv("HUAWEICLOUD_SDK_AK"), *sk = getenv("HUAWEICLOUD_SDK_SK");
    if (ak && sk && *ak && *sk && profile_is_aksk(&c->profile)) {
        c->auth = auth_session_aksk(ak, sk, c->project_id, getenv("HUAWEICLOUD_SDK_SECURITY_TOKEN"));
        return CD_OK;
    }
    char pass[SECRET_MAX];
    int n = vault_passphrase(pass, sizeof(pass), false, err);
    if (n < 0)
        return err->code ? err->code : cd_error_set(err, CD_ERR_VAULT, "no vault passphrase");
    struct vault *v = NULL;
    cd_status rc = vault_open(NULL, pass, &v, err);
    wipe(pass, sizeof(pass));
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
        c->auth = auth_session_aksk(vak, vsk, c->project_id, NULL);
    } else if (token) {
        c->auth = auth_session_token(token, exp ? strtoll(exp, NULL, 10) : 0, c->project_id);
        auth_session_set_renew(c->auth, renew_token, c);
    } else {
        rc = cd_error_set(err, CD_ERR_AUTH, "profile \"%s\" is not logged in: run 'certdeck login%s'",
                          name, profile_is_aksk(&c->profile) ? " --aksk" : "");
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

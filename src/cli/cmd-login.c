/* cmd-login.c — `certdeck login [--aksk]`, `logout` and `status`: credentials
 * into and out of the vault; the password itself is never stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/vault.h"
#include "../core/prompt.h"
#include "../core/timeutil.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "client-args.h"
#include "commands.h"

#define SECRET_MAX 1024

static const struct cli_opt login_opts[] = {
    {"aksk", 0, NULL, "store an access key pair instead of logging in with a password"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt plain_opts[] = {
    {"profile", 'p', "NAME", "use this profile of the config file"},
    {NULL, 0, NULL, NULL},
};

/* A secret from an environment variable (automation), else the terminal. */
static int ask_secret(const char *env, const char *question, char *buf, size_t size)
{
    const char *v = env ? getenv(env) : NULL;
    if (v)
        return snprintf(buf, size, "%s", v) < (int)size ? (int)strlen(buf) : -1;
    return prompt_secret(question, buf, size);
}

static cd_status open_vault(bool creating, struct vault **v, struct cd_error *err)
{
    char pass[SECRET_MAX];
    int n = vault_passphrase(pass, sizeof(pass), creating, err);
    if (n < 0)
        return err->code ? err->code : cd_error_set(err, CD_ERR_VAULT, "no vault passphrase given");
    cd_status rc = vault_open(NULL, pass, v, err);
    wipe(pass, sizeof(pass));
    return rc;
}

static cd_status login_password(struct client *c, struct vault *v, struct cd_error *err)
{
    const struct profile *p = &c->profile;
    if (!p->user || !*p->user || !p->domain || !*p->domain)
        return cd_error_set(err, CD_ERR_CONFIG, "profile \"%s\" needs user and domain (account "
                            "name) for a password login", p->name);
    char password[SECRET_MAX], q[256];
    snprintf(q, sizeof(q), "IAM password for %s in account %s: ", p->user, p->domain);
    if (ask_secret("CERTDECK_PASSWORD", q, password, sizeof(password)) < 0)
        return cd_error_set(err, CD_ERR_AUTH, "no password given (no terminal, and "
                            "CERTDECK_PASSWORD is not set)");
    char *iam = config_endpoint(p, "iam");
    struct iam_login in = {iam, p->domain, p->user, password, p->project_id,
                           p->project_name && *p->project_name ? p->project_name : p->region};
    char *token = NULL, *project = NULL;
    int64_t expires = 0;
    cd_status rc = iam_password_login(c->http, &in, &token, &expires, &project, err);
    wipe(password, sizeof(password));
    free(iam);
    if (rc == CD_OK) {
        char exp[32];
        snprintf(exp, sizeof(exp), "%lld", (long long)expires);
        vault_set(v, p->name, "token", token);
        vault_set(v, p->name, "token_expires", exp);
        vault_set(v, p->name, "project_id", project);
        rc = vault_save(v, err);
        char when[32];
        time_format_human(expires, when, sizeof(when));
        if (rc == CD_OK)
            printf("logged in as %s@%s, project %s; the token is valid until %s\n", p->user,
                   p->domain, project, when);
    }
    wipe_free_str(token);
    free(project);
    return rc;
}

static cd_status login_aksk(struct client *c, struct vault *v, struct cd_error *err)
{
    char ak[256], sk[SECRET_MAX];
    if (ask_secret("HUAWEICLOUD_SDK_AK", "Access key id (AK): ", ak, sizeof(ak)) <= 0 ||
        ask_secret("HUAWEICLOUD_SDK_SK", "Secret access key (SK): ", sk, sizeof(sk)) <= 0) {
        wipe(sk, sizeof(sk));
        return cd_error_set(err, CD_ERR_AUTH, "no AK/SK given");
    }
    vault_set(v, c->profile.name, "ak", ak);
    vault_set(v, c->profile.name, "sk", sk);
    if (c->profile.project_id && *c->profile.project_id)
        vault_set(v, c->profile.name, "project_id", c->profile.project_id);
    wipe(sk, sizeof(sk));
    cd_status rc = vault_save(v, err);
    if (rc == CD_OK)
        printf("stored the access key %.4s… for profile %s\n", ak, c->profile.name);
    return rc;
}

static int login_exec(const struct cli_args *args)
{
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, false, &c, &err) != CD_OK) {
        client_report("login", &err);
        return CLI_EXIT_FINDINGS;
    }
    struct vault *v = NULL;
    cd_status rc = open_vault(!vault_exists(NULL), &v, &err);
    if (rc == CD_OK)
        rc = cli_has(args, "aksk") ? login_aksk(&c, v, &err) : login_password(&c, v, &err);
    if (rc != CD_OK)
        client_report("login", &err);
    vault_close(v);
    client_close(&c);
    return rc == CD_OK ? CLI_EXIT_OK : CLI_EXIT_FINDINGS;
}

static int logout_exec(const struct cli_args *args)
{
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, false, &c, &err) != CD_OK) {
        client_report("logout", &err);
        return CLI_EXIT_FINDINGS;
    }
    struct vault *v = NULL;
    cd_status rc = open_vault(false, &v, &err);
    if (rc == CD_OK) {
        vault_remove_profile(v, c.profile.name);
        rc = vault_save(v, &err);
    }
    if (rc == CD_OK)
        printf("removed the credentials of profile %s\n", c.profile.name);
    else
        client_report("logout", &err);
    vault_close(v);
    client_close(&c);
    return rc == CD_OK ? CLI_EXIT_OK : CLI_EXIT_FINDINGS;
}

static int status_exec(const struct cli_args *args)
{
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, false, &c, &err) != CD_OK) {
        client_report("status", &err);
        return CLI_EXIT_FINDINGS;
    }
    const struct profile *p = &c.profile;
    char *iam = config_endpoint(p, "iam");
    printf("profile   %s\nregion    %s\nIAM       %s\n", p->name, p->region ? p->region : "-", iam ? iam : "-");
    free(iam);
    for (size_t i = 0; i < c.target_count; i++)
        printf("%-9s %s%s%s\n", services[c.targets[i].service]->id, c.targets[i].base_url,
               c.targets[i].scope ? "  scope " : "", c.targets[i].scope ? c.targets[i].scope : "");
    int rc = CLI_EXIT_OK;
    const char *ak = getenv("HUAWEICLOUD_SDK_AK");
    if (profile_is_aksk(p) && ak && getenv("HUAWEICLOUD_SDK_SK")) {
        printf("auth      AK/SK from the environment (access key %.4s…)\n", ak);
    } else {
        struct vault *v = NULL;
        if (open_vault(false, &v, &err) != CD_OK) {
            client_report("status", &err);
            rc = CLI_EXIT_FINDINGS;
        } else {
            const char *token = vault_get(v, p->name, "token"), *exp = vault_get(v, p->name, "token_expires");
            const char *vak = vault_get(v, p->name, "ak");
            if (profile_is_aksk(p) && vak) {
                printf("auth      AK/SK from the vault (access key %.4s…)\n", vak);
            } else if (token) {
                int64_t e = exp ? strtoll(exp, NULL, 10) : 0;
                char when[32];
                time_format_human(e, when, sizeof(when));
                printf("auth      token for %s@%s, project %s, %s %s\n", p->user ? p->user : "?",
                       p->domain ? p->domain : "?", vault_get(v, p->name, "project_id") ? vault_get(v, p->name, "project_id") : "?",
                       e > cd_wall_clock() ? "valid until" : "EXPIRED on", when);
                if (e <= cd_wall_clock())
                    rc = CLI_EXIT_FINDINGS;
            } else {
                printf("auth      not logged in (run 'certdeck login%s')\n", profile_is_aksk(p) ? " --aksk" : "");
                rc = CLI_EXIT_FINDINGS;
            }
        }
        vault_close(v);
    }
    client_close(&c);
    return rc;
}

const struct cli_cmd cmd_login = {
    .name = "login",
    .usage = "[--aksk] [--profile NAME]",
    .summary = "log in (IAM password, asked without echo) or store an AK/SK, in the vault",
    .opts = login_opts,
    .min_args = 0,
    .max_args = 0,
    .exec = login_exec,
};

const struct cli_cmd cmd_logout = {
    .name = "logout",
    .usage = "[--profile NAME]",
    .summary = "wipe the profile's token and keys from the vault",
    .opts = plain_opts,
    .min_args = 0,
    .max_args = 0,
    .exec = logout_exec,
};

const struct cli_cmd cmd_status = {
    .name = "status",
    .usage = "[--profile NAME]",
    .summary = "who is logged in where, and until when (never a secret)",
    .opts = plain_opts,
    .min_args = 0,
    .max_args = 0,
    .exec = status_exec,
};

/* cmd-login.c — `certdeck login [--aksk]`, `logout` and `status`: credentials
 * into and out of the vault; the password itself is never stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/unlock.h"
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

/* Said before a new vault's passphrase is asked for, so the choice is informed. */
static void explain_new_vault(void)
{
    if (getenv("CERTDECK_VAULT_PASSPHRASE"))
        return; /* nobody is asked */
    char *path = vault_default_path();
    fprintf(stderr, "certdeck keeps your IAM token or access keys encrypted in %s; the vault "
                    "passphrase you choose now is what unlocks them, and it cannot be recovered.\n",
            path ? path : "the vault");
    free(path);
}

static cd_status login_password(struct client *c, struct vault *v, struct cd_error *err)
{
    const struct profile *p = &c->profile;
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
        vault_set(v, p->name, "auth", "password");
        vault_set(v, p->name, "user", p->user);
        vault_set(v, p->name, "domain", p->domain);
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

/* The access key id is not a secret: it is typed with echo, so a typo shows. */
static int ask_visible(const char *env, const char *question, char *buf, size_t size)
{
    const char *v = env ? getenv(env) : NULL;
    if (v)
        return snprintf(buf, size, "%s", v) < (int)size ? (int)strlen(buf) : -1;
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return -1;
    fprintf(tty, "%s", question);
    fflush(tty);
    bool got = fgets(buf, (int)size, tty) != NULL;
    fclose(tty);
    if (!got)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return (int)strlen(buf);
}

static cd_status login_aksk(struct client *c, struct vault *v, struct cd_error *err)
{
    char ak[256], sk[SECRET_MAX];
    bool from_env = getenv("HUAWEICLOUD_SDK_AK") && getenv("HUAWEICLOUD_SDK_SK");
    if (!from_env && !prompt_available())
        return cd_error_set(err, CD_ERR_AUTH, "no terminal to ask for the access key pair: set "
                            "HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK");
    if (ask_visible("HUAWEICLOUD_SDK_AK", "Access key id (AK): ", ak, sizeof(ak)) <= 0 ||
        ask_secret("HUAWEICLOUD_SDK_SK", "Secret access key (SK, not shown): ", sk, sizeof(sk)) <= 0) {
        wipe(sk, sizeof(sk));
        return cd_error_set(err, CD_ERR_AUTH, "no AK/SK given (HUAWEICLOUD_SDK_AK and "
                            "HUAWEICLOUD_SDK_SK supply them without a terminal)");
    }
    /* without project_id, the region's project now: it checks the keys too */
    char *project = NULL;
    cd_status rc = CD_OK;
    if (c->profile.project_id && *c->profile.project_id) {
        project = xstrdup(c->profile.project_id);
    } else {
        struct auth_session *keys = auth_session_aksk(ak, sk, "", NULL);
        rc = client_region_project(c, keys, &project, err);
        auth_session_free(keys);
    }
    if (rc == CD_OK) {
        char hint[8];
        snprintf(hint, sizeof(hint), "%.4s", ak);
        vault_set(v, c->profile.name, "ak", ak);
        vault_set(v, c->profile.name, "sk", sk);
        vault_set(v, c->profile.name, "project_id", project);
        vault_set(v, c->profile.name, "auth", "aksk");
        vault_set(v, c->profile.name, "access_key_hint", hint);
        rc = vault_save(v, err);
    }
    wipe(sk, sizeof(sk));
    free(project);
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
    bool aksk = cli_has(args, "aksk"), creating = !vault_exists(NULL);
    struct vault *v = NULL;
    cd_status rc = client_check_settings(&c.profile, aksk, &err);
    if (rc == CD_OK && creating)
        explain_new_vault();
    if (rc == CD_OK)
        rc = vault_unlock(NULL, c.profile.vault_cache, &v, &err);
    if (rc == CD_OK)
        rc = aksk ? login_aksk(&c, v, &err) : login_password(&c, v, &err);
    if (rc == CD_OK && creating) /* an existing vault's key was kept when unlocked */
        vault_keep_key(v, c.profile.vault_cache);
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
    if (!vault_exists(NULL)) {
        printf("profile %s has no credentials to remove (there is no vault)\n", c.profile.name);
        client_close(&c);
        return CLI_EXIT_OK;
    }
    struct vault *v = NULL;
    cd_status rc = vault_unlock(NULL, c.profile.vault_cache, &v, &err);
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

/* A public fact of the profile, or `otherwise`. */
static const char *fact(const struct vault *pub, const char *profile, const char *key,
                        const char *otherwise)
{
    const char *v = pub ? vault_get(pub, profile, key) : NULL;
    return v ? v : otherwise;
}

/* Who, where and until when, from the vault's public part: no passphrase.
 * Exit 1 when the profile is not logged in or its token has expired. */
static int status_from_vault(const struct profile *p)
{
    struct vault *pub = NULL;
    struct cd_error err;
    cd_status rc = vault_read_public(NULL, &pub, &err);
    if (rc != CD_OK && rc != CD_ERR_NOT_FOUND) {
        client_report("status", &err);
        return CLI_EXIT_FINDINGS;
    }
    const char *auth = fact(pub, p->name, "auth", NULL);
    int exit_code = CLI_EXIT_OK;
    if (!auth) {
        char cmd[160];
        printf("auth      not logged in (run '%s')\n", client_login_command(p, cmd, sizeof(cmd)));
        exit_code = CLI_EXIT_FINDINGS;
    } else if (strcmp(auth, "aksk") == 0) {
        printf("auth      AK/SK from the vault (access key %s…), project %s\n",
               fact(pub, p->name, "access_key_hint", "?"), fact(pub, p->name, "project_id", "?"));
    } else {
        const char *exp = fact(pub, p->name, "token_expires", NULL);
        int64_t e = exp ? strtoll(exp, NULL, 10) : 0;
        char when[32];
        time_format_human(e, when, sizeof(when));
        bool valid = e > cd_wall_clock();
        printf("auth      token for %s@%s, project %s, %s %s\n",
               fact(pub, p->name, "user", p->user ? p->user : "?"),
               fact(pub, p->name, "domain", p->domain ? p->domain : "?"),
               fact(pub, p->name, "project_id", "?"), valid ? "valid until" : "EXPIRED on", when);
        if (!valid)
            exit_code = CLI_EXIT_FINDINGS;
    }
    vault_close(pub);
    return exit_code;
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
    if (profile_is_aksk(p) && ak && getenv("HUAWEICLOUD_SDK_SK"))
        printf("auth      AK/SK from the environment (access key %.4s…)\n", ak);
    else
        rc = status_from_vault(p);
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

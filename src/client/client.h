/* client.h — a profile opened: the settings, the HTTP client, the credentials,
 * and the list of (service, scope) targets the profile reads. Built from the
 * front end's options, the config file, the environment and the vault; both
 * front ends (the commands in cli/ and the TUI in ui/) stand on it. */
#ifndef CD_CLIENT_H
#define CD_CLIENT_H

#include "../auth/session.h"
#include "../core/config.h"
#include "../net/http.h"
#include "../services/service.h"

#include <string.h>

/* What a front end passes in from its command line. */
struct client_options {
    const char *profile;     /* NULL: the default profile */
    const char *ca_file;     /* NULL: the profile's ca_file */
    bool insecure;           /* TLS verification off, asked for by name */
};

struct client_target {
    int service;
    char *scope;         /* ROMA instance / CAE environment, or NULL */
    char *base_url;
};

struct client {
    struct profile profile;
    struct http_client *http;
    struct http_options http_opts; /* what http was made with: a thread makes its own from it */
    struct auth_session *auth;
    char *project_id;
    struct client_target *targets;
    size_t target_count;
    bool interactive;    /* a person can be asked (passwords, confirmations) */
};

/* Loads the profile and credentials; with need_auth false only the profile
 * and HTTP client are set up (login, status). */
cd_status client_open(const struct client_options *opts, bool need_auth, struct client *c,
                      struct cd_error *err);
void client_close(struct client *c);
/* The targets of one service (-1: all enabled ones). */
void client_ctx(struct client *c, const struct client_target *t, struct svc_ctx *ctx,
                struct cd_error *err);
/* The profile authenticates with an access key pair. */
static inline bool profile_is_aksk(const struct profile *p)
{
    return p->auth && strcmp(p->auth, "aksk") == 0;
}

/* The settings p lacks to authenticate with a password or (aksk) an access
 * key pair, comma-separated ("" when none). */
void client_missing_settings(const struct profile *p, bool aksk, char *out, size_t size);
/* CD_ERR_CONFIG naming the missing settings, before any vault is touched. */
cd_status client_check_settings(const struct profile *p, bool aksk, struct cd_error *err);
/* The project id of the profile's region (or project_name), asked of IAM
 * with auth's credentials (AK/SK without project_id). */
cd_status client_region_project(struct client *c, struct auth_session *auth, char **project_id,
                                struct cd_error *err);
/* The command that logs profile p in, for hints: "certdeck login --profile emu"
 * (--profile only when it is not the default one, --aksk for AK/SK). */
const char *client_login_command(const struct profile *p, char *buf, size_t size);

/* Prints "certdeck: message" with the API's code when there is one. */
void client_report(const char *command, const struct cd_error *err);

#endif

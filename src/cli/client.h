/* client.h — what every command that talks to the cloud needs: the profile,
 * the HTTP client, the credentials, and the list of (service, scope) targets
 * the profile reads. Built from the command's options, the config file, the
 * environment and the vault. */
#ifndef CD_CLIENT_H
#define CD_CLIENT_H

#include "../auth/session.h"
#include "../core/config.h"
#include "../net/http.h"
#include "../services/service.h"
#include "cli.h"

#include <string.h>

/* Option rows every cloud command accepts (append to a command's table). */
#define CLIENT_OPTION_ROWS                                                                  \
    {"profile", 'p', "NAME", "use this profile of the config file"},                       \
    {"ca-file", 0, "FILE", "trust the CA certificates in FILE"},                            \
    {"insecure", 0, NULL, "do not verify TLS certificates (dangerous; for tests only)"}

struct client_target {
    int service;
    char *scope;         /* ROMA instance / CAE environment, or NULL */
    char *base_url;
};

struct client {
    struct profile profile;
    struct http_client *http;
    struct auth_session *auth;
    char *project_id;
    struct client_target *targets;
    size_t target_count;
    bool interactive;    /* a person can be asked (passwords, confirmations) */
};

/* Loads the profile and credentials; with need_auth false only the profile
 * and HTTP client are set up (login, status). */
cd_status client_open(const struct cli_args *args, bool need_auth, struct client *c,
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

/* Prints "certdeck: message" with the API's code when there is one. */
void client_report(const char *command, const struct cd_error *err);

#endif

/* client-args.h — the options every cloud command accepts, and opening the
 * client from them. */
#ifndef CD_CLIENT_ARGS_H
#define CD_CLIENT_ARGS_H

#include "../client/client.h"
#include "cli.h"

/* Option rows every cloud command accepts (append to a command's table). */
#define CLIENT_OPTION_ROWS                                                                  \
    {"profile", 'p', "NAME", "use this profile of the config file"},                       \
    {"ca-file", 0, "FILE", "trust the CA certificates in FILE"},                            \
    {"insecure", 0, NULL, "do not verify TLS certificates (dangerous; for tests only)"}

/* client_open with the profile, CA file and --insecure of the command line. */
cd_status cli_client_open(const struct cli_args *args, bool need_auth, struct client *c,
                          struct cd_error *err);

#endif

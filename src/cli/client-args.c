/* client-args.c — the command line's part in opening a client. */
#include "client-args.h"

cd_status cli_client_open(const struct cli_args *args, bool need_auth, struct client *c,
                          struct cd_error *err)
{
    struct client_options o = {
        .profile = cli_get(args, "profile"),
        .ca_file = cli_get(args, "ca-file"),
        .insecure = cli_has(args, "insecure"),
    };
    return client_open(&o, need_auth, c, err);
}

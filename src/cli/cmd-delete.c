/* cmd-delete.c — `certdeck delete SERVICE ID`: asks first, unless --yes. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "client-args.h"
#include "commands.h"
#include "resolve-arg.h"
#include "service-arg.h"
#include "../client/target.h"

static const struct cli_opt delete_opts[] = {
    {"yes", 'y', NULL, "do not ask for confirmation"},
    {"scope", 0, "ID", "the ROMA instance / CAE environment (default: the profile's first)"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

static bool confirm(const char *service, const char *id)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return false;
    fprintf(tty, "Delete %s certificate %s? This cannot be undone. [y/N] ", service, id);
    fflush(tty);
    char answer[16] = "";
    bool yes = fgets(answer, sizeof(answer), tty) && (answer[0] == 'y' || answer[0] == 'Y');
    fclose(tty);
    return yes;
}

static int delete_exec(const struct cli_args *args)
{
    int service = service_arg(args->cmd, args->pos[0]);
    if (service < 0)
        return CLI_EXIT_USAGE;
    const char *id = args->pos[1];
    if (!cli_has(args, "yes")) {
        if (!isatty(STDIN_FILENO))
            return cli_usage_error(args->cmd, "not a terminal: add --yes to delete without asking");
        if (!confirm(services[service]->id, id)) {
            fprintf(stderr, "certdeck delete: nothing deleted\n");
            return CLI_EXIT_FINDINGS;
        }
    }
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, true, &c, &err) != CD_OK) {
        client_report("delete", &err);
        return CLI_EXIT_FINDINGS;
    }
    int rc = CLI_EXIT_OK;
    const struct client_target *t = target_pick(&c, service, cli_get(args, "scope"), &err);
    struct svc_ctx ctx;
    if (t)
        client_ctx(&c, t, &ctx, &err);
    char full_id[CERT_ID_ARG_MAX] = "";
    if (t && !cli_resolve_id("delete", &ctx, id, full_id, sizeof(full_id), &rc)) {
        client_close(&c);
        return rc;
    }
    if (!t || services[service]->remove(&ctx, full_id) != CD_OK) {
        client_report("delete", &err);
        rc = CLI_EXIT_FINDINGS;
    } else {
        printf("deleted %s certificate %s\n", services[service]->id, full_id);
    }
    client_close(&c);
    return rc;
}

const struct cli_cmd cmd_delete = {
    .name = "delete",
    .usage = "SERVICE ID [--yes] [--scope ID]",
    .summary = "delete a certificate (asks first unless --yes)",
    .opts = delete_opts,
    .min_args = 2,
    .max_args = 2,
    .exec = delete_exec,
};

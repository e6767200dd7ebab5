/* cmd-show.c — `certdeck show SERVICE ID`: one certificate, decoded. */
#include <stdio.h>
#include <string.h>

#include "../core/timeutil.h"
#include "client-args.h"
#include "commands.h"
#include "records-out.h"
#include "resolve-arg.h"
#include "service-arg.h"
#include "../client/target.h"

static const struct cli_opt show_opts[] = {
    {"json", 'j', NULL, "print JSON"},
    {"pem", 0, NULL, "print the certificate chain as PEM (never a key)"},
    {"color", 0, "WHEN", "colour findings by severity: auto (on a terminal, unless NO_COLOR), always, never"},
    {"scope", 0, "ID", "the ROMA instance / CAE environment (default: the profile's first)"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

/* Services without a "show" call (CAE): list and pick by id. */
static cd_status show_by_listing(struct svc_ctx *ctx, const char *id, struct cert_record *out)
{
    struct record_list l = {0};
    cd_status rc = services[ctx->service]->list(ctx, &l);
    bool found = false;
    for (size_t i = 0; rc == CD_OK && i < l.count; i++)
        if (strcmp(l.items[i].id, id) == 0) {
            *out = l.items[i];
            l.items[i] = l.items[--l.count];
            found = true;
            break;
        }
    record_list_free(&l);
    if (rc == CD_OK && !found)
        rc = cd_error_set(ctx->err, CD_ERR_NOT_FOUND, "%s: no certificate with id %s",
                          services[ctx->service]->id, id);
    return rc;
}

static int show_exec(const struct cli_args *args)
{
    int service = service_arg(args->cmd, args->pos[0]);
    if (service < 0)
        return CLI_EXIT_USAGE;
    if (cli_has(args, "json") && cli_has(args, "pem"))
        return cli_usage_error(args->cmd, "give --json or --pem, not both");
    struct term_look look;
    if (!term_look_from_args(args, &look))
        return CLI_EXIT_USAGE;
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, true, &c, &err) != CD_OK) {
        client_report("show", &err);
        return CLI_EXIT_FINDINGS;
    }
    int rc = CLI_EXIT_OK;
    const struct client_target *t = target_pick(&c, service, cli_get(args, "scope"), &err);
    if (!t) {
        client_report("show", &err);
        client_close(&c);
        return CLI_EXIT_FINDINGS;
    }
    struct svc_ctx ctx;
    client_ctx(&c, t, &ctx, &err);
    char id[CERT_ID_ARG_MAX];
    if (!cli_resolve_id("show", &ctx, args->pos[1], id, sizeof(id), &rc)) {
        client_close(&c);
        return rc;
    }
    struct cert_record r;
    const struct service_ops *ops = services[service];
    cd_status st = ops->caps & SVC_CAP_SHOW ? ops->show(&ctx, id, &r) : show_by_listing(&ctx, id, &r);
    if (st != CD_OK) {
        client_report("show", &err);
        rc = CLI_EXIT_FINDINGS;
    } else {
        if (t->scope && !*r.scope)
            record_set(&r, &r.scope, t->scope);
        if (cli_has(args, "pem")) {
            if (record_print_pem(&r, stdout) <= 0) {
                fprintf(stderr, "%s show: %s returns no certificate PEM for %s; nothing to print\n",
                        cli_program, services[service]->id, r.id);
                rc = CLI_EXIT_FINDINGS;
            }
        } else if (cli_has(args, "json")) {
            struct jsonw w = {.pretty = true};
            record_write_json(&w, &r, cd_now(), RECORD_FULL);
            printf("%s\n", w.out.data);
            buf_free(&w.out);
        } else {
            struct record_text_opts o = {.now = cd_now(), .warn_days = (int)c.profile.warn_days,
                                         .look = look};
            record_print_text(&r, &o, stdout);
        }
        record_free(&r);
    }
    client_close(&c);
    return rc;
}

const struct cli_cmd cmd_show = {
    .name = "show",
    .usage = "SERVICE ID|NAME [--json|--pem] [--scope ID]",
    .summary = "show one certificate, decoded",
    .opts = show_opts,
    .min_args = 2,
    .max_args = 2,
    .exec = show_exec,
};

/* cmd-delete.c — `certdeck delete SERVICE ID`: shows the certificate and where
 * else it is deployed, then asks, unless --yes. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../core/timeutil.h"
#include "../fetch/fetch.h"
#include "cert-lookup.h"
#include "client-args.h"
#include "commands.h"
#include "resolve-arg.h"
#include "service-arg.h"
#include "../client/target.h"

static const struct cli_opt delete_opts[] = {
    {"yes", 'y', NULL, "do not ask for confirmation (and do not show the certificate first)"},
    {"scope", 0, "ID", "the ROMA instance / CAE environment (default: the profile's first)"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

/* The other places the same certificate (same leaf fingerprint) is deployed,
 * from every enabled service's list. */
static void print_elsewhere(FILE *tty, struct client *c, const struct cert_record *r,
                            const struct cert_facts *facts)
{
    if (!*facts->sha1) {
        fprintf(tty, "  elsewhere   unknown (%s gives no fingerprint)\n", services[r->service]->id);
        return;
    }
    struct record_list all = {0};
    struct fetch_report rep;
    fetch_all(c, 0, &all, &rep);
    size_t found = 0;
    for (size_t i = 0; i < all.count; i++) {
        const struct cert_record *o = &all.items[i];
        if (o->service == r->service && strcmp(o->id, r->id) == 0)
            continue;
        struct cert_facts of;
        cert_facts_of_record(o, &of);
        if (strcmp(of.sha1, facts->sha1) != 0)
            continue;
        fprintf(tty, "  %-11s %s %s%s%s (id %s)\n", found++ ? "" : "also in", services[o->service]->id,
                o->name, *o->scope ? " in " : "", o->scope, o->id);
    }
    if (!found)
        fprintf(tty, "  elsewhere   nowhere else%s\n", rep.failed ? " that could be read" : "");
    for (size_t i = 0; i < rep.count; i++)
        if (rep.items[i].status != CD_OK)
            fprintf(tty, "  (not searched: %s)\n", rep.items[i].err.message);
    fetch_report_free(&rep);
    record_list_free(&all);
}

/* Shows what would go, then asks on the terminal; true for "y". */
static bool confirm(struct client *c, const struct cert_record *r)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return false;
    struct cert_facts facts;
    cert_facts_of_record(r, &facts);
    char when[32] = "unknown";
    if (facts.not_after)
        time_format_human(facts.not_after, when, sizeof(when));
    int64_t days = facts.not_after ? time_days_left(facts.not_after, cd_now()) : 0;
    fprintf(tty, "%s certificate %s\n  name        %s\n  CN          %s\n  domains     %s\n"
                 "  expires     %s",
            services[r->service]->id, r->id, r->name, *r->common_name ? r->common_name : "-",
            *facts.names ? facts.names : "-", when);
    if (facts.not_after)
        fprintf(tty, " (%s%lld day%s%s)", days < 0 ? "expired " : "", (long long)(days < 0 ? -days : days),
                days == 1 || days == -1 ? "" : "s", days < 0 ? " ago" : " left");
    fprintf(tty, "\n");
    print_elsewhere(tty, c, r, &facts);
    fprintf(tty, "Delete it? This cannot be undone. [y/N] ");
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
    bool ask = !cli_has(args, "yes");
    if (ask && !isatty(STDIN_FILENO))
        return cli_usage_error(args->cmd, "not a terminal: add --yes to delete without asking");
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
    struct cert_record r;
    bool have = false;
    if (t && ask) {
        /* what is about to go, fetched first: a wrong id fails here */
        have = cert_lookup(&ctx, full_id, &r) == CD_OK;
        if (!have)
            t = NULL;
    }
    if (t && ask && !confirm(&c, &r)) {
        fprintf(stderr, "certdeck delete: nothing deleted\n");
        rc = CLI_EXIT_FINDINGS;
    } else if (!t || services[service]->remove(&ctx, full_id) != CD_OK) {
        client_report("delete", &err);
        rc = CLI_EXIT_FINDINGS;
    } else {
        printf("deleted %s certificate %s%s%s\n", services[service]->id, full_id, have ? " " : "",
               have ? r.name : "");
    }
    if (have)
        record_free(&r);
    client_close(&c);
    return rc;
}

const struct cli_cmd cmd_delete = {
    .name = "delete",
    .usage = "SERVICE ID [--yes] [--scope ID]",
    .summary = "delete a certificate (shows it and asks first, unless --yes)",
    .opts = delete_opts,
    .min_args = 2,
    .max_args = 2,
    .exec = delete_exec,
};

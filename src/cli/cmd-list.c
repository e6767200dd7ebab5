/* cmd-list.c — `certdeck list`: every certificate, soonest expiry first. */
#include <stdio.h>
#include <stdlib.h>

#include "../core/timeutil.h"
#include "../fetch/fetch.h"
#include "client-args.h"
#include "commands.h"
#include "records-out.h"
#include "service-arg.h"

static const struct cli_opt list_opts[] = {
    {"service", 's', "LIST", "only these services (elb,waf,apic,cae)"},
    {"expiring-within", 'e', "DAYS", "only certificates expiring within DAYS (expired ones too)"},
    {"json", 'j', NULL, "print JSON (fields in the README), with the decoded certificate"},
    {"csv", 0, NULL, "print CSV"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

/* Keeps the records expiring within `days` (unknown expiry is kept: it may be the worst). */
static void keep_expiring(struct record_list *l, long days, int64_t now)
{
    size_t k = 0;
    for (size_t i = 0; i < l->count; i++) {
        struct cert_record *r = &l->items[i];
        if (r->not_after == 0 || time_days_left(r->not_after, now) < days)
            l->items[k++] = *r;
        else
            record_free(r);
    }
    l->count = k;
}

/* Reports each failed target on stderr; true when any failed. */
bool fetch_report_print(const struct fetch_report *rep);
bool fetch_report_print(const struct fetch_report *rep)
{
    for (size_t i = 0; i < rep->count; i++)
        if (rep->items[i].status != CD_OK)
            client_report("list", &rep->items[i].err);
    return rep->failed > 0;
}

static int list_exec(const struct cli_args *args)
{
    unsigned mask = 0;
    if (cli_has(args, "service") && !service_mask_parse(args->cmd, cli_get(args, "service"), &mask))
        return CLI_EXIT_USAGE;
    long days = -1;
    if (!cli_get_int(args, "expiring-within", 0, 100000, &days))
        return CLI_EXIT_USAGE;
    if (cli_has(args, "json") && cli_has(args, "csv"))
        return cli_usage_error(args->cmd, "choose --json or --csv, not both");
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, true, &c, &err) != CD_OK) {
        client_report("list", &err);
        return CLI_EXIT_FINDINGS;
    }
    struct record_list records = {0};
    struct fetch_report rep;
    fetch_all(&c, mask, &records, &rep);
    int64_t now = cd_now();
    if (days >= 0)
        keep_expiring(&records, days, now);
    if (cli_has(args, "json"))
        records_print_json(&records, now, stdout);
    else if (cli_has(args, "csv"))
        records_print_csv(&records, now, stdout);
    else
        records_print_table(&records, now, stdout);
    bool failed = fetch_report_print(&rep);
    fetch_report_free(&rep);
    record_list_free(&records);
    client_close(&c);
    return failed ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
}

const struct cli_cmd cmd_list = {
    .name = "list",
    .usage = "[--service LIST] [--expiring-within DAYS] [--json|--csv]",
    .summary = "list every certificate of every service, soonest expiry first",
    .opts = list_opts,
    .min_args = 0,
    .max_args = 0,
    .exec = list_exec,
};

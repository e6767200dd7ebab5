/* cmd-check.c — `certdeck check`: a monitoring plugin (Nagios/Icinga exit codes). */
#include <inttypes.h>
#include <stdio.h>

#include "../core/timeutil.h"
#include "../fetch/fetch.h"
#include "client-args.h"
#include "commands.h"
#include "service-arg.h"

enum { CHECK_OK = 0, CHECK_WARNING = 1, CHECK_CRITICAL = 2, CHECK_UNKNOWN = 3 };

static const struct cli_opt check_opts[] = {
    {"warn", 'w', "DAYS", "WARNING when a certificate expires within DAYS (default: profile, 30)"},
    {"crit", 'c', "DAYS", "CRITICAL when one expires within DAYS, or has expired (default 7)"},
    {"service", 's', "LIST", "only these services"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

static int check_exec(const struct cli_args *args)
{
    unsigned mask = 0;
    if (cli_has(args, "service") && !service_mask_parse(args->cmd, cli_get(args, "service"), &mask))
        return CHECK_UNKNOWN;
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, true, &c, &err) != CD_OK) {
        printf("CERTDECK UNKNOWN - %s\n", err.message);
        return CHECK_UNKNOWN;
    }
    long warn = c.profile.warn_days, crit = c.profile.crit_days;
    if (!cli_get_int(args, "warn", 0, 100000, &warn) || !cli_get_int(args, "crit", 0, 100000, &crit)) {
        client_close(&c);
        return CHECK_UNKNOWN;
    }
    struct record_list l = {0};
    struct fetch_report rep;
    fetch_all(&c, mask, &l, &rep);
    int64_t now = cd_now();
    size_t expired = 0, critical = 0, warning = 0;
    for (size_t i = 0; i < l.count; i++) {
        const struct cert_record *r = &l.items[i];
        if (!r->not_after)
            continue;
        int64_t days = time_days_left(r->not_after, now);
        if (r->not_after <= now)
            expired++;
        else if (days < crit)
            critical++;
        else if (days < warn)
            warning++;
    }
    int state = rep.failed ? CHECK_UNKNOWN
                : expired || critical ? CHECK_CRITICAL
                : warning ? CHECK_WARNING : CHECK_OK;
    static const char *const names[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};
    printf("CERTDECK %s - %zu certificates", names[state], l.count);
    if (expired)
        printf(", %zu expired", expired);
    if (critical)
        printf(", %zu expire within %ld days", critical, crit);
    if (warning)
        printf(", %zu within %ld days", warning, warn);
    if (l.count && l.items[0].not_after)
        printf("; soonest: %s (%s) in %" PRId64 " days", l.items[0].name,
               services[l.items[0].service]->id, time_days_left(l.items[0].not_after, now));
    for (size_t i = 0; i < rep.count; i++)
        if (rep.items[i].status != CD_OK)
            printf("; %s", rep.items[i].err.message);
    printf(" | total=%zu expired=%zu critical=%zu;;;0 warning=%zu;;;0 failed_services=%zu\n",
           l.count, expired, critical, warning, rep.failed);
    fetch_report_free(&rep);
    record_list_free(&l);
    client_close(&c);
    return state;
}

const struct cli_cmd cmd_check = {
    .name = "check",
    .usage = "[--warn DAYS] [--crit DAYS] [--service LIST]",
    .summary = "monitoring check: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, with perfdata",
    .opts = check_opts,
    .min_args = 0,
    .max_args = 0,
    .exec = check_exec,
};

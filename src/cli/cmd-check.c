/* cmd-check.c — `certdeck check`: a monitoring plugin (Nagios/Icinga exit
 * codes): one status line with perfdata, then one line per offender. */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../core/timeutil.h"
#include "../fetch/fetch.h"
#include "client-args.h"
#include "commands.h"
#include "service-arg.h"
#include "../client/target.h"

enum { CHECK_OK = 0, CHECK_WARNING = 1, CHECK_CRITICAL = 2, CHECK_UNKNOWN = 3 };
static const char *const state_names[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

static const struct cli_opt check_opts[] = {
    {"warn", 'w', "DAYS", "WARNING when a certificate expires within DAYS (default: profile, 30)"},
    {"crit", 'c', "DAYS", "CRITICAL when one expires within DAYS, or has expired (default 7)"},
    {"service", 's', "LIST", "only these services"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

/* A monitoring check never ends in a signal: the monitoring system would
 * show a crash as a plugin error, or not at all. Only write() and _exit()
 * are safe here. */
static void internal_error(int sig)
{
    static const char msg[] = "CERTDECK UNKNOWN - internal error (signal ";
    char num[4] = {(char)('0' + sig / 10 % 10), (char)('0' + sig % 10), ')', '\n'};
    ssize_t w = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
    w = write(STDOUT_FILENO, num, sizeof(num));
    (void)w;
    _exit(CHECK_UNKNOWN);
}

static void trap_crashes(void)
{
    static const int fatal[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = internal_error;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
        sigaction(fatal[i], &sa, NULL);
}

/* Reports a usage error the way a plugin must: UNKNOWN on stdout, the
 * details on stderr. */
static int check_usage(const struct cli_args *args, const char *what)
{
    printf("CERTDECK UNKNOWN - usage: %s\n", what);
    cli_usage_error(args->cmd, "%s", what);
    return CHECK_UNKNOWN;
}

static bool thresholds_ok(const struct cli_args *args, long warn, long crit)
{
    if (warn >= crit)
        return true;
    char what[160];
    snprintf(what, sizeof(what), "--warn %ld is below --crit %ld: the warning must come first",
             warn, crit);
    check_usage(args, what);
    return false;
}

/* One line per certificate past a threshold, soonest first. */
static void print_offenders(const struct record_list *l, long warn, long crit, int64_t now)
{
    for (size_t i = 0; i < l->count; i++) {
        const struct cert_record *r = &l->items[i];
        if (!r->not_after)
            continue;
        int64_t days = time_days_left(r->not_after, now);
        const char *state = r->not_after <= now ? "CRITICAL" : days < crit ? "CRITICAL"
                            : days < warn ? "WARNING" : NULL;
        if (!state)
            continue;
        char words[32];
        printf("%s: %s (%s%s%s, id %s) %s\n", state, *r->name ? r->name : r->common_name,
               services[r->service]->id, *r->scope ? " " : "", r->scope, r->id,
               time_expiry_words(r->not_after, now, words, sizeof(words)));
    }
}

static int check_exec(const struct cli_args *args)
{
    trap_crashes();
    unsigned mask = 0;
    if (cli_has(args, "service") && !service_mask_parse(args->cmd, cli_get(args, "service"), &mask))
        return CHECK_UNKNOWN;
    long warn = -1, crit = -1;
    if (!cli_get_int(args, "warn", 0, 100000, &warn) || !cli_get_int(args, "crit", 0, 100000, &crit))
        return CHECK_UNKNOWN;
    if (warn >= 0 && crit >= 0 && !thresholds_ok(args, warn, crit))
        return CHECK_UNKNOWN; /* before the vault is opened: bad input touches nothing */
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, true, &c, &err) != CD_OK) {
        printf("CERTDECK UNKNOWN - %s\n", err.message);
        return CHECK_UNKNOWN;
    }
    if (warn < 0)
        warn = c.profile.warn_days;
    if (crit < 0)
        crit = c.profile.crit_days;
    if (!thresholds_ok(args, warn, crit)) {
        client_close(&c);
        return CHECK_UNKNOWN;
    }
    /* what the profile cannot read makes the answer UNKNOWN, never "OK - 0" */
    struct cd_error unready[8];
    size_t n_unready = 0;
    int s = -1;
    while (n_unready < 8 && (s = target_next_unready(&c, mask, s + 1, &unready[n_unready])) >= 0)
        n_unready++;
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
    bool nothing_read = rep.count == 0 && n_unready == 0;
    int state = rep.failed || n_unready || nothing_read ? CHECK_UNKNOWN
                : expired || critical ? CHECK_CRITICAL
                : warning ? CHECK_WARNING : CHECK_OK;
    printf("CERTDECK %s - ", state_names[state]);
    for (size_t i = 0; i < n_unready; i++)
        printf("%s; ", unready[i].message);
    for (size_t i = 0; i < rep.count; i++)
        if (rep.items[i].status != CD_OK)
            printf("%s; ", rep.items[i].err.message);
    if (nothing_read)
        printf("profile \"%s\" reads no service (services = …); ", c.profile.name);
    printf("%zu certificates", l.count);
    if (expired)
        printf(", %zu expired", expired);
    if (critical)
        printf(", %zu expire within %ld days", critical, crit);
    if (warning)
        printf(", %zu within %ld days", warning, warn);
    char words[32];
    if (l.count && l.items[0].not_after)
        printf("; soonest: %s (%s), %s", l.items[0].name, services[l.items[0].service]->id,
               time_expiry_words(l.items[0].not_after, now, words, sizeof(words)));
    printf(" | total=%zu expired=%zu critical=%zu;;;0 warning=%zu;;;0 failed_services=%zu\n",
           l.count, expired, critical, warning, rep.failed + n_unready);
    print_offenders(&l, warn, crit, now);
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

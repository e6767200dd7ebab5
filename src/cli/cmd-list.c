/* cmd-list.c — `certdeck list`: every certificate, soonest expiry first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../core/textwidth.h"
#include "../core/timeutil.h"
#include "../fetch/fetch.h"
#include "client-args.h"
#include "commands.h"
#include "records-out.h"
#include "records-table.h"
#include "service-arg.h"
#include "../client/target.h"

static const struct cli_opt list_opts[] = {
    {"service", 's', "LIST", "only these services (elb,waf,apic,cae)"},
    {"expiring-within", 'e', "DAYS", "only certificates expiring within DAYS (expired ones too)"},
    {"json", 'j', NULL, "print JSON (fields in the README), with the decoded certificate"},
    {"csv", 0, NULL, "print CSV"},
    {"tsv", 0, NULL, "print tab-separated columns (every column, or --columns)"},
    {"columns", 'o', "LIST", "these columns, in this order (table and TSV)"},
    {"wide", 'w', NULL, "every column, nothing cut, whatever the terminal's width"},
    {"no-headers", 0, NULL, "leave out the header line (table, CSV, TSV)"},
    {"color", 0, "WHEN", "colour rows by expiry: auto (on a terminal, unless NO_COLOR), always, never"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

enum list_format { FORMAT_TABLE, FORMAT_JSON, FORMAT_CSV, FORMAT_TSV };

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

/* Columns to fit in: COLUMNS when set, else the terminal's width when stdout
 * is one, else no limit (0). */
static size_t output_width(void)
{
    const char *env = getenv("COLUMNS");
    char *end;
    long n = env && *env ? strtol(env, &end, 10) : 0;
    if (env && *env && !*end && n > 0)
        return (size_t)n;
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 0;
}

static bool parse_color(const struct cli_args *args, bool *color)
{
    const char *when = cli_has(args, "color") ? cli_get(args, "color") : "auto";
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    if (strcmp(when, "always") == 0)
        *color = true;
    else if (strcmp(when, "never") == 0)
        *color = false;
    else if (strcmp(when, "auto") == 0)
        *color = isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
    else
        return cli_usage_error(args->cmd, "--color takes auto, always or never, not \"%s\"", when), false;
    return true;
}

/* --columns a,b,c into column indexes; an unknown name is a usage error naming the valid ones. */
static bool parse_columns(const struct cli_args *args, struct table_options *o)
{
    if (!cli_has(args, "columns"))
        return true;
    char *list = strdup(cli_get(args, "columns")), *save = NULL;
    bool ok = true;
    for (char *name = strtok_r(list, ",", &save); name && ok; name = strtok_r(NULL, ",", &save)) {
        name += strspn(name, " ");
        name[strcspn(name, " ")] = '\0';
        int k = column_find(name);
        if (k < 0 || o->chosen_count == TABLE_MAX_COLUMNS) {
            char names[256];
            column_names(names, sizeof(names));
            cli_usage_error(args->cmd, "unknown column \"%s\" (columns: %s)", name, names);
            ok = false;
        } else {
            o->chosen[o->chosen_count++] = k;
        }
    }
    free(list);
    if (ok && !o->chosen_count)
        return cli_usage_error(args->cmd, "--columns needs at least one column name"), false;
    return ok;
}

/* The output format and table options from the command line; false after a usage error. */
static bool parse_output(const struct cli_args *args, enum list_format *format, struct table_options *o)
{
    const char *formats[] = {"json", "csv", "tsv"};
    *format = FORMAT_TABLE;
    for (size_t i = 0; i < 3; i++)
        if (cli_has(args, formats[i])) {
            if (*format != FORMAT_TABLE)
                return cli_usage_error(args->cmd, "choose one of --json, --csv and --tsv"), false;
            *format = (enum list_format)(FORMAT_JSON + i);
        }
    bool structured = *format == FORMAT_JSON || *format == FORMAT_CSV;
    if (structured && (cli_has(args, "columns") || cli_has(args, "wide")))
        return cli_usage_error(args->cmd, "--columns and --wide are for the table and --tsv"), false;
    if (*format == FORMAT_JSON && cli_has(args, "no-headers"))
        return cli_usage_error(args->cmd, "JSON has no header line: --no-headers does not apply"), false;
    memset(o, 0, sizeof(*o));
    o->wide = cli_has(args, "wide");
    o->headers = !cli_has(args, "no-headers");
    o->width = output_width();
    o->cx.utf8 = text_locale_is_utf8();
    o->cx.for_people = *format == FORMAT_TABLE;
    return parse_color(args, &o->color) && parse_columns(args, o);
}

static void print_records(const struct record_list *l, enum list_format format,
                          const struct table_options *o)
{
    switch (format) {
    case FORMAT_JSON: records_print_json(l, o->cx.now, stdout); break;
    case FORMAT_CSV: records_print_csv(l, o->cx.now, o->headers, stdout); break;
    case FORMAT_TSV: records_print_tsv(l, o, stdout); break;
    case FORMAT_TABLE: records_print_table(l, o, stdout); break;
    }
}

static int list_exec(const struct cli_args *args)
{
    unsigned mask = 0;
    if (cli_has(args, "service") && !service_mask_parse(args->cmd, cli_get(args, "service"), &mask))
        return CLI_EXIT_USAGE;
    long days = -1;
    if (!cli_get_int(args, "expiring-within", 0, 100000, &days))
        return CLI_EXIT_USAGE;
    enum list_format format;
    struct table_options o;
    if (!parse_output(args, &format, &o))
        return CLI_EXIT_USAGE;
    struct client c;
    struct cd_error err;
    if (cli_client_open(args, true, &c, &err) != CD_OK) {
        client_report("list", &err);
        return CLI_EXIT_FINDINGS;
    }
    struct record_list records = {0};
    struct fetch_report rep;
    fetch_all(&c, mask, &records, &rep);
    o.cx.now = cd_now();
    o.cx.warn_days = (long)c.profile.warn_days;
    o.cx.crit_days = (long)c.profile.crit_days;
    if (days >= 0)
        keep_expiring(&records, days, o.cx.now);
    /* nothing read is not "no certificates": stdout stays empty */
    if (!fetch_report_nothing_read(&rep))
        print_records(&records, format, &o);
    bool failed = fetch_report_print(&rep, "list", stderr);
    /* a service asked for or enabled that the profile cannot read (no ROMA
     * instance, no CAE environment) is said, never just left out; only one
     * asked for by name (--service) fails the command: a new profile has all
     * four enabled and may not use them all */
    struct cd_error unready;
    for (int s = target_next_unready(&c, mask, 0, &unready); s >= 0;
         s = target_next_unready(&c, mask, s + 1, &unready)) {
        client_report("list", &unready);
        if (mask)
            failed = true;
    }
    fetch_report_free(&rep);
    record_list_free(&records);
    client_close(&c);
    return failed ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
}

const struct cli_cmd cmd_list = {
    .name = "list",
    .usage = "[--service LIST] [--expiring-within DAYS] [--json|--csv|--tsv] [--columns LIST] "
             "[--wide] [--no-headers] [--color WHEN]",
    .summary = "list every certificate of every service, soonest expiry first",
    .opts = list_opts,
    .min_args = 0,
    .max_args = 0,
    .exec = list_exec,
};

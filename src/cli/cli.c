/* cli.c — parses global options, finds the subcommand, parses its options from its table. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "../core/editdist.h"
#include "commands.h"
#include "version.h"

const char cli_program[] = "certdeck";

static const struct cli_opt help_opt = {"help", 'h', NULL, "show this help"};

static int opt_index(const struct cli_cmd *cmd, const char *name)
{
    for (int i = 0; cmd->opts && cmd->opts[i].name; i++)
        if (strcmp(cmd->opts[i].name, name) == 0)
            return i;
    return -1;
}

bool cli_has(const struct cli_args *args, const char *name)
{
    int i = opt_index(args->cmd, name);
    return i >= 0 && args->values[i].count > 0;
}

const char *cli_get(const struct cli_args *args, const char *name)
{
    int i = opt_index(args->cmd, name);
    if (i < 0 || args->values[i].count == 0)
        return NULL;
    return args->values[i].items[args->values[i].count - 1];
}

const struct strlist *cli_get_all(const struct cli_args *args, const char *name)
{
    int i = opt_index(args->cmd, name);
    return i >= 0 ? &args->values[i] : NULL;
}

bool cli_get_int(const struct cli_args *args, const char *name, long min, long max, long *out)
{
    const char *v = cli_get(args, name);
    if (!v)
        return true;
    char *end = NULL;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < min || n > max) {
        cli_usage_error(args->cmd, "--%s needs a whole number from %ld to %ld, not \"%s\"", name,
                        min, max, v);
        return false;
    }
    *out = n;
    return true;
}

int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s%s%s: ", cli_program, cmd ? " " : "", cmd ? cmd->name : "");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "\nTry '%s %s --help' for more information.\n", cli_program, cmd->name);
    else
        fprintf(stderr, "\nTry '%s --help' for more information.\n", cli_program);
    return CLI_EXIT_USAGE;
}

static void print_opt(FILE *f, const struct cli_opt *o)
{
    char left[64];
    if (o->short_name)
        snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    else
        snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    fprintf(f, "  %-30s %s\n", left, o->help);
}

void cli_print_command_help(const struct cli_cmd *cmd, bool to_stderr)
{
    FILE *f = to_stderr ? stderr : stdout;
    fprintf(f, "Usage: %s %s %s\n\n%s\n\nOptions:\n", cli_program, cmd->name, cmd->usage,
            cmd->summary);
    for (int i = 0; cmd->opts && cmd->opts[i].name; i++)
        print_opt(f, &cmd->opts[i]);
    print_opt(f, &help_opt);
}

void cli_print_help(void)
{
    printf("Usage: %s [--help] [--version] [OPTIONS] COMMAND [ARGS…]\n\n"
           "TLS certificates of Huawei Cloud and Open Telekom Cloud, from the terminal.\n"
           "A command's options may come before its name (%s --profile emu list).\n\n"
           "Commands:\n", cli_program, cli_program);
    for (size_t i = 0; cli_commands[i]; i++)
        printf("  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
    printf("\n'%s help COMMAND' (or '%s COMMAND --help') describes one command.\n", cli_program,
           cli_program);
}

/* getopt_long spec built from the command's rows; --help is added to every command. */
static int parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *args)
{
    int n = 0;
    while (cmd->opts && cmd->opts[n].name)
        n++;
    struct option *lo = xcalloc((size_t)n + 2, sizeof(*lo));
    char *shorts = xcalloc((size_t)n * 2 + 4, 1);
    size_t s = 0;
    shorts[s++] = ':';
    for (int i = 0; i < n; i++) {
        lo[i].name = cmd->opts[i].name;
        lo[i].has_arg = cmd->opts[i].arg ? required_argument : no_argument;
        lo[i].val = 256 + i;
        if (cmd->opts[i].short_name) {
            shorts[s++] = cmd->opts[i].short_name;
            if (cmd->opts[i].arg)
                shorts[s++] = ':';
        }
    }
    lo[n] = (struct option){"help", no_argument, NULL, 'h'};
    shorts[s++] = 'h';

    args->cmd = cmd;
    args->values = xcalloc((size_t)n + 1, sizeof(*args->values));
    int rc = -1;
    optind = 0; /* GNU: reinitialise, positional arguments may come first */
    opterr = 0;
    for (;;) {
        int c = getopt_long(argc, argv, shorts, lo, NULL);
        if (c == -1)
            break;
        if (c == 'h') {
            cli_print_command_help(cmd, false);
            rc = CLI_EXIT_OK;
            break;
        }
        int idx = -1;
        if (c >= 256)
            idx = c - 256;
        else
            for (int i = 0; i < n && idx < 0; i++)
                if (cmd->opts[i].short_name == c)
                    idx = i;
        if (c == '?' || c == ':' || idx < 0) {
            const char *what = argv[optind - 1];
            if (c == ':')
                rc = cli_usage_error(cmd, "option %s needs a value", what);
            else if (optopt && optopt < 256)
                rc = cli_usage_error(cmd, "unknown option -%c", optopt);
            else
                rc = cli_usage_error(cmd, "unknown option %s", what);
            break;
        }
        strlist_push(&args->values[idx], cmd->opts[idx].arg ? optarg : "1");
    }
    if (rc < 0) {
        args->pos = argv + optind;
        args->npos = argc - optind;
        if (args->npos < cmd->min_args)
            rc = cli_usage_error(cmd, "missing argument (usage: %s %s %s)", cli_program, cmd->name,
                                 cmd->usage);
        else if (cmd->max_args >= 0 && args->npos > cmd->max_args)
            rc = cli_usage_error(cmd, "too many arguments (usage: %s %s %s)", cli_program,
                                 cmd->name, cmd->usage);
    }
    free(lo);
    free(shorts);
    return rc;
}

static void args_free(struct cli_args *args, const struct cli_cmd *cmd)
{
    for (int i = 0; cmd->opts && cmd->opts[i].name; i++)
        strlist_free(&args->values[i]);
    free(args->values);
}

/* Whether any command has an option spelt `arg` ("--profile", "--profile=x",
 * "-p") and, if so, whether it takes a value from the next word. */
static bool global_opt_lookup(const char *arg, bool *takes_value)
{
    bool is_long = arg[1] == '-';
    const char *name = arg + (is_long ? 2 : 1);
    size_t len = is_long ? strcspn(name, "=") : 1;
    for (size_t c = 0; cli_commands[c]; c++)
        for (const struct cli_opt *o = cli_commands[c]->opts; o && o->name; o++) {
            bool same = is_long ? strlen(o->name) == len && strncmp(o->name, name, len) == 0
                                : o->short_name == name[0] && name[1] == '\0';
            if (same) {
                *takes_value = o->arg && !(is_long && name[len] == '=');
                return true;
            }
        }
    return false;
}

/* The command nearest to a mistyped one, or NULL when none is near (at most
 * two edits, and fewer than the word's own length). */
const char *cli_nearest_command(const char *typed)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; cli_commands[i]; i++) {
        size_t d = edit_distance(typed, cli_commands[i]->name, strlen(cli_commands[i]->name));
        if (d < best_d && d < strlen(typed)) {
            best = cli_commands[i]->name;
            best_d = d;
        }
    }
    return best;
}

static int unknown_command(const char *typed)
{
    const char *near = cli_nearest_command(typed);
    if (near)
        return cli_usage_error(NULL, "unknown command \"%s\": did you mean '%s'?", typed, near);
    return cli_usage_error(NULL, "unknown command \"%s\"", typed);
}

int cli_main(int argc, char **argv)
{
    /* Options before the command (`certdeck --profile emu list`) are any
     * command's options: they are moved behind the command name, where its
     * own parser checks them like the rest. */
    int i = 1;
    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            cli_print_help();
            return CLI_EXIT_OK;
        }
        if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0)
            return cmd_version.exec(NULL);
        bool takes_value = false;
        if (strcmp(argv[i], "--") == 0 || !global_opt_lookup(argv[i], &takes_value))
            return cli_usage_error(NULL, "unknown option %s", argv[i]);
        if (takes_value && i + 1 >= argc)
            return cli_usage_error(NULL, "option %s needs a value", argv[i]);
        i += takes_value ? 2 : 1;
    }
    if (i >= argc)
        return cli_usage_error(NULL, "no command given (try '%s help')", cli_program);
    const struct cli_cmd *cmd = cli_find_command(argv[i]);
    if (!cmd)
        return unknown_command(argv[i]);
    /* argv for the command: its name, the options given before it, the rest */
    char **cmd_argv = xcalloc((size_t)argc + 1, sizeof(*cmd_argv));
    int n = 0;
    cmd_argv[n++] = argv[i];
    for (int k = 1; k < i; k++)
        cmd_argv[n++] = argv[k];
    for (int k = i + 1; k < argc; k++)
        cmd_argv[n++] = argv[k];
    struct cli_args args;
    memset(&args, 0, sizeof(args));
    int rc = parse(cmd, n, cmd_argv, &args);
    if (rc < 0)
        rc = cmd->exec(&args);
    args_free(&args, cmd);
    free(cmd_argv);
    return rc;
}

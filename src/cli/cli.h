/* cli.h — the subcommand table and the argument parser every command shares.
 * Each command is one `struct cli_cmd` row (name, usage, options, exec);
 * options are parsed here, so `exec` only does the work (tmux's cmd_entry). */
#ifndef CD_CLI_H
#define CD_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/strlist.h"

/* Exit codes shared by every command (`check` adds the monitoring codes). */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FINDINGS = 1,    /* completed, but something deserves attention */
    CLI_EXIT_USAGE = 2,       /* bad arguments, unreadable or undecodable input */
};

struct cli_opt {
    const char *name;         /* long name, without "--" */
    char short_name;          /* 0 when none */
    const char *arg;          /* metavariable ("FILE"), NULL for a flag */
    const char *help;
};

struct cli_args;

struct cli_cmd {
    const char *name;
    const char *usage;        /* after the name: "[options] FILE…" */
    const char *summary;      /* one line for `certdeck help` */
    const struct cli_opt *opts;   /* terminated by a row with name NULL */
    int min_args, max_args;   /* positional arguments; max -1 = any */
    int (*exec)(const struct cli_args *args);
};

struct cli_args {
    const struct cli_cmd *cmd;
    struct strlist *values;   /* one list per option row: every value given */
    char **pos;               /* positional arguments (borrowed from argv) */
    int npos;
};

/* Runs `certdeck ARGS…`; returns the exit code. */
int cli_main(int argc, char **argv);

/* Whether an option was given, its last value (NULL when not given). */
bool cli_has(const struct cli_args *args, const char *name);
const char *cli_get(const struct cli_args *args, const char *name);
const struct strlist *cli_get_all(const struct cli_args *args, const char *name);
/* Parses an integer option in [min, max]; prints a usage error and returns
 * false when it is not one. *out keeps its default when the option is absent. */
bool cli_get_int(const struct cli_args *args, const char *name, long min, long max, long *out);

/* Prints "certdeck CMD: message" to stderr and returns CLI_EXIT_USAGE. */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_print_command_help(const struct cli_cmd *cmd, bool to_stderr);
void cli_print_help(void);
/* The command nearest to a mistyped name ("lsit" → "list"), or NULL. */
const char *cli_nearest_command(const char *typed);

extern const char cli_program[];

#endif

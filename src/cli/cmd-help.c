/* cmd-help.c — `certdeck help [COMMAND]`, generated from the command table. */
#include <stdio.h>

#include "commands.h"

static int help_exec(const struct cli_args *args)
{
    if (args->npos == 0) {
        cli_print_help();
        return CLI_EXIT_OK;
    }
    const struct cli_cmd *cmd = cli_find_command(args->pos[0]);
    if (!cmd)
        return cli_usage_error(args->cmd, "unknown command \"%s\"", args->pos[0]);
    cli_print_command_help(cmd, false);
    return CLI_EXIT_OK;
}

const struct cli_cmd cmd_help = {
    .name = "help",
    .usage = "[COMMAND]",
    .summary = "describe the commands, or one command",
    .min_args = 0,
    .max_args = 1,
    .exec = help_exec,
};

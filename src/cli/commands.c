/* commands.c — the subcommand registry built from CLI_COMMAND_LIST. */
#include "commands.h"

#include <string.h>

const struct cli_cmd *const cli_commands[] = {
#define CLI_COMMAND_PTR(name) &cmd_##name,
    CLI_COMMAND_LIST(CLI_COMMAND_PTR)
#undef CLI_COMMAND_PTR
    NULL,
};

const struct cli_cmd *cli_find_command(const char *name)
{
    for (size_t i = 0; cli_commands[i]; i++)
        if (strcmp(cli_commands[i]->name, name) == 0)
            return cli_commands[i];
    return NULL;
}

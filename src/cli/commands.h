/* commands.h — the table of subcommands: adding one is one row here and one cmd-*.c. */
#ifndef CD_COMMANDS_H
#define CD_COMMANDS_H

#include "cli.h"

#define CLI_COMMAND_LIST(X) \
    X(list)                 \
    X(show)                 \
    X(upload)               \
    X(update)               \
    X(delete)               \
    X(check)                \
    X(login)                \
    X(logout)               \
    X(lock)                 \
    X(status)               \
    X(config)               \
    X(inspect)              \
    X(help)                 \
    X(version)

#define CLI_COMMAND_DECL(name) extern const struct cli_cmd cmd_##name;
CLI_COMMAND_LIST(CLI_COMMAND_DECL)
#undef CLI_COMMAND_DECL

extern const struct cli_cmd *const cli_commands[];
const struct cli_cmd *cli_find_command(const char *name);

#endif

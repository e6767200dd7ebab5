/* cmd-config.c — `certdeck config init|print|path`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/config.h"
#include "commands.h"

static const struct cli_opt config_opts[] = {
    {"profile", 'p', "NAME", "the profile to print"},
    {NULL, 0, NULL, NULL},
};

static int config_exec(const struct cli_args *args)
{
    const char *what = args->pos[0];
    struct cd_error err;
    char *path = config_default_path();
    int rc = CLI_EXIT_OK;
    if (strcmp(what, "init") == 0) {
        if (config_write_example(path, &err) != CD_OK) {
            fprintf(stderr, "certdeck config: %s\n", err.message);
            rc = CLI_EXIT_FINDINGS;
        } else {
            printf("wrote %s: edit it, then run 'certdeck login'\n", path);
        }
    } else if (strcmp(what, "print") == 0) {
        struct profile p;
        if (config_load(NULL, cli_get(args, "profile"), &p, &err) != CD_OK) {
            fprintf(stderr, "certdeck config: %s\n", err.message);
            rc = CLI_EXIT_FINDINGS;
        } else {
            if (config_apply_env(&p, &err) != CD_OK) {
                fprintf(stderr, "certdeck config: %s\n", err.message);
                rc = CLI_EXIT_FINDINGS;
            } else {
                config_print(&p, stdout);
            }
            profile_free(&p);
        }
    } else if (strcmp(what, "path") == 0) {
        printf("%s\n", path);
    } else {
        rc = cli_usage_error(args->cmd, "unknown action \"%s\" (init, print or path)", what);
    }
    free(path);
    return rc;
}

const struct cli_cmd cmd_config = {
    .name = "config",
    .usage = "init|print|path [--profile NAME]",
    .summary = "write an example config file, or print the settings in force and where they come from",
    .opts = config_opts,
    .min_args = 1,
    .max_args = 1,
    .exec = config_exec,
};

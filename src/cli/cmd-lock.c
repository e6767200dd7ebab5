/* cmd-lock.c — `certdeck lock`: forgets the vault key kept in the kernel
 * keyring, so the next command asks for the vault passphrase again. */
#include <stdio.h>

#include "../auth/unlock.h"
#include "commands.h"

static int lock_exec(const struct cli_args *args)
{
    (void)args;
    if (vault_forget_key(NULL))
        printf("locked: the next command asks for the vault passphrase\n");
    else
        printf("no vault key was kept: nothing to lock\n");
    return CLI_EXIT_OK;
}

const struct cli_cmd cmd_lock = {
    .name = "lock",
    .usage = "",
    .summary = "forget the unlocked vault key at once (the next command asks for the passphrase)",
    .min_args = 0,
    .max_args = 0,
    .exec = lock_exec,
};

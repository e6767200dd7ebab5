/* unlock.h — the vault opened once per login session: with the key kept in
 * the kernel keyring when there is one, else with the passphrase (which then
 * leaves its derived key there for the next command). */
#ifndef CD_AUTH_UNLOCK_H
#define CD_AUTH_UNLOCK_H

#include <stdbool.h>

#include "../core/status.h"
#include "vault.h"

/* Opens the vault at path (NULL: the default path). keep_seconds is the
 * profile's vault_cache: 0 never reads nor keeps a key. A kept key that no
 * longer opens the file (the vault was made anew) is dropped, and the
 * passphrase asked. A missing file opens empty (asking for a new passphrase,
 * twice on a terminal). An older file format is upgraded on the spot. */
cd_status vault_unlock(const char *path, unsigned keep_seconds, struct vault **out,
                       struct cd_error *err);

/* Keeps v's key for keep_seconds (after the first save of a new vault). */
void vault_keep_key(const struct vault *v, unsigned keep_seconds);

/* Forgets the kept key of the vault at path (NULL: the default path) at once.
 * True when a key was kept; false also when there is no keyring (said on
 * stderr). */
bool vault_forget_key(const char *path);

#endif

/* keycache.h — the derived vault key kept in the Linux kernel keyring between
 * commands, so a login session unlocks the vault once.
 *
 * The key (never the passphrase) is a "user" key in the session keyring (the
 * user-session keyring when the process has none), readable only by its
 * possessor, described as "certdeck:vault:<hash of the vault's path>", and
 * removed by the kernel when its timeout ends. Nothing is written to disk. */
#ifndef CD_AUTH_KEYCACHE_H
#define CD_AUTH_KEYCACHE_H

#include <stdbool.h>
#include <stddef.h>

enum keycache_result {
    KEYCACHE_FOUND,
    KEYCACHE_ABSENT,       /* none kept (or it timed out) */
    KEYCACHE_UNAVAILABLE,  /* no kernel keyring here; already said once on stderr */
};

/* Reads the key kept for vault_path into blob (exactly len bytes). A kept
 * value of another length is dropped and reported absent. */
enum keycache_result keycache_get(const char *vault_path, unsigned char *blob, size_t len);

/* Keeps blob for vault_path for `seconds` (replacing an older one). Nothing
 * is kept when the keyring refuses a step, the timeout included. */
enum keycache_result keycache_put(const char *vault_path, const unsigned char *blob, size_t len,
                                  unsigned seconds);

/* Forgets the key kept for vault_path at once; KEYCACHE_FOUND when there was one. */
enum keycache_result keycache_forget(const char *vault_path);

#endif

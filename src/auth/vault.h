/* vault.h — the encrypted secrets vault: one file per user holding, for each
 * profile, named secrets (token, ak, sk…) and public facts about them (user,
 * domain, project_id, auth, token_expires, access_key_hint).
 *
 * The file is an XChaCha20-Poly1305 box under a key derived with Argon2id
 * from a passphrase; its header (magic, format, KDF parameters, salt, nonce)
 * and the public facts, kept in clear, are the associated data, so any
 * changed byte is refused. It is written
 * atomically with mode 0600 in a 0700 directory. In memory, every secret and
 * the derived key sit in sodium_malloc buffers, wiped when freed. The file
 * layout is described at the top of vault.c. */
#ifndef CD_AUTH_VAULT_H
#define CD_AUTH_VAULT_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/status.h"

/* A buffer of this size fits any passphrase vault_passphrase returns. */
#define VAULT_PASSPHRASE_MAX 256

struct vault;

/* Where the vault lives: $CERTDECK_VAULT when set (tests, automation), else
 * $XDG_DATA_HOME/certdeck/vault, else ~/.local/share/certdeck/vault. A new
 * string (free it), or NULL when no home directory can be found. */
char *vault_default_path(void);

/* Whether a vault file exists at path (NULL = the default path): tells the
 * caller to ask for a new passphrase (twice) or for the existing one. */
bool vault_exists(const char *path);

/* Reads the passphrase into buf: from CERTDECK_VAULT_PASSPHRASE when set
 * (weaker: the environment of a process can be read by the same user, and it
 * ends up in shell histories), else from the terminal without echo — twice
 * when creating, and both must match. Empty passphrases are refused. Returns
 * the length, or -1 with err set (buf wiped). The caller wipes buf. */
int vault_passphrase(char *buf, size_t size, bool creating, struct cd_error *err);

/* Opens the vault at path (NULL = vault_default_path()) with passphrase.
 * A missing file gives an empty vault that vault_save will create there.
 * Fails with CD_ERR_VAULT for a wrong passphrase or a modified, truncated,
 * damaged, newer or foreign file (the message names the path and never
 * contains a secret), or CD_ERR_IO when the file cannot be read. Costs one
 * Argon2id run (about 0.1 s). The file is never changed by opening. */
cd_status vault_open(const char *path, const char *passphrase, struct vault **out,
                     struct cd_error *err);

/* The derived key with the salt it belongs to, as kept between commands. */
#define VAULT_KEY_BLOB_LEN 48

/* Opens the vault at path with a key blob from vault_key_blob instead of a
 * passphrase (no Argon2id). CD_ERR_BAD_PASSPHRASE when the blob is not for
 * this file (the vault was made anew, with a new salt) or does not open it;
 * other failures as vault_open. */
cd_status vault_open_with_key(const char *path, const unsigned char *blob, struct vault **out,
                              struct cd_error *err);

/* Copies v's salt and key into blob (VAULT_KEY_BLOB_LEN bytes); the caller
 * wipes it. */
void vault_key_blob(const struct vault *v, unsigned char *blob);

/* Reads only the public facts, without any key: vault_get answers for them
 * alone, and the result cannot be saved. CD_ERR_NOT_FOUND when there is no
 * file; CD_ERR_VAULT for a damaged one or one of the older format, which has
 * no public part (unlocking it once upgrades it). Tampering with the public
 * part is not detected here, only by opening. */
cd_status vault_read_public(const char *path, struct vault **out, struct cd_error *err);

/* The file was written by an older certdeck; saving upgrades it. */
bool vault_is_outdated(const struct vault *v);

/* Writes the vault back (fresh nonce, same key), creating its directory
 * (0700) when needed. On failure the previous file is left as it was. */
cd_status vault_save(struct vault *v, struct cd_error *err);

/* The value of key in profile, or NULL. Borrowed: valid until the next
 * vault_set, vault_remove_profile or vault_close. */
const char *vault_get(const struct vault *v, const char *profile, const char *key);

/* Sets (or, with value NULL, removes) key in profile; the strings are copied
 * into wiped-on-free memory. profile and key must not be NULL. */
void vault_set(struct vault *v, const char *profile, const char *key, const char *value);

/* Removes every key of profile (nothing when it has none). */
void vault_remove_profile(struct vault *v, const char *profile);

/* The file this vault reads and writes. */
const char *vault_path(const struct vault *v);

/* Wipes and frees everything; NULL is fine. */
void vault_close(struct vault *v);

#endif

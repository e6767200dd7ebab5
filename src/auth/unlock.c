/* unlock.c — a kept key first, the passphrase second; keeps what was derived. */
#include "unlock.h"

#include <sodium.h>
#include <stdlib.h>

#include "../core/xalloc.h"
#include "keycache.h"

/* sodium_malloc needs libsodium started; it fails only without randomness. */
static void *secure_alloc(size_t size)
{
    void *p = sodium_init() < 0 ? NULL : sodium_malloc(size);
    if (!p)
        abort();
    return p;
}

void vault_keep_key(const struct vault *v, unsigned keep_seconds)
{
    if (!keep_seconds)
        return;
    unsigned char *blob = secure_alloc(VAULT_KEY_BLOB_LEN);
    vault_key_blob(v, blob);
    keycache_put(vault_path(v), blob, VAULT_KEY_BLOB_LEN, keep_seconds);
    sodium_free(blob);
}

/* The vault opened with the key kept for path; CD_ERR_BAD_PASSPHRASE when
 * there is none to use (none kept, no keyring, or a stale one, now dropped). */
static cd_status open_kept(const char *path, struct vault **out, struct cd_error *err)
{
    unsigned char *blob = secure_alloc(VAULT_KEY_BLOB_LEN);
    cd_status rc = CD_ERR_BAD_PASSPHRASE;
    if (keycache_get(path, blob, VAULT_KEY_BLOB_LEN) == KEYCACHE_FOUND) {
        rc = vault_open_with_key(path, blob, out, err);
        if (rc == CD_ERR_BAD_PASSPHRASE)
            keycache_forget(path);
    }
    sodium_free(blob);
    return rc;
}

static cd_status open_asking(const char *path, bool creating, struct vault **out,
                             struct cd_error *err)
{
    char *pass = secure_alloc(VAULT_PASSPHRASE_MAX);
    cd_status rc;
    if (vault_passphrase(pass, VAULT_PASSPHRASE_MAX, creating, err) < 0)
        rc = err->code ? err->code : cd_error_set(err, CD_ERR_VAULT, "no vault passphrase given");
    else
        rc = vault_open(path, pass, out, err);
    sodium_free(pass);
    return rc;
}

cd_status vault_unlock(const char *path, unsigned keep_seconds, struct vault **out,
                       struct cd_error *err)
{
    *out = NULL;
    char *where = path ? xstrdup(path) : vault_default_path();
    if (!where)
        return cd_error_set(err, CD_ERR_VAULT,
                            "no place for the vault: set HOME, XDG_DATA_HOME or CERTDECK_VAULT");
    bool exists = vault_exists(where);
    cd_status rc = CD_ERR_BAD_PASSPHRASE;
    if (exists && keep_seconds)
        rc = open_kept(where, out, err);
    if (rc == CD_ERR_BAD_PASSPHRASE) {
        cd_error_clear(err);
        rc = open_asking(where, !exists, out, err);
        if (rc == CD_OK && exists)
            vault_keep_key(*out, keep_seconds);
    }
    if (rc == CD_OK && vault_is_outdated(*out))
        rc = vault_save(*out, err);
    if (rc != CD_OK) {
        vault_close(*out);
        *out = NULL;
    }
    free(where);
    return rc;
}

bool vault_forget_key(const char *path)
{
    char *where = path ? xstrdup(path) : vault_default_path();
    bool forgotten = where && keycache_forget(where) == KEYCACHE_FOUND;
    free(where);
    return forgotten;
}

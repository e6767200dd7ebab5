/* keycache.c — the vault key in the kernel keyring (libkeyutils). */
#include "keycache.h"

#include <errno.h>
#include <keyutils.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define KEY_TYPE "user"
#define DESC_PREFIX "certdeck:vault:"

/* Only the process that holds the keyring may read the key; the user may
 * see that it exists (keyctl show), not its content. */
#define KEY_PERMISSIONS                                                                        \
    (KEY_POS_VIEW | KEY_POS_READ | KEY_POS_WRITE | KEY_POS_SEARCH | KEY_POS_SETATTR |          \
     KEY_USR_VIEW)

/* The errors that mean "no keyring here" rather than "no key kept". */
static bool keyring_missing(int e)
{
    return e == ENOSYS || e == EPERM || e == EACCES || e == EOPNOTSUPP || e == EDQUOT;
}

static enum keycache_result unavailable(int e)
{
    static bool said; /* once per process */
    if (!said)
        fprintf(stderr, "certdeck: the kernel keyring is not available here (%s): the vault "
                        "passphrase is asked on every command\n", strerror(e));
    said = true;
    return KEYCACHE_UNAVAILABLE;
}

/* "certdeck:vault:" and 16 hex digits of the BLAKE2b hash of the absolute
 * path: one kept key per vault file, without putting the path on show. */
static void describe(const char *vault_path, char out[sizeof(DESC_PREFIX) + 16])
{
    char *abs = realpath(vault_path, NULL);
    const char *name = abs ? abs : vault_path;
    unsigned char hash[8];
    crypto_generichash(hash, sizeof(hash), (const unsigned char *)name, strlen(name), NULL, 0);
    char hex[17];
    sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
    snprintf(out, sizeof(DESC_PREFIX) + 16, DESC_PREFIX "%s", hex);
    free(abs);
}

/* The session keyring by its number: the login session's, or the user's
 * session keyring that stands in for it. (add_key given the special id of a
 * missing session keyring makes a new one that dies with this process, so the
 * next command would find nothing.) */
static key_serial_t ring(void)
{
    key_serial_t id = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0);
    return id >= 0 ? id : KEY_SPEC_USER_SESSION_KEYRING;
}

/* The id of the kept key, 0 when there is none, -1 (errno set) when the
 * keyring cannot be searched. */
static key_serial_t find(const char *vault_path)
{
    char desc[sizeof(DESC_PREFIX) + 16];
    describe(vault_path, desc);
    key_serial_t id = keyctl_search(ring(), KEY_TYPE, desc, 0);
    if (id >= 0)
        return id;
    if (errno == ENOKEY || errno == EKEYEXPIRED || errno == EKEYREVOKED || errno == ENOENT)
        return 0;
    return -1;
}

static void drop(key_serial_t id)
{
    if (keyctl_invalidate(id) != 0) /* kernels before 3.5: unlink it instead */
        keyctl_unlink(id, ring());
}

enum keycache_result keycache_get(const char *vault_path, unsigned char *blob, size_t len)
{
    if (sodium_init() < 0)
        abort();
    key_serial_t id = find(vault_path);
    if (id < 0)
        return keyring_missing(errno) ? unavailable(errno) : KEYCACHE_ABSENT;
    if (id == 0)
        return KEYCACHE_ABSENT;
    /* read one byte more than expected, into wiped memory, to see a wrong length */
    unsigned char *buf = sodium_malloc(len + 1);
    if (!buf)
        abort();
    long n = keyctl_read(id, (char *)buf, len + 1);
    enum keycache_result result = KEYCACHE_ABSENT;
    if (n == (long)len) {
        memcpy(blob, buf, len);
        result = KEYCACHE_FOUND;
    } else if (n >= 0) {
        drop(id);
    }
    sodium_free(buf);
    return result;
}

enum keycache_result keycache_put(const char *vault_path, const unsigned char *blob, size_t len,
                                  unsigned seconds)
{
    if (sodium_init() < 0)
        abort();
    char desc[sizeof(DESC_PREFIX) + 16];
    describe(vault_path, desc);
    key_serial_t id = add_key(KEY_TYPE, desc, blob, len, ring());
    if (id < 0)
        return keyring_missing(errno) ? unavailable(errno) : KEYCACHE_ABSENT;
    /* never a kept key without its end: if either step fails, it goes */
    if (keyctl_setperm(id, KEY_PERMISSIONS) != 0 || keyctl_set_timeout(id, seconds) != 0) {
        int e = errno;
        drop(id);
        return keyring_missing(e) ? unavailable(e) : KEYCACHE_ABSENT;
    }
    return KEYCACHE_FOUND;
}

enum keycache_result keycache_forget(const char *vault_path)
{
    key_serial_t id = find(vault_path);
    if (id < 0)
        return keyring_missing(errno) ? unavailable(errno) : KEYCACHE_ABSENT;
    if (id == 0)
        return KEYCACHE_ABSENT;
    drop(id);
    return KEYCACHE_FOUND;
}

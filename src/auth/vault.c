/* vault.c — the secrets vault: an Argon2id key, an XChaCha20-Poly1305 box,
 * crash-safe private rewrites.
 *
 * File layout, format 2 (integers big-endian):
 *
 *   offset  size  field
 *        0     8  magic "CDVAULT\0"
 *        8     1  format version (2)
 *        9     1  KDF id (1 = Argon2id v1.3)
 *       10     1  AEAD id (1 = XChaCha20-Poly1305-IETF)
 *       11     1  reserved, 0
 *       12     4  Argon2id opslimit
 *       16     4  Argon2id memlimit, in KiB
 *       20     4  plaintext length n
 *       24    16  salt (kept across rewrites: the key stays the same)
 *       40    24  nonce (fresh random bytes on every write)
 *       64     4  public part length m
 *       68     m  public part: entries in clear (who, where, until when)
 *     68+m     n  ciphertext
 *   68+m+n    16  Poly1305 tag
 *
 * Everything before the ciphertext is the AEAD's associated data: the public
 * part can be read without the key (`certdeck status`), and any change to it
 * is caught when the vault is opened. The public part and the plaintext are
 * each a run of entries, each three fields (profile, key, value) written as a
 * u32 length and that many bytes. Which keys are public is decided by name
 * (public_keys below); no secret is ever among them.
 *
 * Format 1 had no public part (the ciphertext at offset 64, the 64 header
 * bytes the associated data). It is still read, its public keys kept with
 * the rest, and written as format 2 by the next save. */
#include "vault.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/fileio.h"
#include "../core/prompt.h"
#include "../core/xalloc.h"

#define VAULT_MAGIC "CDVAULT" /* with its NUL: the 8 magic bytes */

enum {
    VAULT_FORMAT = 2,
    VAULT_FORMAT_NO_PUBLIC = 1,
    VAULT_KDF_ARGON2ID13 = 1,
    VAULT_AEAD_XCHACHA20POLY1305 = 1,

    OFF_VERSION = 8,
    OFF_KDF = 9,
    OFF_AEAD = 10,
    OFF_RESERVED = 11,
    OFF_OPSLIMIT = 12,
    OFF_MEMLIMIT = 16,
    OFF_LENGTH = 20,
    OFF_SALT = 24,
    OFF_NONCE = 40,
    HEADER_LEN = 64,
    OFF_PUBLIC_LEN = 64,
    PUBLIC_START = 68,

    SALT_LEN = crypto_pwhash_SALTBYTES,
    NONCE_LEN = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
    KEY_LEN = crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
    TAG_LEN = crypto_aead_xchacha20poly1305_ietf_ABYTES,

    /* Tokens are a few KiB; anything this big is not ours. */
    MAX_FILE_LEN = 1024 * 1024,
    MAX_PLAIN_LEN = MAX_FILE_LEN - PUBLIC_START - TAG_LEN,

    /* Bounds on the KDF cost read from a header: never weaker than what we
     * write, and not so high that a damaged header stalls certdeck. */
    MAX_OPSLIMIT = 16,
};

_Static_assert(sizeof(VAULT_MAGIC) == OFF_VERSION, "magic is 8 bytes with its NUL");
_Static_assert(OFF_SALT + SALT_LEN == OFF_NONCE, "salt fills its slot");
_Static_assert(OFF_NONCE + NONCE_LEN == HEADER_LEN, "nonce fills its slot");
_Static_assert(SALT_LEN + KEY_LEN == VAULT_KEY_BLOB_LEN, "a kept key is its salt and the key");

/* What new vaults are written with: libsodium's "interactive" Argon2id cost. */
#define WRITE_OPSLIMIT ((uint32_t)crypto_pwhash_OPSLIMIT_INTERACTIVE)
#define WRITE_MEMLIMIT_KIB ((uint32_t)(crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024))
#define MAX_MEMLIMIT_KIB ((uint32_t)(crypto_pwhash_MEMLIMIT_SENSITIVE / 1024))

/* The keys stored in the public part: who, where and until when, never a
 * secret. Every other key is encrypted. */
static const char *const public_keys[] = {
    "auth", "user", "domain", "project_id", "token_expires", "access_key_hint",
};

static bool key_is_public(const char *key, size_t key_len)
{
    for (size_t i = 0; i < sizeof(public_keys) / sizeof(public_keys[0]); i++)
        if (strlen(public_keys[i]) == key_len && memcmp(public_keys[i], key, key_len) == 0)
            return true;
    return false;
}

/* One secret; its three strings share a single sodium_malloc block. */
struct vault_entry {
    char *block;          /* "profile\0key\0value\0" */
    size_t profile_len;
    size_t key_len;
    size_t value_len;
};

struct vault {
    char *path;
    unsigned char *key;   /* sodium_malloc, KEY_LEN; NULL when only the public part was read */
    unsigned format;      /* of the file as read (VAULT_FORMAT for a new one) */
    uint32_t opslimit;
    uint32_t memlimit_kib;
    unsigned char salt[SALT_LEN];
    struct vault_entry *entries;
    size_t count;
    size_t cap;
};

/* The header fields a file declares, once checked. */
struct vault_header {
    unsigned format;
    uint32_t opslimit;
    uint32_t memlimit_kib;
    uint32_t plain_len;
    const unsigned char *salt;
    const unsigned char *nonce;
    const unsigned char *public_part;   /* the public entries (format 2) */
    uint32_t public_len;
    size_t ad_len;                      /* bytes before the ciphertext */
};

static void sodium_ready(void)
{
    /* Safe to repeat; fails only when the system has no randomness. */
    if (sodium_init() < 0)
        abort();
}

static void *secure_alloc(size_t size)
{
    void *p = sodium_malloc(size ? size : 1);
    if (!p)
        abort();
    return p;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- entries ---- */

static const char *entry_key(const struct vault_entry *e)
{
    return e->block + e->profile_len + 1;
}

static const char *entry_value(const struct vault_entry *e)
{
    return entry_key(e) + e->key_len + 1;
}

static bool entry_is(const struct vault_entry *e, const char *profile, size_t profile_len,
                     const char *key, size_t key_len)
{
    return e->profile_len == profile_len && e->key_len == key_len &&
           memcmp(e->block, profile, profile_len) == 0 &&
           memcmp(entry_key(e), key, key_len) == 0;
}

/* The index of (profile, key), or v->count when absent. */
static size_t entry_find(const struct vault *v, const char *profile, size_t profile_len,
                         const char *key, size_t key_len)
{
    size_t i = 0;
    while (i < v->count && !entry_is(&v->entries[i], profile, profile_len, key, key_len))
        i++;
    return i;
}

static void entry_drop(struct vault *v, size_t i)
{
    sodium_free(v->entries[i].block);
    memmove(&v->entries[i], &v->entries[i + 1], (v->count - i - 1) * sizeof(v->entries[0]));
    v->count--;
}

/* Sets (profile, key) to value; lengths are explicit so the parser can pass
 * fields straight from the decrypted buffer. */
static void entry_put(struct vault *v, const char *profile, size_t profile_len, const char *key,
                      size_t key_len, const char *value, size_t value_len)
{
    struct vault_entry fresh = {
        .block = secure_alloc(profile_len + key_len + value_len + 3),
        .profile_len = profile_len,
        .key_len = key_len,
        .value_len = value_len,
    };
    char *p = fresh.block;
    memcpy(p, profile, profile_len);
    p[profile_len] = '\0';
    p += profile_len + 1;
    memcpy(p, key, key_len);
    p[key_len] = '\0';
    p += key_len + 1;
    memcpy(p, value, value_len);
    p[value_len] = '\0';

    /* The old block is freed only after copying: value may point into it. */
    size_t i = entry_find(v, profile, profile_len, key, key_len);
    if (i < v->count) {
        sodium_free(v->entries[i].block);
        v->entries[i] = fresh;
        return;
    }
    if (v->count == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->entries = xreallocarray(v->entries, v->cap, sizeof(v->entries[0]));
    }
    v->entries[v->count++] = fresh;
}

const char *vault_get(const struct vault *v, const char *profile, const char *key)
{
    size_t i = entry_find(v, profile, strlen(profile), key, strlen(key));
    return i < v->count ? entry_value(&v->entries[i]) : NULL;
}

void vault_set(struct vault *v, const char *profile, const char *key, const char *value)
{
    if (value) {
        entry_put(v, profile, strlen(profile), key, strlen(key), value, strlen(value));
        return;
    }
    size_t i = entry_find(v, profile, strlen(profile), key, strlen(key));
    if (i < v->count)
        entry_drop(v, i);
}

void vault_remove_profile(struct vault *v, const char *profile)
{
    size_t profile_len = strlen(profile);
    size_t i = 0;
    while (i < v->count) {
        const struct vault_entry *e = &v->entries[i];
        if (e->profile_len == profile_len && memcmp(e->block, profile, profile_len) == 0)
            entry_drop(v, i);
        else
            i++;
    }
}

const char *vault_path(const struct vault *v)
{
    return v->path;
}

void vault_close(struct vault *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->count; i++)
        sodium_free(v->entries[i].block);
    free(v->entries);
    sodium_free(v->key);
    free(v->path);
    free(v);
}

/* ---- plaintext ---- */

static unsigned char *put_field(unsigned char *p, const char *s, size_t len)
{
    put_u32(p, (uint32_t)len);
    memcpy(p + 4, s, len);
    return p + 4 + len;
}

static bool entry_public(const struct vault_entry *e)
{
    return key_is_public(entry_key(e), e->key_len);
}

/* The public (or the secret) entries in a new sodium_malloc buffer; *len is
 * its size. The caller refuses totals over MAX_PLAIN_LEN, so every length
 * that is kept fits a u32. */
static unsigned char *entries_build(const struct vault *v, bool public, size_t *len)
{
    size_t total = 0;
    for (size_t i = 0; i < v->count; i++) {
        const struct vault_entry *e = &v->entries[i];
        if (entry_public(e) == public)
            total += 12 + e->profile_len + e->key_len + e->value_len;
    }
    unsigned char *plain = secure_alloc(total);
    unsigned char *p = plain;
    for (size_t i = 0; i < v->count; i++) {
        const struct vault_entry *e = &v->entries[i];
        if (entry_public(e) != public)
            continue;
        p = put_field(p, e->block, e->profile_len);
        p = put_field(p, entry_key(e), e->key_len);
        p = put_field(p, entry_value(e), e->value_len);
    }
    *len = total;
    return plain;
}

/* Reads one length-prefixed field; false when it overruns or holds a NUL
 * (every field becomes a C string). */
static bool take_field(const unsigned char **p, const unsigned char *end, const char **field,
                       size_t *len)
{
    if ((size_t)(end - *p) < 4)
        return false;
    size_t n = get_u32(*p);
    *p += 4;
    if ((size_t)(end - *p) < n || memchr(*p, '\0', n))
        return false;
    *field = (const char *)*p;
    *len = n;
    *p += n;
    return true;
}

static bool entries_parse(struct vault *v, const unsigned char *plain, size_t len)
{
    const unsigned char *p = plain, *end = plain + len;
    while (p < end) {
        const char *profile, *key, *value;
        size_t profile_len, key_len, value_len;
        if (!take_field(&p, end, &profile, &profile_len) || !take_field(&p, end, &key, &key_len) ||
            !take_field(&p, end, &value, &value_len))
            return false;
        entry_put(v, profile, profile_len, key, key_len, value, value_len);
    }
    return true;
}

/* ---- header ---- */

/* Writes the header and the public part; out has PUBLIC_START + public_len bytes. */
static void header_build(const struct vault *v, const unsigned char *nonce, size_t plain_len,
                         const unsigned char *public_part, size_t public_len, unsigned char *out)
{
    memcpy(out, VAULT_MAGIC, sizeof(VAULT_MAGIC));
    out[OFF_VERSION] = VAULT_FORMAT;
    out[OFF_KDF] = VAULT_KDF_ARGON2ID13;
    out[OFF_AEAD] = VAULT_AEAD_XCHACHA20POLY1305;
    out[OFF_RESERVED] = 0;
    put_u32(out + OFF_OPSLIMIT, v->opslimit);
    put_u32(out + OFF_MEMLIMIT, v->memlimit_kib);
    put_u32(out + OFF_LENGTH, (uint32_t)plain_len);
    memcpy(out + OFF_SALT, v->salt, SALT_LEN);
    memcpy(out + OFF_NONCE, nonce, NONCE_LEN);
    put_u32(out + OFF_PUBLIC_LEN, (uint32_t)public_len);
    memcpy(out + PUBLIC_START, public_part, public_len);
}

static cd_status damaged(const char *path, const char *why, struct cd_error *err)
{
    return cd_error_set(err, CD_ERR_VAULT, "vault %s is damaged (%s)", path, why);
}

/* The magic and the format, checked first: a newer certdeck may lay out the
 * rest differently, so nothing after the version byte is read for it. */
static cd_status header_check_format(const char *path, const unsigned char *d, size_t len,
                                     struct cd_error *err)
{
    size_t magic_seen = len < OFF_VERSION ? len : OFF_VERSION;
    if (magic_seen && memcmp(d, VAULT_MAGIC, magic_seen) != 0)
        return cd_error_set(err, CD_ERR_VAULT, "%s is not a certdeck vault", path);
    if (len <= OFF_VERSION)
        return cd_error_set(err, CD_ERR_VAULT, "vault %s is truncated (%zu bytes)", path, len);
    if (d[OFF_VERSION] == 0)
        return damaged(path, "format version 0", err);
    if (d[OFF_VERSION] > VAULT_FORMAT)
        return cd_error_set(err, CD_ERR_VAULT,
                            "vault %s was written by a newer certdeck (format %u); upgrade certdeck",
                            path, (unsigned)d[OFF_VERSION]);
    return CD_OK;
}

static bool kdf_cost_plausible(uint32_t opslimit, uint32_t memlimit_kib)
{
    return opslimit >= WRITE_OPSLIMIT && opslimit <= MAX_OPSLIMIT &&
           memlimit_kib >= WRITE_MEMLIMIT_KIB && memlimit_kib <= MAX_MEMLIMIT_KIB;
}

static cd_status header_check(const char *path, const unsigned char *d, size_t len,
                              struct vault_header *h, struct cd_error *err)
{
    cd_status rc = header_check_format(path, d, len, err);
    if (rc != CD_OK)
        return rc;
    if (len < HEADER_LEN + TAG_LEN)
        return cd_error_set(err, CD_ERR_VAULT,
                            "vault %s is truncated (%zu bytes, shorter than its %d-byte header and tag)",
                            path, len, HEADER_LEN + TAG_LEN);
    if (d[OFF_KDF] != VAULT_KDF_ARGON2ID13)
        return damaged(path, "unknown key derivation", err);
    if (d[OFF_AEAD] != VAULT_AEAD_XCHACHA20POLY1305)
        return damaged(path, "unknown cipher", err);
    if (d[OFF_RESERVED] != 0)
        return damaged(path, "reserved header byte set", err);
    h->opslimit = get_u32(d + OFF_OPSLIMIT);
    h->memlimit_kib = get_u32(d + OFF_MEMLIMIT);
    if (!kdf_cost_plausible(h->opslimit, h->memlimit_kib))
        return damaged(path, "implausible key derivation parameters", err);
    h->format = d[OFF_VERSION];
    h->plain_len = get_u32(d + OFF_LENGTH);
    h->ad_len = HEADER_LEN;
    h->public_len = 0;
    h->public_part = d + HEADER_LEN;
    if (h->format >= VAULT_FORMAT) {
        if (len < PUBLIC_START + TAG_LEN)
            return cd_error_set(err, CD_ERR_VAULT, "vault %s is truncated (%zu bytes)", path, len);
        h->public_len = get_u32(d + OFF_PUBLIC_LEN);
        h->public_part = d + PUBLIC_START;
        if (h->public_len > MAX_PLAIN_LEN)
            return damaged(path, "implausible public part length", err);
        h->ad_len = PUBLIC_START + h->public_len;
    }
    uint64_t expected = (uint64_t)h->ad_len + h->plain_len + TAG_LEN;
    if (len < expected)
        return cd_error_set(err, CD_ERR_VAULT, "vault %s is truncated (%zu of %llu bytes)", path,
                            len, (unsigned long long)expected);
    if (len > expected)
        return damaged(path, "unexpected bytes after the data", err);
    h->salt = d + OFF_SALT;
    h->nonce = d + OFF_NONCE;
    return CD_OK;
}

/* ---- key, open, save ---- */

static cd_status derive_key(struct vault *v, const char *passphrase, struct cd_error *err)
{
    if (crypto_pwhash(v->key, KEY_LEN, passphrase, strlen(passphrase), v->salt, v->opslimit,
                      (size_t)v->memlimit_kib * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return cd_error_set(err, CD_ERR_VAULT,
                            "vault %s: cannot derive the key (Argon2id needs %u MiB of memory)",
                            v->path, (unsigned)(v->memlimit_kib / 1024));
    return CD_OK;
}

static cd_status start_empty(struct vault *v, const char *passphrase, struct cd_error *err)
{
    v->opslimit = WRITE_OPSLIMIT;
    v->memlimit_kib = WRITE_MEMLIMIT_KIB;
    v->format = VAULT_FORMAT;
    randombytes_buf(v->salt, sizeof(v->salt));
    return derive_key(v, passphrase, err);
}

/* Format 1 kept no "auth" fact: it follows from the secrets a profile has. */
static void derive_auth_facts(struct vault *v)
{
    for (size_t i = 0; i < v->count; i++) {
        const struct vault_entry *e = &v->entries[i];
        const char *key = entry_key(e);
        const char *kind = strcmp(key, "ak") == 0 ? "aksk" : strcmp(key, "token") == 0 ? "password" : NULL;
        if (!kind || entry_find(v, e->block, e->profile_len, "auth", 4) < v->count)
            continue;
        /* entry_put copies the profile name before it may move the entries */
        entry_put(v, e->block, e->profile_len, "auth", 4, kind, strlen(kind));
    }
}

/* How the key of a file is found: from a passphrase through Argon2id, or
 * given (kept from an earlier unlock, together with the salt it is for). */
struct key_source {
    const char *passphrase;          /* or */
    const unsigned char *blob;       /* VAULT_KEY_BLOB_LEN bytes: salt, key */
};

/* Checks the header, finds the key and opens the box. A given key that is
 * for another salt, or does not open the box, is CD_ERR_BAD_PASSPHRASE. */
static cd_status decrypt_into(struct vault *v, const unsigned char *d, size_t len,
                              const struct key_source *src, struct cd_error *err)
{
    struct vault_header h = {0};
    cd_status rc = header_check(v->path, d, len, &h, err);
    if (rc != CD_OK)
        return rc;
    v->format = h.format;
    v->opslimit = h.opslimit;
    v->memlimit_kib = h.memlimit_kib;
    memcpy(v->salt, h.salt, SALT_LEN);
    if (src->blob) {
        if (sodium_memcmp(src->blob, h.salt, SALT_LEN) != 0)
            return cd_error_set(err, CD_ERR_BAD_PASSPHRASE,
                                "%s: the kept vault key is for another vault", v->path);
        memcpy(v->key, src->blob + SALT_LEN, KEY_LEN);
    } else {
        rc = derive_key(v, src->passphrase, err);
        if (rc != CD_OK)
            return rc;
    }

    unsigned char *plain = secure_alloc(h.plain_len);
    unsigned long long plain_len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plain_len, NULL, d + h.ad_len,
                                                   len - h.ad_len, d, h.ad_len, h.nonce,
                                                   v->key) != 0)
        rc = src->blob ? cd_error_set(err, CD_ERR_BAD_PASSPHRASE,
                                      "%s: the kept vault key does not open it", v->path)
                       : cd_error_set(err, CD_ERR_VAULT,
                                      "%s: wrong vault passphrase (or the vault was modified)",
                                      v->path);
    else if (!entries_parse(v, plain, (size_t)plain_len) ||
             !entries_parse(v, h.public_part, h.public_len))
        rc = damaged(v->path, "unreadable entries", err);
    else if (h.format < VAULT_FORMAT)
        derive_auth_facts(v);
    sodium_free(plain);
    return rc;
}

static cd_status read_file(const char *path, struct buf *file, struct cd_error *err)
{
    cd_status rc = file_read_all(path, MAX_FILE_LEN, file, err);
    if (rc == CD_ERR_TOO_LARGE)
        rc = cd_error_set(err, CD_ERR_VAULT, "%s is not a certdeck vault (larger than %d bytes)",
                          path, MAX_FILE_LEN);
    return rc;
}

static cd_status load(struct vault *v, const struct key_source *src, struct cd_error *err)
{
    struct buf file = {0};
    cd_status rc = read_file(v->path, &file, err);
    if (rc == CD_OK)
        rc = decrypt_into(v, (const unsigned char *)file.data, file.len, src, err);
    buf_free(&file);
    return rc;
}

static bool file_missing(const char *path)
{
    struct stat st;
    return stat(path, &st) != 0 && errno == ENOENT;
}

bool vault_exists(const char *path)
{
    char *where = path ? xstrdup(path) : vault_default_path();
    bool exists = where && !file_missing(where);
    free(where);
    return exists;
}

/* A vault with no entries yet for path (NULL: the default one). */
static cd_status vault_new(const char *path, struct vault **out, struct cd_error *err)
{
    sodium_ready();
    char *where = path ? xstrdup(path) : vault_default_path();
    if (!where)
        return cd_error_set(err, CD_ERR_VAULT,
                            "no place for the vault: set HOME, XDG_DATA_HOME or CERTDECK_VAULT");
    struct vault *v = xcalloc(1, sizeof(*v));
    v->path = where;
    *out = v;
    return CD_OK;
}

static cd_status open_with(const char *path, const struct key_source *src, struct vault **out,
                           struct cd_error *err)
{
    *out = NULL;
    struct vault *v;
    cd_status rc = vault_new(path, &v, err);
    if (rc != CD_OK)
        return rc;
    v->key = secure_alloc(KEY_LEN);
    if (file_missing(v->path))
        rc = src->passphrase ? start_empty(v, src->passphrase, err)
                             : cd_error_set(err, CD_ERR_BAD_PASSPHRASE, "%s does not exist", v->path);
    else
        rc = load(v, src, err);
    if (rc != CD_OK) {
        vault_close(v);
        return rc;
    }
    *out = v;
    return CD_OK;
}

cd_status vault_open(const char *path, const char *passphrase, struct vault **out,
                     struct cd_error *err)
{
    const struct key_source src = {.passphrase = passphrase};
    return open_with(path, &src, out, err);
}

cd_status vault_open_with_key(const char *path, const unsigned char *blob, struct vault **out,
                              struct cd_error *err)
{
    const struct key_source src = {.blob = blob};
    return open_with(path, &src, out, err);
}

void vault_key_blob(const struct vault *v, unsigned char *blob)
{
    memcpy(blob, v->salt, SALT_LEN);
    memcpy(blob + SALT_LEN, v->key, KEY_LEN);
}

bool vault_is_outdated(const struct vault *v)
{
    return v->format < VAULT_FORMAT;
}

cd_status vault_read_public(const char *path, struct vault **out, struct cd_error *err)
{
    *out = NULL;
    struct vault *v;
    cd_status rc = vault_new(path, &v, err);
    if (rc != CD_OK)
        return rc;
    struct buf file = {0};
    if (file_missing(v->path))
        rc = cd_error_set(err, CD_ERR_NOT_FOUND, "there is no vault at %s", v->path);
    else
        rc = read_file(v->path, &file, err);
    struct vault_header h = {0};
    if (rc == CD_OK)
        rc = header_check(v->path, (const unsigned char *)file.data, file.len, &h, err);
    if (rc == CD_OK && h.format < VAULT_FORMAT)
        rc = cd_error_set(err, CD_ERR_VAULT,
                          "vault %s is in the format of an older certdeck, which keeps nothing in "
                          "clear: any command that unlocks it (certdeck list) upgrades it",
                          v->path);
    if (rc == CD_OK && !entries_parse(v, h.public_part, h.public_len))
        rc = damaged(v->path, "unreadable public part", err);
    buf_free(&file);
    if (rc != CD_OK) {
        vault_close(v);
        return rc;
    }
    *out = v;
    return CD_OK;
}

/* The directory part of path, or NULL when there is none to create. */
static char *parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return NULL;
    return xstrndup(path, (size_t)(slash - path));
}

/* Creates the directory (0700) and replaces the file (0600) with nothing
 * readable by others even for an instant: umask 077 covers both steps. */
static cd_status write_private(const char *path, const void *data, size_t len,
                               struct cd_error *err)
{
    mode_t old_umask = umask(077);
    char *dir = parent_dir(path);
    cd_status rc = dir ? file_mkdirs(dir, 0700, err) : CD_OK;
    if (rc == CD_OK)
        rc = file_write_atomic(path, data, len, 0600, err);
    umask(old_umask);
    free(dir);
    return rc;
}

cd_status vault_save(struct vault *v, struct cd_error *err)
{
    if (!v->key)
        return cd_error_set(err, CD_ERR_INTERNAL, "vault %s was not unlocked", v->path);
    size_t plain_len, public_len;
    unsigned char *plain = entries_build(v, false, &plain_len);
    unsigned char *public_part = entries_build(v, true, &public_len);
    if (plain_len + public_len > MAX_PLAIN_LEN) {
        sodium_free(plain);
        sodium_free(public_part);
        return cd_error_set(err, CD_ERR_VAULT, "vault %s: too many secrets to save (over %d bytes)",
                            v->path, MAX_PLAIN_LEN);
    }
    size_t ad_len = PUBLIC_START + public_len;
    size_t file_len = ad_len + plain_len + TAG_LEN;
    unsigned char *file = xmalloc(file_len);
    unsigned char nonce[NONCE_LEN];
    randombytes_buf(nonce, sizeof(nonce));
    header_build(v, nonce, plain_len, public_part, public_len, file);
    crypto_aead_xchacha20poly1305_ietf_encrypt(file + ad_len, NULL, plain, plain_len, file, ad_len,
                                               NULL, nonce, v->key);
    sodium_free(plain);
    sodium_free(public_part);
    cd_status rc = write_private(v->path, file, file_len, err);
    free(file);
    if (rc == CD_OK)
        v->format = VAULT_FORMAT;
    return rc;
}

/* ---- where, and with what passphrase ---- */

char *vault_default_path(void)
{
    const char *override = getenv("CERTDECK_VAULT");
    if (override && *override)
        return xstrdup(override);
    /* XDG: a relative XDG_DATA_HOME is invalid and must be ignored. */
    const char *data_home = getenv("XDG_DATA_HOME");
    if (data_home && data_home[0] == '/')
        return xasprintf("%s/certdeck/vault", data_home);
    const char *home = getenv("HOME");
    if (!home || !*home) {
        const struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    if (!home || !*home)
        return NULL;
    return xasprintf("%s/.local/share/certdeck/vault", home);
}

static int passphrase_fail(char *buf, size_t size, struct cd_error *err, cd_status code,
                           const char *message)
{
    sodium_memzero(buf, size);
    cd_error_set(err, code, "%s", message);
    return -1;
}

static int passphrase_from_env(const char *value, char *buf, size_t size, struct cd_error *err)
{
    size_t len = strlen(value);
    if (len >= size || len > INT_MAX)
        return passphrase_fail(buf, size, err, CD_ERR_BAD_PASSPHRASE,
                               "CERTDECK_VAULT_PASSPHRASE is too long");
    memcpy(buf, value, len + 1);
    return (int)len;
}

/* Asks a second time into wiped memory and compares. */
static bool passphrase_confirmed(const char *first, size_t size)
{
    char *again = secure_alloc(size);
    int len = prompt_secret("Repeat the vault passphrase: ", again, size);
    bool same = len >= 0 && strcmp(first, again) == 0;
    sodium_free(again);
    return same;
}

static int passphrase_from_terminal(char *buf, size_t size, bool creating, struct cd_error *err)
{
    if (!prompt_available())
        return passphrase_fail(buf, size, err, CD_ERR_NEED_PASSPHRASE,
                               "the vault passphrase is needed and there is no terminal to ask: "
                               "set CERTDECK_VAULT_PASSPHRASE");
    const char *question = creating ? "New vault passphrase: " : "Vault passphrase: ";
    int len = prompt_secret(question, buf, size);
    if (len < 0)
        return passphrase_fail(buf, size, err, CD_ERR_NEED_PASSPHRASE,
                               "no vault passphrase was entered");
    if (len > 0 && creating && !passphrase_confirmed(buf, size))
        return passphrase_fail(buf, size, err, CD_ERR_BAD_PASSPHRASE,
                               "the two vault passphrases differ");
    return len;
}

int vault_passphrase(char *buf, size_t size, bool creating, struct cd_error *err)
{
    sodium_ready();
    if (size < 2) {
        cd_error_set(err, CD_ERR_INTERNAL, "vault passphrase buffer too small");
        return -1;
    }
    const char *env = getenv("CERTDECK_VAULT_PASSPHRASE");
    int len = env ? passphrase_from_env(env, buf, size, err)
                  : passphrase_from_terminal(buf, size, creating, err);
    if (len == 0)
        return passphrase_fail(buf, size, err, CD_ERR_BAD_PASSPHRASE,
                               "the vault passphrase is empty");
    return len;
}

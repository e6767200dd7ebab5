/* test_vault.c — the secrets vault: round trips, refusal of wrong passphrases
 * and of modified, truncated, newer or foreign files (leaving them as they
 * were), private crash-safe writes. Every open that gets as far as Argon2id
 * costs ~0.1 s (~1 s under valgrind), so there are only ten of them. */
#include "testutil.h"

#include <dirent.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "auth/vault.h"
#include "core/fileio.h"
#include "core/xalloc.h"

#define PASS "correct horse battery staple"
#define TOKEN "MIIToken-0123456789-abcdefghij"
#define SK "SkSecret-ZYXWVUTSRQ-9876543210"

/* Offsets in the format-2 file (see vault.c). */
enum { OFF_VERSION = 8, OFF_KDF = 9, OFF_RESERVED = 11, OFF_MEMLIMIT = 16, OFF_LENGTH = 20,
       OFF_SALT = 24, OFF_NONCE = 40, HEADER_LEN = 64, OFF_PUBLIC_LEN = 64, PUBLIC_START = 68,
       TAG_LEN = 16 };

static char tmp_dir[] = "/tmp/certdeck-vault-XXXXXX";
static unsigned char *ref_bytes;   /* a saved vault holding the secrets above */
static size_t ref_len;

static char *in_tmp(const char *name)
{
    return xasprintf("%s/%s", tmp_dir, name);
}

static unsigned char *read_bytes(const char *path, size_t *len)
{
    struct buf b = {0};
    struct cd_error err;
    assert_int_equal(file_read_all(path, 0, &b, &err), CD_OK);
    return (unsigned char *)buf_steal(&b, len);
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Writes the reference vault with byte `at` replaced (at < 0: unchanged). */
static char *ref_copy(const char *name, long at, unsigned char value)
{
    char *path = in_tmp(name);
    unsigned char *copy = xmalloc(ref_len);
    memcpy(copy, ref_bytes, ref_len);
    if (at >= 0)
        copy[at] = value;
    write_bytes(path, copy, ref_len);
    free(copy);
    return path;
}

static void assert_no_secret(const char *message)
{
    assert_false(contains(message, PASS));
    assert_false(contains(message, TOKEN));
    assert_false(contains(message, SK));
}

/* Opening path fails with CD_ERR_VAULT, a message naming path and holding
 * `expected`, no secret, and the file left byte for byte as it was. */
static void assert_refused(const char *path, const char *passphrase, const char *expected)
{
    size_t before_len, after_len;
    unsigned char *before = read_bytes(path, &before_len);
    struct vault *v = (struct vault *)1;
    struct cd_error err;
    assert_int_equal(vault_open(path, passphrase, &v, &err), CD_ERR_VAULT);
    assert_null(v);
    if (!contains(err.message, expected) || !contains(err.message, path))
        fail_msg("for %s: got \"%s\", wanted \"%s\"", path, err.message, expected);
    assert_no_secret(err.message);
    unsigned char *after = read_bytes(path, &after_len);
    assert_int_equal(after_len, before_len);
    assert_memory_equal(after, before, before_len);
    free(before);
    free(after);
}

/* The names in dir other than "." and "..", joined by spaces. */
static char *dir_listing(const char *dir)
{
    struct buf names = {0};
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (const struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            buf_printf(&names, "%s%s", names.len ? " " : "", e->d_name);
    closedir(d);
    return buf_steal(&names, NULL);
}

static void assert_only_vault_in(const char *dir)
{
    char *names = dir_listing(dir);
    assert_string_equal(names, "vault"); /* no temporary file left behind */
    free(names);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

static int setup(void **state)
{
    if (!mkdtemp(tmp_dir))
        return -1;
    char *path = in_tmp("ref/vault");
    struct vault *v;
    struct cd_error err;
    if (vault_open(path, PASS, &v, &err) != CD_OK)
        return -1;
    vault_set(v, "default", "token", TOKEN);
    vault_set(v, "default", "token_expires", "1795428000");
    vault_set(v, "default", "ak", "AKEXAMPLE");
    vault_set(v, "default", "sk", SK);
    cd_status rc = vault_save(v, &err);
    vault_close(v);
    if (rc == CD_OK)
        ref_bytes = read_bytes(path, &ref_len);
    free(path);
    return rc == CD_OK ? 0 : -1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path);
}

static int teardown(void **state)
{
    free(ref_bytes);
    return nftw(tmp_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void test_default_path(void **state)
{
    char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    setenv("HOME", "/home/ana", 1);
    unsetenv("XDG_DATA_HOME");
    unsetenv("CERTDECK_VAULT");
    char *p = vault_default_path();
    assert_string_equal(p, "/home/ana/.local/share/certdeck/vault");
    free(p);
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    p = vault_default_path();
    assert_string_equal(p, "/home/ana/.local/share/certdeck/vault");
    free(p);
    setenv("XDG_DATA_HOME", "/data", 1);
    p = vault_default_path();
    assert_string_equal(p, "/data/certdeck/vault");
    free(p);
    setenv("CERTDECK_VAULT", "/elsewhere/v", 1);
    p = vault_default_path();
    assert_string_equal(p, "/elsewhere/v");
    free(p);
    unsetenv("CERTDECK_VAULT");
    unsetenv("XDG_DATA_HOME");
    if (home)
        setenv("HOME", home, 1);
    else
        unsetenv("HOME");
    free(home);
}

static void test_passphrase_from_env(void **state)
{
    char buf[VAULT_PASSPHRASE_MAX];
    struct cd_error err;
    setenv("CERTDECK_VAULT_PASSPHRASE", PASS, 1);
    assert_int_equal(vault_passphrase(buf, sizeof(buf), true, &err), (int)strlen(PASS));
    assert_string_equal(buf, PASS);
    char small[8];
    assert_int_equal(vault_passphrase(small, sizeof(small), false, &err), -1);
    assert_int_equal(err.code, CD_ERR_BAD_PASSPHRASE);
    assert_no_secret(err.message);
    setenv("CERTDECK_VAULT_PASSPHRASE", "", 1);
    assert_int_equal(vault_passphrase(buf, sizeof(buf), false, &err), -1);
    assert_string_equal(err.message, "the vault passphrase is empty");
    unsetenv("CERTDECK_VAULT_PASSPHRASE");
}

/* A missing file opens empty; set, overwrite, remove, save, reopen. */
static void test_round_trip(void **state)
{
    char *dir = in_tmp("rt/certdeck");
    char *path = in_tmp("rt/certdeck/vault");
    struct vault *v;
    struct cd_error err;
    assert_false(vault_exists(path));
    assert_int_equal(vault_open(path, PASS, &v, &err), CD_OK);
    assert_string_equal(vault_path(v), path);
    assert_null(vault_get(v, "default", "token"));
    vault_set(v, "default", "token", "old");
    vault_set(v, "default", "token", TOKEN);
    vault_set(v, "default", "sk", SK);
    vault_set(v, "default", "scratch", "x");
    vault_set(v, "default", "scratch", NULL);
    vault_set(v, "staging", "token", "staging-token");
    vault_set(v, "", "odd", "line\nbreak\ttab"); /* any bytes but NUL survive */
    assert_int_equal(vault_save(v, &err), CD_OK);
    vault_close(v);

    assert_true(vault_exists(path));
    assert_int_equal(mode_of(path), 0600);
    assert_int_equal(mode_of(dir), 0700);
    assert_only_vault_in(dir);

    assert_int_equal(vault_open(path, PASS, &v, &err), CD_OK);
    assert_string_equal(vault_get(v, "default", "token"), TOKEN);
    assert_string_equal(vault_get(v, "default", "sk"), SK);
    assert_null(vault_get(v, "default", "scratch"));
    assert_string_equal(vault_get(v, "staging", "token"), "staging-token");
    assert_string_equal(vault_get(v, "", "odd"), "line\nbreak\ttab");
    vault_remove_profile(v, "staging");
    vault_remove_profile(v, "never-there");
    assert_null(vault_get(v, "staging", "token"));
    assert_int_equal(vault_save(v, &err), CD_OK);
    vault_close(v);

    assert_int_equal(vault_open(path, PASS, &v, &err), CD_OK);
    assert_null(vault_get(v, "staging", "token"));
    assert_string_equal(vault_get(v, "default", "token"), TOKEN);
    vault_close(v);
    free(path);
    free(dir);
}

static void test_wrong_passphrase(void **state)
{
    char *path = ref_copy("wrong", -1, 0);
    assert_refused(path, "not the passphrase", "wrong vault passphrase (or the vault was modified)");
    free(path);
}

/* Any changed byte is caught: by the AEAD (salt, ciphertext, tag) or, for
 * fields read before decryption, by the header checks. */
static void test_tampered(void **state)
{
    static const struct {
        long at;            /* < 0: from the end */
        const char *expected;
    } cases[] = {
        {OFF_SALT + 3, "wrong vault passphrase (or the vault was modified)"},
        {PUBLIC_START + 30, "wrong vault passphrase (or the vault was modified)"}, /* public part */
        {-TAG_LEN - 2, "wrong vault passphrase (or the vault was modified)"},   /* ciphertext */
        {-1, "wrong vault passphrase (or the vault was modified)"},
        {0, "is not a certdeck vault"},
        {OFF_KDF, "is damaged (unknown key derivation)"},
        {OFF_RESERVED, "is damaged (reserved header byte set)"},
        {OFF_MEMLIMIT, "is damaged (implausible key derivation parameters)"},
        {OFF_LENGTH + 3, "is truncated"},
        {OFF_PUBLIC_LEN + 3, "is truncated"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        long at = cases[i].at < 0 ? (long)ref_len + cases[i].at : cases[i].at;
        bool length = at == OFF_LENGTH + 3 || at == OFF_PUBLIC_LEN + 3;
        unsigned char value = length ? (unsigned char)(ref_bytes[at] + 1)
                                                   : (unsigned char)(ref_bytes[at] ^ 0x40);
        char *path = ref_copy("tampered", at, value);
        assert_refused(path, PASS, cases[i].expected);
        free(path);
    }
    /* A shorter declared length leaves bytes over. */
    char *path = ref_copy("tampered", OFF_LENGTH + 3, (unsigned char)(ref_bytes[OFF_LENGTH + 3] - 1));
    assert_refused(path, PASS, "is damaged (unexpected bytes after the data)");
    free(path);
}

static void test_truncated(void **state)
{
    const size_t cuts[] = {0, 5, 8, 9, 40, HEADER_LEN, HEADER_LEN + TAG_LEN - 1,
                           HEADER_LEN + TAG_LEN, ref_len - TAG_LEN, ref_len - 1};
    char *path = in_tmp("truncated");
    for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
        write_bytes(path, ref_bytes, cuts[i]);
        assert_refused(path, PASS, "is truncated");
    }
    free(path);
}

static void test_other_formats(void **state)
{
    char *path = ref_copy("newer", OFF_VERSION, 3);
    assert_refused(path, PASS, "was written by a newer certdeck (format 3); upgrade certdeck");
    free(path);
    path = ref_copy("zero", OFF_VERSION, 0);
    assert_refused(path, PASS, "is damaged (format version 0)");
    free(path);

    path = in_tmp("garbage");
    const char text[] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    write_bytes(path, text, sizeof(text) - 1);
    assert_refused(path, PASS, "is not a certdeck vault");
    size_t big_len = 1024 * 1024 + 1;
    unsigned char *big = xcalloc(1, big_len);
    memcpy(big, ref_bytes, HEADER_LEN);
    write_bytes(path, big, big_len);
    free(big);
    assert_refused(path, PASS, "is not a certdeck vault (larger than");
    free(path);
}

/* Makes the next write fail past `bytes`, as a full disk would; works for
 * root too, unlike a read-only directory. */
static void limit_file_size(rlim_t bytes, struct rlimit *saved)
{
    assert_int_equal(getrlimit(RLIMIT_FSIZE, saved), 0);
    struct rlimit small = {.rlim_cur = bytes, .rlim_max = saved->rlim_max};
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
}

/* A failed save leaves the old vault whole; a good one replaces it by rename
 * (new inode), privately, with no temporary file left, and a fresh nonce. */
static void test_atomic_save(void **state)
{
    char *dir = in_tmp("atomic");
    char *path = in_tmp("atomic/vault");
    struct cd_error err;
    assert_int_equal(file_mkdirs(dir, 0700, &err), CD_OK);
    write_bytes(path, ref_bytes, ref_len);
    struct stat before;
    assert_int_equal(stat(path, &before), 0);

    struct vault *v;
    assert_int_equal(vault_open(path, PASS, &v, &err), CD_OK);
    vault_set(v, "default", "token", "the-new-token");

    struct rlimit saved;
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    limit_file_size(HEADER_LEN, &saved);
    cd_status rc = vault_save(v, &err);
    setrlimit(RLIMIT_FSIZE, &saved);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(rc, CD_ERR_IO);
    assert_true(contains(err.message, path));
    assert_no_secret(err.message);
    assert_false(contains(err.message, "the-new-token"));
    size_t len;
    unsigned char *now = read_bytes(path, &len);
    assert_int_equal(len, ref_len);
    assert_memory_equal(now, ref_bytes, ref_len);
    free(now);
    assert_only_vault_in(dir);

    if (geteuid() != 0) { /* root writes into read-only directories */
        assert_int_equal(chmod(dir, 0500), 0);
        assert_int_equal(vault_save(v, &err), CD_ERR_IO);
        assert_int_equal(chmod(dir, 0700), 0);
        now = read_bytes(path, &len);
        assert_memory_equal(now, ref_bytes, ref_len);
        free(now);
    }

    assert_int_equal(vault_save(v, &err), CD_OK);
    struct stat after;
    assert_int_equal(stat(path, &after), 0);
    assert_true(after.st_ino != before.st_ino);
    assert_int_equal(after.st_mode & 07777, 0600);
    assert_only_vault_in(dir);
    unsigned char *first = read_bytes(path, &len);
    assert_int_equal(vault_save(v, &err), CD_OK);
    size_t second_len;
    unsigned char *second = read_bytes(path, &second_len);
    assert_int_equal(second_len, len);
    assert_memory_equal(first, second, OFF_NONCE); /* same salt and parameters */
    assert_memory_not_equal(first + OFF_NONCE, second + OFF_NONCE, 24);
    free(first);
    free(second);
    vault_close(v);

    assert_int_equal(vault_open(path, PASS, &v, &err), CD_OK);
    assert_string_equal(vault_get(v, "default", "token"), "the-new-token");
    assert_string_equal(vault_get(v, "default", "sk"), SK);
    vault_close(v);
    free(path);
    free(dir);
}

static bool bytes_hold(const unsigned char *d, size_t len, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(d + i, text, n) == 0)
            return true;
    return false;
}

/* The public facts are in clear (status reads them without a key), the
 * secrets are not, and a public-only vault cannot be saved. */
static void test_public_part(void **state)
{
    assert_false(bytes_hold(ref_bytes, ref_len, TOKEN));
    assert_false(bytes_hold(ref_bytes, ref_len, SK));
    assert_true(bytes_hold(ref_bytes, ref_len, "1795428000"));
    char *path = ref_copy("public", -1, 0);
    struct vault *v;
    struct cd_error err;
    assert_int_equal(vault_read_public(path, &v, &err), CD_OK);
    assert_string_equal(vault_get(v, "default", "token_expires"), "1795428000");
    assert_null(vault_get(v, "default", "token"));
    assert_null(vault_get(v, "default", "sk"));
    assert_int_equal(vault_save(v, &err), CD_ERR_INTERNAL);
    vault_close(v);
    char *missing = in_tmp("no-such-vault");
    assert_int_equal(vault_read_public(missing, &v, &err), CD_ERR_NOT_FOUND);
    assert_null(v);
    free(missing);
    free(path);
}

/* A format-1 file as the previous certdeck wrote it: header as associated
 * data, every entry encrypted. */
static void write_format1(const char *path)
{
    const char entries[] = "\0\0\0\007default\0\0\0\005token\0\0\0\003tok"
                           "\0\0\0\007default\0\0\0\015token_expires\0\0\0\0121795428000";
    size_t plain_len = sizeof(entries) - 1;
    size_t len = HEADER_LEN + plain_len + TAG_LEN;
    unsigned char *d = xcalloc(1, len);
    memcpy(d, "CDVAULT", 8);
    d[OFF_VERSION] = 1;
    d[OFF_KDF] = 1;
    d[OFF_KDF + 1] = 1;
    uint32_t ops = crypto_pwhash_OPSLIMIT_INTERACTIVE,
             mem = crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024, n = (uint32_t)plain_len;
    const uint32_t fields[] = {ops, mem, n};
    for (int f = 0; f < 3; f++)
        for (int b = 0; b < 4; b++)
            d[12 + 4 * f + b] = (unsigned char)(fields[f] >> (24 - 8 * b));
    randombytes_buf(d + OFF_SALT, 16);
    randombytes_buf(d + OFF_NONCE, 24);
    unsigned char key[32];
    assert_int_equal(crypto_pwhash(key, sizeof(key), PASS, strlen(PASS), d + OFF_SALT, ops,
                                   (size_t)mem * 1024, crypto_pwhash_ALG_ARGON2ID13), 0);
    crypto_aead_xchacha20poly1305_ietf_encrypt(d + HEADER_LEN, NULL, (const unsigned char *)entries,
                                               plain_len, d, HEADER_LEN, NULL, d + OFF_NONCE, key);
    sodium_memzero(key, sizeof(key));
    write_bytes(path, d, len);
    free(d);
}

/* Format 1 is still opened; its public facts are only readable after a
 * save has upgraded it to format 2. */
static void test_format1_upgrade(void **state)
{
    char *path = in_tmp("format1");
    write_format1(path);
    struct vault *v;
    struct cd_error err;
    assert_int_equal(vault_read_public(path, &v, &err), CD_ERR_VAULT);
    assert_true(contains(err.message, "older certdeck"));
    assert_int_equal(vault_open(path, PASS, &v, &err), CD_OK);
    assert_true(vault_is_outdated(v));
    assert_string_equal(vault_get(v, "default", "token"), "tok");
    assert_int_equal(vault_save(v, &err), CD_OK);
    assert_false(vault_is_outdated(v));
    vault_close(v);
    size_t len;
    unsigned char *bytes = read_bytes(path, &len);
    assert_int_equal(bytes[OFF_VERSION], 2);
    free(bytes);
    assert_int_equal(vault_read_public(path, &v, &err), CD_OK);
    assert_string_equal(vault_get(v, "default", "token_expires"), "1795428000");
    assert_string_equal(vault_get(v, "default", "auth"), "password"); /* derived */
    assert_null(vault_get(v, "default", "token"));
    vault_close(v);
    free(path);
}

/* A kept key opens its vault without Argon2id, and nothing else: not a
 * vault made anew (new salt), not with a changed key byte. */
static void test_kept_key(void **state)
{
    char *path = ref_copy("kept", -1, 0);
    struct vault *v;
    struct cd_error err;
    unsigned char blob[VAULT_KEY_BLOB_LEN];
    assert_int_equal(vault_open(path, PASS, &v, &err), CD_OK);
    vault_key_blob(v, blob);
    vault_close(v);
    assert_int_equal(vault_open_with_key(path, blob, &v, &err), CD_OK);
    assert_string_equal(vault_get(v, "default", "sk"), SK);
    vault_close(v);

    blob[VAULT_KEY_BLOB_LEN - 1] ^= 1;
    assert_int_equal(vault_open_with_key(path, blob, &v, &err), CD_ERR_BAD_PASSPHRASE);
    assert_null(v);
    assert_true(contains(err.message, "does not open it"));
    blob[VAULT_KEY_BLOB_LEN - 1] ^= 1;

    /* the same passphrase, a new vault: a new salt, so the kept key is stale */
    char *fresh = in_tmp("kept-fresh");
    assert_int_equal(vault_open(fresh, PASS, &v, &err), CD_OK);
    assert_int_equal(vault_save(v, &err), CD_OK);
    vault_close(v);
    assert_int_equal(vault_open_with_key(fresh, blob, &v, &err), CD_ERR_BAD_PASSPHRASE);
    assert_true(contains(err.message, "for another vault"));
    assert_no_secret(err.message);
    sodium_memzero(blob, sizeof(blob));
    free(fresh);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_passphrase_from_env),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_wrong_passphrase),
        cmocka_unit_test(test_tampered),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_other_formats),
        cmocka_unit_test(test_atomic_save),
        cmocka_unit_test(test_public_part),
        cmocka_unit_test(test_format1_upgrade),
        cmocka_unit_test(test_kept_key),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

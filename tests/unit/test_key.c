/* test_key.c — private keys: every format, passphrases, wrong types, matching. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "core/fileio.h"
#include "x509/key.h"

struct pass {
    const char *value;   /* NULL: no passphrase available */
    int calls;
};

static int give_pass(char *buf, size_t size, const char *origin, void *ud)
{
    struct pass *p = ud;
    p->calls++;
    if (!p->value)
        return -1;
    snprintf(buf, size, "%s", p->value);
    return (int)strlen(p->value);
}

/* Loads a fixture as a key; returns the status and fills *key and err. */
static cd_status load(const char *name, const char *passphrase, struct x509_key **key,
                      struct cd_error *err)
{
    struct buf data = {.secret = true};
    fixture_read(name, &data);
    struct pass p = {passphrase, 0};
    cd_status rc = x509_key_from_mem(data.data, data.len, name, give_pass, &p, key, err);
    buf_free(&data);
    return rc;
}

static void expect_key(const char *name, const char *pass, const char *alg, int bits,
                       const char *curve, enum x509_key_format fmt, bool encrypted)
{
    struct x509_key *key = NULL;
    struct cd_error err;
    cd_status rc = load(name, pass, &key, &err);
    if (rc != CD_OK)
        fail_msg("%s: %s", name, err.message);
    const struct x509_key_info *ki = x509_key_info(key);
    assert_string_equal(ki->algorithm, alg);
    assert_int_equal(ki->bits, bits);
    assert_string_equal(ki->curve, curve);
    assert_int_equal(ki->format, fmt);
    assert_int_equal(ki->encrypted, encrypted);
    x509_key_free(key);
}

static void test_formats(void **state)
{
    expect_key("leaf.key", NULL, "RSA", 2048, "", X509_KEY_PKCS8, false);
    expect_key("leaf.pkcs1.key", NULL, "RSA", 2048, "", X509_KEY_PKCS1, false);
    expect_key("ec256.key", NULL, "EC", 256, "P-256", X509_KEY_PKCS8, false);
    expect_key("ec256.sec1.key", NULL, "EC", 256, "P-256", X509_KEY_SEC1, false);
    expect_key("ec384.key", NULL, "EC", 384, "P-384", X509_KEY_PKCS8, false);
    expect_key("ed25519.key", NULL, "Ed25519", 256, "", X509_KEY_PKCS8, false);
    expect_key("rsa1024.key", NULL, "RSA", 1024, "", X509_KEY_PKCS8, false);
}

/* Key sizes agree with what `openssl pkey -text` says. */
static void test_bits_match_openssl(void **state)
{
    static const char *const keys[] = {"leaf.key", "ec384.key", "rsa1024.key"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        char *text = openssl_out("pkey -in %s -noout -text", fixture(keys[i]));
        struct x509_key *key = NULL;
        struct cd_error err;
        assert_int_equal(load(keys[i], NULL, &key, &err), CD_OK);
        char want[64];
        snprintf(want, sizeof(want), "(%d bit", x509_key_info(key)->bits);
        if (!contains(text, want))
            fail_msg("%s: openssl does not say \"%s\"", keys[i], want);
        x509_key_free(key);
        free(text);
    }
}

static void test_encrypted_right_passphrase(void **state)
{
    expect_key("enc.key", "correct horse", "RSA", 2048, "", X509_KEY_PKCS8_ENCRYPTED, true);
    expect_key("enc-legacy.key", "correct horse", "RSA", 2048, "", X509_KEY_LEGACY_ENCRYPTED, true);
}

static void test_encrypted_wrong_passphrase(void **state)
{
    static const char *const files[] = {"enc.key", "enc-legacy.key"};
    for (size_t i = 0; i < 2; i++) {
        struct x509_key *key = NULL;
        struct cd_error err;
        assert_int_equal(load(files[i], "battery staple", &key, &err), CD_ERR_BAD_PASSPHRASE);
        assert_null(key);
        assert_true(contains(err.message, files[i]));
        assert_true(contains(err.message, "wrong passphrase"));
        assert_false(contains(err.message, "battery"));
    }
}

static void test_encrypted_no_passphrase(void **state)
{
    static const char *const files[] = {"enc.key", "enc-legacy.key"};
    for (size_t i = 0; i < 2; i++) {
        struct x509_key *key = NULL;
        struct cd_error err;
        assert_int_equal(load(files[i], NULL, &key, &err), CD_ERR_NEED_PASSPHRASE);
        assert_null(key);
    }
    /* and with no callback at all */
    struct buf data = {.secret = true};
    fixture_read("enc.key", &data);
    struct x509_key *key = NULL;
    struct cd_error err;
    assert_int_equal(x509_key_from_mem(data.data, data.len, "enc.key", NULL, NULL, &key, &err),
                     CD_ERR_NEED_PASSPHRASE);
    buf_free(&data);
}

static void test_plain_key_never_asks(void **state)
{
    struct buf data = {.secret = true};
    fixture_read("leaf.key", &data);
    struct pass p = {"unused", 0};
    struct x509_key *key = NULL;
    struct cd_error err;
    assert_int_equal(x509_key_from_mem(data.data, data.len, "leaf.key", give_pass, &p, &key, &err),
                     CD_OK);
    assert_int_equal(p.calls, 0);
    x509_key_free(key);
    buf_free(&data);
}

/* A DER (PKCS#8) key made by openssl from leaf.key decodes to the same key. */
static void test_der_key(void **state)
{
    char path[] = "/tmp/certdeck-test-key-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    free(openssl_out("pkey -in %s -outform DER -out %s", fixture("leaf.key"), path));
    struct buf data = {.secret = true};
    struct cd_error err;
    assert_int_equal(file_read_all(path, 1 << 20, &data, &err), CD_OK);
    unlink(path);
    struct x509_key *key = NULL;
    assert_int_equal(x509_key_from_mem(data.data, data.len, path, NULL, NULL, &key, &err), CD_OK);
    assert_int_equal(x509_key_info(key)->format, X509_KEY_DER);
    struct x509_certs certs;
    fixture_certs("leaf.pem", &certs);
    assert_true(x509_key_matches_cert(key, &certs.items[0]));
    x509_certs_free(&certs);
    x509_key_free(key);
    buf_free(&data);
}

static void expect_error(const char *name, cd_status want, const char *words)
{
    struct x509_key *key = NULL;
    struct cd_error err;
    cd_status rc = load(name, "correct horse", &key, &err);
    if (rc != want)
        fail_msg("%s: got %s (%s), want %s", name, cd_status_name(rc), err.message,
                 cd_status_name(want));
    assert_null(key);
    if (!contains(err.message, name))
        fail_msg("%s: message does not name the file: %s", name, err.message);
    if (words && !contains(err.message, words))
        fail_msg("%s: message lacks \"%s\": %s", name, words, err.message);
}

static void test_errors(void **state)
{
    expect_error("leaf.pem", CD_ERR_CERT_NOT_KEY, "certificate, not a private key");
    expect_error("leaf.der", CD_ERR_CERT_NOT_KEY, "certificate");
    expect_error("dsa.key", CD_ERR_UNSUPPORTED_KEY, "DSA");
    expect_error("x25519.key", CD_ERR_UNSUPPORTED_KEY, "X25519");
    expect_error("empty.pem", CD_ERR_EMPTY, "empty");
    expect_error("garbage.bin", CD_ERR_NOT_PEM_OR_DER, "neither PEM nor DER");
    expect_error("csr.pem", CD_ERR_NO_KEY, "CERTIFICATE REQUEST");
}

static void test_truncated_key(void **state)
{
    struct buf data = {.secret = true};
    fixture_read("leaf.key", &data);
    size_t cut = data.len / 2;
    struct x509_key *key = NULL;
    struct cd_error err;
    assert_int_equal(x509_key_from_mem(data.data, cut, "half.key", NULL, NULL, &key, &err),
                     CD_ERR_TRUNCATED_PEM);
    assert_true(contains(err.message, "half.key"));
    buf_free(&data);
}

static void test_matches(void **state)
{
    static const struct {
        const char *cert, *key;
        bool match;
    } cases[] = {
        {"leaf.pem", "leaf.key", true},
        {"leaf.pem", "leaf.pkcs1.key", true},
        {"leaf.pem", "other.key", false},
        {"ec256.pem", "ec256.sec1.key", true},
        {"ec256.pem", "other-ec.key", false},
        {"ec256.pem", "leaf.key", false},
        {"ed25519.pem", "ed25519.key", true},
        {"ec384.pem", "ec384.key", true},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct x509_certs certs;
        fixture_certs(cases[i].cert, &certs);
        struct x509_key *key = NULL;
        struct cd_error err;
        assert_int_equal(load(cases[i].key, NULL, &key, &err), CD_OK);
        if (x509_key_matches_cert(key, &certs.items[0]) != cases[i].match)
            fail_msg("%s + %s: match should be %d", cases[i].cert, cases[i].key, cases[i].match);
        x509_key_free(key);
        x509_certs_free(&certs);
    }
}

/* A file with certificates and a key (combined.pem) yields the key too. */
static void test_key_in_combined_file(void **state)
{
    expect_key("combined.pem", NULL, "RSA", 2048, "", X509_KEY_PKCS8, false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_bits_match_openssl),
        cmocka_unit_test(test_encrypted_right_passphrase),
        cmocka_unit_test(test_encrypted_wrong_passphrase),
        cmocka_unit_test(test_encrypted_no_passphrase),
        cmocka_unit_test(test_plain_key_never_asks),
        cmocka_unit_test(test_der_key),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_truncated_key),
        cmocka_unit_test(test_matches),
        cmocka_unit_test(test_key_in_combined_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

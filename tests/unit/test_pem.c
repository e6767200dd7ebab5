/* test_pem.c — the PEM reader: blocks, kinds, lines, and each way PEM breaks. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x509/pem.h"

static const char TWO[] =
    "junk before\n"
    "-----BEGIN CERTIFICATE-----\n"
    "TUFO\n"
    "-----END CERTIFICATE-----\n"
    "\n"
    "-----BEGIN EC PRIVATE KEY-----\n"
    "aGVsbG8=\n"
    "-----END EC PRIVATE KEY-----\n";

static void test_blocks(void **state)
{
    struct pem_set set;
    struct cd_error err;
    assert_int_equal(pem_parse(TWO, strlen(TWO), "two.pem", &set, &err), CD_OK);
    assert_int_equal(set.count, 2);
    assert_int_equal(set.blocks[0].kind, PEM_CERT);
    assert_int_equal(set.blocks[0].line, 2);
    assert_int_equal(set.blocks[0].der_len, 3);
    assert_memory_equal(set.blocks[0].der, "MAN", 3);
    assert_int_equal(set.blocks[1].kind, PEM_KEY);
    assert_string_equal(set.blocks[1].label, "EC PRIVATE KEY");
    assert_int_equal(set.blocks[1].line, 6);
    assert_memory_equal(set.blocks[1].der, "hello", 5);
    assert_int_equal(pem_count(&set, PEM_KEY), 1);
    pem_set_free(&set);
}

static void test_truncated(void **state)
{
    static const char t[] = "-----BEGIN CERTIFICATE-----\nTUFO\n";
    struct pem_set set;
    struct cd_error err;
    assert_int_equal(pem_parse(t, strlen(t), "cut.pem", &set, &err), CD_ERR_TRUNCATED_PEM);
    assert_true(contains(err.message, "cut.pem"));
    assert_true(contains(err.message, "line 1"));
}

static void test_bad_base64(void **state)
{
    static const char t[] =
        "-----BEGIN CERTIFICATE-----\nTUFO\nTU*O\n-----END CERTIFICATE-----\n";
    struct pem_set set;
    struct cd_error err;
    assert_int_equal(pem_parse(t, strlen(t), "bad.pem", &set, &err), CD_ERR_BAD_BASE64);
    assert_true(contains(err.message, "bad.pem"));
    assert_true(contains(err.message, "line 3"));
}

static void test_legacy_encrypted(void **state)
{
    static const char t[] =
        "-----BEGIN RSA PRIVATE KEY-----\n"
        "Proc-Type: 4,ENCRYPTED\n"
        "DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n"
        "\n"
        "TUFO\n"
        "-----END RSA PRIVATE KEY-----\n";
    struct pem_set set;
    struct cd_error err;
    assert_int_equal(pem_parse(t, strlen(t), "legacy.key", &set, &err), CD_OK);
    assert_true(set.blocks[0].legacy_encrypted);
    pem_set_free(&set);
}

static void test_base64(void **state)
{
    unsigned char *out;
    size_t len, bad;
    assert_true(base64_decode("aGVs\nbG8=", 9, &out, &len, &bad));
    assert_int_equal(len, 5);
    assert_memory_equal(out, "hello", 5);
    free(out);
    assert_false(base64_decode("aGV$bG8=", 8, &out, &len, &bad));
    assert_int_equal(bad, 3);
    assert_false(base64_decode("aGVsbG8", 7, &out, &len, &bad)); /* missing padding */
}

/* The generated damaged files report the right error. */
static void test_fixture_damage(void **state)
{
    struct buf b = {0};
    fixture_read("truncated.pem", &b);
    struct pem_set set;
    struct cd_error err;
    assert_int_equal(pem_parse(b.data, b.len, "truncated.pem", &set, &err), CD_ERR_TRUNCATED_PEM);
    buf_free(&b);
    fixture_read("badb64.pem", &b);
    assert_int_equal(pem_parse(b.data, b.len, "badb64.pem", &set, &err), CD_ERR_BAD_BASE64);
    assert_true(contains(err.message, "line 5"));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_bad_base64),
        cmocka_unit_test(test_legacy_encrypted),
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_fixture_damage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

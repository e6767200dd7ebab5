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

/* pem_is_normal says yes only to text pem_normalize leaves as it is, and to
 * what pem_normalize gives for ordinary PEM: on the fixtures and on random
 * pieces of PEM (labels, lines of every length, blanks, CRs, dashes). */
static bool kept_as_is(const char *text)
{
    char *normal = pem_normalize(text);
    bool same = strcmp(normal, text) == 0;
    free(normal);
    return same;
}

static void test_is_normal(void **state)
{
    (void)state;
    const char *names[] = {"leaf.pem", "chain3.pem", "ec256.pem", "utf8.pem", "combined.pem"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        struct buf b = {0};
        fixture_read(names[i], &b);
        char *normal = pem_normalize(b.data);
        assert_true(pem_is_normal(normal));
        assert_true(kept_as_is(normal));
        free(normal);
        buf_free(&b);
    }
    /* one or two blocks in normal form, then often a few bytes changed */
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *labels[] = {"CERTIFICATE", "X", "A B", "PRIVATE KEY"};
    const char *noise = " \r\t\n-=A";
    srand(7);
    size_t said_yes = 0, said_no = 0;
    for (int round = 0; round < 20000; round++) {
        char text[1200];
        size_t len = 0;
        for (int block = 0, blocks = 1 + rand() % 2; block < blocks; block++) {
            const char *label = labels[rand() % 4];
            const char *end_label = rand() % 10 ? label : labels[rand() % 4];
            len += (size_t)sprintf(text + len, "-----BEGIN %s-----\n", label);
            for (int c = 0, n = rand() % 200; c < n; c++) {
                text[len++] = rand() % 50 ? alphabet[rand() % 64] : '-';
                if (c % 64 == 63 || c == n - 1)
                    text[len++] = '\n';
            }
            len += (size_t)sprintf(text + len, "-----END %s-----\n", end_label);
        }
        for (int m = rand() % 2 ? 0 : 1 + rand() % 3; m > 0 && len > 1; m--) {
            size_t at = (size_t)rand() % len;
            if (rand() % 2) { /* insert */
                memmove(text + at + 1, text + at, len - at);
                text[at] = noise[rand() % 8];
                len++;
            } else { /* delete */
                memmove(text + at, text + at + 1, len - at - 1);
                len--;
            }
        }
        text[len] = '\0';
        if (pem_is_normal(text)) {
            said_yes++;
            assert_true(kept_as_is(text));
        } else {
            said_no++;
        }
    }
    /* both answers are common, so both sides of the rule were tried */
    assert_true(said_yes > 1000);
    assert_true(said_no > 1000);
}

/* APIs return PEM with its line breaks stripped (ELB examples), with CRLF, or
 * with stray blanks; normalizing gives the 64-column form, every block kept. */
static void test_normalize(void **state)
{
    (void)state;
    char body[200];
    for (int i = 0; i < 150; i++)
        body[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64];
    body[150] = '\0';
    char one_line[400], want[400];
    snprintf(one_line, sizeof(one_line), "-----BEGIN CERTIFICATE-----%s-----END CERTIFICATE-----",
             body);
    snprintf(want, sizeof(want),
             "-----BEGIN CERTIFICATE-----\n%.64s\n%.64s\n%.22s\n-----END CERTIFICATE-----\n", body,
             body + 64, body + 128);
    char *out = pem_normalize(one_line);
    assert_string_equal(out, want);
    /* already normalized: unchanged */
    char *again = pem_normalize(out);
    assert_string_equal(again, want);
    free(again);
    free(out);

    /* CRLF, blanks, short lines, and two blocks: both kept, in order */
    const char *messy = "junk before\r\n-----BEGIN CERTIFICATE-----\r\nAAAA BBBB\r\n\tCCCC\r\n"
                        "-----END CERTIFICATE-----\r\n-----BEGIN PRIVATE KEY-----DDDD"
                        "-----END PRIVATE KEY-----";
    out = pem_normalize(messy);
    assert_string_equal(out, "-----BEGIN CERTIFICATE-----\nAAAABBBBCCCC\n-----END CERTIFICATE-----\n"
                             "-----BEGIN PRIVATE KEY-----\nDDDD\n-----END PRIVATE KEY-----\n");
    free(out);

    /* exactly 64 characters: one full line, no empty line after it */
    snprintf(one_line, sizeof(one_line), "-----BEGIN X-----%.64s-----END X-----", body);
    snprintf(want, sizeof(want), "-----BEGIN X-----\n%.64s\n-----END X-----\n", body);
    out = pem_normalize(one_line);
    assert_string_equal(out, want);
    free(out);

    /* no block at all, or a block without its end: nothing */
    out = pem_normalize("not a pem");
    assert_string_equal(out, "");
    free(out);
    out = pem_normalize("-----BEGIN CERTIFICATE-----AAAA");
    assert_string_equal(out, "");
    free(out);
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
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_is_normal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

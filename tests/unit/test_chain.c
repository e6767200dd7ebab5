/* test_chain.c — chain order and links, and the findings an admin sees. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "x509/chain.h"
#include "x509/findings.h"

static void analyze(const char *name, struct x509_certs *certs, struct x509_chain *chain)
{
    fixture_certs(name, certs);
    x509_chain_analyze(certs, chain);
}

static void test_chain3_in_order(void **state)
{
    struct x509_certs certs;
    struct x509_chain ch;
    analyze("chain3.pem", &certs, &ch);
    assert_int_equal(ch.layers, 3);
    assert_true(ch.in_order);
    assert_true(ch.issued_by_next[0] && ch.issued_by_next[1]);
    assert_true(ch.ends_in_root);
    assert_int_equal(ch.broken_at, SIZE_MAX);
    x509_chain_free(&ch);
    x509_certs_free(&certs);
}

/* chain3-wrong.pem is root, leaf, inter: the fix is 2, 3, 1 (indices 1, 2, 0). */
static void test_chain3_wrong_order(void **state)
{
    struct x509_certs certs;
    struct x509_chain ch;
    analyze("chain3-wrong.pem", &certs, &ch);
    assert_false(ch.in_order);
    assert_true(ch.reorderable);
    assert_int_equal(ch.order[0], 1);
    assert_int_equal(ch.order[1], 2);
    assert_int_equal(ch.order[2], 0);
    assert_true(ch.ends_in_root);

    struct x509_findings f = {0};
    struct x509_check_opts o = {cd_now(), 30};
    x509_check(&certs, &ch, NULL, &o, &f);
    bool found = false;
    for (size_t i = 0; i < f.count; i++)
        if (f.items[i].id == X509_FIND_CHAIN_ORDER) {
            found = true;
            assert_true(contains(f.items[i].message, "2, 3, 1"));
        }
    assert_true(found);
    x509_findings_free(&f);
    x509_chain_free(&ch);
    x509_certs_free(&certs);
}

static void test_long_chains(void **state)
{
    static const struct {
        const char *file;
        size_t layers;
    } cases[] = {{"chain11.pem", 11}, {"chain12.pem", 12}};
    for (size_t k = 0; k < 2; k++) {
        struct x509_certs certs;
        struct x509_chain ch;
        analyze(cases[k].file, &certs, &ch);
        assert_int_equal(ch.layers, cases[k].layers);
        assert_true(ch.in_order);
        assert_true(ch.ends_in_root);
        for (size_t i = 0; i + 1 < ch.layers; i++)
            assert_true(ch.issued_by_next[i]);
        x509_chain_free(&ch);
        x509_certs_free(&certs);
    }
}

/* Reversing an 11-layer chain is detected and the original order suggested. */
static void test_long_chain_reversed(void **state)
{
    struct x509_certs certs;
    fixture_certs("chain11.pem", &certs);
    for (size_t i = 0; i < certs.count / 2; i++) {
        struct x509_cert t = certs.items[i];
        certs.items[i] = certs.items[certs.count - 1 - i];
        certs.items[certs.count - 1 - i] = t;
    }
    struct x509_chain ch;
    x509_chain_analyze(&certs, &ch);
    assert_false(ch.in_order);
    assert_true(ch.reorderable);
    for (size_t i = 0; i < ch.layers; i++)
        assert_int_equal(ch.order[i], ch.layers - 1 - i);
    x509_chain_free(&ch);
    x509_certs_free(&certs);
}

/* Two unrelated certificates cannot be ordered: the link is reported broken. */
static void test_unrelated_is_broken(void **state)
{
    struct buf a = {0};
    fixture_read("ec256.pem", &a);
    struct buf b = {0};
    fixture_read("ed25519.pem", &b);
    buf_append(&a, b.data, b.len);
    struct x509_certs certs;
    struct cd_error err;
    assert_int_equal(x509_certs_from_mem(a.data, a.len, "two", &certs, &err), CD_OK);
    struct x509_chain ch;
    x509_chain_analyze(&certs, &ch);
    assert_false(ch.in_order);
    assert_false(ch.reorderable);
    assert_int_equal(ch.broken_at, 0);
    x509_chain_free(&ch);
    x509_certs_free(&certs);
    buf_free(&a);
    buf_free(&b);
}

/* Runs x509_check on a fixture (with an optional key) and reports whether id was found. */
static bool has_finding(const char *cert, const char *key_file, int warn_days,
                        enum x509_finding_id id)
{
    struct x509_certs certs;
    struct x509_chain ch;
    analyze(cert, &certs, &ch);
    struct x509_key *key = NULL;
    if (key_file) {
        struct buf data = {.secret = true};
        fixture_read(key_file, &data);
        struct cd_error err;
        if (x509_key_from_mem(data.data, data.len, key_file, NULL, NULL, &key, &err) != CD_OK)
            fail_msg("%s", err.message);
        buf_free(&data);
    }
    struct x509_findings f = {0};
    struct x509_check_opts o = {cd_now(), warn_days};
    x509_check(&certs, &ch, key, &o, &f);
    bool found = false;
    for (size_t i = 0; i < f.count; i++)
        found |= f.items[i].id == id;
    x509_findings_free(&f);
    x509_key_free(key);
    x509_chain_free(&ch);
    x509_certs_free(&certs);
    return found;
}

static void test_findings(void **state)
{
    assert_true(has_finding("expired.pem", NULL, 30, X509_FIND_EXPIRED));
    assert_false(has_finding("leaf.pem", NULL, 30, X509_FIND_EXPIRED));
    assert_true(has_finding("notyet.pem", NULL, 30, X509_FIND_NOT_YET_VALID));
    assert_false(has_finding("leaf.pem", NULL, 30, X509_FIND_NOT_YET_VALID));
    /* leaf.pem is valid for about a year: expiring only with a longer horizon */
    assert_false(has_finding("leaf.pem", NULL, 30, X509_FIND_EXPIRING));
    assert_true(has_finding("leaf.pem", NULL, 400, X509_FIND_EXPIRING));
    assert_true(has_finding("sha1.pem", NULL, 30, X509_FIND_WEAK_SIGNATURE));
    assert_false(has_finding("leaf.pem", NULL, 30, X509_FIND_WEAK_SIGNATURE));
    assert_true(has_finding("rsa1024.pem", NULL, 30, X509_FIND_WEAK_KEY));
    assert_false(has_finding("leaf.pem", NULL, 30, X509_FIND_WEAK_KEY));
    assert_true(has_finding("nosan.pem", NULL, 30, X509_FIND_NO_SAN));
    assert_false(has_finding("leaf.pem", NULL, 30, X509_FIND_NO_SAN));
    assert_false(has_finding("root.pem", NULL, 30, X509_FIND_NO_SAN)); /* CAs need none */
    assert_true(has_finding("leaf.pem", "other.key", 30, X509_FIND_KEY_MISMATCH));
    assert_false(has_finding("leaf.pem", "leaf.key", 30, X509_FIND_KEY_MISMATCH));
    assert_false(has_finding("chain3.pem", NULL, 30, X509_FIND_CHAIN_ORDER));
    /* the key is checked against the leaf even when the chain is out of order */
    assert_false(has_finding("chain3-wrong.pem", "leaf.key", 30, X509_FIND_KEY_MISMATCH));
    /* a leaf without its issuer; its chain, a self-signed one or a CA alone is complete */
    assert_true(has_finding("leaf.pem", NULL, 30, X509_FIND_CHAIN_INCOMPLETE));
    assert_false(has_finding("chain3.pem", NULL, 30, X509_FIND_CHAIN_INCOMPLETE));
    assert_false(has_finding("chain3-wrong.pem", NULL, 30, X509_FIND_CHAIN_INCOMPLETE));
    assert_false(has_finding("ec256.pem", NULL, 30, X509_FIND_CHAIN_INCOMPLETE));
    assert_false(has_finding("inter.pem", NULL, 30, X509_FIND_CHAIN_INCOMPLETE));
}

static void test_md5_if_present(void **state)
{
    FILE *f = fopen(fixture("md5.pem"), "r");
    if (!f) {
        skip();
        return;
    }
    fclose(f);
    assert_true(has_finding("md5.pem", NULL, 30, X509_FIND_WEAK_SIGNATURE));
}

/* Expiry is judged against CERTDECK_NOW when set (reproducible reports). */
static void test_now_override(void **state)
{
    setenv("CERTDECK_NOW", "2000-01-01T00:00:00Z", 1);
    assert_true(has_finding("leaf.pem", NULL, 30, X509_FIND_NOT_YET_VALID));
    setenv("CERTDECK_NOW", "2999-01-01T00:00:00Z", 1);
    assert_true(has_finding("leaf.pem", NULL, 30, X509_FIND_EXPIRED));
    unsetenv("CERTDECK_NOW");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chain3_in_order),
        cmocka_unit_test(test_chain3_wrong_order),
        cmocka_unit_test(test_long_chains),
        cmocka_unit_test(test_long_chain_reversed),
        cmocka_unit_test(test_unrelated_is_broken),
        cmocka_unit_test(test_findings),
        cmocka_unit_test(test_md5_if_present),
        cmocka_unit_test(test_now_override),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

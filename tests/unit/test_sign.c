/* test_sign.c — AK/SK signing against the published vectors (api/auth.md §3)
 * and against signatures computed independently with `openssl dgst`. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "auth/sign.h"

#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static char *sign(const char *method, const char *path, const char *query,
                  const struct sign_header *h, size_t nh, const char *body, const char *sk,
                  const char *date, char sig[65])
{
    struct sign_request r = {method, path, query, h, nh, NULL, body, body ? strlen(body) : 0};
    char *cr = sign_canonical_request(&r);
    assert_non_null(cr);
    sign_signature(sk, strlen(sk), date, cr, sig);
    return cr;
}

/* §3.2: repeated keys, a space, the trailing slash. */
static void test_own_get_example(void **state)
{
    const struct sign_header h[] = {
        {"Content-Type", "application/json"},
        {"Host", "elb.cn-north-4.myhuaweicloud.com"},
        {"X-Project-Id", "0123456789abcdef0123456789abcdef"},
        {"X-Sdk-Date", "20250102T030405Z"},
    };
    char sig[65];
    char *cr = sign("GET", "/v3/0123456789abcdef0123456789abcdef/elb/certificates",
                    "limit=2&id=bbbb&id=aaaa&name=my%20cert", h, 4, NULL,
                    "ExampleSecretKey0123456789abcdefghijklmn", "20250102T030405Z", sig);
    assert_string_equal(cr, "GET\n"
                            "/v3/0123456789abcdef0123456789abcdef/elb/certificates/\n"
                            "id=aaaa&id=bbbb&limit=2&name=my%20cert\n"
                            "content-type:application/json\n"
                            "host:elb.cn-north-4.myhuaweicloud.com\n"
                            "x-project-id:0123456789abcdef0123456789abcdef\n"
                            "x-sdk-date:20250102T030405Z\n"
                            "\n"
                            "content-type;host;x-project-id;x-sdk-date\n" EMPTY_SHA256);
    assert_string_equal(sig, "e4a3502f14a17671b58dc588f725da94c6b72326c97ed9e777cfdc653cc28695");
    free(cr);
}

/* §3.3: POST with a JSON body. */
static void test_own_post_example(void **state)
{
    const struct sign_header h[] = {
        {"Content-Type", "application/json"},
        {"Host", "elb.cn-north-4.myhuaweicloud.com"},
        {"X-Project-Id", "0123456789abcdef0123456789abcdef"},
        {"X-Sdk-Date", "20250102T030405Z"},
    };
    char sig[65];
    free(sign("POST", "/v3/0123456789abcdef0123456789abcdef/elb/certificates", NULL, h, 4,
              "{\"certificate\":{\"name\":\"demo\"}}", "ExampleSecretKey0123456789abcdefghijklmn",
              "20250102T030405Z", sig));
    assert_string_equal(sig, "8d3e61b27176bd51b01c8a7cd09eb3bd546cceb70d5d55e56073aeb390a2d32d");
}

/* §3.1: the signing guide's VPC example and the SDKs' own test vectors. */
static void test_published_vectors(void **state)
{
    char sig[65];
    const struct sign_header vpc[] = {
        {"Content-Type", "application/json"},
        {"Host", "service.region.example.com"},
        {"X-Sdk-Date", "20191115T033655Z"},
    };
    free(sign("GET", "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
              "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0", vpc, 3, NULL,
              "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", "20191115T033655Z", sig));
    assert_string_equal(sig, "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");

    const struct sign_header go[] = {{"X-Sdk-Date", "20060102T150405Z"}};
    free(sign("GET", "/path", "limit=1", go, 1, NULL, "SecretKey", "20060102T150405Z", sig));
    assert_string_equal(sig, "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
    free(sign("POST", "/path", "key=value", go, 1, "{\"Name\":\"test\",\"Id\":1}\n", "SecretKey",
              "20060102T150405Z", sig));
    assert_string_equal(sig, "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");

    const struct sign_header py[] = {
        {"Host", "service.endpoint.myhuaweicloud.com"},
        {"X-Sdk-Date", "20200608T023900Z"},
    };
    free(sign("GET", "/resources", "size=1", py, 2, NULL, "SecretKey", "20200608T023900Z", sig));
    assert_string_equal(sig, "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842");
    free(sign("POST", "/resources", "size=1", py, 2, "{\"name\":\"test\",\"id\":1}", "SecretKey",
              "20200608T023900Z", sig));
    assert_string_equal(sig, "436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f");
}

/* Signs the canonical request with the openssl CLI (§3.3's shell recipe). */
static void openssl_signature(const char *cr, const char *sk, const char *date, char *out)
{
    char path[] = "/tmp/certdeck-cr-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, cr, strlen(cr)), (ssize_t)strlen(cr));
    close(fd);
    char *h = openssl_out("dgst -sha256 -r %s", path);
    h[64] = '\0';
    char sts[256];
    snprintf(sts, sizeof(sts), "SDK-HMAC-SHA256\n%s\n%s", date, h);
    free(h);
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_int_equal(write(fd, sts, strlen(sts)), (ssize_t)strlen(sts));
    close(fd);
    char *s = openssl_out("dgst -sha256 -r -hmac '%s' %s", sk, path);
    s[64] = '\0';
    strcpy(out, s);
    free(s);
    unlink(path);
}

/* Many request shapes, checked against openssl computing the HMAC on its own. */
static void test_shapes_against_openssl(void **state)
{
    static const struct {
        const char *method, *path, *query, *body, *want_uri, *want_query;
    } cases[] = {
        {"GET", "/v1/p/waf/certificate", "pagesize=100&page=2", NULL, "/v1/p/waf/certificate/",
         "page=2&pagesize=100"},
        {"GET", "/v1/p/waf/certificate/", NULL, NULL, "/v1/p/waf/certificate/", ""},
        {"GET", "/v2/p/apic/certificates", "name=a%20b&name=a&offset=0&flag", NULL,
         "/v2/p/apic/certificates/", "flag=&name=a&name=a%20b&offset=0"},
        {"GET", "/v3/p/elb/certificates", "name=x%2Fy*z&marker=", NULL, "/v3/p/elb/certificates/",
         "marker=&name=x%2Fy%2Az"},
        {"GET", "/v1/p/cae/caf%C3%A9 x", NULL, NULL, "/v1/p/cae/caf%C3%A9%20x/", ""},
        {"PUT", "/v1/p/cae/certificates/abc", NULL, "{\"spec\":{\"crt\":\"x\"}}",
         "/v1/p/cae/certificates/abc/", ""},
        {"DELETE", "/", NULL, "", "/", ""},
    };
    const struct sign_header h[] = {
        {"X-Sdk-Date", "20261123T101500Z"},
        {"content-type", "application/json;charset=UTF-8"},
        {"X-Project-Id", "  0123456789abcdef0123456789abcdef "},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char sig[65], want[65];
        char *cr = sign(cases[i].method, cases[i].path, cases[i].query, h, 3, cases[i].body,
                        "some SK with spaces", "20261123T101500Z", sig);
        char *line2 = strchr(cr, '\n') + 1;
        assert_memory_equal(line2, cases[i].want_uri, strlen(cases[i].want_uri));
        char *line3 = strchr(line2, '\n') + 1;
        assert_memory_equal(line3, cases[i].want_query, strlen(cases[i].want_query));
        assert_true(contains(cr, "x-project-id:0123456789abcdef0123456789abcdef\n"));
        openssl_signature(cr, "some SK with spaces", "20261123T101500Z", want);
        assert_string_equal(sig, want);
        /* one changed byte of the body changes the signature */
        if (cases[i].body && *cases[i].body) {
            char *other = strdup(cases[i].body);
            other[0] ^= 1;
            char sig2[65];
            free(sign(cases[i].method, cases[i].path, cases[i].query, h, 3, other,
                      "some SK with spaces", "20261123T101500Z", sig2));
            assert_string_not_equal(sig, sig2);
            free(other);
        }
        free(cr);
    }
}

static void test_authorization_and_date(void **state)
{
    struct sign_auth a;
    assert_true(sign_parse_authorization(
        "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=abcd", &a));
    assert_string_equal(a.access, "AK1");
    assert_string_equal(a.signed_headers, "host;x-sdk-date");
    assert_string_equal(a.signature, "abcd");
    assert_true(sign_parse_authorization(
        "SDK-HMAC-SHA256 Access=AK1,SignedHeaders=x-sdk-date,Signature=ab", &a));
    assert_false(sign_parse_authorization("Bearer xyz", &a));
    assert_false(sign_parse_authorization("SDK-HMAC-SHA256 Access=AK1, Signature=ab", &a));
    char d[17];
    sign_format_date(1795428000, d);
    assert_string_equal(d, "20261123T100000Z");
    int64_t t;
    assert_true(sign_parse_date(d, &t));
    assert_int_equal(t, 1795428000);
    assert_false(sign_parse_date("2026-11-23T10:00:00Z", &t));
}

static void test_missing_signed_header(void **state)
{
    const struct sign_header h[] = {{"X-Sdk-Date", "20261123T101500Z"}};
    struct sign_request r = {"GET", "/", NULL, h, 1, "host;x-sdk-date", NULL, 0};
    assert_null(sign_canonical_request(&r));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_get_example),
        cmocka_unit_test(test_own_post_example),
        cmocka_unit_test(test_published_vectors),
        cmocka_unit_test(test_shapes_against_openssl),
        cmocka_unit_test(test_authorization_and_date),
        cmocka_unit_test(test_missing_signed_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

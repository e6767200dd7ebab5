/* test_services.c — each adapter's JSON mapping, on the example answers of
 * the API pages the project was made from (tests/unit/data/, copied from
 * them as published): the record's fields, the PEM normalised and decoded,
 * the echoed private key wiped and gone. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/json-arena.h"
#include "core/timeutil.h"
#include "services/service.h"
#include "x509/summary.h"

/* The example answer `name` as a tree (json_tree_free it). */
static cJSON *example(const char *name)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/tests/unit/data/%s", getenv("CERTDECK_SOURCE_DIR"), name);
    struct buf text = {0};
    struct cd_error err;
    if (file_read_all(path, 1 << 20, &text, &err) != CD_OK)
        fail_msg("cannot read %s: %s", path, err.message);
    cJSON *j = json_tree_parse_buf(&text);
    assert_non_null(j);
    return j;
}

static const struct service_ops *service(const char *id)
{
    int i = service_find(id);
    assert_true(i >= 0);
    return services[i];
}

static void map(const char *id, cJSON *item, struct cert_record *r)
{
    int i = service_find(id);
    record_init(r, i);
    service(id)->map(item, r);
}

static int64_t iso(const char *s)
{
    int64_t t;
    assert_true(time_parse_iso(s, &t));
    return t;
}

/* No PRIVATE KEY text anywhere in what is left of the answer. */
static void assert_key_gone(const cJSON *item)
{
    char *text = cJSON_PrintUnformatted(item);
    assert_null(strstr(text, "PRIVATE KEY"));
    free(text);
}

static void assert_pem_decodes(const struct cert_record *r, const char *subject_cn)
{
    assert_non_null(r->pem);
    assert_non_null(strstr(r->pem, "-----BEGIN CERTIFICATE-----\n"));
    struct x509_summary sum;
    assert_true(x509_summary_load(r->pem, strlen(r->pem), &sum));
    assert_string_equal(sum.common_name, subject_cn);
    x509_summary_free(&sum);
}

static void test_elb(void **state)
{
    (void)state;
    cJSON *answer = example("elb-create-answer.json");
    cJSON *item = cJSON_GetObjectItemCaseSensitive(answer, "certificate");
    struct cert_record r;
    map("elb", item, &r);
    assert_string_equal(r.id, "233a325e5e3e4ce8beeb320aa714cc12");
    assert_string_equal(r.name, "My Certificate");
    assert_string_equal(r.type, "server");
    assert_string_equal(r.description, "");
    /* the service's own words win over the certificate's (CN=localhost) */
    assert_string_equal(r.common_name, "www.example.com");
    assert_int_equal(r.domains.count, 1);
    assert_string_equal(r.domains.items[0], "www.example.com");
    assert_string_equal(r.fingerprint, "869df7fcb441c2ef3fb9329437815972eeb1ef0e");
    assert_int_equal(r.not_after, iso("2045-11-17T13:25:47Z"));
    assert_int_equal(r.created, iso("2019-03-31T22:23:51Z"));
    assert_int_equal(r.updated, iso("2019-03-31T23:26:49Z"));
    /* "domain": null is no extra field */
    assert_string_equal(r.extra, "");
    /* the PEM came without line breaks: normalised to 64 columns */
    assert_pem_decodes(&r, "localhost");
    assert_null(cJSON_GetObjectItemCaseSensitive(item, "private_key"));
    assert_key_gone(answer);
    record_free(&r);
    json_tree_free(answer);
}

/* A key member given twice (and an SM key) is wiped every time, and the
 * first of two same-named fields is the one read. */
static void test_elb_repeated_members(void **state)
{
    (void)state;
    cJSON *item = cJSON_Parse(
        "{\"id\":\"first\",\"private_key\":\"-----BEGIN PRIVATE KEY-----a-----END PRIVATE KEY-----\","
        "\"name\":\"n\",\"enc_private_key\":\"-----BEGIN PRIVATE KEY-----b-----END PRIVATE KEY-----\","
        "\"private_key\":\"-----BEGIN PRIVATE KEY-----c-----END PRIVATE KEY-----\","
        "\"id\":\"second\",\"subject_alternative_names\":[\"a.example\",7,\"b.example\"],"
        "\"domain\":\"a.example,b.example\"}");
    assert_non_null(item);
    struct cert_record r;
    map("elb", item, &r);
    assert_key_gone(item);
    assert_string_equal(r.id, "first");
    assert_string_equal(r.name, "n");
    assert_int_equal(r.domains.count, 2);
    assert_string_equal(r.domains.items[1], "b.example");
    assert_string_equal(r.extra, "{\"domain\":\"a.example,b.example\"}");
    record_free(&r);
    cJSON_Delete(item);
}

static void test_waf(void **state)
{
    (void)state;
    cJSON *answer = example("waf-create-answer.json");
    struct cert_record r;
    map("waf", answer, &r);
    assert_string_equal(r.id, "6e2be127b79f4a418414952ad5d8c59f");
    assert_string_equal(r.name, "certificatename94319");
    /* times in milliseconds */
    assert_int_equal(r.not_after, 1596865564);
    assert_int_equal(r.created, 1650595334);
    /* WAF gives no names: they come from the certificate */
    assert_string_equal(r.common_name, "waf.huaweicloud.com");
    assert_pem_decodes(&r, "waf.huaweicloud.com");
    assert_int_equal(strlen(r.fingerprint), 40);
    assert_null(cJSON_GetObjectItemCaseSensitive(answer, "key"));
    assert_key_gone(answer);
    record_free(&r);
    json_tree_free(answer);
}

/* A WAF list item (no PEM) with bound hosts: the extra text, escapes and all. */
static void test_waf_extra(void **state)
{
    (void)state;
    cJSON *item = cJSON_Parse("{\"id\":\"c1\",\"name\":\"n\",\"expire_time\":1596865564000,"
                              "\"bind_host\":[{\"id\":\"h1\",\"hostname\":\"a.example.com\"},"
                              "{\"id\":\"h2\",\"hostname\":\"odd\\\"name\"}],"
                              "\"enterprise_project_id\":\"0\"}");
    assert_non_null(item);
    struct cert_record r;
    map("waf", item, &r);
    assert_string_equal(r.extra, "{\"bound_hosts\":[\"a.example.com\",\"odd\\\"name\"],"
                                 "\"enterprise_project_id\":\"0\"}");
    cJSON *back = cJSON_Parse(r.extra);
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(back, "bound_hosts"), 1)->valuestring,
                        "odd\"name");
    cJSON_Delete(back);
    record_free(&r);
    /* nothing worth showing: no text at all */
    cJSON_DeleteItemFromObject(item, "bind_host");
    cJSON_DeleteItemFromObject(item, "enterprise_project_id");
    map("waf", item, &r);
    assert_string_equal(r.extra, "");
    record_free(&r);
    cJSON_Delete(item);
}

static void test_apic(void **state)
{
    (void)state;
    cJSON *answer = example("apic-create-answer.json");
    struct cert_record r;
    map("apic", answer, &r);
    assert_string_equal(r.id, "a27be832f2e9441c8127fe48e3b5ac67");
    assert_string_equal(r.name, "cert_demo");
    assert_string_equal(r.common_name, "apigtest.xxx.com");
    assert_int_equal(r.domains.count, 2);
    assert_string_equal(r.domains.items[1], "*.san.com");
    assert_int_equal(r.not_before, iso("2019-06-01T00:00:00Z"));
    assert_int_equal(r.not_after, iso("2031-08-16T06:36:13Z"));
    assert_int_equal(r.created, iso("2021-08-20T02:03:53Z"));
    /* the service decodes for us, and never returns the PEM */
    assert_string_equal(r.issuer, "SSL Inc");
    assert_string_equal(r.serial, "13010");
    assert_string_equal(r.signature_algorithm, "SHA256-RSA");
    assert_null(r.pem);
    /* its other fields, as list --json prints them */
    assert_string_equal(r.extra, "{\"algorithm_type\":\"RSA\",\"organization\":[\"company\"],"
                                 "\"organizational_unit\":[\"IT\"],\"country\":[\"Country\"]}");
    record_free(&r);
    json_tree_free(answer);
}

static void test_cae(void **state)
{
    (void)state;
    cJSON *answer = example("cae-answer.json");
    cJSON *item = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(answer, "items"), 0);
    struct cert_record r;
    map("cae", item, &r);
    assert_string_equal(r.id, "d66c5baf-3ab7-49da-92d6-a44aaad1997d");
    assert_string_equal(r.name, "test");
    /* microseconds in the time are read and dropped */
    assert_int_equal(r.created, iso("2023-02-28T07:19:49Z"));
    /* "xxx" is neither PEM nor base64 of one: no certificate, no crash */
    assert_null(r.pem);
    assert_int_equal(r.not_after, 0);
    /* the key went, whatever it held */
    assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(item, "spec"),
                                                 "key"));
    record_free(&r);
    json_tree_free(answer);
}

/* CAE may send the PEM base64-encoded: the record holds the PEM itself. */
static void test_cae_base64(void **state)
{
    (void)state;
    struct buf pem = {0};
    fixture_read("leaf.pem", &pem);
    char *b64 = openssl_out("base64 -A -in %s", fixture("leaf.pem"));
    struct buf text = {0};
    buf_printf(&text, "{\"metadata\":{\"id\":\"x\",\"name\":\"shop\"},\"spec\":{\"crt\":\"%s\","
                      "\"key\":\"c2VjcmV0\",\"created_at\":\"2026-01-01T00:00:00Z\"}}", b64);
    cJSON *item = json_tree_parse_buf(&text);
    struct cert_record r;
    map("cae", item, &r);
    assert_pem_decodes(&r, "www.example.com");
    assert_true(r.not_after > 0);
    assert_string_equal(r.common_name, "www.example.com");
    record_free(&r);
    json_tree_free(item);
    free(b64);
    buf_free(&pem);
}

/* Name rules say what is allowed and what is not. */
static void test_name_rules(void **state)
{
    (void)state;
    char why[160];
    const struct svc_rules *waf = service("waf")->rules, *apic = service("apic")->rules;
    assert_true(waf->name_ok("shop.example-2026_a", why, sizeof(why)));
    assert_false(waf->name_ok("bad name!", why, sizeof(why)));
    assert_string_equal(why, "only letters, digits, '.', '_' and '-' are allowed (' ' is not)");
    assert_false(waf->name_ok("", why, sizeof(why)));
    assert_false(waf->name_ok("caf\xc3\xa9", why, sizeof(why))); /* not ASCII */
    assert_true(apic->name_ok("shop_cert_2", why, sizeof(why)));
    assert_false(apic->name_ok("shop-cert", why, sizeof(why)));
    assert_string_equal(why, "only letters, digits and '_' are allowed ('-' is not)");
    assert_false(apic->name_ok("2shop", why, sizeof(why)));
    assert_false(apic->name_ok("abc", why, sizeof(why)));
    assert_false(svc_name_chars("a.b", "", why, sizeof(why)));
    assert_string_equal(why, "only letters and digits are allowed ('.' is not)");
}

/* Every row of the table has what the commands call. */
static void test_table(void **state)
{
    (void)state;
    assert_int_equal(service_count, 4);
    for (size_t i = 0; i < service_count; i++) {
        const struct service_ops *s = services[i];
        assert_non_null(s->map);
        assert_non_null(s->list);
        assert_non_null(s->create);
        assert_non_null(s->update);
        assert_non_null(s->remove);
        assert_non_null(s->rules);
        assert_int_equal(service_find(s->id), (int)i);
        assert_true(!s->show == !(s->caps & SVC_CAP_SHOW));
    }
    assert_int_equal(service_find("dns"), -1);
}

int main(void)
{
    json_arena_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elb),
        cmocka_unit_test(test_elb_repeated_members),
        cmocka_unit_test(test_waf),
        cmocka_unit_test(test_waf_extra),
        cmocka_unit_test(test_apic),
        cmocka_unit_test(test_cae),
        cmocka_unit_test(test_cae_base64),
        cmocka_unit_test(test_name_rules),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_services.c — each adapter's JSON mapping, on the example answers of
 * the API pages the project was made from (tests/unit/data/, copied from
 * them as published): the record's fields, the PEM normalised and decoded,
 * the echoed private key wiped and gone. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include "auth/session.h"
#include "core/fileio.h"
#include "core/json-arena.h"
#include "core/timeutil.h"
#include "services/service.h"
#include "services/validate.h"
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
    /* "xxx" is neither PEM nor base64 of one: kept, so that the detail view
     * says it does not decode (not that CAE never returns it); no crash */
    assert_non_null(r.pem);
    struct x509_summary sum;
    assert_false(x509_summary_load(r.pem, strlen(r.pem), &sum));
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

/* The example answer of the seed's ELB update page, as the create ones. */
static void test_elb_update(void **state)
{
    (void)state;
    cJSON *answer = example("elb-update-answer.json");
    cJSON *item = cJSON_GetObjectItemCaseSensitive(answer, "certificate");
    struct cert_record r;
    map("elb", item, &r);
    assert_string_equal(r.id, "233a325e5e3e4ce8beeb320aa714cc12");
    assert_string_equal(r.name, "My Certificate");
    assert_string_equal(r.description, "Update my Certificate.");
    assert_string_equal(r.common_name, "www.example.com");
    assert_int_equal(r.not_after, iso("2045-11-17T13:25:47Z"));
    assert_int_equal(r.updated, iso("2019-03-31T23:26:49Z"));
    assert_pem_decodes(&r, "localhost");
    assert_key_gone(answer);
    record_free(&r);
    json_tree_free(answer);
}

/* Open Telekom Cloud's WAF writes expireTime: read as expire_time. */
static void test_waf_expire_time_alias(void **state)
{
    (void)state;
    cJSON *item = cJSON_Parse("{\"id\":\"w1\",\"name\":\"otc\",\"expireTime\":1893456000000}");
    struct cert_record r;
    map("waf", item, &r);
    assert_int_equal(r.not_after, 1893456000);
    record_free(&r);
    cJSON_Delete(item);
}

/* ELB domain lists: what the API pages allow, per operation. */
static void test_elb_domain(void **state)
{
    (void)state;
    int elb = service_find("elb");
    struct cd_error err;
    assert_int_equal(upload_check_domain(elb, NULL, false, &err), CD_OK);
    assert_int_equal(upload_check_domain(elb, "", true, &err), CD_OK); /* clears it */
    assert_int_equal(upload_check_domain(elb, "www.test.com,*.test.com,a-1.b", false, &err), CD_OK);
    static const struct {
        const char *domain, *says;
    } bad[] = {
        {"a..b", "empty label"},
        {"*.*.x", "'*' may only open"},
        {"www.*.com", "'*' may only open"},
        {"*", "'*' may only open"},
        {"*.", "no name after"},
        {"a,,b", "it is empty"},
        {"-a.com", "start or end with '-'"},
        {"a_b.com", "('_' is not)"},
        {"a.com.", "empty label"},
        {"caf\xc3\xa9.com", "labels hold only"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(upload_check_domain(elb, bad[i].domain, false, &err), CD_ERR_INVALID);
        if (!strstr(err.message, bad[i].says))
            fail_msg("%s: \"%s\" lacks \"%s\"", bad[i].domain, err.message, bad[i].says);
    }
    char label[80];
    memset(label, 'a', 64);
    strcpy(label + 64, ".com");
    assert_int_equal(upload_check_domain(elb, label, false, &err), CD_ERR_INVALID);
    assert_non_null(strstr(err.message, "at most 63"));
    label[1] = '.'; /* 1 + 62 letters: fine */
    assert_int_equal(upload_check_domain(elb, label, false, &err), CD_OK);
    /* 31 names: fine on create, too many on update (the seed: 30) */
    struct buf list = {0};
    for (int i = 0; i < 31; i++)
        buf_printf(&list, "%sh%d.example.com", i ? "," : "", i);
    assert_int_equal(upload_check_domain(elb, list.data, false, &err), CD_OK);
    assert_int_equal(upload_check_domain(elb, list.data, true, &err), CD_ERR_INVALID);
    assert_non_null(strstr(err.message, "31 names"));
    /* 101 names: too many on create; past 1,024 characters on update */
    for (int i = 31; i < 101; i++)
        buf_printf(&list, ",h%d.example.com", i);
    assert_int_equal(upload_check_domain(elb, list.data, false, &err), CD_ERR_INVALID);
    assert_non_null(strstr(err.message, "101 names"));
    assert_int_equal(upload_check_domain(elb, list.data, true, &err), CD_ERR_INVALID);
    assert_non_null(strstr(err.message, "characters long"));
    buf_free(&list);
}

/* ---- adapters against a one-answer HTTP stub ---- */

#define STUB_PROJECT "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

struct stub {
    int fd;
    int status;
    const char *body;
    char request_line[512]; /* what was asked: "DELETE /v3/… HTTP/1.1" */
    int requests;
};

/* Serves connections until the socket is shut: reads each request whole
 * (headers and Content-Length), answers status and body, closes. */
static void *stub_serve(void *ud)
{
    struct stub *st = ud;
    int c;
    while ((c = accept(st->fd, NULL, NULL)) >= 0) {
        char req[65536];
        size_t got = 0;
        ssize_t n;
        char *end = NULL;
        while (got < sizeof(req) - 1 && (n = read(c, req + got, sizeof(req) - 1 - got)) > 0) {
            got += (size_t)n;
            req[got] = '\0';
            end = strstr(req, "\r\n\r\n");
            if (!end)
                continue;
            const char *cl = req;
            while (*cl && strncasecmp(cl, "content-length:", 15) != 0)
                cl++;
            size_t want = *cl && cl < end ? strtoul(cl + 15, NULL, 10) : 0;
            if (got >= (size_t)(end + 4 - req) + want)
                break;
        }
        req[got] = '\0';
        snprintf(st->request_line, sizeof(st->request_line), "%.*s", (int)strcspn(req, "\r"), req);
        st->requests++;
        char head[256];
        int hn = snprintf(head, sizeof(head), "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n", st->status,
                          strlen(st->body));
        ssize_t w = write(c, head, (size_t)hn);
        w = write(c, st->body, strlen(st->body));
        (void)w;
        close(c);
    }
    return NULL;
}

struct stub_run {
    struct stub st;
    pthread_t thread;
    struct http_client *http;
    struct auth_session *auth;
    char base_url[64];
    struct cd_error err;
    struct svc_ctx ctx;
};

static void stub_start(struct stub_run *run, const char *service_id, int status, const char *body)
{
    memset(run, 0, sizeof(*run));
    run->st.status = status;
    run->st.body = body;
    run->st.fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    assert_int_equal(bind(run->st.fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(run->st.fd, 4), 0);
    getsockname(run->st.fd, (struct sockaddr *)&a, &len);
    snprintf(run->base_url, sizeof(run->base_url), "http://127.0.0.1:%u", ntohs(a.sin_port));
    pthread_create(&run->thread, NULL, stub_serve, &run->st);
    struct http_options o = {0};
    assert_int_equal(http_client_new(&o, &run->http, &run->err), CD_OK);
    run->auth = auth_session_token("stub-token", cd_now() + 3600, STUB_PROJECT);
    run->ctx = (struct svc_ctx){.http = run->http, .auth = run->auth, .base_url = run->base_url,
                                .project_id = STUB_PROJECT, .scope = "7e3c9a1b-2f4d-4e6a-8b0c-1d2e3f4a5b6c",
                                .service = service_find(service_id), .err = &run->err};
}

static void stub_stop(struct stub_run *run)
{
    shutdown(run->st.fd, SHUT_RDWR);
    close(run->st.fd);
    pthread_join(run->thread, NULL);
    http_client_free(run->http);
    auth_session_free(run->auth);
}

/* A create answer without an id is an error for every service, not a record
 * with an empty id and success. */
static void test_create_without_id(void **state)
{
    (void)state;
    static const struct {
        const char *service;
        int status;
        const char *answer;
    } rows[] = {
        {"elb", 201, "{\"certificate\":{\"name\":\"web\"},\"request_id\":\"r\"}"},
        {"waf", 200, "{\"name\":\"web\"}"},
        {"apic", 200, "{\"name\":\"web\"}"},
        {"cae", 200, "{\"items\":[{\"metadata\":{\"name\":\"web\"},\"spec\":{}}]}"},
    };
    struct buf pem = {0};
    fixture_read("leaf.pem", &pem);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct stub_run run;
        stub_start(&run, rows[i].service, rows[i].status, rows[i].answer);
        struct upload_req req = {.name = "web", .cert_pem = pem.data, .key_pem = "k"};
        struct cert_record r;
        cd_status rc = service(rows[i].service)->create(&run.ctx, &req, &r);
        stub_stop(&run);
        assert_int_equal(run.st.requests, 1);
        if (rc != CD_ERR_API)
            fail_msg("%s: a create answer without an id gave %d", rows[i].service, rc);
        assert_non_null(strstr(run.err.message, "without a certificate id"));
    }
    buf_free(&pem);
}

/* Ids go into the path percent-encoded; ".", "..", "" and ids with '/',
 * spaces or control characters are refused before anything is sent. */
static void test_ids_in_paths(void **state)
{
    (void)state;
    for (size_t s = 0; s < service_count; s++) {
        struct stub_run run;
        stub_start(&run, services[s]->id, 204, "");
        static const char *const bad[] = {"..", ".", "", "a/b", "../x", "a b", "a\x01b"};
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            if (services[s]->remove(&run.ctx, bad[i]) != CD_ERR_INVALID)
                fail_msg("%s: id \"%s\" was not refused", services[s]->id, bad[i]);
        }
        char long_id[SVC_ID_MAX + 2];
        memset(long_id, 'a', SVC_ID_MAX + 1);
        long_id[SVC_ID_MAX + 1] = '\0';
        assert_int_equal(services[s]->remove(&run.ctx, long_id), CD_ERR_INVALID);
        assert_int_equal(run.st.requests, 0);
        /* an odd but harmless id is sent, percent-encoded */
        assert_int_equal(services[s]->remove(&run.ctx, "a%b?c"), CD_OK);
        stub_stop(&run);
        assert_int_equal(run.st.requests, 1);
        if (!strstr(run.st.request_line, "/a%25b%3Fc"))
            fail_msg("%s: %s", services[s]->id, run.st.request_line);
        assert_non_null(strstr(run.st.request_line, "DELETE /"));
    }
}

/* The project id is checked (32 lower-case letters and digits) before it
 * goes into a path. */
static void test_project_id_checked(void **state)
{
    (void)state;
    static const char *const bad[] = {"../../v3", "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "short", "",
                                      "0a1b2c3d4e5f60718293a4b5c6d7e8f9/", NULL};
    for (size_t s = 0; s < service_count; s++) {
        struct stub_run run;
        stub_start(&run, services[s]->id, 204, "");
        for (size_t i = 0; bad[i]; i++) {
            run.ctx.project_id = bad[i];
            assert_int_equal(services[s]->remove(&run.ctx, "233a325e5e3e4ce8beeb320aa714cc12"),
                             CD_ERR_CONFIG);
            assert_non_null(strstr(run.err.message, "is not a project id"));
        }
        run.ctx.project_id = NULL;
        assert_int_equal(services[s]->remove(&run.ctx, "233a325e5e3e4ce8beeb320aa714cc12"),
                         CD_ERR_CONFIG);
        stub_stop(&run);
        assert_int_equal(run.st.requests, 0);
    }
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
        cmocka_unit_test(test_elb_update),
        cmocka_unit_test(test_waf_expire_time_alias),
        cmocka_unit_test(test_elb_domain),
        cmocka_unit_test(test_create_without_id),
        cmocka_unit_test(test_ids_in_paths),
        cmocka_unit_test(test_project_id_checked),
        cmocka_unit_test(test_name_rules),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

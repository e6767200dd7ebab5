/* test_http.c — the HTTP engine against certdeck-emu started in-process:
 * TLS verified with the emulator's CA, retries with backoff on 5xx, 429 with
 * Retry-After honoured, no retry of a create, concurrency, connection errors. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emu/emu.h"
#include "net/http.h"

static struct emu *start(struct emu_config *cfg, const char *faults, double rate)
{
    emu_config_defaults(cfg);
    emu_config_fill_demo(cfg);
    cfg->faults.rate = rate;
    if (faults) {
        char bad[32];
        assert_true(emu_fault_parse_list(faults, &cfg->faults.mask, bad, sizeof(bad)));
    }
    struct emu *emu = NULL;
    struct cd_error err;
    if (emu_start(cfg, &emu, &err) != CD_OK)
        fail_msg("%s", err.message);
    return emu;
}

static struct http_client *client_for(struct emu *emu, bool with_ca)
{
    struct http_options o = {0};
    o.ca_file = with_ca ? emu_ca_file(emu) : NULL;
    o.max_retries = 3;
    o.backoff_base_ms = 20;
    o.backoff_max_ms = 100;
    struct http_client *c = NULL;
    struct cd_error err;
    assert_int_equal(http_client_new(&o, &c, &err), CD_OK);
    return c;
}

static long get(struct http_client *c, struct emu *emu, const char *method, unsigned *attempts,
                struct http_response *keep)
{
    char url[256];
    snprintf(url, sizeof(url), "%s/v3/%s/elb/certificates", emu_base_url(emu), EMU_DEMO_PROJECT_ID);
    struct http_request req;
    http_request_init(&req, method, url);
    if (strcmp(method, "POST") == 0) {
        req.body = "{}";
        req.body_len = 2;
    }
    struct http_response resp;
    struct cd_error err;
    http_perform(c, &req, &resp, &err);
    http_request_free(&req);
    long status = resp.status;
    if (attempts)
        *attempts = resp.attempts;
    if (keep)
        *keep = resp;
    else
        http_response_free(&resp);
    return status;
}

/* No token: the gateway's 401, over TLS verified against the emulator's CA. */
static void test_tls_verified(void **state)
{
    struct emu_config cfg;
    struct emu *emu = start(&cfg, NULL, 0);
    struct http_client *c = client_for(emu, true);
    struct http_response resp;
    assert_int_equal(get(c, emu, "GET", NULL, &resp), 401);
    assert_true(contains(resp.body.data, "APIGW.0301"));
    assert_non_null(http_response_header(&resp, "content-type"));
    http_response_free(&resp);
    http_client_free(c);
    /* without the CA the system store does not know the emulator: refused, not retried */
    c = client_for(emu, false);
    unsigned attempts = 0;
    assert_int_equal(get(c, emu, "GET", &attempts, NULL), 0);
    assert_int_equal(attempts, 1);
    http_client_free(c);
    emu_stop(emu);
    emu_config_free(&cfg);
}

static void test_retries_5xx_then_gives_up(void **state)
{
    struct emu_config cfg;
    struct emu *emu = start(&cfg, "503", 1.0);
    struct http_client *c = client_for(emu, true);
    unsigned attempts = 0;
    assert_int_equal(get(c, emu, "GET", &attempts, NULL), 503);
    assert_int_equal(attempts, 4); /* 1 + max_retries */
    /* a create is never retried */
    assert_int_equal(get(c, emu, "POST", &attempts, NULL), 503);
    assert_int_equal(attempts, 1);
    http_client_free(c);
    emu_stop(emu);
    emu_config_free(&cfg);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_429_honours_retry_after(void **state)
{
    struct emu_config cfg;
    struct emu *emu = start(&cfg, "429", 1.0);
    struct http_client *c = client_for(emu, true);
    unsigned attempts = 0;
    double t0 = now_s();
    assert_int_equal(get(c, emu, "GET", &attempts, NULL), 429);
    double took = now_s() - t0;
    assert_int_equal(attempts, 4);
    assert_true(took >= 2.9); /* three waits of Retry-After: 1 s, not the 20 ms backoff */
    http_client_free(c);
    emu_stop(emu);
    emu_config_free(&cfg);
}

static void test_resets_are_retried(void **state)
{
    struct emu_config cfg;
    struct emu *emu = start(&cfg, "reset,truncate", 0.5);
    struct http_client *c = client_for(emu, true);
    /* half the answers break; with retries every request gets an answer */
    for (int i = 0; i < 10; i++) {
        unsigned attempts = 0;
        assert_int_equal(get(c, emu, "GET", &attempts, NULL), 401);
    }
    http_client_free(c);
    emu_stop(emu);
    emu_config_free(&cfg);
}

static void test_many_concurrent(void **state)
{
    struct emu_config cfg;
    struct emu *emu = start(&cfg, NULL, 0);
    struct http_client *c = client_for(emu, true);
    enum { N = 40 };
    struct http_request reqs[N];
    struct http_response resps[N];
    char url[256];
    snprintf(url, sizeof(url), "%s/_emu/health", emu_base_url(emu));
    for (int i = 0; i < N; i++)
        http_request_init(&reqs[i], "GET", url);
    http_perform_many(c, reqs, resps, N);
    for (int i = 0; i < N; i++) {
        assert_int_equal(resps[i].status, 200);
        http_request_free(&reqs[i]);
        http_response_free(&resps[i]);
    }
    http_client_free(c);
    emu_stop(emu);
    emu_config_free(&cfg);
}

static void test_connection_refused(void **state)
{
    struct http_options o = {0};
    o.max_retries = 1;
    o.backoff_base_ms = 10;
    struct http_client *c = NULL;
    struct cd_error err;
    assert_int_equal(http_client_new(&o, &c, &err), CD_OK);
    struct http_request req;
    http_request_init(&req, "GET", "http://127.0.0.1:1/nothing");
    struct http_response resp;
    assert_int_equal(http_perform(c, &req, &resp, &err), CD_ERR_HTTP);
    assert_true(contains(err.message, "127.0.0.1:1"));
    assert_int_equal(resp.attempts, 2);
    http_request_free(&req);
    http_response_free(&resp);
    http_client_free(c);
}

static void test_backoff(void **state)
{
    struct http_options o = {.backoff_base_ms = 100, .backoff_max_ms = 1000};
    for (unsigned attempt = 1; attempt <= 6; attempt++) {
        long full = 100L << (attempt - 1);
        if (full > 1000)
            full = 1000;
        long lo = http_backoff_ms(&o, attempt, -1, 0);
        long hi = http_backoff_ms(&o, attempt, -1, 0xffffffffu);
        assert_true(lo >= full / 2 && hi <= full);
    }
    assert_int_equal(http_backoff_ms(&o, 1, 3000, 7), 3000);   /* Retry-After wins */
    assert_true(http_should_retry(503, false));
    assert_true(http_should_retry(429, false));
    assert_true(http_should_retry(0, true));
    assert_false(http_should_retry(400, false));
    assert_false(http_should_retry(404, false));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tls_verified),
        cmocka_unit_test(test_retries_5xx_then_gives_up),
        cmocka_unit_test(test_429_honours_retry_after),
        cmocka_unit_test(test_resets_are_retried),
        cmocka_unit_test(test_many_concurrent),
        cmocka_unit_test(test_connection_refused),
        cmocka_unit_test(test_backoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

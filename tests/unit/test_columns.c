/* test_columns.c — the column table, the table fitted to a width, TSV, id
 * shapes for resolving, and the report of failed detail requests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records-out.h"
#include "cli/records-table.h"
#include "client/columns.h"
#include "client/resolve.h"
#include "core/textwidth.h"
#include "fetch/fetch.h"

static const int64_t now = 1700000000;

static void add(struct record_list *l, const char *svc, const char *id, const char *name,
                const char *cn, int64_t days, const char *scope)
{
    struct cert_record *r = record_list_add(l, service_find(svc));
    record_set(r, &r->id, id);
    record_set(r, &r->name, name);
    record_set(r, &r->common_name, cn);
    record_set(r, &r->type, strcmp(svc, "elb") == 0 ? "server" : "");
    record_set(r, &r->scope, scope);
    r->not_after = now + days * 86400 + 3600;
}

static void sample(struct record_list *l)
{
    add(l, "elb", "9a055689e631868c7814e5b98f9ae90f", "a-rather-long-certificate-name-for-testing",
        "legacy.example.org", -41, "");
    add(l, "apic", "2bd138a54a203358ff0db9f6c4858623", "expired_sandbox", "sandbox.example.com", 2,
        "5b1b7b9f-3b8e-4c5d-9a0f-1e2d3c4b5a69");
    add(l, "cae", "8e3e8cd2-f8fc-4cb6-808d-cc6e3fa830b2", "m\xc3\xbcnchen-\xe4\xb8\xad\xe6\x96\x87-app",
        "app.example.com", 20, "7e3c9a1b-2f4d-4e6a-8b0c-1d2e3f4a5b6c");
    add(l, "waf", "e4603aa860e4603aa860e4603aa860ee", "blog", "blog.example.com", 400, "");
}

static char *print(const struct record_list *l, const struct table_options *o, bool tsv)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (tsv)
        records_print_tsv(l, o, f);
    else
        records_print_table(l, o, f);
    fclose(f);
    return text;
}

static struct table_options options(size_t width)
{
    struct table_options o = {.headers = true, .width = width};
    o.cx = (struct column_ctx){.now = now, .warn_days = 30, .crit_days = 7, .utf8 = true,
                               .for_people = true};
    return o;
}

/* The widest line's display width. */
static size_t widest(char *text)
{
    size_t max = 0;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t w = text_display_width(line);
        max = w > max ? w : max;
    }
    return max;
}

static void test_fits_width(void **state)
{
    (void)state;
    struct record_list l = {0};
    sample(&l);
    for (size_t width = 40; width <= 120; width += 10) {
        struct table_options o = options(width);
        char *t = print(&l, &o, false);
        assert_true(widest(t) <= width);
        free(t);
    }
    /* 80 columns: the id stays (as a prefix), scope and type fold first, names cut with … */
    struct table_options o = options(80);
    char *t = print(&l, &o, false);
    assert_non_null(strstr(t, " ID"));
    assert_non_null(strstr(t, "9a055689"));
    assert_null(strstr(t, "SCOPE"));
    assert_null(strstr(t, "TYPE"));
    assert_non_null(strstr(t, "\xe2\x80\xa6"));
    assert_non_null(strstr(t, "\xe2\x9c\x97  elb")); /* expired mark */
    assert_non_null(strstr(t, "\xe2\x80\xbc  apic")); /* within crit */
    free(t);
    /* no limit: nothing cut, every default column */
    o = options(0);
    t = print(&l, &o, false);
    assert_non_null(strstr(t, "a-rather-long-certificate-name-for-testing"));
    assert_non_null(strstr(t, "SCOPE"));
    assert_non_null(strstr(t, "5b1b7b9f-3b8e-4c5d-9a0f-1e2d3c4b5a69"));
    free(t);
    /* wide: every column even at 40 */
    o = options(40);
    o.wide = true;
    t = print(&l, &o, false);
    assert_non_null(strstr(t, "FINGERPRINT"));
    assert_non_null(strstr(t, "DOMAINS"));
    free(t);
    record_list_free(&l);
}

static void test_color_and_columns(void **state)
{
    (void)state;
    struct record_list l = {0};
    sample(&l);
    struct table_options o = options(0);
    o.color = true;
    o.headers = false;
    o.chosen[o.chosen_count++] = column_find("name");
    o.chosen[o.chosen_count++] = column_find("days");
    char *t = print(&l, &o, false);
    assert_true(strncmp(t, "\033[1;31ma-rather", 14) == 0); /* expired: bold red, no header */
    assert_non_null(strstr(t, "\033[31mexpired_sandbox")); /* crit: red */
    assert_non_null(strstr(t, "\033[33m")); /* warn: yellow */
    assert_non_null(strstr(t, "\nblog ")); /* fine: no colour */
    assert_non_null(strstr(t, " 400\n"));
    free(t);
    assert_int_equal(column_find("bogus"), -1);
    char names[256];
    column_names(names, sizeof(names));
    assert_non_null(strstr(names, "common_name"));
    record_list_free(&l);
}

static void test_tsv(void **state)
{
    (void)state;
    struct record_list l = {0};
    sample(&l);
    record_set_detail_error(&l.items[3], 429, "APIGW.0308", "throttled\tnow");
    struct table_options o = options(20); /* TSV is never fitted */
    o.cx.for_people = false;
    o.cx.utf8 = false;
    char *t = print(&l, &o, true);
    assert_true(strncmp(t, "status\tservice\tdays\tname\t", 25) == 0);
    assert_non_null(strstr(t, "X\telb\t-40\ta-rather-long-certificate-name-for-testing\t"));
    assert_non_null(strstr(t, "details failed: HTTP 429 APIGW.0308: throttled now"));
    free(t);
    record_list_free(&l);
}

static void test_detail_error_json_csv(void **state)
{
    (void)state;
    struct record_list l = {0};
    add(&l, "waf", "e4603aa860e4603aa860e4603aa860ee", "blog", "blog.example.com", 400, "");
    add(&l, "apic", "2bd138a54a203358ff0db9f6c4858623", "gw", "gw.example.com", 40, "inst");
    record_set_detail_error(&l.items[0], 429, "APIGW.0308", "throttled");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    records_print_json(&l, now, f);
    fclose(f);
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    cJSON *de = cJSON_GetObjectItem(cJSON_GetArrayItem(j, 0), "detail_error");
    assert_int_equal(cJSON_GetObjectItem(de, "status")->valueint, 429);
    assert_string_equal(cJSON_GetObjectItem(de, "error_code")->valuestring, "APIGW.0308");
    assert_string_equal(cJSON_GetObjectItem(de, "error_msg")->valuestring, "throttled");
    /* an APIC record has no PEM by design: null certificate, no detail_error */
    assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(j, 1), "detail_error"));
    cJSON_Delete(j);
    free(text);
    f = open_memstream(&text, &len);
    records_print_csv(&l, now, true, f);
    fclose(f);
    assert_non_null(strstr(text, ",scope,detail_error\n"));
    assert_non_null(strstr(text, ",HTTP 429 APIGW.0308: throttled\n"));
    assert_non_null(strstr(text, ",inst,\n"));
    free(text);
    record_list_free(&l);
}

static void test_id_shapes(void **state)
{
    (void)state;
    assert_true(cert_id_is_full("9a055689e631868c7814e5b98f9ae90f"));
    assert_true(cert_id_is_full("8e3e8cd2-f8fc-4cb6-808d-cc6e3fa830b2"));
    assert_false(cert_id_is_full("9a055689"));
    assert_false(cert_id_is_full("legacy-example-org"));
    assert_false(cert_id_is_full("9a055689e631868c7814e5b98f9ae90g"));
    assert_false(cert_id_is_full("8e3e8cd2-f8fc-4cb6-808d-cc6e3fa830b-"));
}

static void test_fetch_report(void **state)
{
    (void)state;
    struct fetch_outcome items[2] = {0};
    items[0].service = service_find("elb");
    items[0].status = CD_ERR_API;
    snprintf(items[0].err.message, sizeof(items[0].err.message), "elb: HTTP 503 APIGW.0201: down");
    items[1].service = service_find("waf");
    items[1].records = 5;
    items[1].details_failed = 3;
    items[1].kind_count = 2;
    items[1].kinds[0] = (struct fetch_detail_failure){429, "APIGW.0308", "throttled", 2};
    items[1].kinds[1] = (struct fetch_detail_failure){0, "", "connection reset", 1};
    struct fetch_report rep = {items, 2, 1, 3};
    assert_false(fetch_report_nothing_read(&rep));
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_true(fetch_report_print(&rep, "list", f));
    fclose(f);
    assert_string_equal(text, "certdeck list: elb: HTTP 503 APIGW.0201: down\n"
                              "certdeck list: waf: the details of 3 of 5 certificates could not be "
                              "read: 2 with HTTP 429 APIGW.0308: throttled; 1 with no answer: "
                              "connection reset\n");
    free(text);
    rep.count = 1;
    assert_true(fetch_report_nothing_read(&rep));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fits_width),
        cmocka_unit_test(test_color_and_columns),
        cmocka_unit_test(test_tsv),
        cmocka_unit_test(test_detail_error_json_csv),
        cmocka_unit_test(test_id_shapes),
        cmocka_unit_test(test_fetch_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

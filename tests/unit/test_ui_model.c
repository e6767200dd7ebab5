/* test_ui_model.c — the TUI's list model (rows, panes, filter, sort,
 * selection across snapshots) and detail lines, on snapshots built by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/buf.h"
#include "../../src/core/record.h"
#include "../../src/core/timeutil.h"
#include "../../src/core/xalloc.h"
#include "../../src/services/service.h"
#include "../../src/ui/detail.h"
#include "../../src/ui/model.h"
#include "testutil.h"

struct spec {
    const char *svc, *id, *name, *cn;
    int days;
};

static const struct spec base[] = {
    {"elb", "e1", "shop-example-com", "shop.example.com", 90},
    {"elb", "e2", "Api-example-net", "api.example.net", 2},
    {"waf", "w1", "old-campaign", "campaign.example.com", -3},
    {"waf", "w2", "blog", "blog.example.com", 400},
};

/* A snapshot with one target per service named in specs (ELB and WAF). */
static struct snapshot *make_snapshot(const struct spec *sp, size_t n)
{
    struct snapshot *s = xcalloc(1, sizeof(*s));
    atomic_init(&s->refs, 1);
    const char *svcs[] = {"elb", "waf"};
    s->target_count = 2;
    s->targets = xcalloc(2, sizeof(*s->targets));
    int64_t now = cd_now();
    for (size_t t = 0; t < 2; t++) {
        s->targets[t].service = service_find(svcs[t]);
        s->targets[t].state = TARGET_OK;
        s->targets[t].data = target_data_new();
        for (size_t i = 0; i < n; i++) {
            if (strcmp(sp[i].svc, svcs[t]) != 0)
                continue;
            struct cert_record *r = record_list_add(&s->targets[t].data->list, s->targets[t].service);
            record_set(r, &r->id, sp[i].id);
            record_set(r, &r->name, sp[i].name);
            record_set(r, &r->common_name, sp[i].cn);
            record_add_domain(r, sp[i].cn);
            r->not_after = now + (int64_t)sp[i].days * 86400 + 3600;
        }
    }
    snapshot_index(s);
    return s;
}

static void names_are(const struct ui_model *m, const char *want)
{
    char got[512] = "";
    for (size_t i = 0; i < m->visible_count; i++) {
        strcat(got, i ? " " : "");
        strcat(got, model_row(m, i)->rec->name);
    }
    assert_string_equal(got, want);
}

static struct ui_model model_on(const struct spec *sp, size_t n)
{
    struct ui_model m;
    model_init(&m, 30, 7);
    struct snapshot *s = make_snapshot(sp, n);
    model_set_snapshot(&m, s);
    snapshot_unref(s);
    return m;
}

static void test_rows_and_panes(void **state)
{
    (void)state;
    struct ui_model m = model_on(base, 4);
    names_are(&m, "old-campaign Api-example-net shop-example-com blog");
    assert_int_equal(m.pane_matches[0], 4);
    assert_int_equal(m.pane_matches[1 + service_find("elb")], 2);
    assert_int_equal(m.pane_matches[1 + service_find("waf")], 2);
    model_set_pane(&m, 1 + service_find("waf"));
    names_are(&m, "old-campaign blog");
    assert_int_equal(model_band(&m, model_row(&m, 0)->rec), BAND_EXPIRED);
    assert_int_equal(model_band(&m, model_row(&m, 1)->rec), BAND_FINE);
    model_set_pane(&m, 1 + service_find("elb"));
    names_are(&m, "Api-example-net shop-example-com");
    assert_int_equal(model_band(&m, model_row(&m, 0)->rec), BAND_CRIT);
    assert_int_equal(model_days_left(&m, model_row(&m, 0)->rec), 2);
    model_set_pane(&m, 0);
    model_free(&m);
}

static void test_filter(void **state)
{
    (void)state;
    struct ui_model m = model_on(base, 4);
    model_set_filter(&m, "EXAMPLE");          /* case does not matter */
    assert_int_equal(m.matched_count, 4);
    model_set_filter(&m, "example.");
    assert_int_equal(m.matched_count, 4);
    model_set_filter(&m, "example.c");        /* narrows */
    names_are(&m, "old-campaign shop-example-com blog");
    model_set_filter(&m, "example.co");
    names_are(&m, "old-campaign shop-example-com blog");
    model_set_filter(&m, "example.n");        /* another branch: widened first */
    names_are(&m, "Api-example-net");
    assert_int_equal(m.pane_matches[1 + service_find("waf")], 0);
    assert_int_equal(m.pane_matches[1 + service_find("elb")], 1);
    model_set_filter(&m, "e");                /* widens */
    assert_int_equal(m.matched_count, 4);
    model_set_filter(&m, "w1");               /* the id is searched too */
    names_are(&m, "old-campaign");
    model_set_filter(&m, "nothing-like-this");
    assert_int_equal(m.visible_count, 0);
    assert_null(model_selected(&m));
    model_set_filter(&m, "");
    assert_int_equal(m.visible_count, 4);
    model_free(&m);
}

static void test_sort(void **state)
{
    (void)state;
    struct ui_model m = model_on(base, 4);
    model_set_sort(&m, UI_COL_NAME, false);
    names_are(&m, "Api-example-net blog old-campaign shop-example-com");
    model_set_sort(&m, UI_COL_NAME, true);
    names_are(&m, "shop-example-com old-campaign blog Api-example-net");
    model_set_sort(&m, UI_COL_DAYS, true);
    names_are(&m, "blog shop-example-com Api-example-net old-campaign");
    model_set_sort(&m, UI_COL_ID, false);
    names_are(&m, "shop-example-com Api-example-net old-campaign blog");
    model_set_filter(&m, "example");          /* the order holds under a filter */
    names_are(&m, "shop-example-com Api-example-net old-campaign blog");
    model_free(&m);
}

static void test_selection_follows_id(void **state)
{
    (void)state;
    struct ui_model m = model_on(base, 4);
    model_move(&m, 2, 10);
    assert_string_equal(model_selected(&m)->rec->id, "e1");
    /* a new snapshot with a row before it, and a renamed neighbour */
    struct spec more[5];
    memcpy(more, base, sizeof(base));
    more[4] = (struct spec){"elb", "e0", "urgent", "urgent.example.com", -10};
    more[3].name = "blog-renamed";
    struct snapshot *s = make_snapshot(more, 5);
    model_set_snapshot(&m, s);
    snapshot_unref(s);
    assert_string_equal(model_selected(&m)->rec->id, "e1");
    assert_int_equal(m.sel, 3);
    names_are(&m, "urgent old-campaign Api-example-net shop-example-com blog-renamed");
    /* the selected certificate is gone: the selection stays in range */
    model_move(&m, 10, 10);
    assert_string_equal(model_selected(&m)->rec->id, "w2");
    s = make_snapshot(base, 3);
    model_set_snapshot(&m, s);
    snapshot_unref(s);
    assert_non_null(model_selected(&m));
    assert_true(m.sel < m.visible_count);
    model_free(&m);
}

static void test_fit(void **state)
{
    (void)state;
    struct ui_model m = model_on(base, 4);
    model_move(&m, 3, 2);                     /* a 2-row screen scrolls */
    assert_int_equal(m.sel, 3);
    assert_int_equal(m.top, 2);
    model_fit(&m, 10);                        /* a taller one shows every row */
    assert_int_equal(m.top, 0);
    assert_int_equal(m.sel, 3);
    model_fit(&m, 1);
    assert_int_equal(m.top, 3);
    model_free(&m);
}

static void test_detail(void **state)
{
    (void)state;
    struct buf pem = {0};
    fixture_read("leaf.pem", &pem);
    struct snapshot *s = make_snapshot(base, 4);
    struct cert_record *r = &s->targets[0].data->list.items[0];
    record_set_pem(r, pem.data);
    snapshot_index(s);
    const struct snap_row *row = NULL;
    for (size_t i = 0; i < s->index->row_count; i++)
        if (strcmp(s->index->rows[i].rec->id, "e1") == 0)
            row = &s->index->rows[i];
    assert_non_null(row);
    struct detail d;
    struct detail_opts o = {cd_now(), 30, 7};
    detail_build(&d, s, row, &o);
    assert_true(contains(d.title, "shop-example-com"));
    char *fp = openssl_out("x509 -in %s -noout -fingerprint -sha256", fixture("leaf.pem"));
    assert_string_equal(d.sha256, after_equals(fp));
    const char *subject = NULL, *serial = NULL;
    for (size_t i = 0; i < d.count; i++) {
        if (!subject && strcmp(d.lines[i].label, "Subject") == 0)
            subject = d.lines[i].value;
        if (!serial && strcmp(d.lines[i].label, "Serial") == 0)
            serial = d.lines[i].value;
    }
    char *want_subject = openssl_out("x509 -in %s -noout -subject -nameopt RFC2253", fixture("leaf.pem"));
    char *want_serial = openssl_out("x509 -in %s -noout -serial", fixture("leaf.pem"));
    assert_non_null(subject);
    assert_non_null(serial);
    assert_string_equal(subject, after_equals(want_subject));
    assert_string_equal(serial, after_equals(want_serial));
    free(fp);
    free(want_subject);
    free(want_serial);
    detail_free(&d);
    /* a record without PEM says so instead of decoding */
    const struct snap_row *other = &s->index->rows[0];
    detail_build(&d, s, other, &o);
    assert_null(d.pem);
    assert_string_equal(d.sha256, "");
    detail_free(&d);
    snapshot_unref(s);
    buf_free(&pem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_and_panes), cmocka_unit_test(test_filter),
        cmocka_unit_test(test_sort),           cmocka_unit_test(test_selection_follows_id),
        cmocka_unit_test(test_fit),            cmocka_unit_test(test_detail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

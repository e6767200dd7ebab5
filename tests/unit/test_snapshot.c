/* test_snapshot.c — the list model (ui/model.c) over an indexed snapshot
 * (fetch/snapshot.c): the filter, typed one key at a time and taken back,
 * keeps exactly the rows whose search text holds it, in order, whichever way
 * it scans; pane counts and the service kept in each row agree. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "fetch/snapshot.h"
#include "ui/model.h"

#define ROWS 3000

static struct snapshot *make_snapshot(void)
{
    struct snapshot *s = xcalloc(1, sizeof(*s));
    atomic_init(&s->refs, 1);
    s->target_count = 2;
    s->targets = xcalloc(2, sizeof(*s->targets));
    unsigned seed = 7;
    for (size_t i = 0; i < ROWS; i++) {
        size_t t = i % 2;
        if (!s->targets[t].data)
            s->targets[t].data = target_data_new();
        struct cert_record *r = record_list_add(&s->targets[t].data->list, (int)t);
        char text[96];
        snprintf(text, sizeof(text), "Cert-%05zu", i);
        record_set(r, &r->name, text);
        snprintf(text, sizeof(text), "host%05zu.Example.com", i * 7 % ROWS);
        record_set(r, &r->common_name, text);
        record_add_domain(r, text);
        snprintf(text, sizeof(text), "%08x%08x", (unsigned)i * 2654435761u, (unsigned)i);
        record_set(r, &r->id, text);
        seed = seed * 1103515245u + 12345u;
        snprintf(text, sizeof(text), "%08X:%08X", seed, seed ^ 0xabcdefu);
        record_set(r, &r->fingerprint, text);
        /* expiry order differs from the order the records were added in */
        r->not_after = i % 5 == 0 ? 0 : 1700000000 + (int64_t)(seed % 100000) * 60;
    }
    snapshot_index(s);
    return s;
}

/* The rows of m->order whose search text holds the filter, one strstr each. */
static void expect_matches(const struct ui_model *m)
{
    const struct snap_index *x = m->snap->index;
    size_t k = 0;
    for (size_t i = 0; i < x->row_count; i++) {
        uint32_t row = m->order[i];
        if (m->filter[0] && !strstr(x->rows[row].search, m->filter))
            continue;
        assert_true(k < m->matched_count);
        assert_int_equal(m->matched[k], row);
        k++;
    }
    assert_int_equal(k, m->matched_count);
    size_t panes = 0;
    for (int p = 1; p < UI_PANES_MAX; p++)
        panes += m->pane_matches[p];
    assert_int_equal(panes, m->pane_matches[0]);
}

static void test_index_text_in_row_order(void **state)
{
    (void)state;
    struct snapshot *s = make_snapshot();
    const struct snap_index *x = s->index;
    assert_int_equal(x->row_count, ROWS);
    for (size_t i = 0; i < x->row_count; i++) {
        assert_int_equal(x->rows[i].service, x->rows[i].rec->service);
        if (i)
            assert_true(x->rows[i].search > x->rows[i - 1].search);
    }
    const struct snap_row *last = &x->rows[x->row_count - 1];
    assert_ptr_equal(last->search + strlen(last->search) + 1, x->search_text + x->search_len);
    snapshot_unref(s);
}

static void test_filter_typed_and_taken_back(void **state)
{
    (void)state;
    struct snapshot *s = make_snapshot();
    struct ui_model m;
    model_init(&m, 30, 7);
    model_set_snapshot(&m, s);
    snapshot_unref(s);
    static const char *const words[] = {"cert-0012", "HOST00", "5.exa", "ab", "zzzz", "00001", "m\tcert"};
    for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
        char typed[32] = "";
        size_t n = strlen(words[w]);
        for (size_t i = 1; i <= n; i++) { /* one key at a time… */
            memcpy(typed, words[w], i);
            typed[i] = '\0';
            model_set_filter(&m, typed);
            expect_matches(&m);
        }
        for (size_t i = n; i-- > 0;) { /* …and Backspace */
            typed[i] = '\0';
            model_set_filter(&m, typed);
            expect_matches(&m);
        }
    }
    model_set_filter(&m, "host0");
    for (int pane = 0; pane < 3; pane++) {
        model_set_pane(&m, pane);
        size_t want = 0;
        for (size_t i = 0; i < m.matched_count; i++)
            want += pane == 0 || m.snap->index->rows[m.matched[i]].rec->service == pane - 1;
        assert_int_equal(m.visible_count, want);
        assert_int_equal(m.pane_matches[pane], want);
    }
    model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_text_in_row_order),
        cmocka_unit_test(test_filter_typed_and_taken_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

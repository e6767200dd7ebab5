/* model.c — filter, sort, panes and selection over a snapshot's rows. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../core/timeutil.h"
#include "../core/xalloc.h"
#include "../services/service.h"

static const char *const col_headers[] = {
#define UI_COL_HEADER(id, header, what) header,
    UI_COLUMN_LIST(UI_COL_HEADER)
#undef UI_COL_HEADER
};
static const char *const col_whats[] = {
#define UI_COL_WHAT(id, header, what) what,
    UI_COLUMN_LIST(UI_COL_WHAT)
#undef UI_COL_WHAT
};

const char *ui_column_header(enum ui_column c) { return col_headers[c]; }
const char *ui_column_what(enum ui_column c) { return col_whats[c]; }

void model_init(struct ui_model *m, int warn_days, int crit_days)
{
    memset(m, 0, sizeof(*m));
    m->warn_days = warn_days;
    m->crit_days = crit_days;
    m->sort = UI_COL_DAYS;
    m->now = cd_now();
}

/* Forgets the prefixes' matches (the rows or their order changed). */
static void drop_steps(struct ui_model *m)
{
    for (size_t i = 0; i < m->step_count; i++)
        free(m->steps[i].matched);
    m->step_count = 0;
}

void model_free(struct ui_model *m)
{
    drop_steps(m);
    snapshot_unref(m->snap);
    free(m->order);
    free(m->matched);
    for (int p = 0; p < UI_PANES_MAX; p++)
        free(m->pane_rows[p]);
    memset(m, 0, sizeof(*m));
}

int64_t model_days_left(const struct ui_model *m, const struct cert_record *r)
{
    return time_days_left(r->not_after, m->now);
}

enum expiry_band model_band(const struct ui_model *m, const struct cert_record *r)
{
    return expiry_band_of(r->not_after, m->now, m->warn_days, m->crit_days);
}

static const struct snap_row *row_at(const struct ui_model *m, uint32_t i)
{
    return &m->snap->index->rows[i];
}

/* ---- sorting ---- */

static const struct ui_model *sort_model; /* qsort has no context argument; the UI thread alone sorts */

static int cmp_str(const char *a, const char *b) { return strcasecmp(a, b); }

static const char *scope_of(const struct cert_record *r) { return r->scope ? r->scope : ""; }

static int compare_rows(const void *pa, const void *pb)
{
    uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
    const struct cert_record *a = row_at(sort_model, ia)->rec, *b = row_at(sort_model, ib)->rec;
    int c = 0;
    switch (sort_model->sort) {
    case UI_COL_STATUS:
    case UI_COL_DAYS:
    case UI_COL_EXPIRES:
        c = 0; /* the index is already in expiry order */
        break;
    case UI_COL_NAME: c = cmp_str(a->name, b->name); break;
    case UI_COL_CN: c = cmp_str(a->common_name, b->common_name); break;
    case UI_COL_SERVICE: c = a->service - b->service; break;
    case UI_COL_SCOPE: c = cmp_str(scope_of(a), scope_of(b)); break;
    case UI_COL_TYPE: c = cmp_str(a->type, b->type); break;
    case UI_COL_ID: c = strcmp(a->id, b->id); break;
    case UI_COL_COUNT: break;
    }
    if (c == 0) /* ties keep the expiry order, which the index has */
        c = ia < ib ? -1 : ia > ib;
    return sort_model->sort_desc ? -c : c;
}

static void build_order(struct ui_model *m)
{
    size_t n = m->snap ? m->snap->index->row_count : 0;
    free(m->order);
    m->order = xcalloc(n ? n : 1, sizeof(*m->order));
    for (size_t i = 0; i < n; i++)
        m->order[i] = (uint32_t)i;
    bool by_expiry = m->sort == UI_COL_STATUS || m->sort == UI_COL_DAYS || m->sort == UI_COL_EXPIRES;
    if (by_expiry && m->sort_desc) {
        for (size_t i = 0; i < n / 2; i++) {
            uint32_t t = m->order[i];
            m->order[i] = m->order[n - 1 - i];
            m->order[n - 1 - i] = t;
        }
    } else if (!by_expiry) {
        sort_model = m;
        qsort(m->order, n, sizeof(*m->order), compare_rows);
        sort_model = NULL;
    }
}

/* ---- filter and panes ---- */

static void point_visible(struct ui_model *m)
{
    m->visible = m->pane ? m->pane_rows[m->pane] : m->matched;
    m->visible_count = m->pane_matches[m->pane];
}

/* Splits the matches by pane (pane 0, All, is the matches themselves). */
static void build_visible(struct ui_model *m)
{
    memset(m->pane_matches, 0, sizeof(m->pane_matches));
    for (size_t i = 0; i < m->matched_count; i++) {
        const struct snap_row *r = row_at(m, m->matched[i]);
        m->pane_matches[0]++;
        if (r->service + 1 < UI_PANES_MAX)
            m->pane_matches[r->service + 1]++;
    }
    size_t filled[UI_PANES_MAX] = {0};
    for (int p = 1; p < UI_PANES_MAX; p++) {
        free(m->pane_rows[p]);
        m->pane_rows[p] = xcalloc(m->pane_matches[p] ? m->pane_matches[p] : 1, sizeof(uint32_t));
    }
    for (size_t i = 0; i < m->matched_count; i++) {
        int p = row_at(m, m->matched[i])->service + 1;
        if (p < UI_PANES_MAX)
            m->pane_rows[p][filled[p]++] = m->matched[i];
    }
    point_visible(m);
}

/* The first f (flen ≥ 1 bytes) in [p, end). The filter is often in nearly
 * every row and the scan restarts at each hit, so nothing is prepared per
 * call (memmem() builds a table each time): SSE2 tests 16 places at once for
 * the filter's first two bytes, a compare settles the rest. */
static const char *find(const char *p, const char *end, const char *f, size_t flen)
{
    if (flen == 1)
        return memchr(p, f[0], (size_t)(end - p));
#ifdef __SSE2__
    const __m128i first = _mm_set1_epi8(f[0]), second = _mm_set1_epi8(f[1]);
    for (; end - p >= 17; p += 16) { /* p[0..15] and p[1..16] */
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first),
                                                                  _mm_cmpeq_epi8(b, second)));
        for (; mask; mask &= mask - 1) {
            const char *at = p + __builtin_ctz(mask);
            if ((size_t)(end - at) >= flen && memcmp(at + 2, f + 2, flen - 2) == 0)
                return at;
        }
    }
#endif
    for (; (size_t)(end - p) >= flen; p++)
        if (p[0] == f[0] && memcmp(p + 1, f + 1, flen - 1) == 0)
            return p;
    return NULL;
}

/* Marks in `hit` (a bit per row) the rows whose search text holds the filter:
 * one scan over the index's whole text block, whose rows' texts lie in row
 * order, NUL-separated (a match cannot span two rows: the filter holds no
 * NUL). A sequential scan, where a strstr() per row jumps about memory: at
 * 100,000 rows that is the difference between a few and 60 milliseconds. */
static void mark_hits(const struct ui_model *m, uint64_t *hit)
{
    const struct snap_index *x = m->snap->index;
    const char *text = x->search_text, *end = text + x->search_len;
    size_t flen = strlen(m->filter), row = 0;
    for (const char *p = text; p < end;) {
        const char *h = find(p, end, m->filter, flen);
        if (!h)
            break;
        while (row + 1 < x->row_count && x->rows[row + 1].search <= h)
            row++;
        hit[row / 64] |= (uint64_t)1 << (row % 64);
        p = row + 1 < x->row_count ? x->rows[row + 1].search : end; /* on to the next row */
    }
}

/* Keeps the rows of `from` (n of them) whose search text holds the filter. */
static void match_from(struct ui_model *m, const uint32_t *from, size_t n)
{
    uint32_t *out = xcalloc(n ? n : 1, sizeof(*out));
    size_t k = 0, rows = m->snap ? m->snap->index->row_count : 0;
    if (!m->filter[0]) {
        memcpy(out, from, n * sizeof(*out));
        k = n;
    } else if (n < rows / 8) { /* a few rows left: look at each */
        for (size_t i = 0; i < n; i++)
            if (strstr(row_at(m, from[i])->search, m->filter))
                out[k++] = from[i];
    } else {
        uint64_t *hit = xcalloc(rows / 64 + 1, sizeof(*hit));
        mark_hits(m, hit);
        for (size_t i = 0; i < n; i++)
            if (hit[from[i] / 64] >> (from[i] % 64) & 1)
                out[k++] = from[i];
        free(hit);
    }
    free(m->matched);
    m->matched = out;
    m->matched_count = k;
}

static void rematch(struct ui_model *m)
{
    drop_steps(m);
    match_from(m, m->order, m->snap ? m->snap->index->row_count : 0);
    build_visible(m);
}

/* ---- selection ---- */

static void clamp_selection(struct ui_model *m, size_t height)
{
    if (m->visible_count == 0) {
        m->sel = m->top = 0;
        return;
    }
    if (m->sel >= m->visible_count)
        m->sel = m->visible_count - 1;
    if (height == 0)
        height = 1;
    if (m->sel < m->top)
        m->top = m->sel;
    if (m->sel >= m->top + height)
        m->top = m->sel - height + 1;
    if (m->top + height > m->visible_count)
        m->top = m->visible_count > height ? m->visible_count - height : 0;
}

const struct snap_row *model_row(const struct ui_model *m, size_t i)
{
    return i < m->visible_count ? row_at(m, m->visible[i]) : NULL;
}

const struct snap_row *model_selected(const struct ui_model *m) { return model_row(m, m->sel); }

static bool same_scope(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

bool model_select_id(struct ui_model *m, int service, const char *scope, const char *id, size_t height)
{
    for (size_t i = 0; i < m->visible_count; i++) {
        const struct cert_record *r = row_at(m, m->visible[i])->rec;
        if (r->service == service && strcmp(r->id, id) == 0 && same_scope(r->scope, scope)) {
            size_t line = m->sel >= m->top ? m->sel - m->top : 0;
            m->sel = i;
            m->top = i >= line ? i - line : 0;
            clamp_selection(m, height ? height : (size_t)-1 / 2);
            return true;
        }
    }
    return false;
}

void model_set_snapshot(struct ui_model *m, struct snapshot *s)
{
    char id[256] = "", scope[256] = "";
    int service = -1;
    const struct snap_row *cur = m->snap ? model_selected(m) : NULL;
    if (cur) {
        snprintf(id, sizeof(id), "%s", cur->rec->id);
        snprintf(scope, sizeof(scope), "%s", scope_of(cur->rec));
        service = cur->rec->service;
    }
    size_t line = m->sel - (m->sel >= m->top ? m->top : m->sel);
    snapshot_ref(s);
    snapshot_unref(m->snap);
    m->snap = s;
    m->now = cd_now();
    build_order(m);
    rematch(m);
    /* Until the user moves, the most urgent rows stay in view as data arrives. */
    if (m->pinned && service >= 0 && model_select_id(m, service, scope, id, 0)) {
        m->top = m->sel >= line ? m->sel - line : 0;
        return;
    }
    if (!m->pinned)
        m->sel = m->top = 0;
    if (m->sel >= m->visible_count)
        m->sel = m->visible_count ? m->visible_count - 1 : 0;
}

void model_set_pane(struct ui_model *m, int pane)
{
    if (pane < 0 || pane >= UI_PANES_MAX)
        return;
    m->pane = pane;
    point_visible(m);
    m->sel = m->top = 0;
    m->pinned = false;
}

void model_set_filter(struct ui_model *m, const char *text)
{
    char lower[sizeof(m->filter)];
    size_t n = 0;
    for (; text[n] && n + 1 < sizeof(lower); n++)
        lower[n] = (text[n] >= 'A' && text[n] <= 'Z') ? (char)(text[n] - 'A' + 'a') : text[n];
    lower[n] = '\0';
    size_t old_len = strlen(m->filter);
    bool narrows = n > old_len && strncmp(lower, m->filter, old_len) == 0;
    bool widens = n < old_len && strncmp(lower, m->filter, n) == 0;
    memcpy(m->filter, lower, n + 1);
    while (widens && m->step_count && m->steps[m->step_count - 1].len > n)
        free(m->steps[--m->step_count].matched);
    if (narrows && m->matched && m->step_count < sizeof(m->steps) / sizeof(m->steps[0])) {
        /* keep this prefix's matches for Backspace; search only within them */
        m->steps[m->step_count++] = (struct ui_filter_step){old_len, m->matched, m->matched_count};
        uint32_t *from = m->matched;
        m->matched = NULL;
        match_from(m, from, m->steps[m->step_count - 1].count);
        build_visible(m);
    } else if (widens && m->step_count && m->steps[m->step_count - 1].len == n) {
        struct ui_filter_step *st = &m->steps[--m->step_count];
        free(m->matched);
        m->matched = st->matched;
        m->matched_count = st->count;
        build_visible(m);
    } else {
        rematch(m);
    }
    m->sel = m->top = 0;
    m->pinned = false;
}

void model_set_sort(struct ui_model *m, enum ui_column col, bool desc)
{
    m->sort = col;
    m->sort_desc = desc;
    build_order(m);
    rematch(m);
    m->sel = m->top = 0;
    m->pinned = false;
}

void model_move(struct ui_model *m, long delta, size_t height)
{
    if (m->visible_count == 0)
        return;
    long target = (long)m->sel + delta;
    if (target < 0)
        target = 0;
    if (target >= (long)m->visible_count)
        target = (long)m->visible_count - 1;
    m->sel = (size_t)target;
    m->pinned = true;
    clamp_selection(m, height);
}

void model_fit(struct ui_model *m, size_t height) { clamp_selection(m, height); }

void model_select_index(struct ui_model *m, size_t index, size_t height)
{
    m->sel = index;
    m->pinned = true;
    clamp_selection(m, height);
}

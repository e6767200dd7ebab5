/* view-list.c — the main screen: header, pane tabs, the list soonest expiry
 * first, the status line and the key hints. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../client/columns.h"
#include "../services/service.h"
#include "app.h"
#include "draw.h"

#define HEADER_LINES 3   /* header, tabs, column headers */
#define FOOTER_LINES 2   /* status, hints */

int list_height(void)
{
    int h = LINES - HEADER_LINES - FOOTER_LINES;
    return h > 1 ? h : 1;
}

/* How each column is drawn: width (0 = shares what is left), minimum for a
 * shared one, and fold rank (higher folds away first when the screen is narrow;
 * 0 never folds). */
static const struct {
    enum ui_column col;
    int width, min, fold;
    bool right;
} layout[] = {
    {UI_COL_STATUS, 2, 0, 0, false},  {UI_COL_DAYS, 5, 0, 0, true},
    {UI_COL_NAME, 0, 12, 0, false},   {UI_COL_CN, 0, 14, 0, false},
    {UI_COL_SERVICE, 4, 0, 1, false}, {UI_COL_SCOPE, 9, 0, 4, false},
    {UI_COL_TYPE, 7, 0, 3, false},    {UI_COL_EXPIRES, 10, 0, 2, false},
    {UI_COL_ID, 12, 0, 5, false},
};
#define LAYOUT_COUNT (sizeof(layout) / sizeof(layout[0]))

struct col_plan {
    bool shown[LAYOUT_COUNT];
    int width[LAYOUT_COUNT];
};

static void plan_columns(int screen, struct col_plan *p)
{
    for (int max_fold = 5; max_fold >= 0; max_fold--) {
        int fixed = 2, shared_min = 0, shared = 0; /* 2: the selection mark */
        for (size_t i = 0; i < LAYOUT_COUNT; i++) {
            p->shown[i] = layout[i].fold <= max_fold;
            if (!p->shown[i])
                continue;
            fixed += 1; /* the space before each column */
            if (layout[i].width)
                fixed += layout[i].width;
            else {
                shared_min += layout[i].min;
                shared++;
            }
        }
        if (fixed + shared_min <= screen || max_fold == 0) {
            int left = screen - fixed;
            int name = left * 2 / 5;
            if (name > 32)
                name = 32;
            for (size_t i = 0; i < LAYOUT_COUNT; i++) {
                p->width[i] = layout[i].width;
                if (!layout[i].width)
                    p->width[i] = layout[i].col == UI_COL_NAME ? name : left - name;
                if (p->width[i] < 1)
                    p->width[i] = 1;
            }
            return;
        }
    }
}

/* A cell's text: the list command's column getter where the text is the
 * same (client/columns.c), the TUI's own for the service tag and for the
 * names with their count and copies. */
static void cell_text(const struct app *a, const struct snap_row *row, enum ui_column c, char *out, size_t size)
{
    static const char *const shared[UI_COL_COUNT] = {
        [UI_COL_STATUS] = "status", [UI_COL_DAYS] = "days", [UI_COL_NAME] = "name", [UI_COL_SCOPE] = "scope",
        [UI_COL_TYPE] = "type", [UI_COL_EXPIRES] = "expires", [UI_COL_ID] = "id",
    };
    const struct cert_record *r = row->rec;
    out[0] = '\0';
    if (shared[c]) {
        struct column_ctx cx = {a->model.now, a->model.warn_days, a->model.crit_days, draw_utf8(), true};
        struct buf b = {0};
        columns[column_find(shared[c])].get(r, &cx, &b);
        snprintf(out, size, "%s", b.data ? b.data : "");
        buf_free(&b);
    } else if (c == UI_COL_SERVICE) {
        snprintf(out, size, "%s", services[r->service]->tag);
    } else if (c == UI_COL_CN) {
        const char *cn = *r->common_name ? r->common_name : r->domains.count ? r->domains.items[0] : "";
        size_t more = r->domains.count > 1 ? r->domains.count - 1 : 0;
        int n = snprintf(out, size, "%s", cn);
        if (more && n >= 0 && (size_t)n < size)
            n += snprintf(out + n, size - (size_t)n, " +%zu", more);
        if (row->copies > 1 && n >= 0 && (size_t)n < size)
            snprintf(out + n, size - (size_t)n, "  ×%u", row->copies);
    }
}

/* The state of a pane (a service, or all of them): the worst of its targets. */
static const char *pane_mark(const struct snapshot *s, int pane, enum ui_element *el)
{
    bool loading = false, refreshing = false, stale = false, not_set_up = false, any = false;
    for (size_t i = 0; i < s->target_count; i++) {
        const struct target_view *t = &s->targets[i];
        if (pane && t->service != pane - 1)
            continue;
        any = true;
        loading |= t->state == TARGET_LOADING;
        refreshing |= t->refreshing;
        stale |= t->state == TARGET_STALE;
        not_set_up |= t->state == TARGET_NOT_SET_UP;
    }
    *el = UI_EL_TAB;
    if (!any)
        return draw_glyph(" –", " -");
    if (stale) {
        *el = UI_EL_STALE;
        return draw_glyph(" ⚠stale", " !stale");
    }
    if (loading)
        return draw_glyph(" …", " ...");
    if (refreshing)
        return draw_glyph(" ⟳", " *");
    if (not_set_up && pane) {
        *el = UI_EL_DIM;
        return draw_glyph(" –", " -");
    }
    return "";
}

static void draw_header(struct app *a)
{
    const struct profile *p = &a->client->profile;
    attr_t h = ui_attr(UI_EL_HEADER);
    draw_blank(stdscr, 0, 0, COLS, h);
    char left[512];
    snprintf(left, sizeof(left), " certdeck  %s · %s · %s · %.8s%s%s", p->name,
             p->cloud && strcmp(p->cloud, "otc") == 0 ? "Open Telekom Cloud" : "Huawei Cloud",
             p->region ? p->region : "?", a->client->project_id,
             strlen(a->client->project_id) > 8 ? draw_glyph("…", "~") : "",
             a->read_only ? "  [read-only]" : "");
    char right[96];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    bool busy = false;
    for (size_t i = 0; i < a->model.snap->target_count; i++)
        busy |= a->model.snap->targets[i].refreshing || a->model.snap->targets[i].state == TARGET_LOADING;
    static const char *const spin_utf8[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    static const char *const spin_ascii[] = {"|", "/", "-", "\\"};
    const char *spin = draw_utf8() ? spin_utf8[a->spinner % 10] : spin_ascii[a->spinner % 4];
    snprintf(right, sizeof(right), "%02d:%02d:%02d%s%s ", tm.tm_hour, tm.tm_min, tm.tm_sec, busy ? " " : "",
             busy ? spin : "");
    int rw = draw_width(right);
    draw_text(stdscr, 0, 0, COLS - rw - 1, left, h);
    draw_text_right(stdscr, 0, COLS - rw, rw, right, h);
}

static void draw_tabs(struct app *a)
{
    draw_blank(stdscr, 1, 0, COLS, ui_attr(UI_EL_TEXT));
    int x = 1;
    for (int pane = 0; pane <= (int)service_count && x < COLS; pane++) {
        enum ui_element mark_el;
        const char *mark = pane_mark(a->model.snap, pane, &mark_el);
        char tab[96];
        snprintf(tab, sizeof(tab), " %d %s %zu", pane + 1, pane ? services[pane - 1]->tag : "All",
                 a->model.pane_matches[pane]);
        enum ui_element el = pane == a->model.pane ? UI_EL_TAB_ACTIVE : UI_EL_TAB;
        x += draw_text(stdscr, 1, x, COLS - x, tab, ui_attr(el));
        x += draw_text(stdscr, 1, x, COLS - x, mark, ui_attr(pane == a->model.pane ? UI_EL_TAB_ACTIVE : mark_el));
        x += draw_text(stdscr, 1, x, COLS - x, " ", ui_attr(el));
        x += 2;
    }
}

static void draw_rows(struct app *a)
{
    struct col_plan plan;
    plan_columns(COLS, &plan);
    attr_t ch = ui_attr(UI_EL_COLUMNS);
    draw_blank(stdscr, 2, 0, COLS, ch);
    int x = 2;
    for (size_t i = 0; i < LAYOUT_COUNT; i++) {
        if (!plan.shown[i])
            continue;
        x++;
        char head[64];
        const char *arrow = layout[i].col != a->model.sort ? ""
                            : a->model.sort_desc          ? draw_glyph("▼", "v")
                                                          : draw_glyph("▲", "^");
        snprintf(head, sizeof(head), "%s%s", ui_column_header(layout[i].col), arrow);
        if (layout[i].right)
            draw_text_right(stdscr, 2, x, plan.width[i], head, ch);
        else
            draw_text(stdscr, 2, x, plan.width[i], head, ch);
        x += plan.width[i];
    }
    int height = list_height();
    /* a new snapshot or a taller screen may leave room above the rows */
    model_fit(&a->model, (size_t)height);
    for (int line = 0; line < height; line++) {
        int y = HEADER_LINES + line;
        size_t index = a->model.top + (size_t)line;
        const struct snap_row *row = model_row(&a->model, index);
        draw_blank(stdscr, y, 0, COLS, ui_attr(UI_EL_TEXT));
        if (!row)
            continue;
        bool selected = index == a->model.sel;
        enum expiry_band band = model_band(&a->model, row->rec);
        attr_t base = selected ? ui_attr(UI_EL_SELECTION) : ui_attr(UI_EL_TEXT);
        attr_t banded = selected ? ui_attr(UI_EL_SELECTION) | A_BOLD : ui_attr(theme_band_element(band));
        if (selected)
            draw_blank(stdscr, y, 0, COLS, base);
        draw_text(stdscr, y, 0, 2, selected ? draw_glyph("▸", ">") : " ", base);
        x = 2;
        for (size_t i = 0; i < LAYOUT_COUNT; i++) {
            if (!plan.shown[i])
                continue;
            x++;
            char cell[512];
            cell_text(a, row, layout[i].col, cell, sizeof(cell));
            attr_t at = layout[i].col == UI_COL_STATUS || layout[i].col == UI_COL_DAYS ? banded : base;
            if (layout[i].right)
                draw_text_right(stdscr, y, x, plan.width[i], cell, at);
            else
                draw_text(stdscr, y, x, plan.width[i], cell, at);
            x += plan.width[i];
        }
    }
    if (a->model.visible_count == 0) {
        const char *why = a->model.filter[0] ? "no certificate matches the filter" : NULL;
        char text[256];
        if (!why) {
            /* say why the pane is empty: loading, not set up, or failed */
            const struct snapshot *s = a->model.snap;
            why = "no certificates";
            for (size_t i = 0; i < s->target_count; i++) {
                const struct target_view *t = &s->targets[i];
                if (a->model.pane && t->service != a->model.pane - 1)
                    continue;
                if (t->state == TARGET_LOADING) {
                    why = "loading…";
                    break;
                }
                if (t->state == TARGET_NOT_SET_UP && a->model.pane) {
                    snprintf(text, sizeof(text), "%s %s", services[t->service]->title, t->why);
                    why = text;
                }
                if (t->state == TARGET_STALE && !t->data) {
                    snprintf(text, sizeof(text), "%s could not be read — see the status line",
                             services[t->service]->title);
                    why = text;
                }
            }
        }
        draw_text(stdscr, HEADER_LINES + 1, 4, COLS - 5, why, ui_attr(UI_EL_DIM));
    }
}

/* The status line: our own message, else each failing service, else the last refresh. */
void draw_status_line(struct app *a)
{
    int y = LINES - 2;
    draw_blank(stdscr, y, 0, COLS, ui_attr(UI_EL_STATUS));
    if (a->message[0]) {
        draw_text(stdscr, y, 1, COLS - 2, a->message, ui_attr(a->message_is_error ? UI_EL_ERROR : UI_EL_STATUS));
        return;
    }
    const struct snapshot *s = a->model.snap;
    char line[1024] = "";
    size_t n = 0;
    for (size_t i = 0; i < s->target_count && n < sizeof(line) - 1; i++) {
        const struct target_view *t = &s->targets[i];
        if (t->state != TARGET_STALE)
            continue;
        char since[64] = "no data yet";
        if (t->last_ok) {
            time_t lo = (time_t)t->last_ok;
            struct tm tm;
            localtime_r(&lo, &tm);
            snprintf(since, sizeof(since), "last good data %02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
        }
        int w = snprintf(line + n, sizeof(line) - n, "%s%s%s%s %s — %s, retrying", n ? "  ·  " : "",
                         services[t->service]->title, t->scope ? " " : "", t->scope ? t->scope : "",
                         t->err.message, since);
        if (w > 0)
            n += (size_t)w;
    }
    if (n) {
        draw_text(stdscr, y, 1, COLS - 2, line, ui_attr(UI_EL_ERROR));
        return;
    }
    if (s->refreshed) {
        time_t r = (time_t)s->refreshed;
        struct tm tm;
        localtime_r(&r, &tm);
        n = (size_t)snprintf(line, sizeof(line), "%zu certificates · refreshed %02d:%02d:%02d",
                             s->index->row_count, tm.tm_hour, tm.tm_min, tm.tm_sec);
        if (a->model.filter[0] && n < sizeof(line))
            snprintf(line + n, sizeof(line) - n, " · filter \"%s\": %zu match (Esc clears)", a->model.filter,
                     a->model.matched_count);
    } else {
        snprintf(line, sizeof(line), "loading…");
    }
    draw_text(stdscr, y, 1, COLS - 2, line, ui_attr(UI_EL_DIM));
}

/* The hint line, from the key table: the bindings with a hint in this view. */
void draw_hints(struct app *a, enum ui_view view)
{
    int y = LINES - 1;
    attr_t at = ui_attr(UI_EL_HINT);
    draw_blank(stdscr, y, 0, COLS, at);
    if (a->dialog == DIALOG_FILTER) {
        char text[300];
        snprintf(text, sizeof(text), " /%s", a->input);
        int w = draw_text(stdscr, y, 0, COLS - 20, text, ui_attr(UI_EL_FILTER) | at);
        char count[64];
        snprintf(count, sizeof(count), "%zu of %zu match ", a->model.matched_count,
                 a->model.snap->index->row_count);
        draw_text_right(stdscr, y, COLS - 20, 20, count, at);
        move(y, w);
        return;
    }
    int x = 1;
    for (size_t i = 0; i < ui_binding_count && x < COLS; i++) {
        const struct ui_binding *b = &ui_bindings[i];
        if (!b->hint || !(b->views & view) || (b->changes_cloud && a->read_only))
            continue;
        char item[64];
        int key_len = (int)strcspn(b->key_names, " ");
        snprintf(item, sizeof(item), "%.*s %s  ", key_len, b->key_names, b->hint);
        x += draw_text(stdscr, y, x, COLS - x, item, at);
    }
}

void view_list_draw(struct app *a)
{
    draw_header(a);
    draw_tabs(a);
    draw_rows(a);
    draw_status_line(a);
    draw_hints(a, UI_VIEW_LIST);
}

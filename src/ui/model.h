/* model.h — what the list shows, apart from how it is drawn: the rows of the
 * current pane that match the filter, in the chosen order, and the selection.
 * No curses here, so the behaviour is unit-tested on its own. */
#ifndef CD_UI_MODEL_H
#define CD_UI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/band.h"
#include "../fetch/snapshot.h"

/* One row per list column: id, header, sort key. The list view's drawing
 * rules (widths, which fold away first) are in view-list.c's table. */
#define UI_COLUMN_LIST(X)                 \
    X(UI_COL_STATUS, "ST", "status")      \
    X(UI_COL_DAYS, "DAYS", "days left")   \
    X(UI_COL_NAME, "NAME", "name")        \
    X(UI_COL_CN, "COMMON NAME / DOMAINS", "common name") \
    X(UI_COL_SERVICE, "SVC", "service")   \
    X(UI_COL_SCOPE, "SCOPE", "scope")     \
    X(UI_COL_TYPE, "TYPE", "type")        \
    X(UI_COL_EXPIRES, "EXPIRES", "expiry date") \
    X(UI_COL_ID, "ID", "id")

enum ui_column {
#define UI_COL_ENUM(id, header, what) id,
    UI_COLUMN_LIST(UI_COL_ENUM)
#undef UI_COL_ENUM
    UI_COL_COUNT
};

const char *ui_column_header(enum ui_column c);
const char *ui_column_what(enum ui_column c);

#define UI_PANES_MAX 8   /* "All" and one per service */

struct ui_model {
    struct snapshot *snap;      /* referenced */
    int64_t now;
    int warn_days, crit_days;
    int pane;                   /* 0 = All, else 1 + service index */
    enum ui_column sort;
    bool sort_desc;
    char filter[256];           /* lower-case */
    uint32_t *order;            /* every row of snap in the sort order */
    uint32_t *matched;          /* rows matching the filter, in order */
    size_t matched_count;
    /* the matches of the filter's shorter prefixes, as it was typed, so that
     * Backspace takes a step back instead of searching again */
    struct ui_filter_step {
        size_t len;
        uint32_t *matched;
        size_t count;
    } steps[32];
    size_t step_count;
    uint32_t *visible;          /* matched rows of the current pane (points into matched or pane_rows) */
    uint32_t *pane_rows[UI_PANES_MAX]; /* each service pane's matched rows, so a pane switch builds nothing */
    size_t visible_count;
    size_t pane_matches[UI_PANES_MAX]; /* matches per pane, for the tab counts */
    size_t sel;                 /* index into visible */
    size_t top;                 /* first visible row on screen */
    bool pinned;                /* the user chose the selection: keep it across new data */
};

void model_init(struct ui_model *m, int warn_days, int crit_days);
void model_free(struct ui_model *m);
/* Takes a new snapshot (referenced by the caller; the model takes its own
 * reference). The selection follows its certificate (service, scope, id),
 * and stays at the same screen line. */
void model_set_snapshot(struct ui_model *m, struct snapshot *s);
void model_set_pane(struct ui_model *m, int pane);
/* A filter that extends the current one only narrows the current matches. */
void model_set_filter(struct ui_model *m, const char *text);
void model_set_sort(struct ui_model *m, enum ui_column col, bool desc);
/* Moves the selection by delta rows (clamped), keeping it on a screen of
 * `height` rows. */
void model_move(struct ui_model *m, long delta, size_t height);
void model_select_index(struct ui_model *m, size_t index, size_t height);
/* Fits the first shown row to a screen of `height` rows: the selection on
 * screen, and no empty lines below the last row while rows above are hidden. */
void model_fit(struct ui_model *m, size_t height);
/* The selected row, or NULL when the pane shows nothing. */
const struct snap_row *model_selected(const struct ui_model *m);
const struct snap_row *model_row(const struct ui_model *m, size_t visible_index);
/* Selects the record of service/scope/id when it is visible. */
bool model_select_id(struct ui_model *m, int service, const char *scope, const char *id, size_t height);

enum expiry_band model_band(const struct ui_model *m, const struct cert_record *r);
int64_t model_days_left(const struct ui_model *m, const struct cert_record *r);

#endif

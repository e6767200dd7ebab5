/* app.h — the state the TUI's views share: the open profile, the fetcher,
 * the list model, the theme, the current view and any dialog. Internal to ui/. */
#ifndef CD_UI_APP_H
#define CD_UI_APP_H

#include <curses.h>
#include <stdbool.h>

#include "../client/client.h"
#include "../fetch/fetcher.h"
#include "detail.h"
#include "keys.h"
#include "model.h"
#include "theme.h"
#include "ui.h"

enum ui_dialog { DIALOG_NONE, DIALOG_FILTER, DIALOG_DELETE, DIALOG_EDIT };

#define EDIT_FIELDS 3

struct app {
    const struct ui_options *opts;
    struct client *client;
    struct fetcher *fetcher;
    struct ui_model model;
    struct ui_theme theme;
    bool read_only;
    enum ui_view view;
    bool quit;
    bool dirty;
    unsigned spinner;
    int64_t last_key_us;         /* monotonic time of the last key */
    bool trim_due;               /* a refresh ended: give freed memory back when idle */
    /* the status line: the latest message of our own (errors of changes,
     * copies, read-only refusals); service errors come from the snapshot */
    char message[512];
    bool message_is_error;
    bool message_until_refreshed; /* "refreshing…": cleared when no target is busy */
    /* detail view */
    struct detail detail;
    size_t detail_top, detail_cursor;
    /* help view */
    size_t help_top;
    /* dialogs */
    enum ui_dialog dialog;
    char input[256];             /* filter text, or the typed name for delete */
    struct {
        const char *label;
        char value[256];
        bool on;
    } edit[EDIT_FIELDS];
    int edit_field;
    /* the certificate a dialog acts on */
    int target_service;
    char target_scope[128], target_id[128], target_name[256];
};

/* Rows the list can show on this screen. */
int list_height(void);
void view_list_draw(struct app *a);
void view_detail_draw(struct app *a);
void view_help_draw(struct app *a);
void dialog_draw(struct app *a);
/* The key hints of a view on the last line (the filter prompt while filtering). */
void draw_hints(struct app *a, enum ui_view view);
/* The status line: our own message, else each failing service, else the last refresh. */
void draw_status_line(struct app *a);
/* A key typed while a dialog is open. */
void dialog_key(struct app *a, int key, bool is_char);
void app_message(struct app *a, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Opens the detail view of the selected certificate. */
void app_open_detail(struct app *a);
/* Copies text to the terminal's clipboard (OSC 52). */
void app_copy(struct app *a, const char *what, const char *text);

#endif

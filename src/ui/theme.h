/* theme.h — named colours for every element of the screen, read from
 * `NAME.theme` files. One row per element; the parser, the default theme and
 * the curses set-up (colors.c) all read the same table. No curses here. */
#ifndef CD_UI_THEME_H
#define CD_UI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/band.h"
#include "../core/status.h"

/* element id, name in the file, default "fg [on bg] [attrs]", what it colours */
#define UI_ELEMENT_LIST(X)                                                        \
    X(UI_EL_TEXT, "text", "default", "ordinary text")                             \
    X(UI_EL_HEADER, "header", "white on blue bold", "the top line")               \
    X(UI_EL_TAB, "tab", "default", "a pane's tab")                                \
    X(UI_EL_TAB_ACTIVE, "tab_active", "black on cyan bold", "the current pane's tab") \
    X(UI_EL_COLUMNS, "columns", "default bold underline", "column headers")       \
    X(UI_EL_SELECTION, "selection", "black on white", "the selected row")         \
    X(UI_EL_EXPIRED, "expired", "red bold", "expired certificates")               \
    X(UI_EL_CRITICAL, "critical", "red", "within crit_days")                      \
    X(UI_EL_WARNING, "warning", "yellow", "within warn_days")                     \
    X(UI_EL_FINE, "fine", "green", "the rest")                                    \
    X(UI_EL_STALE, "stale", "yellow bold", "a pane whose last refresh failed")    \
    X(UI_EL_ERROR, "error", "red bold", "error messages")                         \
    X(UI_EL_BORDER, "border", "blue", "lines between parts")                      \
    X(UI_EL_DIM, "dim", "default dim", "secondary text, not set up")              \
    X(UI_EL_LABEL, "label", "cyan", "labels in the detail view")                  \
    X(UI_EL_STATUS, "status", "default", "the status bar")                        \
    X(UI_EL_HINT, "hint", "black on white", "the key hints line")                 \
    X(UI_EL_FILTER, "filter", "yellow bold", "the filter prompt")

enum ui_element {
#define UI_EL_ENUM(id, name, def, what) id,
    UI_ELEMENT_LIST(UI_EL_ENUM)
#undef UI_EL_ENUM
    UI_EL_COUNT
};

enum { UI_ATTR_BOLD = 1, UI_ATTR_UNDERLINE = 2, UI_ATTR_REVERSE = 4, UI_ATTR_DIM = 8 };

/* A colour: -1 the terminal's own, 0–255 the palette (0–7 the basic eight,
 * 8–15 their bright forms). */
struct ui_style {
    short fg, bg;
    unsigned attrs;
};

struct ui_theme {
    char name[64];
    struct ui_style el[UI_EL_COUNT];
};

/* The built-in default (the table's third column). */
void theme_default(struct ui_theme *t);
/* Reads a theme file over the default. On an error, err says
 * "FILE:LINE: what is wrong" and t holds the default. */
cd_status theme_load_file(const char *path, struct ui_theme *t, struct cd_error *err);
/* Finds NAME.theme in $XDG_CONFIG_HOME/certdeck/themes, then the data
 * directories (data_dirs, NULL-ended), and loads it. */
cd_status theme_load(const char *name, const char *const *data_dirs, struct ui_theme *t,
                     struct cd_error *err);
/* Parses one style ("red on black bold") or explains why not. */
bool theme_parse_style(const char *text, struct ui_style *out, char *why, size_t why_size);
const char *theme_element_name(enum ui_element e);
/* The element an expiry band is drawn in. */
enum ui_element theme_band_element(enum expiry_band band);
const char *theme_element_help(enum ui_element e);

#endif

/* keys.h — every key binding, one row each: in which views it works, its
 * keys, what it does, its group and help line. The key handler, the help
 * screen, the hint line and the man page's key list all read this table. */
#ifndef CD_UI_KEYS_H
#define CD_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum ui_view { UI_VIEW_LIST = 1, UI_VIEW_DETAIL = 2, UI_VIEW_HELP = 4 };
#define UI_VIEW_ANY (UI_VIEW_LIST | UI_VIEW_DETAIL | UI_VIEW_HELP)

enum ui_action {
    ACT_NONE,
    ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
    ACT_NEXT_PANE, ACT_PREV_PANE, ACT_PANE_1, ACT_PANE_2, ACT_PANE_3, ACT_PANE_4, ACT_PANE_5,
    ACT_FILTER, ACT_CLEAR_FILTER, ACT_SORT_PREV, ACT_SORT_NEXT, ACT_SORT_INVERT,
    ACT_OPEN, ACT_BACK, ACT_HELP,
    ACT_REFRESH, ACT_EDIT, ACT_DELETE,
    ACT_COPY, ACT_COPY_FINGERPRINT, ACT_COPY_PEM,
    ACT_QUIT,
};

enum ui_key_group { UI_GROUP_MOVE, UI_GROUP_VIEW, UI_GROUP_CHANGE, UI_GROUP_APP };

struct ui_binding {
    unsigned views;              /* UI_VIEW_* where it works */
    int keys[3];                 /* curses key codes; 0 ends */
    const char *key_names;       /* as shown: "↑ k" */
    enum ui_action action;
    enum ui_key_group group;
    bool changes_cloud;          /* hidden and refused with --read-only */
    const char *hint;            /* short label for the hint line, or NULL */
    const char *help;            /* one line for the help screen */
};

extern const struct ui_binding ui_bindings[];
extern const size_t ui_binding_count;

/* The action of key in view (ACT_NONE when unbound). */
enum ui_action keys_action(int key, enum ui_view view);
const char *keys_group_name(enum ui_key_group g);
/* The binding of an action in a view, or NULL. */
const struct ui_binding *keys_binding(enum ui_action action, enum ui_view view);

#endif

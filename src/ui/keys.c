/* keys.c — the key table. */
#include "keys.h"

#include <curses.h>

#define CTRL(c) ((c) & 0x1f)
#define ESC 27

const struct ui_binding ui_bindings[] = {
    {UI_VIEW_ANY, {KEY_UP, 'k'}, "↑ k", ACT_UP, UI_GROUP_MOVE, false, NULL, "move up"},
    {UI_VIEW_ANY, {KEY_DOWN, 'j'}, "↓ j", ACT_DOWN, UI_GROUP_MOVE, false, NULL, "move down"},
    {UI_VIEW_ANY, {KEY_PPAGE, CTRL('b')}, "PgUp", ACT_PAGE_UP, UI_GROUP_MOVE, false, NULL, "one screen up"},
    {UI_VIEW_ANY, {KEY_NPAGE, CTRL('f'), ' '}, "PgDn Space", ACT_PAGE_DOWN, UI_GROUP_MOVE, false, NULL, "one screen down"},
    {UI_VIEW_ANY, {'g', KEY_HOME}, "g Home", ACT_TOP, UI_GROUP_MOVE, false, NULL, "to the first line"},
    {UI_VIEW_ANY, {'G', KEY_END}, "G End", ACT_BOTTOM, UI_GROUP_MOVE, false, NULL, "to the last line"},
    {UI_VIEW_LIST, {'\t', KEY_RIGHT}, "Tab →", ACT_NEXT_PANE, UI_GROUP_VIEW, false, NULL, "next pane"},
    {UI_VIEW_LIST, {KEY_BTAB, KEY_LEFT}, "S-Tab ←", ACT_PREV_PANE, UI_GROUP_VIEW, false, NULL, "previous pane"},
    {UI_VIEW_LIST, {'1'}, "1", ACT_PANE_1, UI_GROUP_VIEW, false, NULL, "pane: all certificates"},
    {UI_VIEW_LIST, {'2'}, "2", ACT_PANE_2, UI_GROUP_VIEW, false, NULL, "pane: ELB"},
    {UI_VIEW_LIST, {'3'}, "3", ACT_PANE_3, UI_GROUP_VIEW, false, NULL, "pane: WAF"},
    {UI_VIEW_LIST, {'4'}, "4", ACT_PANE_4, UI_GROUP_VIEW, false, NULL, "pane: ROMA Connect APIC"},
    {UI_VIEW_LIST, {'5'}, "5", ACT_PANE_5, UI_GROUP_VIEW, false, NULL, "pane: CAE"},
    {UI_VIEW_LIST, {'/'}, "/", ACT_FILTER, UI_GROUP_VIEW, false, "filter",
     "filter by name, CN, SAN, id or fingerprint (Esc clears)"},
    {UI_VIEW_LIST, {ESC}, "Esc", ACT_CLEAR_FILTER, UI_GROUP_VIEW, false, NULL, "clear the filter"},
    {UI_VIEW_LIST, {'<'}, "<", ACT_SORT_PREV, UI_GROUP_VIEW, false, NULL, "sort by the column to the left"},
    {UI_VIEW_LIST, {'>'}, ">", ACT_SORT_NEXT, UI_GROUP_VIEW, false, NULL, "sort by the column to the right"},
    {UI_VIEW_LIST, {'I'}, "I", ACT_SORT_INVERT, UI_GROUP_VIEW, false, NULL, "invert the sort order"},
    {UI_VIEW_LIST, {'\n', '\r', KEY_ENTER}, "Enter", ACT_OPEN, UI_GROUP_VIEW, false, "detail",
     "open the certificate: decoded fields, chain, the service's own fields"},
    {UI_VIEW_DETAIL | UI_VIEW_HELP, {ESC, 'h', KEY_BACKSPACE}, "Esc", ACT_BACK, UI_GROUP_VIEW, false, "back",
     "back to the list"},
    {UI_VIEW_LIST | UI_VIEW_DETAIL, {'?', KEY_F(1)}, "? F1", ACT_HELP, UI_GROUP_APP, false, "help",
     "every key of this view"},
    {UI_VIEW_LIST | UI_VIEW_DETAIL, {'r', CTRL('r')}, "r", ACT_REFRESH, UI_GROUP_CHANGE, false, "refresh",
     "refresh every service now"},
    {UI_VIEW_LIST | UI_VIEW_DETAIL, {'e'}, "e", ACT_EDIT, UI_GROUP_CHANGE, true, "edit",
     "edit what the service allows: name, description, domains"},
    {UI_VIEW_LIST | UI_VIEW_DETAIL, {'D', KEY_DC}, "D", ACT_DELETE, UI_GROUP_CHANGE, true, "delete",
     "delete, after typing the certificate's name"},
    {UI_VIEW_LIST | UI_VIEW_DETAIL, {'y'}, "y", ACT_COPY, UI_GROUP_CHANGE, false, "copy",
     "copy the id (in the detail view: the field under the cursor) to the clipboard (OSC 52)"},
    {UI_VIEW_LIST | UI_VIEW_DETAIL, {'Y'}, "Y", ACT_COPY_FINGERPRINT, UI_GROUP_CHANGE, false, NULL,
     "copy the SHA-256 fingerprint"},
    {UI_VIEW_LIST | UI_VIEW_DETAIL, {'P'}, "P", ACT_COPY_PEM, UI_GROUP_CHANGE, false, NULL,
     "copy the certificate chain as PEM"},
    {UI_VIEW_LIST, {'q', 'Q'}, "q", ACT_QUIT, UI_GROUP_APP, false, "quit", "quit certdeck"},
    {UI_VIEW_DETAIL | UI_VIEW_HELP, {'q'}, "q", ACT_BACK, UI_GROUP_APP, false, NULL, "back to the list"},
};
const size_t ui_binding_count = sizeof(ui_bindings) / sizeof(ui_bindings[0]);

enum ui_action keys_action(int key, enum ui_view view)
{
    for (size_t i = 0; i < ui_binding_count; i++) {
        if (!(ui_bindings[i].views & view))
            continue;
        for (size_t k = 0; k < 3 && ui_bindings[i].keys[k]; k++)
            if (ui_bindings[i].keys[k] == key)
                return ui_bindings[i].action;
    }
    return ACT_NONE;
}

const struct ui_binding *keys_binding(enum ui_action action, enum ui_view view)
{
    for (size_t i = 0; i < ui_binding_count; i++)
        if (ui_bindings[i].action == action && (ui_bindings[i].views & view))
            return &ui_bindings[i];
    return NULL;
}

const char *keys_group_name(enum ui_key_group g)
{
    static const char *const names[] = {"Move", "View", "Change", "Application"};
    return names[g];
}

/* view-help.c — every binding of the view the help was opened from, grouped,
 * drawn from the key table. */
#include <stdio.h>

#include "app.h"
#include "draw.h"

void view_help_draw(struct app *a)
{
    erase();
    attr_t h = ui_attr(UI_EL_HEADER);
    draw_blank(stdscr, 0, 0, COLS, h);
    enum ui_view from = a->detail.title ? UI_VIEW_DETAIL : UI_VIEW_LIST;
    draw_text(stdscr, 0, 1, COLS - 2,
              from == UI_VIEW_DETAIL ? "Keys of the detail view" : "Keys of the list", h);
    /* lay the lines out first, to scroll them */
    char lines[128][160];
    enum ui_element styles[128];
    size_t n = 0;
    for (int g = UI_GROUP_MOVE; g <= UI_GROUP_APP && n < 128; g++) {
        bool any = false;
        for (size_t i = 0; i < ui_binding_count && n < 127; i++) {
            const struct ui_binding *b = &ui_bindings[i];
            if (b->group != (enum ui_key_group)g || !(b->views & from))
                continue;
            if (!any) {
                snprintf(lines[n], sizeof(lines[n]), "%s", keys_group_name((enum ui_key_group)g));
                styles[n++] = UI_EL_LABEL;
                any = true;
            }
            /* pad by columns, not bytes: key names hold arrows */
            int pad = 13 - draw_width(b->key_names);
            snprintf(lines[n], sizeof(lines[n]), "  %s%*s %s%s", b->key_names, pad > 0 ? pad : 0, "", b->help,
                     b->changes_cloud && a->read_only ? "  (off: read-only)" : "");
            styles[n++] = b->changes_cloud && a->read_only ? UI_EL_DIM : UI_EL_TEXT;
        }
    }
    int height = LINES - 3;
    if (a->help_top + (size_t)height > n)
        a->help_top = n > (size_t)height ? n - (size_t)height : 0;
    for (int y = 0; y < height && a->help_top + (size_t)y < n; y++) {
        size_t i = a->help_top + (size_t)y;
        draw_text(stdscr, 1 + y, 1, COLS - 2, lines[i], ui_attr(styles[i]) | (styles[i] == UI_EL_LABEL ? A_BOLD : 0));
    }
    draw_status_line(a);
    draw_hints(a, UI_VIEW_HELP);
}

/* view-detail.c — one certificate, every field, scrolled with the list keys;
 * long values wrap under their label. */
#include <string.h>

#include "app.h"
#include "draw.h"

#define LABEL_WIDTH 13

/* Screen lines a detail line takes at this width. */
static int line_rows(const struct detail_line *l, int width)
{
    if (l->kind == DETAIL_HEADING)
        return 1;
    int room = width - LABEL_WIDTH - 2;
    if (room < 10)
        room = 10;
    int w = draw_width(l->value);
    return w <= room ? 1 : (w + room - 1) / room;
}

/* Draws value wrapped into rows of room columns from (y, x); at most max rows. */
static int draw_wrapped(int y, int x, int room, int max, const char *value, attr_t at)
{
    /* cut by display width: walk characters, emitting a row each time it fills */
    int rows = 0;
    const char *p = value;
    char row[1024];
    while (*p && rows < max) {
        size_t n = 0;
        int w = 0;
        while (p[n] && n < sizeof(row) - 8) {
            size_t clen = 1;
            while ((p[n + clen] & 0xC0) == 0x80)
                clen++;
            char ch[8];
            memcpy(ch, p + n, clen);
            ch[clen] = '\0';
            int cw = draw_width(ch);
            if (w + cw > room)
                break;
            w += cw;
            n += clen;
        }
        if (n == 0)
            n = 1;
        /* break after a separator rather than inside a word or a hex byte */
        if (p[n]) {
            size_t cut = n;
            while (cut > n / 2 && !strchr(" :,", p[cut - 1]))
                cut--;
            if (cut > n / 2)
                n = cut;
        }
        memcpy(row, p, n);
        row[n] = '\0';
        draw_text(stdscr, y + rows, x, room, row, at);
        rows++;
        p += n;
    }
    if (!*value && max > 0)
        rows = 1;
    return rows;
}

void view_detail_draw(struct app *a)
{
    struct detail *d = &a->detail;
    erase();
    attr_t h = ui_attr(UI_EL_HEADER);
    draw_blank(stdscr, 0, 0, COLS, h);
    draw_text(stdscr, 0, 1, COLS - 2, d->title, h);
    int top = 1, bottom = LINES - 2; /* rows top..bottom-1 scroll */
    int height = bottom - top;
    /* keep the cursor's line on screen */
    if (a->detail_cursor >= d->count)
        a->detail_cursor = d->count ? d->count - 1 : 0;
    if (a->detail_top > a->detail_cursor)
        a->detail_top = a->detail_cursor;
    for (;;) {
        int used = 0;
        for (size_t i = a->detail_top; i <= a->detail_cursor && i < d->count; i++)
            used += line_rows(&d->lines[i], COLS);
        if (used <= height || a->detail_top >= a->detail_cursor)
            break;
        a->detail_top++;
    }
    int y = top;
    int room = COLS - LABEL_WIDTH - 2;
    for (size_t i = a->detail_top; i < d->count && y < bottom; i++) {
        const struct detail_line *l = &d->lines[i];
        bool cur = i == a->detail_cursor;
        if (l->kind == DETAIL_HEADING) {
            char text[128];
            snprintf(text, sizeof(text), "%s %s ", draw_glyph("──", "--"), l->label);
            int w = draw_text(stdscr, y, 0, COLS, text, ui_attr(UI_EL_BORDER) | A_BOLD | (cur ? A_REVERSE : 0));
            draw_rule(stdscr, y, w, COLS - w, ui_attr(UI_EL_BORDER));
            y++;
            continue;
        }
        attr_t label_at = ui_attr(UI_EL_LABEL) | (cur ? A_REVERSE : 0);
        draw_blank(stdscr, y, 0, LABEL_WIDTH + 1, cur ? ui_attr(UI_EL_SELECTION) : 0);
        draw_text(stdscr, y, 1, LABEL_WIDTH, l->label, label_at);
        y += draw_wrapped(y, LABEL_WIDTH + 2, room, bottom - y, l->value, ui_attr(l->style));
    }
    draw_status_line(a);
    draw_hints(a, UI_VIEW_DETAIL);
}

/* draw.c — safe, width-aware text output. */
#include "draw.h"

#include "../core/textwidth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

bool draw_utf8(void) { return text_locale_is_utf8(); }

const char *draw_glyph(const char *utf8, const char *ascii) { return draw_utf8() ? utf8 : ascii; }

/* Turns s into wide characters fit to draw: controls and invalid bytes
 * become visible escapes. Returns the count; widths[i] is each one's width. */
static size_t visible_chars(const char *s, wchar_t *out, int *widths, size_t cap)
{
    size_t n = 0;
    mbstate_t st;
    memset(&st, 0, sizeof(st));
    size_t len = strlen(s);
    while (len && n + 4 < cap) {
        wchar_t wc;
        size_t used = mbrtowc(&wc, s, len, &st);
        char esc[8] = "";
        if (used == (size_t)-1 || used == (size_t)-2) {
            snprintf(esc, sizeof(esc), "\\x%02X", (unsigned char)*s);
            memset(&st, 0, sizeof(st));
            used = 1;
        } else if (used == 0) {
            break;
        } else if (wc < 0x20 || wc == 0x7f) {
            snprintf(esc, sizeof(esc), "^%c", wc == 0x7f ? '?' : (char)(wc + '@'));
        } else if (wc >= 0x80 && wc < 0xa0) {
            snprintf(esc, sizeof(esc), "\\x%02X", (unsigned)wc);
        }
        if (*esc) {
            for (const char *e = esc; *e && n < cap; e++) {
                out[n] = (wchar_t)*e;
                widths[n++] = 1;
            }
        } else {
            int cw = wcwidth(wc);
            out[n] = wc;
            widths[n++] = cw < 0 ? 1 : cw;
            if (cw < 0)
                out[n - 1] = L'?';
        }
        s += used;
        len -= used;
    }
    return n;
}

#define LINE_CHARS 2048

int draw_width(const char *s)
{
    static wchar_t wc[LINE_CHARS];
    static int widths[LINE_CHARS];
    size_t n = visible_chars(s, wc, widths, LINE_CHARS);
    int w = 0;
    for (size_t i = 0; i < n; i++)
        w += widths[i];
    return w;
}

int draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
    if (width <= 0)
        return 0;
    static wchar_t wc[LINE_CHARS];
    static int widths[LINE_CHARS];
    size_t n = visible_chars(s ? s : "", wc, widths, LINE_CHARS);
    int total = 0;
    for (size_t i = 0; i < n; i++)
        total += widths[i];
    size_t keep = n;
    int used = total;
    bool cut = total > width;
    if (cut) { /* room for the ellipsis */
        used = 0;
        keep = 0;
        while (keep < n && used + widths[keep] <= width - 1) {
            used += widths[keep];
            keep++;
        }
    }
    wattr_on(w, attr, NULL);
    mvwaddnwstr(w, y, x, wc, (int)keep);
    if (cut) {
        waddstr(w, draw_glyph("…", "~"));
        used++;
    }
    wattr_off(w, attr, NULL);
    return used;
}

int draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
    int tw = draw_width(s);
    if (tw >= width)
        return draw_text(w, y, x, width, s, attr);
    return draw_text(w, y, x + width - tw, tw, s, attr);
}

void draw_blank(WINDOW *w, int y, int x, int width, attr_t attr)
{
    wattr_on(w, attr, NULL);
    for (int i = 0; i < width; i++)
        mvwaddch(w, y, x + i, ' ');
    wattr_off(w, attr, NULL);
}

void draw_rule(WINDOW *w, int y, int x, int width, attr_t attr)
{
    wattr_on(w, attr, NULL);
    if (draw_utf8()) {
        for (int i = 0; i < width; i++)
            mvwaddstr(w, y, x + i, "─");
    } else {
        mvwhline(w, y, x, '-', width);
    }
    wattr_off(w, attr, NULL);
}

/* colors.c — theme elements to curses colour pairs and attributes. With 8
 * colours, bright and palette colours fall back to the basic eight; with
 * none (NO_COLOR, --no-color, a monochrome terminal) the attributes remain,
 * and the selection is drawn reversed so it is always visible. */
#include "draw.h"

static attr_t element_attr[UI_EL_COUNT];

attr_t ui_attr(enum ui_element e) { return element_attr[e]; }

/* A palette colour the terminal can show. */
static short fit(short c)
{
    if (c < 0 || c < COLORS)
        return c;
    if (c < 16)
        return (short)(c - 8);
    /* the 6×6×6 cube and the grey ramp, reduced to the basic eight */
    if (c >= 232)
        return c >= 244 ? 7 : 0;
    int i = c - 16, r = i / 36, g = (i / 6) % 6, b = i % 6;
    return (short)((r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0));
}

void colors_init(const struct ui_theme *t, bool use_colour)
{
    bool colour = use_colour && has_colors();
    if (colour) {
        start_color();
        use_default_colors(); /* keep the terminal's own background */
    }
    for (int e = 0; e < UI_EL_COUNT; e++) {
        const struct ui_style *s = &t->el[e];
        attr_t a = 0;
        if (s->attrs & UI_ATTR_BOLD)
            a |= A_BOLD;
        if (s->attrs & UI_ATTR_UNDERLINE)
            a |= A_UNDERLINE;
        if (s->attrs & UI_ATTR_REVERSE)
            a |= A_REVERSE;
        if (s->attrs & UI_ATTR_DIM)
            a |= A_DIM;
        if (colour && (s->fg >= 0 || s->bg >= 0) && e + 1 < COLOR_PAIRS) {
            short fg = fit(s->fg), bg = fit(s->bg);
            /* a bright colour on 8 colours: bold brings some of it back */
            if (s->fg >= 8 && s->fg < 16 && COLORS < 16)
                a |= A_BOLD;
            init_pair((short)(e + 1), fg, bg);
            a |= COLOR_PAIR(e + 1);
        } else if (!colour && s->bg >= 0) {
            a |= A_REVERSE; /* a coloured bar stays a bar without colour */
        }
        element_attr[e] = a;
    }
    if (!colour)
        element_attr[UI_EL_SELECTION] |= A_REVERSE;
}

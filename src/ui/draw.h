/* draw.h — putting text that came from certificates and APIs on the screen
 * safely: control characters are shown, never sent (a certificate name must
 * not be able to write escape sequences into an operator's terminal), wide
 * characters are measured, and text too long for its cell ends in "…". */
#ifndef CD_UI_DRAW_H
#define CD_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>

#include "theme.h"

/* Whether the terminal's character set is UTF-8 (glyphs, "…"). */
bool draw_utf8(void);
/* A glyph, or its ASCII stand-in when the terminal is not UTF-8. */
const char *draw_glyph(const char *utf8, const char *ascii);

/* Draws s at (y, x) in at most width columns with attributes attr; returns
 * the columns used. Control characters appear as ^X or \xNN. */
int draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* The same, right-aligned in width columns. */
int draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* Columns s takes when drawn (after making control characters visible). */
int draw_width(const char *s);
/* Fills width columns from (y, x) with spaces. */
void draw_blank(WINDOW *w, int y, int x, int width, attr_t attr);
/* Draws a horizontal line of width columns. */
void draw_rule(WINDOW *w, int y, int x, int width, attr_t attr);

/* The curses attributes of a theme element (colors.c). */
attr_t ui_attr(enum ui_element e);
/* Sets up colour pairs from the theme; with colour off, attributes only. */
void colors_init(const struct ui_theme *t, bool use_colour);

#endif

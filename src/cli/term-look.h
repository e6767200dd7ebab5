/* term-look.h — how text output looks on this terminal: colour (--color,
 * NO_COLOR) and the width long values are wrapped to. */
#ifndef CD_TERM_LOOK_H
#define CD_TERM_LOOK_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"

struct term_look {
    bool color;      /* ANSI colours on */
    int width;       /* columns to wrap to; 0: do not wrap (not a terminal, no COLUMNS) */
};

/* Reads --color=auto|always|never (auto: stdout is a terminal, NO_COLOR is
 * unset or empty, TERM is not "dumb") and the width (the terminal's, else
 * COLUMNS). False after a usage error was printed. */
bool term_look_from_args(const struct cli_args *args, struct term_look *out);

/* ANSI colour codes for one kind of text, "" when colour is off. */
enum term_tone { TONE_CRITICAL, TONE_WARNING, TONE_GOOD, TONE_DIM };
const char *term_on(const struct term_look *look, enum term_tone tone);
const char *term_off(const struct term_look *look);

/* Prints value starting at column `col` (after a label), wrapping to
 * look->width: hex ("AB:CD:…" or "ABCD…") only between bytes, other text
 * between words; continuation lines are indented to `col`. */
void term_print_value(const struct term_look *look, int col, const char *value, FILE *out);

#endif

/* textwidth.h — how wide UTF-8 text is on a terminal, and cutting it to a
 * width on character boundaries (for tables in the commands and the TUI). */
#ifndef CD_TEXTWIDTH_H
#define CD_TEXTWIDTH_H

#include <stdbool.h>
#include <stddef.h>

/* Columns one code point takes: 0 for combining marks and joiners, 2 for
 * East Asian wide and emoji, 1 otherwise. */
int text_codepoint_width(unsigned cp);
/* Columns the UTF-8 text takes (a malformed byte counts as one column). */
size_t text_display_width(const char *s);
/* Copies s into out (always terminated), cut so that it takes at most
 * max_cols columns: when s is wider, the cut text ends in `ellipsis` (whose
 * width counts; NULL or "" for a plain cut). Never splits a character.
 * Returns the columns written. */
size_t text_cut(const char *s, size_t max_cols, const char *ellipsis, char *out, size_t out_size);
/* Whether the current locale (LC_CTYPE) encodes text as UTF-8. */
bool text_locale_is_utf8(void);

#endif

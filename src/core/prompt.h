/* prompt.h — asking the person at the terminal for a secret, without echo. */
#ifndef CD_PROMPT_H
#define CD_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

/* True when a terminal is there to ask (/dev/tty can be opened). */
bool prompt_available(void);

/* Prints question on /dev/tty, reads one line with echo off into buf.
 * Returns the length, or -1 when there is no terminal or input ended.
 * The trailing newline is dropped; the caller wipes buf. */
int prompt_secret(const char *question, char *buf, size_t size);

#endif

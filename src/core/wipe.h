/* wipe.h — erase memory that held a secret, in a way the compiler keeps. */
#ifndef CD_WIPE_H
#define CD_WIPE_H

#include <stddef.h>

void wipe(void *p, size_t len);
/* Wipes strlen(s) bytes and frees s; NULL is fine. */
void wipe_free_str(char *s);

#endif

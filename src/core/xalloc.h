/* xalloc.h — allocation that aborts on out-of-memory, and string helpers. */
#ifndef CD_XALLOC_H
#define CD_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Out of memory is fatal: these never return NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
/* size bytes aligned to align (a power of two dividing size); free() it. */
void *xaligned_alloc(size_t align, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif

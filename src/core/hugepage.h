/* hugepage.h — asks for transparent huge pages under a large block, where
 * the system allows it (Linux with THP on "madvise" or "always"): megabytes
 * then cost a fault per 2 MiB instead of one per 4 KiB. Elsewhere it does
 * nothing, and everything works the same. */
#ifndef CD_HUGEPAGE_H
#define CD_HUGEPAGE_H

#include <stddef.h>

/* Blocks smaller than this are left alone. */
#define HUGE_PAGE_SIZE ((size_t)2 << 20)

/* Advises the whole 2 MiB-aligned part of [p, p + size). */
void advise_huge_pages(void *p, size_t size);

#endif

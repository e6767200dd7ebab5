/* hugepage.c — madvise(MADV_HUGEPAGE) on the aligned part of a block. */
#include "hugepage.h"

#include <stdint.h>
#include <sys/mman.h>

void advise_huge_pages(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE_SIZE - 1) & ~(uintptr_t)(HUGE_PAGE_SIZE - 1);
    uintptr_t end = ((uintptr_t)p + size) & ~(uintptr_t)(HUGE_PAGE_SIZE - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE); /* only advice: may fail */
#else
    (void)p;
    (void)size;
#endif
}

/* strslab.h — the strings of certificate records, bump-allocated from 2 MiB
 * slabs, each slab freed when the last of its strings is.
 *
 * A list of 10,000 records holds some 90,000 short strings. Allocated and
 * freed one by one with malloc, they cost about a tenth of `certdeck list`;
 * here an allocation is a pointer bump and a free a counter decrement (the
 * slab is found from the string's address: slabs are aligned to their size),
 * and a slab is one huge page where the system allows it, not 512 faults.
 *
 * Any thread may free any string; each thread allocates from its own slab.
 * Under AddressSanitizer every string is a plain malloc, so ASan keeps seeing
 * each one.
 *
 * Each slab (each string, under ASan) starts with a magic word, and the slabs
 * alive are known: strslab_free of any other pointer — a plain heap string
 * put into a record — prints what happened and aborts, in every build. */
#ifndef CD_STRSLAB_H
#define CD_STRSLAB_H

#include <stddef.h>

/* A copy of n bytes of s and a NUL; never NULL (out of memory is fatal). */
char *strslab_dupn(const char *s, size_t n);
char *strslab_dup(const char *s);
/* Frees a string from strslab_dup*; NULL is fine. Anything else aborts. */
void strslab_free(char *s);
/* Lets go of the calling thread's current slab (at thread or program end;
 * the slab itself goes when its last string does). */
void strslab_thread_done(void);

#endif

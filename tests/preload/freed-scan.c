/* freed-scan.c — an LD_PRELOAD library for the tests: every block given back
 * with free() or moved by realloc() is searched, whole, for strings that
 * must never be left in freed memory (private key material), and each hit is
 * recorded in a file.
 *
 *   CERTDECK_SCAN_NEEDLES  the strings, separated by commas
 *   CERTDECK_SCAN_HITS     the file a line is appended to for each hit: which
 *                          needle (by number, never its text), the block's
 *                          size and a backtrace of where it was freed
 *
 * It calls glibc's own __libc_* entry points rather than dlsym, which may
 * itself allocate while it is being resolved. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *__libc_realloc(void *ptr, size_t size);
void __libc_free(void *ptr);

void free(void *ptr);
void *realloc(void *ptr, size_t size);
void *reallocarray(void *ptr, size_t n, size_t size);

#define MAX_NEEDLES 8

static struct {
    const char *text;
    size_t len;
} needles[MAX_NEEDLES];
static int needle_count;
static const char *hits_path;
static _Thread_local bool inside; /* backtrace() may allocate: no scan in a scan */

__attribute__((constructor)) static void scan_init(void)
{
    hits_path = getenv("CERTDECK_SCAN_HITS");
    const char *all = getenv("CERTDECK_SCAN_NEEDLES");
    while (all && *all && needle_count < MAX_NEEDLES) {
        const char *end = strchr(all, ',');
        size_t len = end ? (size_t)(end - all) : strlen(all);
        if (len >= 8) { /* short needles would match by chance */
            needles[needle_count].text = all;
            needles[needle_count].len = len;
            needle_count++;
        }
        all = end ? end + 1 : all + len;
    }
}

/* The number of the first needle in the block, or -1. */
static int needle_in(const void *block)
{
    size_t size = malloc_usable_size((void *)block);
    for (int i = 0; i < needle_count; i++)
        if (memmem(block, size, needles[i].text, needles[i].len))
            return i;
    return -1;
}

static void record_hit(int needle, size_t size)
{
    int fd = open(hits_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    char line[128];
    int n = snprintf(line, sizeof(line), "needle %d left in a freed block of %zu bytes, freed at:\n",
                     needle + 1, size);
    if (n > 0 && write(fd, line, (size_t)n) < 0)
        n = 0;
    void *frames[32];
    int depth = backtrace(frames, 32);
    backtrace_symbols_fd(frames, depth, fd);
    close(fd);
}

/* The needle found in a block about to be let go (-1: none, or not looking). */
static int scan(const void *block)
{
    if (!block || !hits_path || needle_count == 0 || inside)
        return -1;
    return needle_in(block);
}

void free(void *ptr)
{
    int hit = scan(ptr);
    if (hit >= 0) {
        inside = true;
        record_hit(hit, malloc_usable_size(ptr));
        inside = false;
    }
    __libc_free(ptr);
}

void *realloc(void *ptr, size_t size)
{
    int hit = scan(ptr);
    size_t old_size = hit >= 0 ? malloc_usable_size(ptr) : 0;
    void *moved = __libc_realloc(ptr, size);
    /* grown in place, the block is still the live one; moved, the old one
     * is freed as it was */
    if (hit >= 0 && moved != ptr) {
        inside = true;
        record_hit(hit, old_size);
        inside = false;
    }
    return moved;
}

void *reallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(ptr, n * size);
}

/* main.c — certdeck's entry point: everything is a command of the table in cli/. */
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/cli.h"
#include "core/json-arena.h"
#include "core/strslab.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
#ifdef __GLIBC__
    /* A list answer is megabytes, page after page: keep freed memory for the
     * next page instead of giving it back and faulting it in again. */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
    json_arena_init(); /* before any thread: cJSON's hooks are global */
    int rc = cli_main(argc, argv);
    strslab_thread_done();
    return rc;
}

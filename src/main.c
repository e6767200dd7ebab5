/* main.c — certdeck's entry point: the TUI when no command is given, else a
 * command of the table in cli/. */
#include <locale.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/cli.h"
#include "core/json-arena.h"
#include "core/strslab.h"
#include "core/wipe.h"
#include "demo.h"
#include "ui/ui.h"

static int run_tui(int argc, char **argv)
{
    struct ui_options o = {0};
    if (!ui_parse_options(argc, argv, &o))
        return 2;
    if (o.help) {
        ui_print_help(stdout);
        putchar('\n');
        cli_print_help();
        return 0;
    }
    const char *assets = NULL;
    demo_find_data(&o.data_dir, &assets);
    struct emu *emu = NULL;
    if (o.demo && !(emu = demo_start(assets)))
        return 1;
    int rc = ui_run(&o);
    demo_stop(emu);
    return rc;
}

int main(int argc, char **argv)
{
    wipe_install_openssl(); /* before OpenSSL's first allocation */
    setlocale(LC_ALL, "");
#ifdef __GLIBC__
    /* A list answer is megabytes, page after page: keep freed memory for the
     * next page instead of giving it back and faulting it in again. */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
    json_arena_init(); /* before any thread: cJSON's hooks are global */
    int rc = ui_wants(argc, argv) ? run_tui(argc, argv) : cli_main(argc, argv);
    strslab_thread_done();
    return rc;
}

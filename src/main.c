/* main.c — certdeck's entry point: everything is a command of the table in cli/. */
#include <locale.h>

#include "cli/cli.h"
#include "core/json-arena.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    json_arena_init(); /* before any thread: cJSON's hooks are global */
    return cli_main(argc, argv);
}

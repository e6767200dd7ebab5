/* main.c — certdeck's entry point: everything is a command of the table in cli/. */
#include <locale.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    return cli_main(argc, argv);
}

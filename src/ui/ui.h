/* ui.h — the terminal user interface: `certdeck` with no command. Its
 * options are one table (the help text and the man page read it too). */
#ifndef CD_UI_H
#define CD_UI_H

#include <stdbool.h>
#include <stdio.h>

/* name, argument (NULL for a flag), help */
#define UI_OPTION_LIST(X)                                                                   \
    X(profile, "NAME", "open this profile of the config file")                             \
    X(theme, "NAME", "colour theme (default, light, high-contrast, monochrome, or your own)") \
    X(no_color, NULL, "no colours (NO_COLOR in the environment does the same)")             \
    X(read_only, NULL, "hide and refuse every key that changes something in the cloud")    \
    X(mouse, NULL, "click selects, the wheel scrolls, a double click opens")                \
    X(demo, NULL, "start certdeck-emu's demo set on a loopback port and open it")          \
    X(ca_file, "FILE", "trust the CA certificates in FILE")                                 \
    X(insecure, NULL, "do not verify TLS certificates (dangerous; for tests only)")        \
    X(help, NULL, "show this help")

struct ui_options {
    const char *profile;
    const char *theme;           /* NULL: the profile's */
    bool no_color;
    bool read_only;
    bool mouse;
    bool demo;
    const char *ca_file;
    bool insecure;
    bool help;
    const char *data_dir;        /* where themes/ is: set by main */
};

/* Whether argv asks for the TUI: no command word, only TUI options. */
bool ui_wants(int argc, char **argv);
/* Parses the TUI's options; prints a usage error and returns false on a bad one. */
bool ui_parse_options(int argc, char **argv, struct ui_options *o);
void ui_print_help(FILE *out);
/* Opens the profile and runs the TUI until the user quits; the exit code. */
int ui_run(const struct ui_options *o);

#endif

/* options.c — the TUI's command line, from the option table in ui.h. */
#include "ui.h"

#include <string.h>

static const struct {
    const char *name, *arg, *help;
} rows[] = {
#define UI_OPT_ROW(name, arg, help) {#name, arg, help},
    UI_OPTION_LIST(UI_OPT_ROW)
#undef UI_OPT_ROW
};
#define ROW_COUNT (sizeof(rows) / sizeof(rows[0]))

/* "--no-color" → the row of no_color, or -1. */
static int find(const char *arg)
{
    if (strncmp(arg, "--", 2) != 0)
        return -1;
    arg += 2;
    size_t n = strcspn(arg, "=");
    for (size_t i = 0; i < ROW_COUNT; i++) {
        if (strlen(rows[i].name) != n)
            continue;
        bool same = true;
        for (size_t k = 0; k < n && same; k++)
            same = arg[k] == rows[i].name[k] || (arg[k] == '-' && rows[i].name[k] == '_');
        if (same)
            return (int)i;
    }
    return -1;
}

bool ui_wants(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int r = find(argv[i]);
        if (r < 0)
            return false; /* a command, or an option of one */
        if (rows[r].arg && !strchr(argv[i], '='))
            i++;
    }
    return true;
}

static void set(struct ui_options *o, const char *name, const char *value)
{
#define UI_OPT_SET(n, arg, help) \
    if (strcmp(name, #n) == 0)   \
        UI_OPT_STORE_##n(value);
#define UI_OPT_STORE_profile(v) o->profile = v
#define UI_OPT_STORE_theme(v) o->theme = v
#define UI_OPT_STORE_no_color(v) o->no_color = true
#define UI_OPT_STORE_read_only(v) o->read_only = true
#define UI_OPT_STORE_mouse(v) o->mouse = true
#define UI_OPT_STORE_demo(v) o->demo = true
#define UI_OPT_STORE_ca_file(v) o->ca_file = v
#define UI_OPT_STORE_insecure(v) o->insecure = true
#define UI_OPT_STORE_help(v) o->help = true
    UI_OPTION_LIST(UI_OPT_SET)
#undef UI_OPT_SET
}

bool ui_parse_options(int argc, char **argv, struct ui_options *o)
{
    for (int i = 1; i < argc; i++) {
        int r = find(argv[i]);
        if (r < 0) {
            fprintf(stderr, "certdeck: unknown option \"%s\" (certdeck --help lists them)\n", argv[i]);
            return false;
        }
        const char *eq = strchr(argv[i], '=');
        const char *value = NULL;
        if (rows[r].arg) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            if (!value || !*value) {
                fprintf(stderr, "certdeck: --%s needs %s\n", rows[r].name, rows[r].arg);
                return false;
            }
        } else if (eq) {
            fprintf(stderr, "certdeck: --%s takes no value\n", rows[r].name);
            return false;
        }
        set(o, rows[r].name, value);
    }
    return true;
}

void ui_print_help(FILE *out)
{
    fprintf(out, "usage: certdeck [options]            the certificates of every service, soonest expiry first\n"
                 "       certdeck COMMAND [options]    a command (certdeck help lists them)\n\noptions:\n");
    for (size_t i = 0; i < ROW_COUNT; i++) {
        char left[48], name[32];
        snprintf(name, sizeof(name), "%s", rows[i].name);
        for (char *p = name; *p; p++)
            if (*p == '_')
                *p = '-';
        snprintf(left, sizeof(left), "--%s%s%s", name, rows[i].arg ? " " : "", rows[i].arg ? rows[i].arg : "");
        fprintf(out, "  %-22s %s\n", left, rows[i].help);
    }
    fprintf(out, "\nIn the program, ? shows every key of the view.\n");
}

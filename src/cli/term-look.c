/* term-look.c — colour choice, terminal width and wrapping of long values. */
#include "term-look.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static int terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *cols = getenv("COLUMNS");
    int n = cols ? atoi(cols) : 0;
    return n >= 20 && n <= 1000 ? n : 0;
}

bool term_look_from_args(const struct cli_args *args, struct term_look *out)
{
    const char *when = cli_has(args, "color") ? cli_get(args, "color") : "auto";
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    if (strcmp(when, "always") == 0)
        out->color = true;
    else if (strcmp(when, "never") == 0)
        out->color = false;
    else if (strcmp(when, "auto") == 0)
        out->color = isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
                     !(term && strcmp(term, "dumb") == 0);
    else
        return cli_usage_error(args->cmd, "--color takes auto, always or never, not \"%s\"", when),
               false;
    out->width = terminal_width();
    return true;
}

static const char *const tones[] = {
    [TONE_CRITICAL] = "\033[1;31m",
    [TONE_WARNING] = "\033[33m",
    [TONE_GOOD] = "\033[32m",
    [TONE_DIM] = "\033[2m",
};

const char *term_on(const struct term_look *look, enum term_tone tone)
{
    return look->color ? tones[tone] : "";
}

const char *term_off(const struct term_look *look)
{
    return look->color ? "\033[0m" : "";
}

/* Colon hex ("AB:CD") or plain hex of whole bytes ("ABCD"). */
static bool is_hex(const char *s, bool *colons)
{
    size_t n = strlen(s);
    *colons = n > 2 && s[2] == ':';
    if (*colons)
        for (size_t i = 0; i < n; i++) {
            if (i % 3 == 2 ? s[i] != ':' : !isxdigit((unsigned char)s[i]))
                return false;
        }
    else
        for (size_t i = 0; i < n; i++)
            if (!isxdigit((unsigned char)s[i]))
                return false;
    return n >= 2 && (*colons ? n % 3 == 2 : n % 2 == 0);
}

/* Where to break a line of at most room characters from s: after a byte
 * for hex, at the last space for text (or nowhere: the whole line). */
static size_t break_at(const char *s, size_t room, bool hex, bool colons)
{
    size_t n = strlen(s);
    if (n <= room)
        return n;
    if (hex) {
        size_t unit = colons ? 3 : 2;
        size_t cut = room / unit * unit; /* "AB:" units: the line ends after a colon */
        return cut >= unit ? cut : unit;
    }
    for (size_t i = room; i > 0; i--)
        if (s[i] == ' ')
            return i + 1;
    return n;
}

void term_print_value(const struct term_look *look, int col, const char *value, FILE *out)
{
    bool colons = false, hex = is_hex(value, &colons);
    int room = look->width - col;
    if (look->width == 0 || room < 12) {
        fprintf(out, "%s\n", value);
        return;
    }
    const char *p = value;
    while (*p) {
        size_t take = break_at(p, (size_t)room, hex, colons);
        size_t shown = take;
        while (shown > 0 && p[shown - 1] == ' ' && p[shown] != '\0')
            shown--; /* the space at a text break is not printed */
        if (p != value)
            fprintf(out, "%*s", col, "");
        fprintf(out, "%.*s\n", (int)shown, p);
        p += take;
    }
}

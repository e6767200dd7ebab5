/* theme.c — theme files: `element = fg [on bg] [bold] [underline] [reverse] [dim]`,
 * `#` comments; colours by name, `colorN` or `default`. */
#include "theme.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *def, *help;
} elements[] = {
#define UI_EL_ROW(id, name, def, what) {name, def, what},
    UI_ELEMENT_LIST(UI_EL_ROW)
#undef UI_EL_ROW
};

static const char *const colour_names[] = {"black", "red", "green", "yellow",
                                           "blue", "magenta", "cyan", "white"};

static const struct {
    const char *name;
    unsigned attr;
} attr_names[] = {
    {"bold", UI_ATTR_BOLD}, {"underline", UI_ATTR_UNDERLINE}, {"reverse", UI_ATTR_REVERSE}, {"dim", UI_ATTR_DIM},
};

const char *theme_element_name(enum ui_element e) { return elements[e].name; }
const char *theme_element_help(enum ui_element e) { return elements[e].help; }

enum ui_element theme_band_element(enum expiry_band band)
{
    static const enum ui_element el[] = {
        [BAND_UNKNOWN] = UI_EL_DIM, [BAND_FINE] = UI_EL_FINE, [BAND_WARN] = UI_EL_WARNING,
        [BAND_CRIT] = UI_EL_CRITICAL, [BAND_EXPIRED] = UI_EL_EXPIRED,
    };
    return el[band];
}

/* "red", "bright-red", "color196", "default" */
static bool parse_colour(const char *w, short *out)
{
    if (strcmp(w, "default") == 0) {
        *out = -1;
        return true;
    }
    bool bright = strncmp(w, "bright-", 7) == 0;
    const char *base = bright ? w + 7 : w;
    for (short i = 0; i < 8; i++)
        if (strcmp(base, colour_names[i]) == 0) {
            *out = (short)(i + (bright ? 8 : 0));
            return true;
        }
    if (strncmp(w, "color", 5) == 0 && isdigit((unsigned char)w[5])) {
        char *end;
        errno = 0;
        long n = strtol(w + 5, &end, 10);
        if (!*end && !errno && n >= 0 && n <= 255) {
            *out = (short)n;
            return true;
        }
    }
    return false;
}

bool theme_parse_style(const char *text, struct ui_style *out, char *why, size_t why_size)
{
    struct ui_style st = {-1, -1, 0};
    char copy[256];
    snprintf(copy, sizeof(copy), "%s", text);
    bool have_fg = false, want_bg = false, have_bg = false;
    for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        bool is_attr = false;
        for (size_t i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
            if (strcmp(w, attr_names[i].name) == 0) {
                st.attrs |= attr_names[i].attr;
                is_attr = true;
            }
        if (is_attr)
            continue;
        if (strcmp(w, "on") == 0) {
            if (want_bg || have_bg) {
                snprintf(why, why_size, "\"on\" given twice");
                return false;
            }
            want_bg = true;
            continue;
        }
        short c;
        if (!parse_colour(w, &c)) {
            snprintf(why, why_size, "unknown colour or attribute \"%s\" (colours: default, black, red, "
                     "green, yellow, blue, magenta, cyan, white, bright-NAME, color0–color255; "
                     "attributes: bold, underline, reverse, dim)", w);
            return false;
        }
        if (want_bg && !have_bg) {
            st.bg = c;
            have_bg = true;
        } else if (!have_fg && !want_bg) {
            st.fg = c;
            have_fg = true;
        } else {
            snprintf(why, why_size, "too many colours in \"%s\" (write FG on BG)", text);
            return false;
        }
    }
    if (want_bg && !have_bg) {
        snprintf(why, why_size, "\"on\" needs a background colour");
        return false;
    }
    if (!have_fg && !have_bg && !st.attrs) {
        snprintf(why, why_size, "empty style");
        return false;
    }
    *out = st;
    return true;
}

void theme_default(struct ui_theme *t)
{
    memset(t, 0, sizeof(*t));
    snprintf(t->name, sizeof(t->name), "built-in");
    for (int e = 0; e < UI_EL_COUNT; e++) {
        char why[256];
        if (!theme_parse_style(elements[e].def, &t->el[e], why, sizeof(why)))
            abort(); /* the table itself is wrong */
    }
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

cd_status theme_load_file(const char *path, struct ui_theme *t, struct cd_error *err)
{
    struct ui_theme out;
    theme_default(&out);
    FILE *f = fopen(path, "r");
    if (!f) {
        theme_default(t);
        return cd_error_set(err, CD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    }
    char line[512];
    unsigned lineno = 0;
    cd_status rc = CD_OK;
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            rc = cd_error_set(err, CD_ERR_CONFIG, "%s:%u: line too long", path, lineno);
            break;
        }
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(line);
        if (!*s)
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = cd_error_set(err, CD_ERR_CONFIG, "%s:%u: expected \"element = colours\"", path, lineno);
            break;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        int found = -1;
        for (int e = 0; e < UI_EL_COUNT; e++)
            if (strcmp(key, elements[e].name) == 0)
                found = e;
        if (found < 0) {
            char names[512] = "";
            for (int e = 0; e < UI_EL_COUNT; e++)
                snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", e ? ", " : "",
                         elements[e].name);
            rc = cd_error_set(err, CD_ERR_CONFIG, "%s:%u: unknown element \"%.64s\" (known: %s)", path,
                              lineno, key, names);
            break;
        }
        char why[256];
        if (!theme_parse_style(value, &out.el[found], why, sizeof(why))) {
            rc = cd_error_set(err, CD_ERR_CONFIG, "%s:%u: %s: %s", path, lineno, key, why);
            break;
        }
    }
    fclose(f);
    if (rc != CD_OK) {
        theme_default(t);
        return rc;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(out.name, sizeof(out.name), "%.*s", (int)strcspn(base, "."), base);
    *t = out;
    return CD_OK;
}

static bool readable(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f)
        fclose(f);
    return f != NULL;
}

cd_status theme_load(const char *name, const char *const *data_dirs, struct ui_theme *t,
                     struct cd_error *err)
{
    if (!*name || strchr(name, '/')) {
        theme_default(t);
        return cd_error_set(err, CD_ERR_CONFIG, "theme \"%s\": a theme is named without a path", name);
    }
    char path[4096];
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(path, sizeof(path), "%s/certdeck/themes/%s.theme", xdg, name);
    else if (home)
        snprintf(path, sizeof(path), "%s/.config/certdeck/themes/%s.theme", home, name);
    else
        path[0] = '\0';
    if (*path && readable(path))
        return theme_load_file(path, t, err);
    for (size_t i = 0; data_dirs && data_dirs[i]; i++) {
        snprintf(path, sizeof(path), "%s/themes/%s.theme", data_dirs[i], name);
        if (readable(path))
            return theme_load_file(path, t, err);
    }
    theme_default(t);
    return cd_error_set(err, CD_ERR_NOT_FOUND, "theme \"%s\" not found (looked in "
                        "$XDG_CONFIG_HOME/certdeck/themes and %s/themes)", name,
                        data_dirs && data_dirs[0] ? data_dirs[0] : "the data directory");
}

/* test_theme.c — theme files: styles parse, every shipped theme loads and
 * names every element, errors say FILE:LINE and fall back to the default,
 * and the user's directory wins over the shipped one. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/theme.h"

static char tmpdir[] = "/tmp/certdeck-theme.XXXXXX";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_styles(void **state)
{
    (void)state;
    struct ui_style st;
    char why[256];
    assert_true(theme_parse_style("red on black bold", &st, why, sizeof(why)));
    assert_int_equal(st.fg, 1);
    assert_int_equal(st.bg, 0);
    assert_int_equal(st.attrs, UI_ATTR_BOLD);
    assert_true(theme_parse_style("bright-white on color24", &st, why, sizeof(why)));
    assert_int_equal(st.fg, 15);
    assert_int_equal(st.bg, 24);
    assert_true(theme_parse_style("reverse", &st, why, sizeof(why)));
    assert_int_equal(st.fg, -1);
    assert_int_equal(st.attrs, UI_ATTR_REVERSE);
    assert_false(theme_parse_style("purple", &st, why, sizeof(why)));
    assert_non_null(strstr(why, "purple"));
    assert_false(theme_parse_style("red on", &st, why, sizeof(why)));
    assert_false(theme_parse_style("color256", &st, why, sizeof(why)));
    assert_false(theme_parse_style("red green blue", &st, why, sizeof(why)));
    assert_false(theme_parse_style("", &st, why, sizeof(why)));
}

/* Every shipped theme loads without error and sets every element itself. */
static void test_shipped(void **state)
{
    (void)state;
    const char *src = getenv("CERTDECK_SOURCE_DIR");
    assert_non_null(src);
    const char *names[] = {"default", "light", "high-contrast", "monochrome"};
    for (size_t i = 0; i < 4; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/themes/%s.theme", src, names[i]);
        struct ui_theme t;
        struct cd_error err = {0};
        assert_int_equal(theme_load_file(path, &t, &err), CD_OK);
        assert_string_equal(t.name, names[i]);
        FILE *f = fopen(path, "r");
        char text[8192];
        size_t n = fread(text, 1, sizeof(text) - 1, f);
        fclose(f);
        text[n] = '\0';
        for (int e = 0; e < UI_EL_COUNT; e++) {
            char key[64];
            snprintf(key, sizeof(key), "\n%s ", theme_element_name((enum ui_element)e));
            if (!strstr(text, key))
                fail_msg("%s does not set %s", names[i], theme_element_name((enum ui_element)e));
        }
    }
}

static void test_errors(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof(path), "%s/broken.theme", tmpdir);
    struct ui_theme t, def;
    theme_default(&def);
    struct cd_error err = {0};
    write_file(path, "# a comment\ntext = default\nheader = white on nothing\n");
    assert_int_equal(theme_load_file(path, &t, &err), CD_ERR_CONFIG);
    char want[4200];
    snprintf(want, sizeof(want), "%s:3: header:", path);
    assert_non_null(strstr(err.message, want));
    assert_memory_equal(&t.el, &def.el, sizeof(def.el));
    write_file(path, "selektion = red\n");
    assert_int_equal(theme_load_file(path, &t, &err), CD_ERR_CONFIG);
    assert_non_null(strstr(err.message, ":1: unknown element \"selektion\""));
    write_file(path, "just words\n");
    assert_int_equal(theme_load_file(path, &t, &err), CD_ERR_CONFIG);
    assert_non_null(strstr(err.message, ":1: expected"));
    assert_int_equal(theme_load("no-such-theme", NULL, &t, &err), CD_ERR_NOT_FOUND);
    assert_int_equal(theme_load("../etc/passwd", NULL, &t, &err), CD_ERR_CONFIG);
}

/* $XDG_CONFIG_HOME/certdeck/themes/NAME.theme wins over the data directory's. */
static void test_user_dir_wins(void **state)
{
    (void)state;
    char dir[4096], path[4200];
    snprintf(dir, sizeof(dir), "%s/certdeck", tmpdir);
    mkdir(dir, 0700);
    snprintf(dir, sizeof(dir), "%s/certdeck/themes", tmpdir);
    mkdir(dir, 0700);
    snprintf(path, sizeof(path), "%s/default.theme", dir);
    write_file(path, "expired = magenta\n");
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    const char *dirs[] = {getenv("CERTDECK_SOURCE_DIR"), NULL};
    struct ui_theme t;
    struct cd_error err = {0};
    assert_int_equal(theme_load("default", dirs, &t, &err), CD_OK);
    assert_int_equal(t.el[UI_EL_EXPIRED].fg, 5);
    unlink(path);
    assert_int_equal(theme_load("light", dirs, &t, &err), CD_OK);
    assert_string_equal(t.name, "light");
    unsetenv("XDG_CONFIG_HOME");
}

int main(void)
{
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_styles),
        cmocka_unit_test(test_shipped),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_user_dir_wins),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd) != 0)
        return 1;
    return rc;
}

/* test_textwidth.c — display width and cutting of UTF-8 text, expiry bands and their marks. */
#include "testutil.h"

#include <string.h>

#include "core/band.h"
#include "core/textwidth.h"

static void test_display_width(void **state)
{
    (void)state;
    assert_int_equal(text_display_width(""), 0);
    assert_int_equal(text_display_width("abc"), 3);
    assert_int_equal(text_display_width("m\xc3\xbcnchen"), 7);          /* ü: 2 bytes, 1 column */
    assert_int_equal(text_display_width("\xe4\xb8\xad\xe6\x96\x87"), 4); /* 中文: 2 columns each */
    assert_int_equal(text_display_width("e\xcc\x81"), 1);                /* e + combining acute */
    assert_int_equal(text_display_width("\xe2\x80\xa6"), 1);             /* … */
    assert_int_equal(text_display_width("a\xff" "b"), 3);                /* a stray byte is one column */
}

static void test_cut(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(text_cut("short", 10, "\xe2\x80\xa6", out, sizeof(out)), 5);
    assert_string_equal(out, "short");
    assert_int_equal(text_cut("legacy-example-org", 8, "\xe2\x80\xa6", out, sizeof(out)), 8);
    assert_string_equal(out, "legacy-\xe2\x80\xa6");
    /* never splits a character: ü stays whole or goes whole */
    assert_int_equal(text_cut("m\xc3\xbcnchen", 3, "\xe2\x80\xa6", out, sizeof(out)), 3);
    assert_string_equal(out, "m\xc3\xbc\xe2\x80\xa6");
    /* a wide character that does not fit is left out, not halved */
    assert_int_equal(text_cut("a\xe4\xb8\xad\xe6\x96\x87", 3, "~", out, sizeof(out)), 2);
    assert_string_equal(out, "a~");
    /* a prefix cut (ids) has no mark */
    assert_int_equal(text_cut("9a055689e631868c", 8, NULL, out, sizeof(out)), 8);
    assert_string_equal(out, "9a055689");
    /* a small buffer still gets whole characters and a terminator */
    char tiny[4];
    text_cut("\xc3\xbc\xc3\xbc\xc3\xbc", 10, NULL, tiny, sizeof(tiny));
    assert_string_equal(tiny, "\xc3\xbc");
}

static void test_bands(void **state)
{
    (void)state;
    const int64_t now = 1700000000, day = 86400;
    assert_int_equal(expiry_band_of(0, now, 30, 7), BAND_UNKNOWN);
    assert_int_equal(expiry_band_of(now - 1, now, 30, 7), BAND_EXPIRED);
    assert_int_equal(expiry_band_of(now + 7 * day, now, 30, 7), BAND_CRIT);
    assert_int_equal(expiry_band_of(now + 8 * day, now, 30, 7), BAND_WARN);
    assert_int_equal(expiry_band_of(now + 30 * day + 1, now, 30, 7), BAND_WARN);
    assert_int_equal(expiry_band_of(now + 31 * day, now, 30, 7), BAND_FINE);
    assert_string_equal(expiry_band_mark(BAND_EXPIRED, true), "\xe2\x9c\x97");
    assert_string_equal(expiry_band_mark(BAND_CRIT, true), "\xe2\x80\xbc");
    assert_string_equal(expiry_band_mark(BAND_WARN, true), "!");
    assert_string_equal(expiry_band_mark(BAND_FINE, true), "\xc2\xb7");
    assert_string_equal(expiry_band_mark(BAND_EXPIRED, false), "X");
    assert_string_equal(expiry_band_mark(BAND_CRIT, false), "!!");
    assert_string_equal(expiry_band_mark(BAND_FINE, false), ".");
    assert_string_equal(expiry_band_name(BAND_CRIT), "crit");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_display_width),
        cmocka_unit_test(test_cut),
        cmocka_unit_test(test_bands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

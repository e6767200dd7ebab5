/* test_core.c — buffers, string lists, time, IDN, files and error records. */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/percent.h"
#include "core/punycode.h"
#include "core/status.h"
#include "core/strlist.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

static void test_buf(void **state)
{
    struct buf b = {.limit = 8};
    assert_true(buf_append_str(&b, "abcd"));
    assert_true(buf_printf(&b, "%d", 1234));
    assert_false(buf_append_str(&b, "x")); /* past the limit, unchanged */
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "abcd1234");
    size_t n;
    char *s = buf_steal(&b, &n);
    assert_int_equal(n, 8);
    assert_null(b.data);
    free(s);
}

static void test_strlist(void **state)
{
    struct strlist l = {0};
    char *empty = strlist_join(&l, ", ");
    assert_string_equal(empty, "");
    free(empty);
    strlist_push(&l, "a");
    strlist_push_owned(&l, xstrdup("b"));
    char *j = strlist_join(&l, ", ");
    assert_string_equal(j, "a, b");
    free(j);
    strlist_free(&l);
}

static void test_time(void **state)
{
    int64_t t;
    assert_true(time_parse_iso("2026-11-23T10:00:00Z", &t));
    assert_int_equal(t, 1795428000);
    assert_true(time_parse_iso("2026-11-23T12:00:00+02:00", &t));
    assert_int_equal(t, 1795428000);
    assert_true(time_parse_iso("2026-11-23 10:00:00.123Z", &t));
    assert_int_equal(t, 1795428000);
    assert_false(time_parse_iso("23/11/2026", &t));
    assert_false(time_parse_iso("2026-13-01T00:00:00Z", &t));
    char s[32];
    time_format_iso(1795428000, s, sizeof(s));
    assert_string_equal(s, "2026-11-23T10:00:00Z");
    time_format_human(1795428000, s, sizeof(s));
    assert_string_equal(s, "2026-11-23 10:00:00 UTC");
    assert_int_equal(time_days_left(1795428000 + 86400 * 2 + 5, 1795428000), 2);
    assert_int_equal(time_days_left(1795428000 - 1, 1795428000), 0);
    setenv("CERTDECK_NOW", "1795428000", 1);
    assert_int_equal(cd_now(), 1795428000);
    setenv("CERTDECK_NOW", "2026-11-23T10:00:00Z", 1);
    assert_int_equal(cd_now(), 1795428000);
    unsetenv("CERTDECK_NOW");
}

/* One days-left rule and its words, at the edges of each day. */
static void test_expiry_words(void **state)
{
    (void)state;
    const int64_t now = 1795428000, day = 86400;
    char w[32];
    assert_string_equal(time_expiry_words(now - 40 * day - 5, now, w, sizeof(w)), "expired 40 days ago");
    assert_string_equal(time_expiry_words(now - day, now, w, sizeof(w)), "expired 1 day ago");
    assert_string_equal(time_expiry_words(now - 5, now, w, sizeof(w)), "expired today");
    assert_string_equal(time_expiry_words(now, now, w, sizeof(w)), "expired today");
    assert_string_equal(time_expiry_words(now + 5, now, w, sizeof(w)), "expires today");
    assert_string_equal(time_expiry_words(now + day, now, w, sizeof(w)), "1 day left");
    assert_string_equal(time_expiry_words(now + 2 * day - 1, now, w, sizeof(w)), "1 day left");
    assert_string_equal(time_expiry_words(now + 2 * day, now, w, sizeof(w)), "2 days left");
    assert_int_equal(time_days_left(now + 2 * day - 1, now), 1);
    assert_int_equal(time_days_left(now - 40 * day - 5, now), -40);
    assert_int_equal(time_days_left(now - 5, now), 0);
}

/* The calendar arithmetic agrees with the C library from 1900 to 2200,
 * every day and a few seconds in each, both ways. */
static void test_time_calendar(void **state)
{
    char ours[32], libc[32];
    for (int64_t t = -2208988800LL; t < 7258118400LL; t += 86400 + 3607) {
        time_format_iso(t, ours, sizeof(ours));
        time_t tt = (time_t)t;
        struct tm tm;
        assert_non_null(gmtime_r(&tt, &tm));
        strftime(libc, sizeof(libc), "%Y-%m-%dT%H:%M:%SZ", &tm);
        assert_string_equal(ours, libc);
        int64_t back;
        assert_true(time_parse_iso(ours, &back));
        assert_int_equal(back, t);
    }
    time_format_iso(-62198755200LL - 86400, ours, sizeof(ours)); /* year -1 */
    assert_string_equal(ours, "?");
    time_format_iso(0, ours, 8); /* a short buffer is cut, still terminated */
    assert_string_equal(ours, "1970-01");
}

static void test_percent(void **state)
{
    (void)state;
    char *e = percent_encode("a b/ü~*-_.", 11);
    assert_string_equal(e, "a%20b%2F%C3%BC~%2A-_.");
    size_t n;
    char *d = percent_decode(e, strlen(e), &n);
    assert_int_equal(n, 11);
    assert_memory_equal(d, "a b/ü~*-_.", 11);
    free(e);
    free(d);
    /* a '%' without two hex digits stays; lower-case hex is read too */
    d = percent_decode("100%+%zz%4a%4", 13, &n);
    assert_string_equal(d, "100%+%zzJ%4");
    free(d);
    d = percent_decode("%00x", 4, &n); /* a NUL byte decodes; the length tells */
    assert_int_equal(n, 2);
    free(d);
}

static void test_punycode(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"xn--bcher-kva.example", "bücher.example"},
        {"www.xn--mnchen-3ya.de", "www.münchen.de"},
        {"*.xn--fiqs8s", "*.中国"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *u = idn_to_unicode(cases[i].in);
        assert_non_null(u);
        assert_string_equal(u, cases[i].out);
        free(u);
    }
    assert_null(idn_to_unicode("www.example.com")); /* nothing to decode */
}

static void test_file_read_errors(void **state)
{
    struct buf b = {0};
    struct cd_error err;
    assert_int_equal(file_read_all("/nonexistent/cert.pem", 100, &b, &err), CD_ERR_IO);
    assert_true(contains(err.message, "/nonexistent/cert.pem"));
    assert_int_equal(file_read_all("/tmp", 100, &b, &err), CD_ERR_IO);
    assert_true(contains(err.message, "directory"));
    assert_int_equal(file_read_all(fixture("leaf.pem"), 10, &b, &err), CD_ERR_TOO_LARGE);
    buf_free(&b);
}

static void test_file_write_atomic(void **state)
{
    char dir[] = "/tmp/certdeck-fileio-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/sub/state.json", dir);
    char *sub = xasprintf("%s/sub", dir);
    struct cd_error err;
    assert_int_equal(file_mkdirs(sub, 0700, &err), CD_OK);
    assert_int_equal(file_write_atomic(path, "old", 3, 0600, &err), CD_OK);
    assert_int_equal(file_write_atomic(path, "new!", 4, 0600, &err), CD_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    struct buf b = {0};
    assert_int_equal(file_read_all(path, 100, &b, &err), CD_OK);
    assert_string_equal(b.data, "new!");
    buf_free(&b);
    /* a write that cannot happen leaves the old file */
    assert_int_equal(chmod(sub, 0500), 0);
    if (geteuid() != 0) {
        assert_int_not_equal(file_write_atomic(path, "lost", 4, 0600, &err), CD_OK);
        assert_int_equal(file_read_all(path, 100, &b, &err), CD_OK);
        assert_string_equal(b.data, "new!");
        buf_free(&b);
    }
    chmod(sub, 0700);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
    free(path);
    free(sub);
}

static void test_error_record(void **state)
{
    struct cd_error err;
    assert_int_equal(cd_error_set(&err, CD_ERR_IO, "cannot open %s", "x.pem"), CD_ERR_IO);
    cd_error_prefix(&err, "upload");
    assert_string_equal(err.message, "upload: cannot open x.pem");
    assert_string_equal(cd_status_name(CD_ERR_BAD_PASSPHRASE), "bad_passphrase");
    assert_int_equal(cd_error_set(NULL, CD_ERR_USAGE, "ignored"), CD_ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_strlist),
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_expiry_words),
        cmocka_unit_test(test_time_calendar),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_punycode),
        cmocka_unit_test(test_file_read_errors),
        cmocka_unit_test(test_file_write_atomic),
        cmocka_unit_test(test_error_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* timeutil.c — UTC time helpers; never depends on the local time zone. */
#include "timeutil.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t cd_wall_clock(void)
{
    return (int64_t)time(NULL);
}

int64_t cd_now(void)
{
    const char *fake = getenv("CERTDECK_NOW");
    if (fake && *fake) {
        int64_t t;
        char *end;
        long long v = strtoll(fake, &end, 10);
        if (*end == '\0')
            return v;
        if (time_parse_iso(fake, &t))
            return t;
    }
    return (int64_t)time(NULL);
}

/* Howard Hinnant's algorithms (chrono-Compatible Low-Level Date Algorithms). */
int64_t time_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = (unsigned)(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static void put_digits(char *p, unsigned v, int n)
{
    while (n-- > 0) {
        p[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

void time_format_iso(int64_t t, char *out, size_t size)
{
    int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) {
        snprintf(out, size, "?");
        return;
    }
    /* by hand: gmtime_r + strftime are a visible cost over 10,000 rows */
    char text[] = "0000-00-00T00:00:00Z";
    put_digits(text, (unsigned)y, 4);
    put_digits(text + 5, m, 2);
    put_digits(text + 8, d, 2);
    put_digits(text + 11, (unsigned)(secs / 3600), 2);
    put_digits(text + 14, (unsigned)(secs / 60 % 60), 2);
    put_digits(text + 17, (unsigned)(secs % 60), 2);
    if (size >= sizeof(text)) {
        memcpy(out, text, sizeof(text));
    } else if (size > 0) { /* cut, still terminated */
        memcpy(out, text, size - 1);
        out[size - 1] = '\0';
    }
}

void time_format_human(int64_t t, char *out, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        snprintf(out, size, "?");
        return;
    }
    strftime(out, size, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static bool take_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

bool time_parse_iso(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec;
    const char *p = s;
    if (!take_digits(&p, 4, &y) || *p++ != '-' || !take_digits(&p, 2, &mo) || *p++ != '-' ||
        !take_digits(&p, 2, &d))
        return false;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return false;
    p++;
    if (!take_digits(&p, 2, &h) || *p++ != ':' || !take_digits(&p, 2, &mi) || *p++ != ':' ||
        !take_digits(&p, 2, &sec))
        return false;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    int offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1, oh, om;
        if (!take_digits(&p, 2, &oh))
            return false;
        if (*p == ':')
            p++;
        if (!take_digits(&p, 2, &om))
            return false;
        offset = sign * (oh * 3600 + om * 60);
    }
    if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return false;
    *out = time_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec -
           offset;
    return true;
}

/* Rounded toward zero, so that the number and the words agree both ways:
 * 30 days and an hour after expiry is -30, "expired 30 days ago". */
int64_t time_days_left(int64_t not_after, int64_t now)
{
    return (not_after - now) / 86400;
}

int64_t time_days_ago(int64_t t, int64_t now)
{
    return (now - t) / 86400;
}

const char *time_expiry_words(int64_t not_after, int64_t now, char *out, size_t size)
{
    if (not_after <= now) {
        int64_t ago = time_days_ago(not_after, now);
        if (ago == 0)
            snprintf(out, size, "expired today");
        else
            snprintf(out, size, "expired %" PRId64 " day%s ago", ago, ago == 1 ? "" : "s");
        return out;
    }
    int64_t left = time_days_left(not_after, now);
    if (left == 0)
        snprintf(out, size, "expires today");
    else
        snprintf(out, size, "%" PRId64 " day%s left", left, left == 1 ? "" : "s");
    return out;
}

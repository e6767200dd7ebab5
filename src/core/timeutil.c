/* timeutil.c — UTC time helpers; never depends on the local time zone. */
#include "timeutil.h"

#include <ctype.h>
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

void time_format_iso(int64_t t, char *out, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        snprintf(out, size, "?");
        return;
    }
    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
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
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                    .tm_hour = h, .tm_min = mi, .tm_sec = sec};
    *out = (int64_t)timegm(&tm) - offset;
    return true;
}

int64_t time_days_left(int64_t t, int64_t now)
{
    int64_t diff = t - now;
    int64_t days = diff / 86400;
    if (diff < 0 && diff % 86400)
        days--;
    return days;
}

int64_t time_days_ago(int64_t t, int64_t now)
{
    return now >= t ? (now - t) / 86400 : -time_days_left(t, now);
}

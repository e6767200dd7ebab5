/* timeutil.h — UTC timestamps: now, formatting, parsing, days left. */
#ifndef CD_TIMEUTIL_H
#define CD_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Seconds since the epoch. CERTDECK_NOW (epoch seconds or an ISO-8601 UTC
 * time) overrides the clock so expiry checks can be reproduced. */
int64_t cd_now(void);
/* The real clock, never CERTDECK_NOW: for what the other side checks
 * (signature dates, token lifetimes). */
int64_t cd_wall_clock(void);

/* "2026-11-23T10:00:00Z" into out (at least 21 bytes). */
void time_format_iso(int64_t t, char *out, size_t size);
/* "2026-11-23 10:00:00 UTC" into out (at least 24 bytes). */
void time_format_human(int64_t t, char *out, size_t size);

/* Parses ISO-8601/RFC 3339: "YYYY-MM-DDTHH:MM:SS[.frac][Z|±HH:MM]", also with a
 * space instead of T, and without a zone (taken as UTC). */
bool time_parse_iso(const char *s, int64_t *out);

/* Days since 1970-01-01 of a proleptic Gregorian date: plain arithmetic,
 * faster than timegm and blind to the time zone. */
int64_t time_days_from_civil(int64_t y, unsigned m, unsigned d);

/* The one days-left rule of every command and format (list, show, check,
 * inspect text and JSON): (not_after - now) / 86400 in whole days, rounded
 * toward zero: 0 on the day either side of expiry, -N N whole days after it. */
int64_t time_days_left(int64_t not_after, int64_t now);
/* Whole days since t, rounded toward zero (0 within the first day after t). */
int64_t time_days_ago(int64_t t, int64_t now);
/* The same rule in words, into out (at least 32 bytes): "expired 40 days ago",
 * "expired today", "expires today", "1 day left", "2 days left". Returns out. */
const char *time_expiry_words(int64_t not_after, int64_t now, char *out, size_t size);

#endif

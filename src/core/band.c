/* band.c — expiry bands and their marks. */
#include "band.h"

#include "timeutil.h"

enum expiry_band expiry_band_of(int64_t not_after, int64_t now, long warn_days, long crit_days)
{
    if (!not_after)
        return BAND_UNKNOWN;
    if (not_after <= now)
        return BAND_EXPIRED;
    int64_t days = time_days_left(not_after, now);
    if (days <= crit_days)
        return BAND_CRIT;
    return days <= warn_days ? BAND_WARN : BAND_FINE;
}

/* One row per band: UTF-8 mark, ASCII mark, name. */
static const struct {
    const char *utf8, *ascii, *name;
} band_marks[] = {
    [BAND_UNKNOWN] = {"?", "?", "unknown"},
    [BAND_FINE] = {"\u00b7", ".", "fine"},
    [BAND_WARN] = {"!", "!", "warn"},
    [BAND_CRIT] = {"\u203c", "!!", "crit"},
    [BAND_EXPIRED] = {"\u2717", "X", "expired"},
};

const char *expiry_band_mark(enum expiry_band band, bool utf8)
{
    return utf8 ? band_marks[band].utf8 : band_marks[band].ascii;
}

const char *expiry_band_name(enum expiry_band band)
{
    return band_marks[band].name;
}

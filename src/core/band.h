/* band.h — how urgent a certificate's expiry is (expired, critical, warning,
 * fine) and the mark that says so in text, for every front end. */
#ifndef CD_BAND_H
#define CD_BAND_H

#include <stdbool.h>
#include <stdint.h>

enum expiry_band {
    BAND_UNKNOWN,   /* no expiry known */
    BAND_FINE,
    BAND_WARN,      /* within warn_days */
    BAND_CRIT,      /* within crit_days */
    BAND_EXPIRED,
};

/* The band of an expiry (UTC seconds, 0 = unknown) at `now`, by the whole
 * days left (time_days_left): ≤ crit_days is critical, ≤ warn_days a warning. */
enum expiry_band expiry_band_of(int64_t not_after, int64_t now, long warn_days, long crit_days);
/* The text mark of a band: ✗ ‼ ! · (?) in UTF-8, X !! ! . (?) in ASCII. */
const char *expiry_band_mark(enum expiry_band band, bool utf8);
/* A stable name for scripts: "unknown", "fine", "warn", "crit", "expired". */
const char *expiry_band_name(enum expiry_band band);

#endif

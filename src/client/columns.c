/* columns.c — the certificate list's columns, one row each. */
#include "columns.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/band.h"
#include "../core/timeutil.h"
#include "../services/service.h"

static void get_status(const struct cert_record *r, const struct column_ctx *cx, struct buf *out)
{
    enum expiry_band b = expiry_band_of(r->not_after, cx->now, cx->warn_days, cx->crit_days);
    buf_append_str(out, expiry_band_mark(b, cx->utf8));
}

static void get_service(const struct cert_record *r, const struct column_ctx *cx, struct buf *out)
{
    (void)cx;
    buf_append_str(out, services[r->service]->id);
}

static void get_days(const struct cert_record *r, const struct column_ctx *cx, struct buf *out)
{
    if (r->not_after)
        buf_printf(out, "%" PRId64, time_days_left(r->not_after, cx->now));
    else if (cx->for_people)
        buf_append_str(out, "?");
}

static void get_expires(const struct cert_record *r, const struct column_ctx *cx, struct buf *out)
{
    if (!r->not_after)
        return;
    char iso[32];
    time_format_iso(r->not_after, iso, sizeof(iso));
    /* the days column says how soon: the date is enough for people */
    buf_append(out, iso, cx->for_people ? strcspn(iso, "T") : strlen(iso));
}

static void get_domains(const struct cert_record *r, const struct column_ctx *cx, struct buf *out)
{
    for (size_t i = 0; i < r->domains.count; i++) {
        if (i)
            buf_append_str(out, cx->for_people ? ", " : ",");
        buf_append_str(out, r->domains.items[i]);
    }
}

/* Why the detail request failed: "HTTP 429 APIGW.0308" (table) or with the message (TSV). */
static void get_detail_error(const struct cert_record *r, const struct column_ctx *cx, struct buf *out)
{
    if (!r->detail_failed)
        return;
    buf_append_str(out, "details failed: ");
    if (r->detail_status)
        buf_printf(out, "HTTP %d", r->detail_status);
    else
        buf_append_str(out, "no answer");
    if (*r->detail_error_code)
        buf_printf(out, " %s", r->detail_error_code);
    if (!cx->for_people || !r->detail_status)
        buf_printf(out, ": %s", r->detail_error_msg);
}

#define TEXT_GETTER(field)                                                                         \
    static void get_##field(const struct cert_record *r, const struct column_ctx *cx,              \
                            struct buf *out)                                                       \
    {                                                                                              \
        (void)cx;                                                                                  \
        buf_append_str(out, r->field);                                                             \
    }
TEXT_GETTER(name)
TEXT_GETTER(common_name)
TEXT_GETTER(id)
TEXT_GETTER(type)
TEXT_GETTER(scope)
TEXT_GETTER(fingerprint)

/* In display order. fold: scope goes first, then type, then id, … name never. */
const struct column columns[] = {
    /* name           header          cut            min max fold dflt  hide  right getter */
    {"status",       "",             COLUMN_FIXED,   1,  0,  0, true,  false, false, get_status},
    {"service",      "SVC",          COLUMN_FIXED,   3,  0,  0, true,  false, false, get_service},
    {"days",         "DAYS",         COLUMN_FIXED,   4,  0,  0, true,  false, true,  get_days},
    {"name",         "NAME",         COLUMN_TEXT,    8, 40,  0, true,  false, false, get_name},
    {"common_name",  "COMMON NAME",  COLUMN_TEXT,   10, 40,  7, true,  false, false, get_common_name},
    {"expires",      "EXPIRES",      COLUMN_FIXED,  10,  0,  6, true,  false, false, get_expires},
    {"domains",      "DOMAINS",      COLUMN_TEXT,   10, 60,  4, false, false, false, get_domains},
    {"type",         "TYPE",         COLUMN_TEXT,    4, 12,  2, true,  true,  false, get_type},
    {"id",           "ID",           COLUMN_PREFIX,  8,  0,  3, true,  false, false, get_id},
    {"scope",        "SCOPE",        COLUMN_PREFIX,  8,  0,  1, true,  true,  false, get_scope},
    {"fingerprint",  "FINGERPRINT",  COLUMN_PREFIX, 12,  0,  4, false, false, false, get_fingerprint},
    {"detail_error", "PROBLEM",      COLUMN_TEXT,   12, 40,  8, true,  true,  false, get_detail_error},
};
const size_t column_count = sizeof(columns) / sizeof(columns[0]);

int column_find(const char *name)
{
    for (size_t i = 0; i < column_count; i++)
        if (strcmp(columns[i].name, name) == 0)
            return (int)i;
    return -1;
}

void column_names(char *out, size_t size)
{
    size_t used = 0;
    for (size_t i = 0; i < column_count && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", columns[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
}

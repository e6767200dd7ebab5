/* records-csv.c — certificate records as CSV (`list --csv`), RFC 4180 quoting. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../services/service.h"
#include "records-out.h"

static void csv_field(FILE *out, const char *s)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* "HTTP 429 CODE: message" (or "no answer: why") of a failed detail request. */
static void csv_detail_error(FILE *out, const struct cert_record *r)
{
    char text[512];
    if (r->detail_status)
        snprintf(text, sizeof(text), "HTTP %d %s: %s", r->detail_status,
                 *r->detail_error_code ? r->detail_error_code : "-", r->detail_error_msg);
    else
        snprintf(text, sizeof(text), "no answer: %s", r->detail_error_msg);
    csv_field(out, text);
}

void records_print_csv(const struct record_list *l, int64_t now, bool headers, FILE *out)
{
    if (headers)
        fputs("service,id,name,common_name,domains,not_after,days_left,fingerprint,scope,"
              "detail_error\n", out);
    for (size_t i = 0; i < l->count; i++) {
        const struct cert_record *r = &l->items[i];
        char *domains = strlist_join(&r->domains, " ");
        char when[32] = "";
        if (r->not_after)
            time_format_iso(r->not_after, when, sizeof(when));
        const char *fields[] = {services[r->service]->id, r->id, r->name, r->common_name, domains,
                                when};
        for (size_t k = 0; k < 6; k++) {
            csv_field(out, fields[k]);
            fputc(',', out);
        }
        if (r->not_after)
            fprintf(out, "%" PRId64, time_days_left(r->not_after, now));
        fputc(',', out);
        csv_field(out, r->fingerprint);
        fputc(',', out);
        csv_field(out, r->scope);
        fputc(',', out);
        if (r->detail_failed)
            csv_detail_error(out, r);
        fputc('\n', out);
        free(domains);
    }
}

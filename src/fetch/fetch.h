/* fetch.h — reads every target's certificates into one sorted list. A failed
 * service does not stop the others: its error is reported beside the records,
 * and so is every detail request that failed (a WAF show). */
#ifndef CD_FETCH_H
#define CD_FETCH_H

#include <stdio.h>

#include "../client/client.h"
#include "../core/record.h"

#define FETCH_DETAIL_KINDS 4 /* distinct reasons kept per target; the rest are counted */

/* Detail requests of one target that failed for the same reason. */
struct fetch_detail_failure {
    int http_status;           /* 0: no answer */
    char error_code[64];
    char error_msg[160];
    size_t count;
};

struct fetch_outcome {
    int service;
    const char *scope;
    cd_status status;          /* of the list itself */
    struct cd_error err;
    size_t records;
    size_t details_failed;     /* records whose detail request failed */
    struct fetch_detail_failure kinds[FETCH_DETAIL_KINDS];
    size_t kind_count;
};

struct fetch_report {
    struct fetch_outcome *items;
    size_t count;
    size_t failed;             /* targets whose list failed */
    size_t details_failed;     /* records whose detail request failed, over all targets */
};

/* service_mask: bit per service index to read (0 = every enabled one). */
void fetch_all(struct client *c, unsigned service_mask, struct record_list *out,
               struct fetch_report *report);
/* No target could be read at all (and at least one was tried). */
bool fetch_report_nothing_read(const struct fetch_report *r);
/* One line on `out` per target whose list failed, and one per target with
 * failed detail requests (how many, and why); true when anything failed. */
bool fetch_report_print(const struct fetch_report *r, const char *command, FILE *out);
void fetch_report_free(struct fetch_report *r);

#endif

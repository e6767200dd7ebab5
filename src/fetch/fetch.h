/* fetch.h — reads every target's certificates into one sorted list. A failed
 * service does not stop the others: its error is reported beside the records. */
#ifndef CD_FETCH_H
#define CD_FETCH_H

#include "../client/client.h"
#include "../core/record.h"

struct fetch_outcome {
    int service;
    const char *scope;
    cd_status status;
    struct cd_error err;
    size_t records;
};

struct fetch_report {
    struct fetch_outcome *items;
    size_t count;
    size_t failed;
};

/* service_mask: bit per service index to read (0 = every enabled one). */
void fetch_all(struct client *c, unsigned service_mask, struct record_list *out,
               struct fetch_report *report);
void fetch_report_free(struct fetch_report *r);

#endif

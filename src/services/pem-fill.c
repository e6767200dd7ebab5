/* pem-fill.c — fills what a service left out of a record (expiry, names,
 * fingerprint) from the certificate PEM it returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../x509/pem.h"
#include "../x509/summary.h"
#include "pem-fill.h"

void svc_fill_from_pem(struct cert_record *r, const char *given)
{
    if (!given || !*given)
        return;
    if (pem_is_normal(given)) { /* the usual case: one copy, not two */
        record_set_pem(r, given);
    } else {
        char *normal = pem_normalize(given);
        record_set_pem(r, normal);
        free(normal);
    }
    const char *pem = r->pem;
    /* what the service gave is enough for the list (its not_before, when it
     * has none, is in the decoded certificate): lists stay one decode each */
    if (r->not_after && *r->common_name && r->domains.count && *r->fingerprint)
        return;
    struct x509_summary sum;
    if (!x509_summary_load(pem, strlen(pem), &sum))
        return; /* a damaged PEM stays visible as such in the detail view */
    if (!r->not_after)
        r->not_after = sum.not_after;
    if (!r->not_before)
        r->not_before = sum.not_before;
    if (!*r->common_name && sum.common_name)
        record_set(r, &r->common_name, sum.common_name);
    if (!r->domains.count)
        for (size_t i = 0; i < sum.dns.count; i++)
            record_add_domain(r, sum.dns.items[i]);
    if (!*r->fingerprint)
        record_set(r, &r->fingerprint, sum.sha1);
    x509_summary_free(&sum);
}

/* pem-fill.c — fills what a service left out of a record (expiry, names,
 * fingerprint) from the certificate PEM it returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../x509/cert.h"
#include "../x509/pem.h"
#include "pem-fill.h"

void svc_fill_from_pem(struct cert_record *r)
{
    if (!r->pem || !*r->pem)
        return;
    char *pem = pem_normalize(r->pem);
    free(r->pem);
    r->pem = pem;
    if (r->not_after && *r->common_name && r->domains.count && *r->fingerprint)
        return;
    struct x509_certs certs;
    struct cd_error err;
    if (x509_certs_from_mem(pem, strlen(pem), r->name, &certs, &err) != CD_OK)
        return; /* a damaged PEM stays visible as such in the detail view */
    const struct x509_cert *c = &certs.items[0];
    if (!r->not_after) {
        r->not_after = c->not_after;
        r->not_before = c->not_before;
    }
    if (!*r->common_name && x509_cert_common_name(c))
        record_set(&r->common_name, x509_cert_common_name(c));
    if (!r->domains.count)
        for (size_t i = 0; i < c->san_count; i++)
            if (c->sans[i].kind == X509_SAN_DNS)
                strlist_push(&r->domains, c->sans[i].value);
    if (!*r->fingerprint) {
        char hex[41];
        size_t n = 0;
        for (const char *p = c->sha1; *p && n < 40; p++)
            if (*p != ':')
                hex[n++] = (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
        hex[n] = '\0';
        record_set(&r->fingerprint, hex);
    }
    x509_certs_free(&certs);
}

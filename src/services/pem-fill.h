/* pem-fill.h — completing a record from its PEM. */
#ifndef CD_PEM_FILL_H
#define CD_PEM_FILL_H

#include "../core/record.h"

/* Keeps the certificate text a service returned (NULL or "": none) as r->pem,
 * normalised, and fills not_after, common name, domains and fingerprint from
 * it when the service did not give them. */
void svc_fill_from_pem(struct cert_record *r, const char *pem);

#endif

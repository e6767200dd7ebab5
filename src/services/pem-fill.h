/* pem-fill.h — completing a record from its PEM. */
#ifndef CD_PEM_FILL_H
#define CD_PEM_FILL_H

#include "../core/record.h"

/* Normalises r->pem and fills not_after, common name, domains and fingerprint
 * when the service did not give them. */
void svc_fill_from_pem(struct cert_record *r);

#endif

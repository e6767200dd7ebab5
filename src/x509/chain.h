/* chain.h — how the certificates of one file relate: order, links, root. */
#ifndef CD_X509_CHAIN_H
#define CD_X509_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "cert.h"

struct x509_chain {
    size_t layers;           /* number of certificates */
    bool *issued_by_next;    /* [i]: certs[i] names certs[i+1] as issuer and its signature verifies */
    bool in_order;           /* every link holds (leaf first, each followed by its issuer) */
    bool reorderable;        /* not in order, but some order of the same certificates is */
    size_t *order;           /* that order (indices into certs), when reorderable */
    size_t broken_at;        /* first i whose link to i+1 fails when not reorderable, else SIZE_MAX */
    bool ends_in_root;       /* the last certificate (in the good order) is self-signed */
};

/* Analyses certs in file order. A single certificate is trivially in order. */
void x509_chain_analyze(const struct x509_certs *certs, struct x509_chain *out);
void x509_chain_free(struct x509_chain *chain);

#endif

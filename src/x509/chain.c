/* chain.c — checks each certificate against the next and finds the right order. */
#include "chain.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"

/* Builds leaf → root by following issuers from the one certificate that
 * issued none of the others. Returns true when that walk uses them all. */
static bool find_order(const struct x509_certs *certs, const bool *issued, size_t *order)
{
    size_t n = certs->count;
    size_t leaf = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        bool issues_other = false;
        for (size_t j = 0; j < n && !issues_other; j++)
            issues_other = j != i && issued[j * n + i];
        if (!issues_other) {
            if (leaf != SIZE_MAX)
                return false; /* two leaves: unrelated certificates */
            leaf = i;
        }
    }
    if (leaf == SIZE_MAX)
        return false;
    bool *used = xcalloc(n, sizeof(*used));
    size_t cur = leaf, k = 0;
    order[k++] = cur;
    used[cur] = true;
    while (k < n) {
        size_t next = SIZE_MAX;
        for (size_t j = 0; j < n && next == SIZE_MAX; j++)
            if (!used[j] && issued[cur * n + j])
                next = j;
        if (next == SIZE_MAX)
            break;
        order[k++] = next;
        used[next] = true;
        cur = next;
    }
    free(used);
    return k == n;
}

void x509_chain_analyze(const struct x509_certs *certs, struct x509_chain *out)
{
    memset(out, 0, sizeof(*out));
    size_t n = certs->count;
    out->layers = n;
    out->broken_at = SIZE_MAX;
    out->issued_by_next = xcalloc(n ? n : 1, sizeof(bool));
    out->in_order = true;
    for (size_t i = 0; i + 1 < n; i++) {
        out->issued_by_next[i] = x509_cert_issued_by(&certs->items[i], &certs->items[i + 1]);
        if (!out->issued_by_next[i] && out->in_order) {
            out->in_order = false;
            out->broken_at = i;
        }
    }
    if (n && out->in_order) {
        out->ends_in_root = certs->items[n - 1].self_signed;
        return;
    }
    /* issued[i*n+j]: certs[j] issued certs[i] */
    bool *issued = xcalloc(n * n, sizeof(*issued));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            issued[i * n + j] = i != j && x509_cert_issued_by(&certs->items[i], &certs->items[j]);
    size_t *order = xcalloc(n, sizeof(*order));
    if (find_order(certs, issued, order)) {
        out->reorderable = true;
        out->order = order;
        out->broken_at = SIZE_MAX;
        out->ends_in_root = certs->items[order[n - 1]].self_signed;
    } else {
        free(order);
    }
    free(issued);
}

void x509_chain_free(struct x509_chain *chain)
{
    free(chain->issued_by_next);
    free(chain->order);
    memset(chain, 0, sizeof(*chain));
}

/* resolve.h — the certificate a person means by an id, a unique id prefix or
 * a unique name, within one service and scope (for the commands and the TUI). */
#ifndef CD_RESOLVE_H
#define CD_RESOLVE_H

#include <stdbool.h>

#include "../core/record.h"
#include "../services/service.h"

#define RESOLVE_PREFIX_MIN 4 /* shorter prefixes are too easy to mistype into another id */

enum resolve_outcome {
    RESOLVE_FOUND,      /* id holds the full id */
    RESOLVE_AMBIGUOUS,  /* matches holds every candidate */
    RESOLVE_NONE,       /* nothing has that id, prefix or name */
};

struct resolve_result {
    enum resolve_outcome outcome;
    char *id;                     /* RESOLVE_FOUND: heap copy */
    struct record_list matches;   /* RESOLVE_AMBIGUOUS, soonest expiry first */
};

/* Whether s has the shape of a whole certificate id: 32 hex digits or a UUID. */
bool cert_id_is_full(const char *s);
/* Resolves query by listing ctx's service and scope: an exact id, else a
 * unique name, else a unique id prefix (≥ RESOLVE_PREFIX_MIN characters,
 * any case). A whole id is taken as given without listing, so the API
 * answers for it (404 when it does not exist). CD_OK with *out filled, or
 * the list's error in ctx->err. */
cd_status cert_resolve(struct svc_ctx *ctx, const char *query, struct resolve_result *out);
void resolve_result_free(struct resolve_result *r);

#endif

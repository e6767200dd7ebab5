/* resolve-arg.h — the ID argument of show, update and delete: an id, a unique
 * id prefix or a unique name, resolved within the command's service and scope. */
#ifndef CD_RESOLVE_ARG_H
#define CD_RESOLVE_ARG_H

#include <stdbool.h>
#include <stddef.h>

#include "../services/service.h"

#define CERT_ID_ARG_MAX 128

/* Writes the full id meant by `query` into id. When there is none or more
 * than one, or the list fails, prints why (every candidate with service,
 * scope, id and expiry) and returns false with the exit code in *exit_code
 * (2 for none or several, 1 when the service could not be read). */
bool cli_resolve_id(const char *command, struct svc_ctx *ctx, const char *query, char *id,
                    size_t id_size, int *exit_code);

#endif

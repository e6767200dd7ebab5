/* target.h — picking the (service, scope) a one-certificate command acts on. */
#ifndef CD_TARGET_H
#define CD_TARGET_H

#include "client.h"

/* The target of `service` with scope `scope` (NULL: the first one configured);
 * NULL with a message when the profile does not read that service/scope. */
const struct client_target *target_pick(struct client *c, int service, const char *scope,
                                        struct cd_error *err);

#endif

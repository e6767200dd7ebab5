/* target.h — picking the (service, scope) a one-certificate command acts on. */
#ifndef CD_TARGET_H
#define CD_TARGET_H

#include "client.h"

/* The target of `service` with scope `scope` (NULL: the first one configured).
 * A scope the profile does not list (any ROMA instance or CAE environment id)
 * gets a target of its own. NULL with a message when the profile cannot read
 * that service. */
const struct client_target *target_pick(struct client *c, int service, const char *scope,
                                        struct cd_error *err);

/* True, with a message naming the profile and what to set, when the profile
 * cannot read `service`: not set up (no ROMA instance / CAE environment), not
 * offered in its region, no region. A service not enabled counts only when
 * `asked` (named with --service or as a command's SERVICE). */
bool target_unready(const struct client *c, int service, bool asked, struct cd_error *err);
/* The first service from index `from` on that the profile cannot read, among
 * those in mask (a bit per service; 0 = every enabled one), with its message;
 * -1 when there is none left. */
int target_next_unready(const struct client *c, unsigned mask, int from, struct cd_error *err);

#endif

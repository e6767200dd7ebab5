/* target.c — finds the service/scope pair a command names. */
#include "target.h"

#include <string.h>

const struct client_target *target_pick(struct client *c, int service, const char *scope,
                                        struct cd_error *err)
{
    for (size_t i = 0; i < c->target_count; i++) {
        const struct client_target *t = &c->targets[i];
        if (t->service == service && (!scope || (t->scope && strcmp(t->scope, scope) == 0)))
            return t;
    }
    const struct service_ops *ops = services[service];
    if (scope)
        cd_error_set(err, CD_ERR_CONFIG, "%s: %s is not among the %s of this profile", ops->id,
                     scope, service == service_find("apic") ? "ROMA instances (apic_instances)"
                                                            : "CAE environments (cae_environments)");
    else if (ops->caps & SVC_CAP_NEEDS_SCOPE)
        cd_error_set(err, CD_ERR_CONFIG, "%s is not set up in this profile: set %s in the config "
                     "file", ops->id, service == service_find("apic") ? "apic_instances" : "cae_environments");
    else
        cd_error_set(err, CD_ERR_CONFIG, "%s is not enabled in this profile (services = …)", ops->id);
    return NULL;
}

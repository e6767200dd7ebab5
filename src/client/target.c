/* target.c — finds the service/scope pair a command names, and says what a
 * profile lacks to read a service. */
#include "target.h"

#include <string.h>

#include "../core/xalloc.h"

/* The setting that lists a scoped service's scopes, and what those are. */
static const struct scope_setting {
    const char *service, *setting, *what;
} scope_settings[] = {
    {"apic", "apic_instances", "ROMA Connect instance ids"},
    {"cae", "cae_environments", "CAE environment ids"},
};

static const struct scope_setting *scope_setting_of(int service)
{
    for (size_t i = 0; i < sizeof(scope_settings) / sizeof(scope_settings[0]); i++)
        if (strcmp(scope_settings[i].service, services[service]->id) == 0)
            return &scope_settings[i];
    return NULL;
}

/* A target for a scope the profile does not list: the id is taken as given
 * (the service itself says whether it exists). */
static const struct client_target *add_scope_target(struct client *c, int service, const char *scope)
{
    char *url = config_endpoint(&c->profile, services[service]->id);
    if (!url)
        return NULL;
    c->targets = xreallocarray(c->targets, c->target_count + 1, sizeof(*c->targets));
    c->targets[c->target_count] = (struct client_target){service, xstrdup(scope), url};
    return &c->targets[c->target_count++];
}

const struct client_target *target_pick(struct client *c, int service, const char *scope,
                                        struct cd_error *err)
{
    const struct service_ops *ops = services[service];
    if (scope && !(ops->caps & SVC_CAP_NEEDS_SCOPE)) {
        cd_error_set(err, CD_ERR_CONFIG, "%s has no scope: --scope is for apic (a ROMA Connect "
                     "instance) and cae (a CAE environment)", ops->id);
        return NULL;
    }
    for (size_t i = 0; i < c->target_count; i++) {
        const struct client_target *t = &c->targets[i];
        if (t->service == service && (!scope || (t->scope && strcmp(t->scope, scope) == 0)))
            return t;
    }
    if (scope && profile_service_enabled(&c->profile, ops->id)) {
        const struct client_target *t = add_scope_target(c, service, scope);
        if (t)
            return t;
    }
    if (!target_unready(c, service, true, err))
        cd_error_set(err, CD_ERR_CONFIG, "%s cannot be read with profile \"%s\"", ops->id,
                     c->profile.name);
    return NULL;
}

bool target_unready(const struct client *c, int service, bool asked, struct cd_error *err)
{
    const struct service_ops *ops = services[service];
    const struct profile *p = &c->profile;
    const struct scope_setting *scope = scope_setting_of(service);
    switch (profile_service_state(p, ops->id)) {
    case CFG_SVC_READY:
        return false;
    case CFG_SVC_DISABLED:
        if (!asked)
            return false;
        cd_error_set(err, CD_ERR_CONFIG, "%s is not enabled in profile \"%s\": add it to services "
                     "(services = …)", ops->id, p->name);
        return true;
    case CFG_SVC_NO_REGION:
        cd_error_set(err, CD_ERR_CONFIG, "%s cannot be reached: profile \"%s\" sets neither region "
                     "nor endpoint", ops->id, p->name);
        return true;
    case CFG_SVC_NOT_OFFERED:
        cd_error_set(err, CD_ERR_CONFIG, "%s is not offered in region %s: set endpoint_%s in "
                     "profile \"%s\", or remove %s from its services", ops->id,
                     p->region ? p->region : "?", ops->id, p->name, ops->id);
        return true;
    case CFG_SVC_NOT_SET_UP:
        cd_error_set(err, CD_ERR_CONFIG, "%s is not set up in profile \"%s\": set %s (%s), or "
                     "remove %s from its services", ops->id, p->name,
                     scope ? scope->setting : "its scopes", scope ? scope->what : "ids",
                     ops->id);
        return true;
    }
    return false;
}

int target_next_unready(const struct client *c, unsigned mask, int from, struct cd_error *err)
{
    for (int s = from < 0 ? 0 : from; (size_t)s < service_count; s++) {
        bool asked = mask & (1u << s);
        if (mask && !asked)
            continue;
        if (target_unready(c, s, asked, err))
            return s;
    }
    return -1;
}

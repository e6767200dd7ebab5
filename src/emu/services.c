/* services.c — the table of emulated services, route matching, and helpers
 * the services' handlers share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/xalloc.h"
#include "emu-internal.h"

const struct emu_service *const emu_services[EMU_SVC_COUNT] = {
    [EMU_ELB] = &emu_service_elb,
    [EMU_WAF] = &emu_service_waf,
    [EMU_APIC] = &emu_service_apic,
    [EMU_CAE] = &emu_service_cae,
};

/* Matches "/v3/{project_id}/elb/certificates/{id}" against a path, segment by
 * segment; placeholders capture one non-empty segment each. */
static bool pattern_match(const char *pattern, const char *path, struct emu_req *req)
{
    size_t n = 0;
    const char *p = pattern, *s = path;
    char *captured[4] = {NULL};
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            const char *slash = strchr(s, '/');
            size_t len = slash ? (size_t)(slash - s) : strlen(s);
            if (!close || len == 0 || n == 4)
                goto no;
            captured[n++] = xstrndup(s, len);
            p = close + 1;
            s += len;
        } else if (*p == *s) {
            p++;
            s++;
        } else {
            goto no;
        }
    }
    if (*s == '/' && s[1] == '\0') /* a trailing slash is tolerated */
        s++;
    if (*p || *s)
        goto no;
    for (size_t i = 0; i < req->param_count; i++)
        free(req->params[i]);
    for (size_t i = 0; i < n; i++)
        req->params[i] = captured[i];
    req->param_count = n;
    return true;
no:
    for (size_t i = 0; i < n; i++)
        free(captured[i]);
    return false;
}

const struct emu_route *emu_route_find(const char *method, const char *path,
                                       const struct emu_service **svc, struct emu_req *req,
                                       bool *path_known)
{
    *path_known = false;
    for (int k = 0; k < EMU_SVC_COUNT; k++)
        for (const struct emu_route *r = emu_services[k]->routes; r->method; r++) {
            if (!pattern_match(r->pattern, path, req))
                continue;
            *path_known = true;
            if (strcmp(r->method, method) == 0) {
                *svc = emu_services[k];
                return r;
            }
        }
    return NULL;
}

cJSON *emu_body_json(const struct emu_ctx *ctx)
{
    if (!ctx->req->body || ctx->req->body_len == 0)
        return NULL;
    cJSON *o = cJSON_ParseWithLength(ctx->req->body, ctx->req->body_len);
    if (o && !cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

const char *emu_json_str(const cJSON *obj, const char *name, bool *present)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (present)
        *present = v != NULL;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

void emu_iso_time(int64_t t, char out[21])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static bool in_list(const struct strlist *l, const char *v)
{
    for (size_t i = 0; v && i < l->count; i++)
        if (strcmp(l->items[i], v) == 0)
            return true;
    return false;
}

bool emu_apic_instance_known(const struct emu *emu, const char *instance_id)
{
    return in_list(&emu->cfg->apic_instances, instance_id);
}

bool emu_cae_environment_known(const struct emu *emu, const char *environment_id)
{
    return in_list(&emu->cfg->cae_environments, environment_id);
}

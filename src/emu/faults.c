/* faults.c — picks faults from a seeded generator (settings from the command
 * line or POST /_emu/faults), limits request rates per client, and counts
 * requests for /_emu/stats. */
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../core/xalloc.h"
#include "emu-internal.h"

static const char *const fault_names[EMU_FAULT_COUNT] = {
#define EMU_FAULT_NAME(id, name) [id] = name,
    EMU_FAULT_LIST(EMU_FAULT_NAME)
#undef EMU_FAULT_NAME
};

const char *emu_fault_name(enum emu_fault f) { return f < EMU_FAULT_COUNT ? fault_names[f] : "none"; }

bool emu_fault_parse_list(const char *list, unsigned *mask, char *bad, size_t bad_size)
{
    *mask = 0;
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        bool known = false;
        for (int f = 0; f < EMU_FAULT_COUNT; f++)
            if (strlen(fault_names[f]) == len && strncmp(fault_names[f], p, len) == 0) {
                *mask |= 1u << f;
                known = true;
            }
        if (!known) {
            snprintf(bad, bad_size, "%.*s", (int)len, p);
            return false;
        }
        p += len + (comma ? 1 : 0);
    }
    return true;
}

void emu_faults_init(struct emu_faults *f, uint64_t seed)
{
    memset(f, 0, sizeof(*f));
    pthread_mutex_init(&f->lock, NULL);
    f->rng = seed ? seed : 0x9E3779B97F4A7C15ull;
}

void emu_faults_free(struct emu_faults *f)
{
    free(f->routes);
    free(f->buckets);
    pthread_mutex_destroy(&f->lock);
}

/* xorshift64*: small, fast, and the same sequence for the same seed. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

enum emu_fault emu_faults_pick(struct emu *emu, enum emu_svc svc)
{
    const struct emu_fault_config *cfg = &emu->cfg->faults;
    struct emu_faults *f = &emu->faults;
    pthread_mutex_lock(&f->lock);
    double rate = f->live ? f->live_rate : cfg->rate;
    unsigned mask = f->live ? f->live_mask : cfg->mask;
    if (rate <= 0 || (f->live && f->live_services && !(f->live_services & (1u << svc)))) {
        pthread_mutex_unlock(&f->lock);
        return EMU_FAULT_NONE;
    }
    if (!mask)
        mask = (1u << EMU_FAULT_COUNT) - 1;
    double r = (double)(next_random(&f->rng) >> 11) / (double)(1ull << 53);
    enum emu_fault pick = EMU_FAULT_NONE;
    if (r < rate) {
        int allowed[EMU_FAULT_COUNT], n = 0;
        for (int k = 0; k < EMU_FAULT_COUNT; k++)
            if (mask & (1u << k))
                allowed[n++] = k;
        pick = (enum emu_fault)allowed[next_random(&f->rng) % (uint64_t)n];
    }
    pthread_mutex_unlock(&f->lock);
    return pick;
}

bool emu_rate_limited(struct emu *emu, const char *client, unsigned *retry_after)
{
    unsigned limit = emu->cfg->faults.rate_limit;
    if (!limit)
        return false;
    int64_t now = cd_now();
    struct emu_faults *f = &emu->faults;
    pthread_mutex_lock(&f->lock);
    struct emu_rate_bucket *b = NULL;
    for (size_t i = 0; i < f->bucket_count && !b; i++)
        if (strcmp(f->buckets[i].client, client) == 0)
            b = &f->buckets[i];
    if (!b) {
        f->buckets = xreallocarray(f->buckets, f->bucket_count + 1, sizeof(*f->buckets));
        b = &f->buckets[f->bucket_count++];
        memset(b, 0, sizeof(*b));
        snprintf(b->client, sizeof(b->client), "%s", client);
    }
    if (b->second != now) {
        b->second = now;
        b->count = 0;
    }
    bool limited = ++b->count > limit;
    if (limited)
        f->rate_limited++;
    pthread_mutex_unlock(&f->lock);
    *retry_after = 1;
    return limited;
}

void emu_faults_set(struct emu *emu, const struct emu_req *req, struct emu_resp *resp)
{
    const char *rate_s = emu_query(req, "rate"), *kinds = emu_query(req, "faults");
    const char *svcs = emu_query(req, "services");
    char *end = NULL;
    double rate = rate_s ? strtod(rate_s, &end) : -1;
    if (!rate_s || !*rate_s || *end || !(rate >= 0 && rate <= 1)) {
        emu_resp_error(resp, 400, "EMU.0001", "rate must be a number from 0 to 1");
        return;
    }
    unsigned mask = 0, services = 0;
    char bad[64];
    if (kinds && *kinds && !emu_fault_parse_list(kinds, &mask, bad, sizeof(bad))) {
        emu_resp_error(resp, 400, "EMU.0002", "unknown fault \"%s\"", bad);
        return;
    }
    for (const char *p = svcs ? svcs : ""; *p;) {
        size_t len = strcspn(p, ",");
        char name[16];
        snprintf(name, sizeof(name), "%.*s", (int)(len < 15 ? len : 15), p);
        enum emu_svc s;
        if (!emu_svc_from_name(name, &s)) {
            emu_resp_error(resp, 400, "EMU.0003", "unknown service \"%s\"", name);
            return;
        }
        services |= 1u << s;
        p += len + (p[len] == ',');
    }
    struct emu_faults *f = &emu->faults;
    pthread_mutex_lock(&f->lock);
    f->live = true;
    f->live_rate = rate;
    f->live_mask = mask;
    f->live_services = services;
    pthread_mutex_unlock(&f->lock);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "rate", rate);
    cJSON *k = cJSON_AddArrayToObject(o, "faults");
    for (int i = 0; i < EMU_FAULT_COUNT; i++)
        if (!mask || (mask & (1u << i)))
            cJSON_AddItemToArray(k, cJSON_CreateString(fault_names[i]));
    cJSON *sv = cJSON_AddArrayToObject(o, "services");
    for (int i = 0; i < EMU_SVC_COUNT; i++)
        if (!services || (services & (1u << i)))
            cJSON_AddItemToArray(sv, cJSON_CreateString(emu_svc_name((enum emu_svc)i)));
    emu_resp_json(resp, 200, o);
}

void emu_faults_count(struct emu *emu, const char *route, int status, enum emu_fault fault)
{
    struct emu_faults *f = &emu->faults;
    pthread_mutex_lock(&f->lock);
    f->requests++;
    if (fault < EMU_FAULT_COUNT)
        f->by_fault[fault]++;
    if (status >= 100 && status < 600)
        f->by_status[status / 100]++;
    struct emu_route_stat *r = NULL;
    for (size_t i = 0; i < f->route_count && !r; i++)
        if (strcmp(f->routes[i].name, route) == 0)
            r = &f->routes[i];
    if (!r) {
        f->routes = xreallocarray(f->routes, f->route_count + 1, sizeof(*f->routes));
        r = &f->routes[f->route_count++];
        r->name = route; /* static strings from the route tables */
        r->count = 0;
    }
    r->count++;
    pthread_mutex_unlock(&f->lock);
}

cJSON *emu_stats_json(struct emu *emu)
{
    struct emu_faults *f = &emu->faults;
    cJSON *o = cJSON_CreateObject();
    pthread_mutex_lock(&f->lock);
    cJSON_AddNumberToObject(o, "requests", (double)f->requests);
    cJSON *routes = cJSON_AddObjectToObject(o, "routes");
    for (size_t i = 0; i < f->route_count; i++)
        cJSON_AddNumberToObject(routes, f->routes[i].name, (double)f->routes[i].count);
    cJSON *faults = cJSON_AddObjectToObject(o, "faults");
    for (int i = 0; i < EMU_FAULT_COUNT; i++)
        cJSON_AddNumberToObject(faults, fault_names[i], (double)f->by_fault[i]);
    cJSON_AddNumberToObject(o, "rate_limited", (double)f->rate_limited);
    cJSON *status = cJSON_AddObjectToObject(o, "status");
    static const char *const classes[] = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"};
    for (int i = 1; i < 6; i++)
        cJSON_AddNumberToObject(status, classes[i], (double)f->by_status[i]);
    pthread_mutex_unlock(&f->lock);
    emu_store_lock(&emu->store);
    cJSON *certs = cJSON_AddObjectToObject(o, "certificates");
    for (int s = 0; s < EMU_SVC_COUNT; s++)
        cJSON_AddNumberToObject(certs, emu_svc_name((enum emu_svc)s), (double)emu->store.count[s]);
    emu_store_unlock(&emu->store);
    return o;
}

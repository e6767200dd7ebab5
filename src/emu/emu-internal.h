/* emu-internal.h — the server instance, shared by the emulator's own files. */
#ifndef CD_EMU_INTERNAL_H
#define CD_EMU_INTERNAL_H

#include <pthread.h>

#include "emu.h"
#include "service.h"
#include "store.h"

struct emu_token {
    char *value;
    char project_id[40];        /* "" for a domain-scoped token */
    const struct emu_user *user;
    int64_t expires;            /* UTC seconds */
};

struct emu_tokens {
    pthread_mutex_t lock;
    struct emu_token *items;
    size_t count;
};

struct emu_route_stat {
    const char *name;
    unsigned long count;
};

struct emu_rate_bucket {
    char client[64];
    int64_t second;
    unsigned count;
};

struct emu_faults {
    pthread_mutex_t lock;
    uint64_t rng;
    unsigned long requests;
    unsigned long by_fault[EMU_FAULT_COUNT];
    unsigned long rate_limited;
    unsigned long by_status[6];           /* 1xx … 5xx by first digit */
    struct emu_route_stat *routes;
    size_t route_count;
    struct emu_rate_bucket *buckets;
    size_t bucket_count;
    /* POST /_emu/faults replaces the command line's rate and kinds at run time */
    bool live;
    double live_rate;
    unsigned live_mask;                   /* bit per enum emu_fault; 0 = all */
    unsigned live_services;               /* bit per enum emu_svc; 0 = every service */
};

struct emu {
    const struct emu_config *cfg;
    struct MHD_Daemon *daemon;
    unsigned port;
    char base_url[64];
    char *ca_file;
    bool ca_file_is_temp;
    char *tls_cert_pem;
    char *tls_key_pem;
    struct emu_store store;
    struct emu_tokens tokens;
    struct emu_faults faults;
};

/* auth.c */
void emu_tokens_init(struct emu_tokens *t);
void emu_tokens_free(struct emu_tokens *t);
/* POST /v3/auth/tokens */
void emu_iam_tokens(struct emu *emu, const struct emu_req *req, struct emu_resp *resp);
/* GET /v3/projects[?name=REGION], for any valid token or AK/SK signature */
void emu_iam_projects(struct emu *emu, const struct emu_req *req, struct emu_resp *resp);
/* Checks the token or AK/SK signature of a service call for project_id; fills
 * resp with the service's answer and returns false when refused. */
bool emu_auth_check(struct emu *emu, const struct emu_service *svc, const struct emu_req *req,
                    const char *project_id, struct emu_resp *resp);

/* faults.c */
void emu_faults_init(struct emu_faults *f, uint64_t seed);
void emu_faults_free(struct emu_faults *f);
/* The fault for one request to service svc, or EMU_FAULT_NONE. */
enum emu_fault emu_faults_pick(struct emu *emu, enum emu_svc svc);
/* POST /_emu/faults?rate=P[&faults=LIST][&services=elb,waf,…]: new fault
 * settings from now on; answers them as JSON, or 400 on a bad value. */
void emu_faults_set(struct emu *emu, const struct emu_req *req, struct emu_resp *resp);
/* True (and *retry_after set) when client exceeded --rate-limit this second. */
bool emu_rate_limited(struct emu *emu, const char *client, unsigned *retry_after);
void emu_faults_count(struct emu *emu, const char *route, int status, enum emu_fault fault);
cJSON *emu_stats_json(struct emu *emu);

/* tls.c: a CA and a server certificate for 127.0.0.1/localhost, as PEM. */
cd_status emu_tls_generate(char **ca_pem, char **cert_pem, char **key_pem, struct cd_error *err);

/* seed.c */
cd_status emu_seed(struct emu *emu, const char *spec, struct cd_error *err);

/* services.c: finds the route for method + path; params filled on a match.
 * *path_known tells a wrong method from an unknown path. */
const struct emu_route *emu_route_find(const char *method, const char *path,
                                       const struct emu_service **svc, struct emu_req *req,
                                       bool *path_known);

#endif

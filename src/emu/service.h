/* service.h — one row per emulated service: its routes, its auth error codes,
 * and how seeded certificates get its own fields. Adding a service is one
 * svc-*.c file and one row in services.c. */
#ifndef CD_EMU_SERVICE_H
#define CD_EMU_SERVICE_H

#include "http.h"
#include "store.h"

struct emu;

/* What a handler gets: the request, the response to fill, the state. */
struct emu_ctx {
    struct emu *emu;
    struct emu_store *store;
    const struct emu_req *req;
    struct emu_resp *resp;
    const char *project_id;       /* from the path, already authorised */
};

typedef void (*emu_handler)(struct emu_ctx *ctx);

struct emu_route {
    const char *method;           /* "GET" */
    const char *pattern;          /* "/v3/{project_id}/elb/certificates/{id}" */
    const char *name;             /* "elb.show", counted in /_emu/stats */
    emu_handler fn;
};

struct emu_service {
    enum emu_svc svc;
    const char *title;                 /* "ELB v3" */
    const char *base_path;             /* "/v3/{project_id}/elb/certificates" */
    const struct emu_route *routes;    /* terminated by a row with method NULL */
    /* Answers when authentication fails (no/invalid token or signature) … */
    int unauth_status;
    const char *unauth_code;
    const char *missing_code;          /* when nothing was sent at all; NULL: unauth_code */
    /* … and when the credentials belong to another project. */
    int forbidden_status;
    const char *forbidden_code;
    /* Gives a seeded certificate (PEM, name, project set) this service's own
     * fields and id; i is its number in the seed, for variety. */
    void (*seed)(struct emu_cert *c, size_t i);
};

extern const struct emu_service emu_service_elb;
extern const struct emu_service emu_service_waf;
extern const struct emu_service emu_service_apic;
extern const struct emu_service emu_service_cae;

/* Every service, indexed by enum emu_svc. */
extern const struct emu_service *const emu_services[EMU_SVC_COUNT];

/* Helpers shared by the services' handlers. */

/* Parses the body as a JSON object; NULL (and nothing sent) when it is not one. */
cJSON *emu_body_json(const struct emu_ctx *ctx);
/* A string member or NULL; *present tells whether the member exists at all. */
const char *emu_json_str(const cJSON *obj, const char *name, bool *present);
/* "2026-11-23T10:00:00Z" for UTC seconds, into out[21]. */
void emu_iso_time(int64_t t, char out[21]);
/* The value of a configured instance / environment check (APIC, CAE). */
bool emu_apic_instance_known(const struct emu *emu, const char *instance_id);
bool emu_cae_environment_known(const struct emu *emu, const char *environment_id);

#endif

/* service.h — the table of certificate services. Each adapter (elb.c, waf.c,
 * apic.c, cae.c) is one row of operations that turn its API into cert_records;
 * adding a service is one file and one row in registry.c. */
#ifndef CD_SERVICE_H
#define CD_SERVICE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/record.h"
#include "../core/status.h"
#include "../net/http.h"

struct auth_session;

/* What the UI and the wizard may ask of a service without naming it. */
enum {
    SVC_CAP_SHOW = 1 << 0,             /* has a "show one" call */
    SVC_CAP_LIST_HAS_PEM = 1 << 1,     /* the list carries the certificate PEM */
    SVC_CAP_RENAME = 1 << 2,           /* update can change the name */
    SVC_CAP_UPDATE_REPLACES_ALL = 1 << 3, /* update needs name, certificate and key together */
    SVC_CAP_NEEDS_SCOPE = 1 << 4,      /* calls need an instance / environment id */
    SVC_CAP_DESCRIPTION = 1 << 5,      /* has a description field */
    SVC_CAP_DOMAIN = 1 << 6,           /* has a domain list the user sets (ELB) */
    SVC_CAP_PEM_EVER = 1 << 7,         /* the API returns the PEM somewhere (list or show) */
};

/* Limits checked locally before anything is sent. */
struct svc_rules {
    size_t name_max;
    bool (*name_ok)(const char *name, char *why, size_t why_size);   /* NULL: any */
    size_t cert_max;          /* characters, 0 = no limit */
    size_t key_max;
    size_t layers_max;        /* certificates in the chain */
    size_t description_max;
    size_t domains_max;       /* names in the domain list (create) */
    size_t domain_chars_max;  /* length of that list, commas included (create) */
    size_t domains_max_update;      /* the same two on update */
    size_t domain_chars_max_update;
    bool reject_expired;      /* the service refuses expired certificates */
    bool reject_encrypted_key;
};

/* The enterprise_project_id value that means every project the caller may see. */
#define SVC_ALL_PROJECTS "all_granted_eps"

struct svc_ctx {
    struct http_client *http;
    struct auth_session *auth;
    const char *base_url;           /* "https://elb.cn-north-4.myhuaweicloud.com" */
    const char *project_id;
    const char *scope;              /* ROMA instance id / CAE environment id, or NULL */
    const char *enterprise_project_id; /* NULL: the default */
    int service;                    /* index of this service in the table */
    struct cd_error *err;
};

struct upload_req {
    const char *name;
    const char *description;        /* NULL: none */
    const char *cert_pem;
    const char *key_pem;
    const char *domain;             /* ELB: comma-separated names, NULL: none */
    const char *type;               /* service's type, NULL: its default */
};

struct update_req {
    const char *name;               /* NULL: unchanged */
    const char *description;
    const char *cert_pem;           /* with key_pem, or both NULL */
    const char *key_pem;
    const char *domain;
};

struct service_ops {
    const char *id;                 /* "elb" */
    const char *title;              /* "ELB" */
    const char *tag;                /* at most 4 characters, for tabs and narrow columns: "APIG" */
    unsigned caps;
    const struct svc_rules *rules;
    /* One certificate object as the API writes it (a list item, a show or
     * create answer) into a record initialised by record_init; a private
     * key echoed in it is wiped. The list, show and create calls use it. */
    void (*map)(cJSON *item, struct cert_record *r);
    cd_status (*list)(struct svc_ctx *ctx, struct record_list *out);
    cd_status (*show)(struct svc_ctx *ctx, const char *id, struct cert_record *out);
    cd_status (*create)(struct svc_ctx *ctx, const struct upload_req *req, struct cert_record *out);
    cd_status (*update)(struct svc_ctx *ctx, const char *id, const struct update_req *req);
    cd_status (*remove)(struct svc_ctx *ctx, const char *id);
};

extern const struct service_ops svc_elb, svc_waf, svc_apic, svc_cae;

/* The table, in display order. */
extern const struct service_ops *const services[];
extern const size_t service_count;
/* The index of a service by id ("waf"), or -1. */
int service_find(const char *id);

/* ---- helpers for adapters (call.c) ---- */

/* Sends METHOD base_url+path (with auth, JSON content type, scope headers
 * the adapter adds) and answers CD_OK only for a 2xx; any other answer
 * becomes an error with service, HTTP status, error_code and error_msg. */
cd_status svc_request(struct svc_ctx *ctx, const char *method, const char *path,
                      const struct strlist *extra_headers, const char *body,
                      struct http_response *resp);
/* The same for many GETs at once (bounded concurrency); fails on the first error. */
cd_status svc_get_many(struct svc_ctx *ctx, char **paths, size_t n,
                       const struct strlist *extra_headers, struct http_response *resps);
/* Marks r's detail request as failed with the answer's status, error_code
 * and error_msg (or, with no answer, its transport error, else fallback's). */
void svc_record_detail_error(struct cert_record *r, const struct http_response *resp,
                             const struct cd_error *fallback);
/* METHOD path (body may be NULL) for one certificate: with out, the answer's
 * certificate object (the answer itself, or its member `wrapper`) is mapped
 * into out by the service's map. */
cd_status svc_call_one(struct svc_ctx *ctx, const char *method, const char *path, const char *body,
                       const char *wrapper, struct cert_record *out);
/* Longest certificate id accepted (real ones are 32 hex or a 36-char UUID). */
#define SVC_ID_MAX 128
/* Whether id can go into a path as one segment: not empty, ".", ".." or
 * longer than SVC_ID_MAX, no '/', '\\', spaces or control characters. Every
 * adapter checks it before a call on one certificate (the id is then
 * percent-encoded). Project ids are checked by svc_request itself. */
cd_status svc_check_id(struct svc_ctx *ctx, const char *id);
/* A create (POST) answer mapped into out must carry the new id: if not, out
 * is freed and this is an error, not an empty line and success. */
cd_status svc_check_created(struct svc_ctx *ctx, const char *method, struct cert_record *out);
/* Parses a response body as JSON, or sets a "not JSON" error. The tree takes
 * the body over (see core/json-arena.h): free it with json_tree_free. */
cJSON *svc_json(struct svc_ctx *ctx, struct http_response *resp);
/* Overwrites the text of every member called name (an echoed private key)
 * and removes them; svc_wipe_members does it for a NULL-ended list of names
 * in one pass. */
void svc_wipe_member(cJSON *obj, const char *name);
/* The profile's enterprise project for one call, or NULL to send none:
 * "all_granted_eps" (every project the caller may see) goes only where the
 * API takes it (all_ok: list filters, WAF show); elsewhere it is left out. */
const char *svc_enterprise_project(const struct svc_ctx *ctx, bool all_ok);
void svc_wipe_members(cJSON *obj, const char *const *names);
/* String member or "" (null and absent both give ""). */
const char *svc_str(const cJSON *obj, const char *name);
/* The text of a string value, or "" for anything else and NULL. */
const char *svc_text(const cJSON *v);
/* Whether name holds only ASCII letters, digits and the characters of
 * `others`; if not, why says which are allowed and which one is not. */
bool svc_name_chars(const char *name, const char *others, char *why, size_t why_size);
/* Many members at once, in one pass over obj's: found[i] is the first member
 * called names[i], or NULL (n ≤ 64). For the list mappings, which read a
 * dozen members of each of thousands of objects. */
void svc_members(const cJSON *obj, const char *const *names, size_t n, const cJSON **found);

#endif

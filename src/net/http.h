/* http.h — HTTPS requests through libcurl: TLS verification always on (unless
 * the user names --insecure), connection reuse, bounded concurrency through
 * the multi interface, and retries with backoff for idempotent requests. */
#ifndef CD_NET_HTTP_H
#define CD_NET_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/buf.h"
#include "../core/status.h"
#include "../core/strlist.h"

struct http_options {
    const char *ca_file;         /* NULL: the system's CA store */
    bool insecure;               /* skip TLS verification (only by name) */
    long connect_timeout_ms;     /* default 10 s */
    long total_timeout_ms;       /* default 60 s */
    unsigned max_connections;    /* concurrent transfers in http_perform_many (default 8) */
    unsigned max_retries;        /* for idempotent requests (default 4) */
    long backoff_base_ms;        /* first retry delay (default 200 ms), doubled each time, with jitter */
    long backoff_max_ms;         /* cap (default 10 s) */
    const char *user_agent;
};

struct http_request;

/* Called before every attempt (retries too): adds auth headers, which may
 * depend on the time (X-Sdk-Date) and must see the exact body. */
typedef cd_status (*http_prepare_fn)(void *ud, struct http_request *req, struct cd_error *err);

struct http_request {
    const char *method;          /* "GET" */
    char *url;                   /* owned */
    struct strlist headers;      /* "Name: value", owned */
    const char *body;            /* borrowed; NULL for none */
    size_t body_len;
    bool idempotent;             /* may be retried (GET, PUT, DELETE; never a create) */
    http_prepare_fn prepare;
    void *prepare_ud;
    struct strlist auth_headers; /* filled by prepare on each attempt */
};

struct http_response {
    long status;                 /* 0 when no HTTP answer came */
    struct buf body;
    struct strlist headers;      /* "name: value" as received */
    unsigned attempts;
    struct cd_error err;         /* set when status is 0 (connection, TLS, timeout) */
};

struct http_client;

cd_status http_client_new(const struct http_options *opts, struct http_client **out,
                          struct cd_error *err);
void http_client_free(struct http_client *c);

void http_request_init(struct http_request *req, const char *method, const char *url);
void http_request_header(struct http_request *req, const char *name, const char *value);
void http_request_free(struct http_request *req);
void http_response_free(struct http_response *resp);
/* A response header's value (case-insensitive name), or NULL. */
const char *http_response_header(const struct http_response *resp, const char *name);

/* Performs one request (with retries when idempotent). CD_OK means an HTTP
 * answer arrived (any status); CD_ERR_HTTP means none did (err says why). */
cd_status http_perform(struct http_client *c, struct http_request *req,
                       struct http_response *resp, struct cd_error *err);
/* Performs n requests concurrently, at most max_connections at a time;
 * each response carries its own outcome. */
void http_perform_many(struct http_client *c, struct http_request *reqs, struct http_response *resps,
                       size_t n);

/* The delay before retry number `attempt` (1-based): exponential with jitter,
 * or Retry-After when the answer carried one. Exposed for tests. */
long http_backoff_ms(const struct http_options *opts, unsigned attempt, long retry_after_ms,
                     unsigned random);
/* Whether an answer (or a failure to get one) deserves a retry. */
bool http_should_retry(long status, bool transport_error);

#endif

/* http.c — a small engine over the curl multi interface: a queue of requests,
 * at most max_connections in flight, finished ones retried after a backoff
 * without holding up the others, connections kept alive between calls. */
#include "http.h"

#include <curl/curl.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../core/wipe.h"
#include "../core/xalloc.h"

/* Finished easy handles kept for the next transfers: a list of WAF
 * certificates is a show request each, and each new handle is curl's state
 * and buffers allocated and freed again. */
#define HTTP_IDLE_MAX 16

struct http_client {
    struct http_options opts;
    char *ca_file;
    char *user_agent;
    CURLM *multi;               /* its connection cache is what keeps connections alive */
    CURL *idle[HTTP_IDLE_MAX];  /* reset, ready for another transfer */
    size_t idle_count;
};

static CURL *easy_take(struct http_client *c)
{
    return c->idle_count ? c->idle[--c->idle_count] : curl_easy_init();
}

static void easy_give(struct http_client *c, CURL *e)
{
    if (!e)
        return;
    if (c->idle_count == HTTP_IDLE_MAX) {
        curl_easy_cleanup(e);
        return;
    }
    curl_easy_reset(e);
    c->idle[c->idle_count++] = e;
}

static void defaults(struct http_options *o)
{
    if (!o->connect_timeout_ms)
        o->connect_timeout_ms = 10000;
    if (!o->total_timeout_ms)
        o->total_timeout_ms = 60000;
    if (!o->max_connections)
        o->max_connections = 8;
    if (!o->max_retries)
        o->max_retries = 4;
    if (!o->backoff_base_ms)
        o->backoff_base_ms = 200;
    if (!o->backoff_max_ms)
        o->backoff_max_ms = 10000;
}

cd_status http_client_new(const struct http_options *opts, struct http_client **out,
                          struct cd_error *err)
{
    static bool initialised;
    if (!initialised) {
        /* curl copies request bodies (keys) and answers (echoed keys) into
         * its own buffers: they are wiped when freed */
        if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, malloc, wipe_free_block, wipe_realloc,
                                 strdup, calloc) != CURLE_OK)
            return cd_error_set(err, CD_ERR_HTTP, "libcurl failed to initialise");
        initialised = true;
    }
    struct http_client *c = xcalloc(1, sizeof(*c));
    c->opts = *opts;
    defaults(&c->opts);
    c->ca_file = opts->ca_file ? xstrdup(opts->ca_file) : NULL;
    c->user_agent = xstrdup(opts->user_agent ? opts->user_agent : "certdeck");
    c->opts.ca_file = c->ca_file;
    c->opts.user_agent = c->user_agent;
    c->multi = curl_multi_init();
    curl_multi_setopt(c->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)c->opts.max_connections);
    curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)c->opts.max_connections);
    *out = c;
    return CD_OK;
}

void http_client_free(struct http_client *c)
{
    if (!c)
        return;
    while (c->idle_count)
        curl_easy_cleanup(c->idle[--c->idle_count]);
    curl_multi_cleanup(c->multi);
    free(c->ca_file);
    free(c->user_agent);
    free(c);
}

void http_request_init(struct http_request *req, const char *method, const char *url)
{
    memset(req, 0, sizeof(*req));
    req->method = method;
    req->url = xstrdup(url);
    req->idempotent = strcmp(method, "POST") != 0;
}

void http_request_header(struct http_request *req, const char *name, const char *value)
{
    strlist_push_owned(&req->headers, xasprintf("%s: %s", name, value));
}

/* Header lists may carry a token: wipe them before they are freed. */
static void wipe_list(struct strlist *l)
{
    for (size_t i = 0; i < l->count; i++)
        wipe(l->items[i], strlen(l->items[i]));
    strlist_free(l);
}

static void wipe_slist(struct curl_slist *l)
{
    for (struct curl_slist *p = l; p; p = p->next)
        wipe(p->data, strlen(p->data));
    curl_slist_free_all(l);
}

void http_request_free(struct http_request *req)
{
    free(req->url);
    strlist_free(&req->headers);
    wipe_list(&req->auth_headers);
    memset(req, 0, sizeof(*req));
}

void http_response_free(struct http_response *resp)
{
    /* answers carry secrets: echoed private keys, X-Subject-Token */
    resp->body.secret = true;
    buf_free(&resp->body);
    wipe_list(&resp->headers);
    memset(resp, 0, sizeof(*resp));
}

const char *http_response_header(const struct http_response *resp, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < resp->headers.count; i++) {
        const char *h = resp->headers.items[i];
        if (strncasecmp(h, name, n) == 0 && h[n] == ':') {
            h += n + 1;
            while (*h == ' ')
                h++;
            return h;
        }
    }
    return NULL;
}

bool http_should_retry(long status, bool transport_error)
{
    return transport_error || status == 429 || status == 500 || status == 502 || status == 503 ||
           status == 504;
}

long http_backoff_ms(const struct http_options *opts, unsigned attempt, long retry_after_ms,
                     unsigned random)
{
    if (retry_after_ms >= 0)
        return retry_after_ms < 60000 ? retry_after_ms : 60000;
    long base = opts->backoff_base_ms > 0 ? opts->backoff_base_ms : 200;
    long cap = opts->backoff_max_ms > 0 ? opts->backoff_max_ms : 10000;
    long d = base;
    for (unsigned i = 1; i < attempt && d < cap; i++)
        d *= 2;
    if (d > cap)
        d = cap;
    /* "equal jitter": half fixed, half random, so retries of many clients spread out */
    return d / 2 + (long)(random % (unsigned)(d / 2 + 1));
}

/* ---- one transfer ---- */

struct transfer {
    struct http_request *req;
    struct http_response *resp;
    CURL *easy;
    struct curl_slist *headers;
    char errbuf[CURL_ERROR_SIZE];
    long long ready_at_ms;      /* when it may (re)start */
    bool running, done;
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A Content-Length above this is not trusted for pre-sizing the body. */
#define HTTP_PRESIZE_MAX (256ull << 20)

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
    struct http_response *resp = ud;
    return buf_append(&resp->body, data, size * n) ? size * n : 0;
}

static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
    struct http_response *resp = ud;
    size_t len = size * n;
    while (len && (data[len - 1] == '\r' || data[len - 1] == '\n'))
        len--;
    if (len > 5 && strncmp(data, "HTTP/", 5) == 0)
        wipe_list(&resp->headers); /* a new response (after 100-continue or a redirect) */
    else if (len && memchr(data, ':', len))
        strlist_push_owned(&resp->headers, xstrndup(data, len));
    /* one allocation for the body instead of a doubling series (lists are MBs) */
    if (len > 15 && strncasecmp(data, "content-length:", 15) == 0) {
        unsigned long long declared = strtoull(data + 15, NULL, 10);
        if (declared > resp->body.len && declared < HTTP_PRESIZE_MAX)
            buf_reserve_exact(&resp->body, (size_t)declared - resp->body.len);
    }
    return size * n;
}

static cd_status start(struct http_client *c, struct transfer *t, struct cd_error *err)
{
    struct http_request *req = t->req;
    wipe_list(&req->auth_headers);
    if (req->prepare) {
        cd_status rc = req->prepare(req->prepare_ud, req, err);
        if (rc != CD_OK)
            return rc;
    }
    t->resp->body.secret = true; /* wiped when it grows, is retried or freed */
    buf_reset(&t->resp->body);
    wipe_list(&t->resp->headers);
    t->resp->status = 0;
    t->resp->attempts++;
    wipe_slist(t->headers);
    t->headers = NULL;
    for (size_t i = 0; i < req->headers.count; i++)
        t->headers = curl_slist_append(t->headers, req->headers.items[i]);
    for (size_t i = 0; i < req->auth_headers.count; i++)
        t->headers = curl_slist_append(t->headers, req->auth_headers.items[i]);
    t->headers = curl_slist_append(t->headers, "Expect:"); /* no 100-continue round trip */
    if (!t->easy)
        t->easy = easy_take(c); /* reset already */
    else
        curl_easy_reset(t->easy);
    CURL *e = t->easy;
    curl_easy_setopt(e, CURLOPT_URL, req->url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, c->opts.user_agent);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, c->opts.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->opts.total_timeout_ms);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t->resp);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t->resp);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "https,http");
    if (c->opts.ca_file)
        curl_easy_setopt(e, CURLOPT_CAINFO, c->opts.ca_file);
    if (c->opts.insecure) {
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (strcmp(req->method, "GET") != 0)
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req->method);
    if (req->body) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
    }
    t->errbuf[0] = '\0';
    t->running = true;
    curl_multi_add_handle(c->multi, e);
    return CD_OK;
}

static long retry_after_ms(const struct http_response *resp)
{
    const char *v = http_response_header(resp, "Retry-After");
    if (!v)
        return -1;
    char *end = NULL;
    long s = strtol(v, &end, 10);
    return end != v && s >= 0 ? s * 1000 : -1;
}

/* Transport failures that say something about the set-up: how often they are
 * retried (a refused connection will not be accepted 9 s later; a TLS
 * verification failure never) and the hint the message ends with. */
static const struct transport_rule {
    CURLcode code;
    unsigned max_retries;
    long backoff_ms;
    const char *hint;
} transport_rules[] = {
    {CURLE_COULDNT_CONNECT, 1, 100, "is the endpoint right? is certdeck-emu running?"},
    {CURLE_COULDNT_RESOLVE_HOST, 1, 100, "is the endpoint right?"},
    {CURLE_PEER_FAILED_VERIFICATION, 0, 0,
     "the server's certificate is not trusted: name its CA with ca_file in the profile or "
     "--ca-file FILE"},
    {CURLE_SSL_CACERT_BADFILE, 0, 0,
     "the CA file cannot be read: check ca_file in the profile or --ca-file FILE"},
};

static const struct transport_rule *transport_rule(CURLcode code)
{
    for (size_t i = 0; i < sizeof(transport_rules) / sizeof(transport_rules[0]); i++)
        if (transport_rules[i].code == code)
            return &transport_rules[i];
    return NULL;
}

/* A transfer finished: keep the answer, or schedule another attempt. */
static void finish(struct http_client *c, struct transfer *t, CURLcode code)
{
    t->running = false;
    curl_multi_remove_handle(c->multi, t->easy);
    bool transport = code != CURLE_OK;
    const struct transport_rule *rule = transport ? transport_rule(code) : NULL;
    if (!transport)
        curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &t->resp->status);
    else {
        t->resp->status = 0;
        const char *what = t->errbuf[0] ? t->errbuf : curl_easy_strerror(code);
        if (rule)
            cd_error_set(&t->resp->err, CD_ERR_HTTP, "%s: %s (%s)", t->req->url, what, rule->hint);
        else
            cd_error_set(&t->resp->err, CD_ERR_HTTP, "%s: %s", t->req->url, what);
    }
    unsigned max_retries = rule ? rule->max_retries : c->opts.max_retries;
    if (t->req->idempotent && t->resp->attempts <= max_retries &&
        http_should_retry(t->resp->status, transport)) {
        unsigned r = 0;
        RAND_bytes((unsigned char *)&r, sizeof(r));
        t->ready_at_ms = now_ms() + (rule ? rule->backoff_ms
                                          : http_backoff_ms(&c->opts, t->resp->attempts,
                                                            transport ? -1 : retry_after_ms(t->resp), r));
        return;
    }
    t->done = true;
}

void http_perform_many(struct http_client *c, struct http_request *reqs, struct http_response *resps,
                       size_t n)
{
    struct transfer *ts = xcalloc(n ? n : 1, sizeof(*ts));
    for (size_t i = 0; i < n; i++) {
        memset(&resps[i], 0, sizeof(resps[i]));
        ts[i].req = &reqs[i];
        ts[i].resp = &resps[i];
    }
    size_t done = 0, next = 0;
    while (done < n) {
        long long now = now_ms();
        unsigned running = 0;
        long long wake = now + 1000;
        for (size_t i = 0; i < n; i++)
            running += ts[i].running;
        /* start what may start: queued ones in order, then due retries */
        for (size_t k = 0; k < n && running < c->opts.max_connections; k++) {
            size_t i = (next + k) % n;
            struct transfer *t = &ts[i];
            if (t->running || t->done)
                continue;
            if (t->ready_at_ms > now) {
                if (t->ready_at_ms < wake)
                    wake = t->ready_at_ms;
                continue;
            }
            struct cd_error err;
            if (start(c, t, &err) != CD_OK) {
                t->resp->err = err;
                t->done = true;
                done++;
                continue;
            }
            running++;
        }
        next = (next + 1) % (n ? n : 1);
        int still = 0;
        curl_multi_perform(c->multi, &still);
        CURLMsg *msg;
        int left;
        bool finished = false;
        while ((msg = curl_multi_info_read(c->multi, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            struct transfer *t = NULL;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            finish(c, t, msg->data.result);
            done += t->done;
            finished = true;
        }
        /* a finished transfer frees a slot: start the next one before waiting */
        if (done < n && !finished) {
            long long wait = wake - now_ms();
            curl_multi_poll(c->multi, NULL, 0, (int)(wait < 0 ? 0 : wait > 1000 ? 1000 : wait), NULL);
        }
    }
    for (size_t i = 0; i < n; i++) {
        easy_give(c, ts[i].easy);
        wipe_slist(ts[i].headers);
    }
    free(ts);
}

cd_status http_perform(struct http_client *c, struct http_request *req,
                       struct http_response *resp, struct cd_error *err)
{
    http_perform_many(c, req, resp, 1);
    if (resp->status == 0) {
        if (err)
            *err = resp->err;
        return resp->err.code ? resp->err.code : CD_ERR_HTTP;
    }
    return CD_OK;
}

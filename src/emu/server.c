/* server.c — libmicrohttpd glue: collects a request, applies rate limits,
 * faults and authentication, runs the matching service handler, and sends
 * the answer. Listens on 127.0.0.1 only. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../core/percent.h"
#include "../core/fileio.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "emu-internal.h"

#define BODY_MAX (12u << 20) /* the gateway's limit for signed bodies */
#define DEFAULT_SLOW_MS 3000

struct conn {
    struct buf body;
    bool too_large;
};

/* ---- building the request ---- */

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    struct emu_req *req = cls;
    req->headers = xreallocarray(req->headers, req->header_count + 1, sizeof(*req->headers));
    req->headers[req->header_count].name = xstrdup(key);
    req->headers[req->header_count].value = xstrdup(value ? value : "");
    req->header_count++;
    return MHD_YES;
}

/* With unescaping switched off, the arguments arrive as sent: rebuild the raw
 * query (for signature checks) and decode the pairs ourselves. */
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    struct buf *raw = cls;
    if (raw->len)
        buf_append(raw, "&", 1);
    buf_append_str(raw, key);
    if (value) {
        buf_append(raw, "=", 1);
        buf_append_str(raw, value);
    }
    return MHD_YES;
}

static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
    return strlen(s);
}

static void build_request(struct MHD_Connection *connection, const char *url, const char *method,
                          const struct conn *cn, struct emu_req *req)
{
    memset(req, 0, sizeof(*req));
    req->method = method;
    req->raw_path = xstrdup(url);
    req->path = percent_decode(url, strlen(url), NULL);
    struct buf raw = {0};
    buf_append(&raw, "", 0);
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_arg, &raw);
    req->raw_query = buf_steal(&raw, NULL);
    emu_parse_query(req->raw_query, &req->query, &req->query_count);
    MHD_get_connection_values(connection, MHD_HEADER_KIND, collect_header, req);
    req->body = cn->body.data;
    req->body_len = cn->body.len;
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info && info->client_addr && info->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)info->client_addr)->sin_addr, req->client,
                  sizeof(req->client));
    else
        snprintf(req->client, sizeof(req->client), "unknown");
}

static void free_request(struct emu_req *req)
{
    free(req->raw_path);
    free(req->path);
    free(req->raw_query);
    emu_pairs_free(req->query, req->query_count);
    emu_pairs_free(req->headers, req->header_count);
    for (size_t i = 0; i < req->param_count; i++)
        free(req->params[i]);
}

/* ---- sending the answer ---- */

struct truncated_body {
    char *data;
    size_t len;      /* what is sent before the connection breaks */
};

static ssize_t truncated_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct truncated_body *t = cls;
    if (pos >= t->len)
        return MHD_CONTENT_READER_END_WITH_ERROR;
    size_t n = t->len - (size_t)pos < max ? t->len - (size_t)pos : max;
    memcpy(buf, t->data + pos, n);
    return (ssize_t)n;
}

static void truncated_free(void *cls)
{
    struct truncated_body *t = cls;
    free(t->data);
    free(t);
}

static enum MHD_Result send_response(struct MHD_Connection *connection, struct emu_resp *resp,
                                     bool truncate)
{
    struct MHD_Response *r;
    if (truncate && resp->body.len > 1) {
        /* announce the whole length, send half, then break the connection */
        struct truncated_body *t = xcalloc(1, sizeof(*t));
        t->data = xstrndup(resp->body.data, resp->body.len);
        t->len = resp->body.len / 2;
        r = MHD_create_response_from_callback(resp->body.len, 4096, truncated_reader, t,
                                              truncated_free);
    } else {
        r = MHD_create_response_from_buffer(resp->body.len, resp->body.data ? resp->body.data : "",
                                            MHD_RESPMEM_MUST_COPY);
    }
    for (size_t i = 0; i < resp->header_count; i++)
        MHD_add_response_header(r, resp->headers[i].name, resp->headers[i].value);
    enum MHD_Result ok = MHD_queue_response(connection, (unsigned)(resp->status ? resp->status : 500), r);
    MHD_destroy_response(r);
    return ok;
}

/* ---- dispatch ---- */

static void gateway_not_found(struct emu_resp *resp, const char *method, const char *path)
{
    emu_resp_error(resp, 404, "APIGW.0101", "The API does not exist or has not been published "
                   "in the environment (%s %s)", method, path);
}

/* Runs a service call: rate limit, fault, latency, auth, handler. Returns the fault applied. */
static enum emu_fault serve_service(struct emu *emu, const struct emu_service *svc,
                                    const struct emu_route *route, struct emu_req *req,
                                    struct emu_resp *resp)
{
    unsigned retry_after;
    if (emu_rate_limited(emu, req->client, &retry_after)) {
        char v[16];
        snprintf(v, sizeof(v), "%u", retry_after);
        emu_resp_error(resp, 429, "APIGW.0308", "The throttling threshold has been reached: "
                       "policy user over ratelimit,limit:%u,time:1 second", emu->cfg->faults.rate_limit);
        emu_resp_header(resp, "Retry-After", v);
        return EMU_FAULT_NONE;
    }
    enum emu_fault fault = emu_faults_pick(emu, svc->svc);
    if (emu->cfg->faults.latency_ms)
        usleep(emu->cfg->faults.latency_ms * 1000u);
    switch (fault) {
    case EMU_FAULT_500:
        emu_resp_error(resp, 500, "APIGW.0103", "The backend service is unavailable (injected 500)");
        return fault;
    case EMU_FAULT_503:
        emu_resp_error(resp, 503, "APIGW.0201", "Service unavailable (injected 503)");
        return fault;
    case EMU_FAULT_429:
        emu_resp_error(resp, 429, "APIGW.0308", "The throttling threshold has been reached "
                       "(injected 429)");
        emu_resp_header(resp, "Retry-After", "1");
        return fault;
    case EMU_FAULT_SLOW:
        usleep((emu->cfg->faults.slow_ms ? emu->cfg->faults.slow_ms : DEFAULT_SLOW_MS) * 1000u);
        break;
    default:
        break;
    }
    if (fault == EMU_FAULT_RESET)
        return fault;
    if (emu_auth_check(emu, svc, req, req->params[0], resp)) {
        struct emu_ctx ctx = {emu, &emu->store, req, resp, req->params[0]};
        emu_store_lock(&emu->store);
        route->fn(&ctx);
        emu_store_unlock(&emu->store);
    }
    return fault;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    struct emu *emu = cls;
    struct conn *cn = *con_cls;
    if (!cn) {
        cn = xcalloc(1, sizeof(*cn));
        cn->body.secret = true; /* bodies carry private keys */
        *con_cls = cn;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!cn->too_large && cn->body.len + *upload_data_size <= BODY_MAX)
            buf_append(&cn->body, upload_data, *upload_data_size);
        else
            cn->too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct emu_req req;
    struct emu_resp resp;
    memset(&resp, 0, sizeof(resp));
    build_request(connection, url, method, cn, &req);
    const char *route_name = "other";
    enum emu_fault fault = EMU_FAULT_NONE;
    const struct emu_service *svc = NULL;
    bool path_known = false;
    const struct emu_route *route = NULL;
    if (cn->too_large) {
        emu_resp_error(&resp, 413, "APIGW.0201", "The request body is larger than %u bytes", BODY_MAX);
    } else if (strcmp(req.path, "/_emu/stats") == 0 && strcmp(method, "GET") == 0) {
        route_name = "emu.stats";
        emu_resp_json(&resp, 200, emu_stats_json(emu));
    } else if (strcmp(req.path, "/_emu/faults") == 0 && strcmp(method, "POST") == 0) {
        route_name = "emu.faults";
        emu_faults_set(emu, &req, &resp);
    } else if (strcmp(req.path, "/_emu/health") == 0) {
        route_name = "emu.health";
        emu_resp_json(&resp, 200, cJSON_CreateObject());
    } else if (strcmp(req.path, "/v3/auth/tokens") == 0 && strcmp(method, "POST") == 0) {
        route_name = "iam.tokens";
        emu_iam_tokens(emu, &req, &resp);
    } else if (strcmp(req.path, "/v3/projects") == 0 && strcmp(method, "GET") == 0) {
        route_name = "iam.projects";
        emu_iam_projects(emu, &req, &resp);
    } else if ((route = emu_route_find(method, req.path, &svc, &req, &path_known))) {
        route_name = route->name;
        fault = serve_service(emu, svc, route, &req, &resp);
    } else {
        gateway_not_found(&resp, method, req.path);
    }
    emu_faults_count(emu, route_name, fault == EMU_FAULT_RESET ? 0 : resp.status, fault);
    if (emu->cfg->verbose)
        fprintf(stderr, "certdeck-emu: %s %s -> %d%s%s\n", method, req.path, resp.status,
                fault < EMU_FAULT_COUNT ? " fault " : "", fault < EMU_FAULT_COUNT ? emu_fault_name(fault) : "");
    enum MHD_Result ok = fault == EMU_FAULT_RESET
                             ? MHD_NO /* closes the connection without an answer */
                             : send_response(connection, &resp, fault == EMU_FAULT_TRUNCATE);
    emu_resp_free(&resp);
    free_request(&req);
    return ok;
}

static void request_done(void *cls, struct MHD_Connection *connection, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct conn *cn = *con_cls;
    if (cn) {
        buf_free(&cn->body);
        free(cn);
        *con_cls = NULL;
    }
}

/* ---- lifecycle ---- */

static cd_status setup_tls(struct emu *emu, struct cd_error *err)
{
    const struct emu_config *cfg = emu->cfg;
    if (cfg->tls_cert || cfg->tls_key) {
        if (!cfg->tls_cert || !cfg->tls_key)
            return cd_error_set(err, CD_ERR_USAGE, "--tls-cert and --tls-key go together");
        struct buf c = {0}, k = {.secret = true};
        cd_status rc = file_read_all(cfg->tls_cert, 1 << 20, &c, err);
        if (rc == CD_OK)
            rc = file_read_all(cfg->tls_key, 1 << 20, &k, err);
        if (rc == CD_OK) {
            emu->tls_cert_pem = buf_steal(&c, NULL);
            emu->tls_key_pem = buf_steal(&k, NULL);
        }
        buf_free(&c);
        buf_free(&k);
        return rc;
    }
    char *ca = NULL;
    cd_status rc = emu_tls_generate(&ca, &emu->tls_cert_pem, &emu->tls_key_pem, err);
    if (rc != CD_OK)
        return rc;
    if (cfg->ca_out) {
        emu->ca_file = xstrdup(cfg->ca_out);
    } else {
        const char *dir = getenv("TMPDIR");
        emu->ca_file = xasprintf("%s/certdeck-emu-%ld-ca.pem", dir && *dir ? dir : "/tmp",
                                 (long)getpid());
        emu->ca_file_is_temp = true;
    }
    rc = file_write_atomic(emu->ca_file, ca, strlen(ca), 0644, err);
    free(ca);
    return rc;
}

cd_status emu_start(const struct emu_config *cfg, struct emu **out, struct cd_error *err)
{
    struct emu *emu = xcalloc(1, sizeof(*emu));
    emu->cfg = cfg;
    emu_store_init(&emu->store);
    emu_tokens_init(&emu->tokens);
    emu_faults_init(&emu->faults, cfg->faults.seed);
    cd_status rc = CD_OK;
    if (cfg->state_path) {
        emu->store.state_path = xstrdup(cfg->state_path);
        if (access(cfg->state_path, F_OK) == 0)
            rc = emu_store_load(&emu->store, cfg->state_path, err);
    }
    if (rc == CD_OK && cfg->seed) {
        bool has_data = false;
        for (int s = 0; s < EMU_SVC_COUNT; s++)
            has_data |= emu->store.count[s] > 0;
        /* a state file that already holds data wins over the seed; a seeded
         * store is written to it at once, so the next start loads it instead
         * of signing every certificate again */
        if (!has_data) {
            rc = emu_seed(emu, cfg->seed, err);
            if (rc == CD_OK && emu->store.state_path)
                rc = emu_store_save(&emu->store, err);
        }
    }
    if (rc == CD_OK && cfg->tls)
        rc = setup_tls(emu, err);
    if (rc != CD_OK) {
        emu_stop(emu);
        return rc;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)cfg->port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (cfg->tls)
        flags |= MHD_USE_TLS;
    unsigned threads = cfg->threads ? cfg->threads : 4;
    struct MHD_OptionItem tls_opts[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, emu->tls_key_pem},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, emu->tls_cert_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    emu->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, handle, emu, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED, request_done, emu,
        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
        MHD_OPTION_ARRAY, cfg->tls ? tls_opts : &tls_opts[2], MHD_OPTION_END);
    if (!emu->daemon) {
        rc = cd_error_set(err, CD_ERR_IO, "cannot listen on 127.0.0.1:%u (port in use, or %s)",
                          cfg->port, cfg->tls ? "TLS setup failed" : "no permission");
        emu_stop(emu);
        return rc;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(emu->daemon, MHD_DAEMON_INFO_BIND_PORT);
    emu->port = info ? info->port : cfg->port;
    snprintf(emu->base_url, sizeof(emu->base_url), "%s://127.0.0.1:%u", cfg->tls ? "https" : "http",
             emu->port);
    *out = emu;
    return CD_OK;
}

void emu_stop(struct emu *emu)
{
    if (!emu)
        return;
    if (emu->daemon)
        MHD_stop_daemon(emu->daemon);
    if (emu->ca_file_is_temp && emu->ca_file)
        unlink(emu->ca_file);
    free(emu->ca_file);
    free(emu->tls_cert_pem);
    wipe_free_str(emu->tls_key_pem);
    emu_store_free(&emu->store);
    emu_tokens_free(&emu->tokens);
    emu_faults_free(&emu->faults);
    free(emu);
}

unsigned emu_port(const struct emu *emu) { return emu->port; }
const char *emu_base_url(const struct emu *emu) { return emu->base_url; }
const char *emu_ca_file(const struct emu *emu) { return emu->ca_file; }

size_t emu_cert_count(struct emu *emu)
{
    size_t n = 0;
    emu_store_lock(&emu->store);
    for (int s = 0; s < EMU_SVC_COUNT; s++)
        n += emu->store.count[s];
    emu_store_unlock(&emu->store);
    return n;
}

void emu_print_endpoints(const struct emu *emu, FILE *out)
{
    fprintf(out, "iam  %s/v3/auth/tokens\n", emu->base_url);
    for (int s = 0; s < EMU_SVC_COUNT; s++)
        fprintf(out, "%-4s %s%s\n", emu_svc_name((enum emu_svc)s), emu->base_url,
                emu_services[s]->base_path);
}

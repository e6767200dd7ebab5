/* http.c — request accessors, JSON and error responses, ids. */
#include "http.h"

#include <ctype.h>
#include <errno.h>
#include <openssl/rand.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/percent.h"
#include "../core/xalloc.h"

const char *emu_header(const struct emu_req *req, const char *name)
{
    for (size_t i = 0; i < req->header_count; i++)
        if (strcasecmp(req->headers[i].name, name) == 0)
            return req->headers[i].value;
    return NULL;
}

const char *emu_query(const struct emu_req *req, const char *name)
{
    return emu_query_nth(req, name, 0);
}

size_t emu_query_count(const struct emu_req *req, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < req->query_count; i++)
        n += strcmp(req->query[i].name, name) == 0;
    return n;
}

const char *emu_query_nth(const struct emu_req *req, const char *name, size_t n)
{
    for (size_t i = 0; i < req->query_count; i++)
        if (strcmp(req->query[i].name, name) == 0 && n-- == 0)
            return req->query[i].value;
    return NULL;
}

void emu_resp_header(struct emu_resp *resp, const char *name, const char *value)
{
    if (resp->header_count == EMU_MAX_RESP_HEADERS)
        return;
    resp->headers[resp->header_count].name = xstrdup(name);
    resp->headers[resp->header_count].value = xstrdup(value);
    resp->header_count++;
}

void emu_resp_json(struct emu_resp *resp, int status, cJSON *obj)
{
    resp->status = status;
    buf_reset(&resp->body);
    char *text = cJSON_PrintUnformatted(obj);
    buf_append_str(&resp->body, text);
    free(text);
    cJSON_Delete(obj);
    emu_resp_header(resp, "Content-Type", "application/json;charset=UTF-8");
}

void emu_resp_error(struct emu_resp *resp, int status, const char *code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    char rid[37];
    emu_request_id(rid, false);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error_msg", msg);
    cJSON_AddStringToObject(o, "error_code", code);
    cJSON_AddStringToObject(o, "request_id", rid);
    emu_resp_json(resp, status, o);
}

void emu_resp_free(struct emu_resp *resp)
{
    buf_free(&resp->body);
    for (size_t i = 0; i < resp->header_count; i++) {
        free(resp->headers[i].name);
        free(resp->headers[i].value);
    }
    resp->header_count = 0;
}

void emu_random_hex(char *out, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[32];
    if (n > 64)
        n = 64;
    RAND_bytes(raw, (int)((n + 1) / 2));
    for (size_t i = 0; i < n; i++)
        out[i] = hex[(raw[i / 2] >> ((i & 1) ? 0 : 4)) & 15];
    out[n] = '\0';
}

void emu_request_id(char out[37], bool dashes)
{
    char h[33];
    emu_random_hex(h, 32);
    if (!dashes) {
        memcpy(out, h, 33);
        return;
    }
    snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
}

void emu_parse_query(const char *raw, struct emu_pair **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    const char *p = raw;
    while (p && *p) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len) {
            const char *eq = memchr(p, '=', len);
            size_t klen = eq ? (size_t)(eq - p) : len;
            *out = xreallocarray(*out, *count + 1, sizeof(**out));
            (*out)[*count].name = percent_decode(p, klen, NULL);
            (*out)[*count].value = eq ? percent_decode(eq + 1, len - klen - 1, NULL) : xstrdup("");
            (*count)++;
        }
        p = amp ? amp + 1 : NULL;
    }
}

void emu_pairs_free(struct emu_pair *pairs, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(pairs[i].name);
        free(pairs[i].value);
    }
    free(pairs);
}

bool emu_parse_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s || !(isdigit((unsigned char)*s) || *s == '-'))
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool emu_parse_bool(const char *s, bool *out)
{
    if (s && strcmp(s, "true") == 0)
        *out = true;
    else if (s && strcmp(s, "false") == 0)
        *out = false;
    else
        return false;
    return true;
}

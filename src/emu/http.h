/* http.h — the emulator's view of one HTTP exchange, independent of libmicrohttpd,
 * so that service handlers read like the API pages they imitate. */
#ifndef CD_EMU_HTTP_H
#define CD_EMU_HTTP_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "../core/buf.h"

struct emu_pair {
    char *name;
    char *value;
};

struct emu_req {
    const char *method;
    char *path;                  /* percent-decoded, without the query */
    char *raw_path;              /* as received */
    char *raw_query;             /* after '?', as received ("" when none) */
    struct emu_pair *query;      /* decoded, in order (repeated keys repeat) */
    size_t query_count;
    struct emu_pair *headers;
    size_t header_count;
    const char *body;
    size_t body_len;
    char client[64];             /* peer address, for rate limits */
    char *params[4];             /* {placeholders} of the matched route, in order */
    size_t param_count;
};

#define EMU_MAX_RESP_HEADERS 8

struct emu_resp {
    int status;
    struct buf body;
    struct emu_pair headers[EMU_MAX_RESP_HEADERS];
    size_t header_count;
};

/* Case-insensitive header lookup; NULL when absent. */
const char *emu_header(const struct emu_req *req, const char *name);
/* The first value of a query parameter; NULL when absent. */
const char *emu_query(const struct emu_req *req, const char *name);
/* How many times a query parameter occurs; values via emu_query_nth. */
size_t emu_query_count(const struct emu_req *req, const char *name);
const char *emu_query_nth(const struct emu_req *req, const char *name, size_t n);

void emu_resp_header(struct emu_resp *resp, const char *name, const char *value);
/* Serialises obj (then frees it) as the body with Content-Type application/json. */
void emu_resp_json(struct emu_resp *resp, int status, cJSON *obj);
/* The error body every certificate service uses:
 * {"error_code": code, "error_msg": msg, "request_id": …}. */
void emu_resp_error(struct emu_resp *resp, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void emu_resp_free(struct emu_resp *resp);

/* A fresh request id: 32 lower-case hex, or with dashes (UUID form). */
void emu_request_id(char out[37], bool dashes);
/* Random lower-case hex of n characters (n even, ≤ 64) into out[n+1]. */
void emu_random_hex(char *out, size_t n);

/* Parses "a=1&b=x%20y" into decoded pairs. */
void emu_parse_query(const char *raw, struct emu_pair **out, size_t *count);
void emu_pairs_free(struct emu_pair *pairs, size_t count);

/* Parses a whole non-negative decimal integer; false otherwise. */
bool emu_parse_long(const char *s, long min, long max, long *out);
/* Parses "true"/"false". */
bool emu_parse_bool(const char *s, bool *out);

#endif

/* sign.h — AK/SK request signing, SDK-HMAC-SHA256, as the official SDKs do it
 * (see api/auth.md §2). Shared by the client, which signs, and certdeck-emu,
 * which verifies: the published vectors pin the canonical form down. */
#ifndef CD_AUTH_SIGN_H
#define CD_AUTH_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIGN_ALGORITHM "SDK-HMAC-SHA256"
#define SIGN_DATE_HEADER "X-Sdk-Date"
#define SIGN_MAX_SKEW_SECONDS (15 * 60)

struct sign_header {
    const char *name;
    const char *value;
};

struct sign_request {
    const char *method;                /* "GET" */
    const char *path;                  /* as sent, escaped or not ("/v3/p/elb/certificates") */
    const char *query;                 /* after '?', escaped, or NULL */
    const struct sign_header *headers; /* the request's headers */
    size_t header_count;
    const char *signed_headers;        /* "content-type;host;x-sdk-date", NULL = every header */
    const void *body;
    size_t body_len;
};

/* The canonical request (§2.2), a new string. NULL when a signed header is missing. */
char *sign_canonical_request(const struct sign_request *req);
/* "content-type;host;x-sdk-date": the lower-cased, sorted names of headers, new string. */
char *sign_header_list(const struct sign_header *headers, size_t count);
/* HexLower(HMAC-SHA256(sk, "SDK-HMAC-SHA256\n" date "\n" HexLower(SHA256(canonical)))). */
void sign_signature(const char *sk, size_t sk_len, const char *sdk_date, const char *canonical,
                    char out[65]);
/* "20250102T030405Z" for t (UTC) into out[17]. */
void sign_format_date(int64_t t, char out[17]);
bool sign_parse_date(const char *s, int64_t *out);

/* The parts of an Authorization header. */
struct sign_auth {
    char access[129];
    char signed_headers[1024];
    char signature[65];
};
bool sign_parse_authorization(const char *value, struct sign_auth *out);

#endif

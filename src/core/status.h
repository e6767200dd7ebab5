/* status.h — result codes and the error record every module fills. */
#ifndef CD_STATUS_H
#define CD_STATUS_H

#include <stdarg.h>

/* One row per status: enum name, stable short name (used in --json). */
#define CD_STATUS_LIST(X)                                   \
    X(CD_OK,                  "ok")                         \
    X(CD_ERR_USAGE,           "usage")                      \
    X(CD_ERR_IO,              "io")                         \
    X(CD_ERR_TOO_LARGE,       "too_large")                  \
    X(CD_ERR_EMPTY,           "empty")                      \
    X(CD_ERR_NOT_PEM_OR_DER,  "not_pem_or_der")             \
    X(CD_ERR_TRUNCATED_PEM,   "truncated_pem")              \
    X(CD_ERR_BAD_BASE64,      "bad_base64")                 \
    X(CD_ERR_BAD_DER,         "bad_der")                    \
    X(CD_ERR_KEY_NOT_CERT,    "key_not_cert")               \
    X(CD_ERR_CERT_NOT_KEY,    "cert_not_key")               \
    X(CD_ERR_NO_CERT,         "no_certificate")             \
    X(CD_ERR_NO_KEY,          "no_key")                     \
    X(CD_ERR_CSR,             "certificate_request")        \
    X(CD_ERR_NEED_PASSPHRASE, "passphrase_required")        \
    X(CD_ERR_BAD_PASSPHRASE,  "bad_passphrase")             \
    X(CD_ERR_UNSUPPORTED_KEY, "unsupported_key")            \
    X(CD_ERR_KEY_MISMATCH,    "key_mismatch")               \
    X(CD_ERR_CRYPTO,          "crypto")                     \
    X(CD_ERR_PARSE,           "parse")                      \
    X(CD_ERR_CONFIG,          "config")                     \
    X(CD_ERR_AUTH,            "auth")                       \
    X(CD_ERR_HTTP,            "http")                       \
    X(CD_ERR_API,             "api")                        \
    X(CD_ERR_NOT_FOUND,       "not_found")                  \
    X(CD_ERR_INVALID,         "invalid")                    \
    X(CD_ERR_VAULT,           "vault")                      \
    X(CD_ERR_INTERNAL,        "internal")

typedef enum {
#define CD_STATUS_ENUM(id, name) id,
    CD_STATUS_LIST(CD_STATUS_ENUM)
#undef CD_STATUS_ENUM
    CD_STATUS_COUNT
} cd_status;

/* What went wrong, for the status bar, --json output and exit codes.
 * Messages never contain secrets: callers pass names and paths, not content. */
struct cd_error {
    cd_status code;
    int http_status;          /* 0 when no HTTP exchange was involved */
    char service[16];         /* "elb", "waf"… or "" */
    char api_code[64];        /* the service's error_code, or "" */
    char message[512];
};

/* The stable short name of a status ("bad_passphrase"). */
const char *cd_status_name(cd_status code);

/* Fills err (when not NULL) and returns code, so callers can write
 * `return cd_error_set(err, CD_ERR_IO, "cannot open %s: %s", path, why);`. */
cd_status cd_error_set(struct cd_error *err, cd_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
cd_status cd_error_setv(struct cd_error *err, cd_status code, const char *fmt, va_list ap);

/* Prepends "prefix: " to an existing message (keeps code and fields). */
void cd_error_prefix(struct cd_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void cd_error_clear(struct cd_error *err);

#endif

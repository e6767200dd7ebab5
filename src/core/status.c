/* status.c — names of result codes and filling of struct cd_error. */
#include "status.h"

#include <stdio.h>
#include <string.h>

static const char *const status_names[CD_STATUS_COUNT] = {
#define CD_STATUS_NAME(id, name) [id] = name,
    CD_STATUS_LIST(CD_STATUS_NAME)
#undef CD_STATUS_NAME
};

const char *cd_status_name(cd_status code)
{
    if ((unsigned)code >= CD_STATUS_COUNT)
        return "unknown";
    return status_names[code];
}

cd_status cd_error_setv(struct cd_error *err, cd_status code, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    memset(err, 0, sizeof(*err));
    err->code = code;
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    return code;
}

cd_status cd_error_set(struct cd_error *err, cd_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cd_error_setv(err, code, fmt, ap);
    va_end(ap);
    return code;
}

void cd_error_prefix(struct cd_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[256];
    char old[sizeof(err->message)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof(old));
    /* Both parts fit in message's worth of bytes; truncation is acceptable. */
    size_t n = strnlen(prefix, sizeof(prefix));
    if (n + 2 >= sizeof(err->message))
        n = sizeof(err->message) - 3;
    memcpy(err->message, prefix, n);
    memcpy(err->message + n, ": ", 2);
    size_t room = sizeof(err->message) - n - 3;
    size_t o = strnlen(old, room);
    memcpy(err->message + n + 2, old, o);
    err->message[n + 2 + o] = '\0';
}

void cd_error_clear(struct cd_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

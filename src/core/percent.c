/* percent.c — percent-encoding (see percent.h). */
#include "percent.h"

#include <stdbool.h>

#include "xalloc.h"

/* ASCII only: isalnum would follow the locale. */
static bool unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

char *percent_encode(const char *s, size_t len)
{
    static const char HEX[] = "0123456789ABCDEF";
    char *o = xmalloc(len * 3 + 1), *p = o;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (unreserved(c)) {
            *p++ = (char)c;
        } else {
            *p++ = '%';
            *p++ = HEX[c >> 4];
            *p++ = HEX[c & 15];
        }
    }
    *p = '\0';
    return o;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *percent_decode(const char *s, size_t len, size_t *out_len)
{
    char *o = xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < len && (h = hex_value(s[i + 1])) >= 0 &&
            (l = hex_value(s[i + 2])) >= 0) {
            o[n++] = (char)(h << 4 | l);
            i += 2;
        } else {
            o[n++] = s[i];
        }
    }
    o[n] = '\0';
    if (out_len)
        *out_len = n;
    return o;
}

/* punycode.c — RFC 3492 decoding of xn-- labels, for display only. */
#include "punycode.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

enum { BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72,
       INITIAL_N = 128, MAX_CODEPOINTS = 256 };

static uint32_t adapt(uint32_t delta, uint32_t numpoints, bool first)
{
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / numpoints;
    uint32_t k = 0;
    while (delta > ((BASE - TMIN) * TMAX) / 2) {
        delta /= BASE - TMIN;
        k += BASE;
    }
    return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0' + 26;
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    return -1;
}

static void put_utf8(struct buf *b, uint32_t cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_append(b, out, n);
}

/* Decodes one label body (without "xn--") into out; false when malformed. */
static bool decode_label(const char *in, size_t len, struct buf *out)
{
    uint32_t cps[MAX_CODEPOINTS];
    size_t count = 0;
    size_t basic_end = 0;
    for (size_t i = 0; i < len; i++)
        if (in[i] == '-')
            basic_end = i;
    for (size_t i = 0; i < basic_end; i++) {
        if ((unsigned char)in[i] >= 0x80 || count >= MAX_CODEPOINTS)
            return false;
        cps[count++] = (unsigned char)in[i];
    }
    uint32_t n = INITIAL_N, bias = INITIAL_BIAS, i = 0;
    size_t pos = basic_end ? basic_end + 1 : 0;
    while (pos < len) {
        uint32_t oldi = i, w = 1;
        for (uint32_t k = BASE;; k += BASE) {
            if (pos >= len)
                return false;
            int digit = digit_value(in[pos++]);
            if (digit < 0 || (uint32_t)digit > (UINT32_MAX - i) / w)
                return false;
            i += (uint32_t)digit * w;
            uint32_t t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if ((uint32_t)digit < t)
                break;
            if (w > UINT32_MAX / (BASE - t))
                return false;
            w *= BASE - t;
        }
        bias = adapt(i - oldi, (uint32_t)count + 1, oldi == 0);
        if (i / (count + 1) > 0x10FFFF - n)
            return false;
        n += i / (uint32_t)(count + 1);
        i %= (uint32_t)(count + 1);
        if (count >= MAX_CODEPOINTS || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
            return false;
        memmove(&cps[i + 1], &cps[i], (count - i) * sizeof(cps[0]));
        cps[i++] = n;
        count++;
    }
    for (size_t k = 0; k < count; k++)
        put_utf8(out, cps[k]);
    return true;
}

char *idn_to_unicode(const char *name)
{
    struct buf out = {0};
    bool any = false;
    const char *p = name;
    while (*p) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (len > 4 && strncasecmp(p, "xn--", 4) == 0) {
            if (!decode_label(p + 4, len - 4, &out)) {
                buf_free(&out);
                return NULL;
            }
            any = true;
        } else {
            buf_append(&out, p, len);
        }
        if (!dot)
            break;
        buf_append(&out, ".", 1);
        p = dot + 1;
    }
    if (!any) {
        buf_free(&out);
        return NULL;
    }
    return buf_steal(&out, NULL);
}

/* textwidth.c — display width of UTF-8 text and cutting it to a width. */
#include "textwidth.h"

#include <langinfo.h>
#include <string.h>
#include <strings.h>

struct cp_range {
    unsigned first, last;
};

/* Zero-width: combining marks, zero-width space/joiners, variation selectors. */
static const struct cp_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* Two columns: East Asian wide and full-width forms, emoji. */
static const struct cp_range double_width[] = {
    {0x1100, 0x115F},  {0x2E80, 0x303E},  {0x3041, 0x33FF},  {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},  {0xA000, 0xA4CF},  {0xAC00, 0xD7A3},  {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},  {0xFF00, 0xFF60},  {0xFFE0, 0xFFE6},  {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static bool in_ranges(unsigned cp, const struct cp_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].first && cp <= r[i].last)
            return true;
    return false;
}

int text_codepoint_width(unsigned cp)
{
    if (cp < 0x300)
        return cp >= 0x20 && cp != 0x7F ? 1 : 0;
    if (in_ranges(cp, zero_width, sizeof(zero_width) / sizeof(zero_width[0])))
        return 0;
    if (in_ranges(cp, double_width, sizeof(double_width) / sizeof(double_width[0])))
        return 2;
    return 1;
}

/* Decodes one character at s: its length in bytes and code point. A byte
 * that does not start a well-formed sequence is one character of its own. */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len <= 1) {
        *cp = len ? c : 0xFFFD;
        return 1;
    }
    unsigned v = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

static size_t char_width(unsigned cp, size_t len)
{
    /* a stray byte is shown as one replacement character */
    return cp == 0xFFFD && len == 1 ? 1 : (size_t)text_codepoint_width(cp);
}

size_t text_display_width(const char *s)
{
    size_t cols = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        size_t len = utf8_next(p, &cp);
        cols += char_width(cp, len);
        p += len;
    }
    return cols;
}

/* Copies characters of s while they fit in max_cols columns and out_size
 * bytes; returns the bytes copied and sets *cols. */
static size_t copy_fitting(const char *s, size_t max_cols, size_t out_size, size_t *cols)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t bytes = 0, used = 0;
    while (p[bytes]) {
        unsigned cp;
        size_t len = utf8_next(p + bytes, &cp);
        size_t w = char_width(cp, len);
        if (used + w > max_cols || bytes + len >= out_size)
            break;
        used += w;
        bytes += len;
    }
    *cols = used;
    return bytes;
}

size_t text_cut(const char *s, size_t max_cols, const char *ellipsis, char *out, size_t out_size)
{
    if (!out_size)
        return 0;
    size_t cols;
    size_t bytes = copy_fitting(s, max_cols, out_size, &cols);
    if (!s[bytes]) { /* it all fits */
        memcpy(out, s, bytes);
        out[bytes] = '\0';
        return cols;
    }
    size_t ell_len = ellipsis ? strlen(ellipsis) : 0;
    size_t ell_cols = ellipsis ? text_display_width(ellipsis) : 0;
    if (ell_cols > max_cols || ell_len >= out_size)
        ell_len = ell_cols = 0;
    bytes = copy_fitting(s, max_cols - ell_cols, out_size - ell_len, &cols);
    memcpy(out, s, bytes);
    if (ell_len) /* memcpy's source may not be NULL, even for no bytes */
        memcpy(out + bytes, ellipsis, ell_len);
    out[bytes + ell_len] = '\0';
    return cols + ell_cols;
}

bool text_locale_is_utf8(void)
{
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0);
}

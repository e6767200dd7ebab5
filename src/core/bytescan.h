/* bytescan.h — 16 and 8 bytes at a time for the JSON hot loops: whether a
 * block holds a byte that ends a plain run. The strings of a list answer are long
 * (PEMs, echoed keys) and mostly plain, so the parser and the writer spend
 * their time looking for the next quote or backslash.
 *
 * GCC and Clang vector types compile to SSE2 on x86-64 and to NEON on ARM;
 * other compilers get the same answers a byte at a time. The 8-byte forms
 * are the haszero/hasless tricks of "Bit Twiddling Hacks" (exact for every
 * byte), for what is left after the 16-byte steps. */
#ifndef CD_BYTESCAN_H
#define CD_BYTESCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* A byte JSON must escape: below 0x20, '"' or '\\'. */
static inline bool byte_json_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

#define BYTESCAN_ONES 0x0101010101010101ull
#define BYTESCAN_HIGHS 0x8080808080808080ull

/* The high bit of each byte of v that is zero (exact for every byte). */
static inline uint64_t bytes8_zero(uint64_t v)
{
    return (v - BYTESCAN_ONES) & ~v & BYTESCAN_HIGHS;
}

/* A '"' or '\\' among s[0..8). */
static inline bool scan8_quote_or_backslash(const char *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof(v));
    return bytes8_zero(v ^ (BYTESCAN_ONES * '"')) | bytes8_zero(v ^ (BYTESCAN_ONES * '\\'));
}

/* A byte JSON must escape among s[0..8). */
static inline bool scan8_json_escape(const char *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof(v));
    uint64_t below_space = (v - BYTESCAN_ONES * 0x20) & ~v & BYTESCAN_HIGHS;
    return below_space | scan8_quote_or_backslash(s);
}

#if defined(__GNUC__) || defined(__clang__)
typedef unsigned char bytes16 __attribute__((vector_size(16)));

static inline bool bytes16_any(bytes16 m)
{
    uint64_t half[2];
    memcpy(half, &m, sizeof(half));
    return (half[0] | half[1]) != 0;
}

/* A '"' or '\\' among s[0..16). */
static inline bool scan16_quote_or_backslash(const char *s)
{
    bytes16 v, none = {0};
    memcpy(&v, s, sizeof(v));
    return bytes16_any((v == none + '"') | (v == none + '\\'));
}

/* A byte JSON must escape among s[0..16): below 0x20, '"' or '\\'. */
static inline bool scan16_json_escape(const char *s)
{
    bytes16 v, none = {0};
    memcpy(&v, s, sizeof(v));
    return bytes16_any((v == none + '"') | (v == none + '\\') | (v < none + 0x20));
}
#else
static inline bool scan16_quote_or_backslash(const char *s)
{
    for (int i = 0; i < 16; i++)
        if (s[i] == '"' || s[i] == '\\')
            return true;
    return false;
}

static inline bool scan16_json_escape(const char *s)
{
    for (int i = 0; i < 16; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == '"' || s[i] == '\\')
            return true;
    return false;
}
#endif

#endif

/* jsonw.c — the streaming JSON writer (see jsonw.h). */
#include "jsonw.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "bytescan.h"

/* Appends n bytes; inline because a 10,000-record list makes a million calls. */
static inline void put(struct jsonw *w, const char *s, size_t n)
{
    struct buf *b = &w->out;
    if (b->cap - b->len > n) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        buf_append(b, s, n);
    }
}

static void indent(struct jsonw *w)
{
    put(w, "\n", 1);
    for (int i = 0; i < w->depth; i++)
        put(w, "\t", 1);
}

static void put_escape(struct jsonw *w, unsigned char c)
{
    static const char HEX[] = "0123456789abcdef";
    char esc[7] = {'\\', 0};
    size_t n = 2;
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    case '\b': esc[1] = 'b'; break;
    case '\f': esc[1] = 'f'; break;
    default:
        memcpy(esc + 1, "u00", 3);
        esc[4] = HEX[c >> 4];
        esc[5] = HEX[c & 15];
        n = 6;
    }
    put(w, esc, n);
}

static void put_quoted(struct jsonw *w, const char *s, size_t len)
{
    buf_reserve(&w->out, len + 2);
    put(w, "\"", 1);
    size_t i = 0, run = 0; /* s[run..i) needs no escape: copied together */
    while (i < len) {
        while (len - i >= 8 && !scan8_json_escape(s + i))
            i += 8; /* most strings have nothing to escape */
        if (i >= len)
            break;
        unsigned char c = (unsigned char)s[i];
        if (!byte_json_escape(c)) {
            i++;
            continue;
        }
        put(w, s + run, i - run);
        put_escape(w, c);
        run = ++i;
    }
    put(w, s + run, len - run);
    put(w, "\"", 1);
}

/* The separator, indentation and key before a value. */
static void before_value(struct jsonw *w, const char *key, size_t klen)
{
    if (w->depth > 0) {
        if (w->has_items[w->depth - 1])
            put(w, ",", 1);
        w->has_items[w->depth - 1] = true;
        if (w->pretty)
            indent(w);
    }
    if (key) {
        put_quoted(w, key, klen);
        put(w, w->pretty ? ":\t" : ":", w->pretty ? 2 : 1);
    }
}

/* The fast path, for compact output: a value goes into the buffer in one
 * piece (separator, key and value) without a call per byte run. It declines
 * when the string needs an escape (or jw_cjson's key does), and then the
 * general path above writes the value. Nothing counts until commit. */

/* Room for n more bytes and the NUL; where they go. */
static inline char *room(struct jsonw *w, size_t n)
{
    struct buf *b = &w->out;
    if (b->cap - b->len <= n)
        buf_reserve(b, n); /* the writer's buffer has no limit: this cannot fail */
    return b->data + b->len;
}

/* Copies s to p when nothing in it needs an escape; NULL when something does. */
static inline char *copy_plain(char *p, const char *s, size_t len)
{
    size_t i = 0;
    for (; len - i >= 16 && !scan16_json_escape(s + i); i += 16)
        memcpy(p + i, s + i, 16);
    for (; len - i >= 8; i += 8) {
        if (scan8_json_escape(s + i))
            return NULL;
        memcpy(p + i, s + i, 8);
    }
    for (; i < len; i++) {
        if (byte_json_escape((unsigned char)s[i]))
            return NULL;
        p[i] = s[i];
    }
    return p + len;
}

static inline char *quote_plain(char *p, const char *s, size_t len)
{
    *p++ = '"';
    p = copy_plain(p, s, len);
    if (p)
        *p++ = '"';
    return p;
}

/* Whether a key needs no escape (the program's own keys never do). */
static bool key_plain(const char *key, size_t klen)
{
    for (size_t i = 0; i < klen; i++)
        if (byte_json_escape((unsigned char)key[i]))
            return false;
    return true;
}

/* The separator and key at p, whose room the caller reserved. The key is
 * copied as it is: keys are the program's names (see jsonw.h); those of
 * data (jw_cjson) that need an escape never come here. */
static inline char *prefix_at(const struct jsonw *w, char *p, const char *key, size_t klen)
{
    if (w->depth > 0 && w->has_items[w->depth - 1])
        *p++ = ',';
    if (key) {
        assert(key_plain(key, klen));
        *p++ = '"';
        memcpy(p, key, klen);
        p += klen;
        *p++ = '"';
        *p++ = ':';
    }
    return p;
}

/* The value written by the fast path ends at end. */
static inline void commit(struct jsonw *w, char *end)
{
    if (w->depth > 0)
        w->has_items[w->depth - 1] = true;
    w->out.len = (size_t)(end - w->out.data);
    *end = '\0';
}

/* text (nothing to escape) as a value; false when the fast path declines. */
static inline bool fast_raw(struct jsonw *w, const char *key, size_t klen, const char *text,
                            size_t len)
{
    if (w->pretty || w->key_escapes)
        return false;
    char *p = prefix_at(w, room(w, klen + len + 4), key, klen);
    memcpy(p, text, len);
    commit(w, p + len);
    return true;
}

static void open_container(struct jsonw *w, const char *key, size_t klen, char opener,
                           char closer)
{
    if (!fast_raw(w, key, klen, &opener, 1)) {
        before_value(w, key, klen);
        put(w, &opener, 1);
    }
    w->has_items[w->depth] = false;
    w->closer[w->depth] = closer;
    w->depth++;
}

/* Past the depth cap the container becomes null and its insides are dropped. */
static bool past_cap(struct jsonw *w, const char *key, size_t klen)
{
    if (w->dropped == 0 && w->depth < JSONW_MAX_DEPTH)
        return false;
    if (w->dropped == 0)
        jw_null_k(w, key, klen);
    w->dropped++;
    return true;
}

void jw_object_k(struct jsonw *w, const char *key, size_t klen)
{
    if (!past_cap(w, key, klen))
        open_container(w, key, klen, '{', '}');
}

void jw_array_k(struct jsonw *w, const char *key, size_t klen)
{
    if (!past_cap(w, key, klen))
        open_container(w, key, klen, '[', ']');
}

void jw_end(struct jsonw *w)
{
    if (w->dropped > 0) {
        w->dropped--;
        return;
    }
    if (w->depth == 0)
        return;
    w->depth--;
    if (w->pretty && w->has_items[w->depth])
        indent(w);
    char *p = room(w, 1);
    *p = w->closer[w->depth];
    w->out.len++;
    p[1] = '\0';
}

void jw_string_k(struct jsonw *w, const char *key, size_t klen, const char *value, size_t len)
{
    if (w->dropped)
        return;
    if (!w->pretty && !w->key_escapes) {
        char *p = prefix_at(w, room(w, klen + len + 6), key, klen);
        if ((p = quote_plain(p, value, len))) {
            commit(w, p);
            return;
        }
    }
    before_value(w, key, klen);
    put_quoted(w, value, len);
}

void jw_int_k(struct jsonw *w, const char *key, size_t klen, int64_t value)
{
    if (w->dropped)
        return;
    /* digits by hand, from the end: printf is a visible cost over 10,000 records */
    char text[24], *p = text + sizeof(text);
    uint64_t v = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (value < 0)
        *--p = '-';
    size_t len = (size_t)(text + sizeof(text) - p);
    if (fast_raw(w, key, klen, p, len))
        return;
    before_value(w, key, klen);
    put(w, p, len);
}

void jw_bool_k(struct jsonw *w, const char *key, size_t klen, bool value)
{
    if (w->dropped || fast_raw(w, key, klen, value ? "true" : "false", value ? 4 : 5))
        return;
    before_value(w, key, klen);
    put(w, value ? "true" : "false", value ? 4 : 5);
}

void jw_null_k(struct jsonw *w, const char *key, size_t klen)
{
    if (w->dropped || fast_raw(w, key, klen, "null", 4))
        return;
    before_value(w, key, klen);
    put(w, "null", 4);
}

void jw_raw_k(struct jsonw *w, const char *key, size_t klen, const char *text, size_t len)
{
    if (!len) {
        jw_null_k(w, key, klen);
        return;
    }
    if (w->dropped || fast_raw(w, key, klen, text, len))
        return;
    before_value(w, key, klen);
    put(w, text, len);
}

void jw_base64_k(struct jsonw *w, const char *key, size_t klen, const void *data, size_t len)
{
    if (w->dropped)
        return;
    before_value(w, key, klen);
    size_t encoded = 4 * ((len + 2) / 3); /* base64 never needs an escape */
    char *p = room(w, encoded + 2);
    *p++ = '"';
    EVP_EncodeBlock((unsigned char *)p, data, (int)len);
    p[encoded] = '"';
    w->out.len += encoded + 2;
    w->out.data[w->out.len] = '\0';
}

/* Numbers as cJSON prints them: integers plainly, others with the fewest
 * digits that read back the same. */
static void put_number(struct jsonw *w, const char *key, double d)
{
    if (isnan(d) || isinf(d)) {
        jw_null(w, key);
        return;
    }
    if (d == (double)(int64_t)d && d > -9007199254740992.0 && d < 9007199254740992.0) {
        jw_int(w, key, (int64_t)d);
        return;
    }
    char text[32];
    int n = snprintf(text, sizeof(text), "%1.15g", d);
    if (strtod(text, NULL) != d)
        n = snprintf(text, sizeof(text), "%1.17g", d);
    if (w->dropped)
        return;
    before_value(w, key, key ? strlen(key) : 0);
    put(w, text, (size_t)n);
}

void jw_cjson(struct jsonw *w, const char *key, const cJSON *v)
{
    if (!v || cJSON_IsNull(v) || cJSON_IsInvalid(v)) {
        jw_null(w, key);
    } else if (cJSON_IsBool(v)) {
        jw_bool(w, key, cJSON_IsTrue(v));
    } else if (cJSON_IsNumber(v)) {
        put_number(w, key, v->valuedouble);
    } else if (cJSON_IsString(v)) {
        jw_string(w, key, v->valuestring);
    } else if (cJSON_IsRaw(v)) {
        const char *raw = v->valuestring ? v->valuestring : "";
        jw_raw(w, key, raw, strlen(raw));
    } else {
        bool object = cJSON_IsObject(v);
        if (object)
            jw_object(w, key);
        else
            jw_array(w, key);
        for (const cJSON *c = v->child; c; c = c->next) {
            const char *name = object ? c->string : NULL;
            /* a member name from data may need an escape: then its value
             * takes the general path, which escapes the name */
            w->key_escapes = name && !key_plain(name, strlen(name));
            jw_cjson(w, name, c);
            w->key_escapes = false;
        }
        jw_end(w);
    }
}

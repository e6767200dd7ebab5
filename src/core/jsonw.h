/* jsonw.h — a streaming JSON writer: values go straight into a buffer, with
 * no tree in between. `list --json` writes 10,000 records; building a cJSON
 * tree for each costs a dozen allocations per field.
 *
 * Every value call takes the member's key inside an object, NULL inside an
 * array or at the top. Keys are the program's own names, which never need an
 * escape: they are copied as they are (debug builds assert it); names that
 * come from data are written with jw_cjson, which escapes them.
 *
 * Output is compact (byte for byte what cJSON_PrintUnformatted gives), or one
 * value per line indented with tabs when `pretty` (for `show --json`).
 * Containers nest up to JSONW_MAX_DEPTH: a container opened deeper is written
 * as null and everything inside it, up to its jw_end, is dropped, so the
 * output stays well-formed whatever the caller does. */
#ifndef CD_JSONW_H
#define CD_JSONW_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "strlist.h"

#define JSONW_MAX_DEPTH 32

struct jsonw {
    struct buf out;               /* the text so far; take it with buf_steal or write it out */
    bool pretty;
    int depth;
    bool has_items[JSONW_MAX_DEPTH]; /* whether the open container at each depth has a value */
    char closer[JSONW_MAX_DEPTH];    /* '}' or ']' for each open container */
    int dropped;                     /* containers open past the depth cap */
    bool key_escapes;                /* jw_cjson: the next key is data that needs an escape */
};

/* The writer proper takes each key with its length (NULL, 0 in arrays). */
void jw_object_k(struct jsonw *w, const char *key, size_t klen);
void jw_array_k(struct jsonw *w, const char *key, size_t klen);
void jw_string_k(struct jsonw *w, const char *key, size_t klen, const char *value, size_t len);
void jw_int_k(struct jsonw *w, const char *key, size_t klen, int64_t value);
void jw_bool_k(struct jsonw *w, const char *key, size_t klen, bool value);
void jw_null_k(struct jsonw *w, const char *key, size_t klen);
void jw_raw_k(struct jsonw *w, const char *key, size_t klen, const char *text, size_t len);

/* What callers use: inline, so that a literal key's length is known when
 * compiling (10,000 records are half a million keys). */
#define JW_KEY(key) (key), ((key) ? strlen(key) : 0)

static inline void jw_object(struct jsonw *w, const char *key) /* opens {…} */
{
    jw_object_k(w, JW_KEY(key));
}

static inline void jw_array(struct jsonw *w, const char *key) /* opens […] */
{
    jw_array_k(w, JW_KEY(key));
}

void jw_end(struct jsonw *w); /* closes the innermost */

static inline void jw_null(struct jsonw *w, const char *key)
{
    jw_null_k(w, JW_KEY(key));
}

static inline void jw_string_len(struct jsonw *w, const char *key, const char *value, size_t len)
{
    jw_string_k(w, JW_KEY(key), value, len);
}

static inline void jw_string(struct jsonw *w, const char *key, const char *value) /* NULL: null */
{
    if (value)
        jw_string_k(w, JW_KEY(key), value, strlen(value));
    else
        jw_null_k(w, JW_KEY(key));
}

static inline void jw_int(struct jsonw *w, const char *key, int64_t value)
{
    jw_int_k(w, JW_KEY(key), value);
}

static inline void jw_bool(struct jsonw *w, const char *key, bool value)
{
    jw_bool_k(w, JW_KEY(key), value);
}

/* JSON text written as it is (the caller vouches for it), "" as null. */
static inline void jw_raw(struct jsonw *w, const char *key, const char *text, size_t len)
{
    jw_raw_k(w, JW_KEY(key), text, len);
}

/* len bytes of data as a base64 string, encoded straight into the buffer:
 * a secret stays one copy (a CAE key is sent as base64 of its PEM). */
void jw_base64_k(struct jsonw *w, const char *key, size_t klen, const void *data, size_t len);

static inline void jw_base64(struct jsonw *w, const char *key, const char *text)
{
    jw_base64_k(w, JW_KEY(key), text, strlen(text));
}

/* A list of strings as an array. */
static inline void jw_strings(struct jsonw *w, const char *key, const struct strlist *l)
{
    jw_array(w, key);
    for (size_t i = 0; i < l->count; i++)
        jw_string(w, NULL, l->items[i]);
    jw_end(w);
}

/* A cJSON value (and everything under it), NULL as null. */
void jw_cjson(struct jsonw *w, const char *key, const cJSON *value);

#endif

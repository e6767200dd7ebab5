/* jsonw.h — a streaming JSON writer: values go straight into a buffer, with
 * no tree in between. `list --json` writes 10,000 records; building a cJSON
 * tree for each costs a dozen allocations per field.
 *
 * Every value call takes the member's key inside an object, NULL inside an
 * array or at the top. Output is compact (byte for byte what
 * cJSON_PrintUnformatted gives), or one value per line indented with tabs
 * when `pretty` (for `show --json`). Containers nest
 * up to JSONW_MAX_DEPTH: a container opened deeper is written as null and
 * everything inside it, up to its jw_end, is dropped, so the output stays
 * well-formed whatever the caller does. */
#ifndef CD_JSONW_H
#define CD_JSONW_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "buf.h"

#define JSONW_MAX_DEPTH 32

struct jsonw {
    struct buf out;               /* the text so far; take it with buf_steal or write it out */
    bool pretty;
    int depth;
    bool has_items[JSONW_MAX_DEPTH]; /* whether the open container at each depth has a value */
    char closer[JSONW_MAX_DEPTH];    /* '}' or ']' for each open container */
    int dropped;                     /* containers open past the depth cap */
};

void jw_object(struct jsonw *w, const char *key); /* opens {…} */
void jw_array(struct jsonw *w, const char *key);  /* opens […] */
void jw_end(struct jsonw *w);                     /* closes the innermost */

void jw_string(struct jsonw *w, const char *key, const char *value); /* NULL: null */
void jw_string_len(struct jsonw *w, const char *key, const char *value, size_t len);
void jw_int(struct jsonw *w, const char *key, int64_t value);
void jw_bool(struct jsonw *w, const char *key, bool value);
void jw_null(struct jsonw *w, const char *key);
/* JSON text written as it is (the caller vouches for it), "" as null. */
void jw_raw(struct jsonw *w, const char *key, const char *text, size_t len);
/* A cJSON value (and everything under it), NULL as null. */
void jw_cjson(struct jsonw *w, const char *key, const cJSON *value);

#endif

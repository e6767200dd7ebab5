/* json-arena.c — API answers parsed in place into cJSON trees that live in
 * bump-allocated blocks (see json-arena.h).
 *
 * The parser is ours, cJSON's tree is not: strings are decoded where they
 * lie in the answer's text (an unescaped string is never longer than its
 * escaped form) and the text becomes one of the tree's blocks, so a page of
 * 2,000 certificates costs no copy of its strings and one allocation for
 * its nodes. Everything else (reading, deleting members, printing) is
 * cJSON's own code; its free hook leaves arena memory alone. */
#include "json-arena.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytescan.h"
#include "hugepage.h"
#include "wipe.h"
#include "xalloc.h"

/* ------------------------------------------------------------ the arena */

struct arena_block {
    struct arena_block *next;
    char *data;   /* the block's memory: after this header, or a text taken over */
    size_t size, used;
    bool text;    /* an answer's text: wiped (it may hold echoed keys), then freed */
};

struct arena {
    struct arena_block *blocks; /* newest first; allocations come from the first */
    size_t next_size;           /* size of the next block */
    cJSON *root;
    struct arena *next;         /* the thread's other live arenas */
};

static _Thread_local struct arena *live; /* this thread's arenas, newest first */
/* The largest node block of the last arena released, kept for the next
 * parse: a list is several pages in a row, and fresh blocks cost a page
 * fault per 4 KiB. Freed when the thread ends. */
static _Thread_local struct arena_block *spare;
static pthread_key_t spare_key;

#define SPARE_MAX (64u << 20)
#define ALIGN alignof(max_align_t)
#define HEADER ((sizeof(struct arena_block) + ALIGN - 1) & ~(ALIGN - 1))

static void set_spare(struct arena_block *b)
{
    spare = b;
    pthread_setspecific(spare_key, b); /* what the thread's end frees */
}

/* A node block for at least `need` bytes, of `size` when it has to be new. */
static struct arena_block *block_new(size_t size, size_t need)
{
    struct arena_block *b;
    if (spare && spare->size >= need) {
        b = spare;
        set_spare(NULL);
    } else {
        b = malloc(HEADER + size);
        if (!b)
            return NULL;
        advise_huge_pages(b, HEADER + size); /* a page of a list is megabytes of nodes */
        b->data = (char *)b + HEADER;
        b->size = size;
        b->text = false;
    }
    b->used = 0;
    return b;
}

static void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + ALIGN - 1) & ~(ALIGN - 1);
    struct arena_block *b = a->blocks;
    if (!b || b->text || b->size - b->used < n) {
        b = block_new(a->next_size > n ? a->next_size : n, n);
        if (!b)
            return NULL;
        b->next = a->blocks;
        a->blocks = b;
        a->next_size = b->size * 2;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

/* The answer's text joins the arena: the strings point into it. Nodes never
 * come from it (arena_alloc starts a node block in front of it). */
static void arena_adopt_text(struct arena *a, char *text, size_t size)
{
    struct arena_block *b = xmalloc(sizeof(*b));
    *b = (struct arena_block){.next = a->blocks, .data = text, .size = size, .used = size,
                              .text = true};
    a->blocks = b;
}

static bool arena_holds(const struct arena *a, const void *p)
{
    for (const struct arena_block *b = a->blocks; b; b = b->next)
        if ((uintptr_t)p >= (uintptr_t)b->data && (uintptr_t)p < (uintptr_t)(b->data + b->size))
            return true;
    return false;
}

/* Takes a out of the thread's live list and frees its blocks. */
static void arena_release(struct arena *a)
{
    for (struct arena **at = &live; *at; at = &(*at)->next)
        if (*at == a) {
            *at = a->next;
            break;
        }
    while (a->blocks) {
        struct arena_block *b = a->blocks;
        a->blocks = b->next;
        if (b->text) {
            wipe(b->data, b->size);
            free(b->data);
            free(b);
        } else if (b->size <= SPARE_MAX && (!spare || spare->size < b->size)) {
            free(spare);
            set_spare(b);
        } else {
            free(b);
        }
    }
    free(a);
}

/* ------------------------------------------------------------ cJSON's hooks */

static void hook_free(void *p)
{
    for (const struct arena *a = live; a; a = a->next)
        if (arena_holds(a, p))
            return; /* goes with its arena */
    free(p);
}

static void spare_free(void *block)
{
    free(block);
}

static void install_hooks(void)
{
    cJSON_Hooks hooks = {.malloc_fn = malloc, .free_fn = hook_free};
    cJSON_InitHooks(&hooks);
    pthread_key_create(&spare_key, spare_free);
}

void json_arena_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_hooks);
}

/* ------------------------------------------------------------ the parser */

#define JSON_DEPTH_MAX 512 /* deeper documents are refused (cJSON's limit is 1000) */

struct parser {
    char *p, *end; /* the text; *end is a NUL the caller put there */
    struct arena *arena;
    int depth;
};

static void skip_space(struct parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
        ps->p++;
}

static cJSON *node(struct parser *ps, int type)
{
    cJSON *n = arena_alloc(ps->arena, sizeof(*n));
    if (n) {
        memset(n, 0, sizeof(*n));
        n->type = type;
    }
    return n;
}

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

static char *put_utf8(char *w, unsigned cp)
{
    if (cp < 0x80) {
        *w++ = (char)cp;
    } else if (cp < 0x800) {
        *w++ = (char)(0xC0 | cp >> 6);
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *w++ = (char)(0xE0 | cp >> 12);
        *w++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *w++ = (char)(0xF0 | cp >> 18);
        *w++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *w++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    }
    return w;
}

/* The first '"' or '\\' from r on (or end), 16 then 8 bytes at a time:
 * the strings of a list answer are long (PEMs) and mostly plain. */
static char *skip_plain(char *r, const char *end)
{
    while (end - r >= 16 && !scan16_quote_or_backslash(r))
        r += 16;
    while (end - r >= 8 && !scan8_quote_or_backslash(r))
        r += 8;
    while (r < end && *r != '"' && *r != '\\')
        r++;
    return r;
}

/* A string at ps->p (on its opening quote), decoded in place: returns its
 * start, NUL-terminated where it ends, or NULL when it is malformed. */
static char *string_in_place(struct parser *ps)
{
    char *start = ++ps->p, *r = start;
    /* the common case: no escape before the closing quote */
    r = skip_plain(r, ps->end);
    char *w = r;
    while (r < ps->end && *r != '"') {
        if (*r != '\\') {
            /* a plain run after an escape moves down, 16 bytes at a time (a
             * PEM is 64-character lines, each ended by an escaped newline) */
            while (ps->end - r >= 16 && !scan16_quote_or_backslash(r)) {
                char block[16];
                memcpy(block, r, sizeof(block)); /* read before writing: w < r */
                memcpy(w, block, sizeof(block));
                r += 16;
                w += 16;
            }
            while (r < ps->end && *r != '"' && *r != '\\')
                *w++ = *r++;
            continue;
        }
        if (ps->end - r < 2)
            return NULL;
        char e = r[1];
        r += 2;
        switch (e) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            int hi = ps->end - r >= 4 ? hex4(r) : -1;
            if (hi < 0)
                return NULL;
            r += 4;
            unsigned cp = (unsigned)hi;
            if (hi >= 0xDC00 && hi <= 0xDFFF)
                return NULL; /* a low surrogate alone */
            if (hi >= 0xD800 && hi <= 0xDBFF) {
                int lo = ps->end - r >= 6 && r[0] == '\\' && r[1] == 'u' ? hex4(r + 2) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return NULL;
                r += 6;
                cp = 0x10000 + (((unsigned)hi - 0xD800) << 10) + ((unsigned)lo - 0xDC00);
            }
            /* at most 4 bytes out for at least 6 in */
            w = put_utf8(w, cp);
            break;
        }
        default:
            return NULL;
        }
    }
    if (r >= ps->end)
        return NULL; /* no closing quote */
    *w = '\0';
    ps->p = r + 1;
    return start;
}

/* A number: integers by hand, anything else by cJSON (strtod, locale-proof). */
static bool number(struct parser *ps, cJSON *n)
{
    char *s = ps->p, *q = s;
    if (*q == '-')
        q++;
    if (q >= ps->end || *q < '0' || *q > '9')
        return false;
    int64_t v = 0;
    int digits = 0;
    while (q < ps->end && *q >= '0' && *q <= '9') {
        if (++digits <= 15) /* exact in a double; longer ones go to cJSON below */
            v = v * 10 + (*q - '0');
        q++;
    }
    if (digits > 15 || (q < ps->end && (*q == '.' || *q == 'e' || *q == 'E'))) {
        char *e = q;
        while (e < ps->end && strchr("0123456789+-.eE", *e))
            e++;
        const char *parsed_to = NULL;
        cJSON *tmp = cJSON_ParseWithLengthOpts(s, (size_t)(e - s), &parsed_to, false);
        if (!cJSON_IsNumber(tmp) || parsed_to != e) { /* "1.e": not all of it a number */
            cJSON_Delete(tmp);
            return false;
        }
        n->valuedouble = tmp->valuedouble;
        cJSON_Delete(tmp);
        q = e;
    } else {
        n->valuedouble = (double)(*s == '-' ? -v : v);
    }
    double d = n->valuedouble; /* valueint as cJSON sets it: saturated */
    n->valueint = d >= INT32_MAX ? INT32_MAX : d <= INT32_MIN ? INT32_MIN : (int)d;
    ps->p = q;
    return true;
}

static cJSON *value(struct parser *ps);

/* Appends child to parent's list; cJSON keeps the last one in child->prev. */
static void link_child(cJSON *parent, cJSON *child)
{
    if (!parent->child) {
        parent->child = child;
    } else {
        child->prev = parent->child->prev;
        parent->child->prev->next = child;
    }
    parent->child->prev = child;
}

static cJSON *container(struct parser *ps, bool object)
{
    if (++ps->depth > JSON_DEPTH_MAX)
        return NULL;
    cJSON *c = node(ps, object ? cJSON_Object : cJSON_Array);
    char close = object ? '}' : ']';
    ps->p++;
    skip_space(ps);
    if (c && ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return c;
    }
    while (c) {
        char *key = NULL;
        if (object) {
            skip_space(ps);
            if (ps->p >= ps->end || *ps->p != '"' || !(key = string_in_place(ps)))
                return NULL;
            skip_space(ps);
            if (ps->p >= ps->end || *ps->p++ != ':')
                return NULL;
        }
        cJSON *item = value(ps);
        if (!item)
            return NULL;
        item->string = key;
        link_child(c, item);
        skip_space(ps);
        if (ps->p >= ps->end)
            return NULL;
        char sep = *ps->p++;
        if (sep == close)
            break;
        if (sep != ',')
            return NULL;
    }
    ps->depth--;
    return c;
}

static bool literal(struct parser *ps, const char *word, size_t len)
{
    if ((size_t)(ps->end - ps->p) < len || memcmp(ps->p, word, len) != 0)
        return false;
    ps->p += len;
    return true;
}

static cJSON *value(struct parser *ps)
{
    skip_space(ps);
    if (ps->p >= ps->end)
        return NULL;
    cJSON *n;
    switch (*ps->p) {
    case '{':
        return container(ps, true);
    case '[':
        return container(ps, false);
    case '"':
        n = node(ps, cJSON_String);
        if (n && !(n->valuestring = string_in_place(ps)))
            return NULL;
        return n;
    case 't':
        return literal(ps, "true", 4) ? node(ps, cJSON_True) : NULL;
    case 'f':
        return literal(ps, "false", 5) ? node(ps, cJSON_False) : NULL;
    case 'n':
        return literal(ps, "null", 4) ? node(ps, cJSON_NULL) : NULL;
    default:
        n = node(ps, cJSON_Number);
        return n && number(ps, n) ? n : NULL;
    }
}

/* ------------------------------------------------------------ entry points */

/* Parses len bytes of text, which has room for a NUL after them, and takes
 * it over (size bytes, wiped when the tree goes). */
static cJSON *parse_taking(char *text, size_t len, size_t size)
{
    json_arena_init();
    struct arena *a = xcalloc(1, sizeof(*a));
    /* nodes take about as much room as the text: one block holds most pages */
    a->next_size = len + 4096;
    a->next = live;
    live = a;
    arena_adopt_text(a, text, size);
    text[len] = '\0';
    struct parser ps = {.p = text, .end = text + len, .arena = a};
    cJSON *root = value(&ps);
    skip_space(&ps);
    if (!root || ps.p != ps.end) {
        arena_release(a);
        return NULL;
    }
    a->root = root;
    return root;
}

cJSON *json_tree_parse(const char *text, size_t len)
{
    char *copy = xmalloc(len + 1);
    if (len)
        memcpy(copy, text, len);
    return parse_taking(copy, len, len + 1);
}

cJSON *json_tree_parse_buf(struct buf *b)
{
    buf_reserve(b, 0); /* never NULL, room for the NUL */
    size_t len = b->len, size = b->cap;
    char *text = buf_steal(b, NULL);
    return parse_taking(text, len, size);
}

void json_tree_free(cJSON *root)
{
    if (!root)
        return;
    for (struct arena *a = live; a; a = a->next)
        if (a->root == root) {
            arena_release(a);
            return;
        }
    cJSON_Delete(root); /* not from json_tree_parse: an ordinary tree */
}

/* json-arena.c — cJSON trees in bump-allocated blocks (see json-arena.h).
 *
 * cJSON has one global pair of allocation hooks. Ours hand out arena memory
 * only while this thread is inside json_tree_parse, and otherwise call
 * malloc; a free of a pointer inside one of this thread's live arenas does
 * nothing, any other goes to free. */
#include "json-arena.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    alignas(max_align_t) char data[];
};

struct arena {
    struct arena_block *blocks; /* newest first; allocations come from the first */
    size_t next_size;           /* size of the next block */
    cJSON *root;
    struct arena *next;         /* the thread's other live arenas */
};

static _Thread_local struct arena *live;    /* this thread's arenas, newest first */
static _Thread_local struct arena *parsing; /* where allocations go, during a parse */
/* The largest block of the last arena released, kept for the next parse: a
 * list is several pages in a row, and fresh blocks cost a page fault per
 * 4 KiB. Freed when the thread ends. */
static _Thread_local struct arena_block *spare;
static pthread_key_t spare_key;

#define SPARE_MAX (64u << 20)

static void set_spare(struct arena_block *b)
{
    spare = b;
    pthread_setspecific(spare_key, b); /* what the thread's end frees */
}

/* A block for at least `need` bytes, of `size` when it has to be new. */
static struct arena_block *block_new(size_t size, size_t need)
{
    struct arena_block *b;
    if (spare && spare->size >= need) {
        b = spare;
        set_spare(NULL);
    } else {
        b = malloc(sizeof(*b) + size);
        if (!b)
            return NULL;
        b->size = size;
    }
    b->used = 0;
    return b;
}

static void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    struct arena_block *b = a->blocks;
    if (!b || b->size - b->used < n) {
        b = block_new(a->next_size > n ? a->next_size : n, n);
        if (!b)
            return NULL; /* cJSON reports the parse as failed */
        b->next = a->blocks;
        a->blocks = b;
        a->next_size = b->size * 2;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

static bool arena_holds(const struct arena *a, const void *p)
{
    for (const struct arena_block *b = a->blocks; b; b = b->next)
        if ((uintptr_t)p >= (uintptr_t)b->data && (uintptr_t)p < (uintptr_t)(b->data + b->size))
            return true;
    return false;
}

static void *hook_malloc(size_t n)
{
    return parsing ? arena_alloc(parsing, n) : malloc(n);
}

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
    cJSON_Hooks hooks = {.malloc_fn = hook_malloc, .free_fn = hook_free};
    cJSON_InitHooks(&hooks);
    pthread_key_create(&spare_key, spare_free);
}

void json_arena_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_hooks);
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
        if (b->size <= SPARE_MAX && (!spare || spare->size < b->size)) {
            free(spare);
            set_spare(b);
        } else {
            free(b);
        }
    }
    free(a);
}

cJSON *json_tree_parse(const char *text, size_t len)
{
    json_arena_init();
    struct arena *a = xcalloc(1, sizeof(*a));
    /* the tree takes about twice the text; one block holds most answers */
    a->next_size = len * 2 + 4096;
    a->next = live;
    live = a; /* live before the parse: cJSON frees what it built when it fails */
    parsing = a;
    cJSON *root = cJSON_ParseWithLength(text ? text : "", len);
    parsing = NULL;
    if (!root) {
        arena_release(a);
        return NULL;
    }
    a->root = root;
    return root;
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

/* json-arena.h — parses API answers into an arena instead of the heap.
 *
 * A page of 2,000 ELB certificates is some 80,000 cJSON nodes and strings.
 * Allocating them one by one and freeing them one by one cost more than the
 * parse itself and left the heap fragmented for what follows. A tree parsed
 * here lives in a few large blocks that go all at once.
 *
 * The tree is an ordinary cJSON tree to read, and to delete members from
 * (cJSON_Delete of arena memory does nothing). Add nothing to it, free it
 * whole with json_tree_free on the thread that parsed it, and keep nothing
 * of it afterwards: copy what you keep (cJSON_Duplicate, xstrdup). Members
 * that held secrets are wiped by the caller, as before. */
#ifndef CD_JSON_ARENA_H
#define CD_JSON_ARENA_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* Installs the cJSON allocation hooks; call once before any thread starts
 * (later calls do nothing). Outside json_tree_parse they are plain
 * malloc/free, so cJSON output can still be freed with free(). */
void json_arena_init(void);

/* Parses len bytes of text; NULL when it is not JSON. */
cJSON *json_tree_parse(const char *text, size_t len);

/* Frees a tree from json_tree_parse; any other tree goes to cJSON_Delete. */
void json_tree_free(cJSON *root);

#endif

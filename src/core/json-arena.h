/* json-arena.h — parses API answers into cJSON trees that live in an arena.
 *
 * A page of 2,000 ELB certificates is some 60,000 cJSON nodes and strings.
 * cJSON_Parse allocates each one and copies every string; freeing them one
 * by one cost as much again. Here the strings stay in the answer's text and
 * the nodes sit in one large block: the whole tree goes at once.
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

#include "buf.h"

/* Installs cJSON's free hook (arena memory is left alone); call once before
 * any thread starts (later calls do nothing). Allocation stays plain malloc,
 * so cJSON output can still be freed with free(). */
void json_arena_init(void);

/* Parses len bytes of text (a copy of them); NULL when it is not JSON. */
cJSON *json_tree_parse(const char *text, size_t len);
/* The same without the copy: the tree's strings are decoded where they lie
 * in b's text, which the tree takes over (b is left empty) and wipes when
 * it is freed, JSON or not. For API answers, which may echo private keys. */
cJSON *json_tree_parse_buf(struct buf *b);

/* Frees a tree from json_tree_parse; any other tree goes to cJSON_Delete. */
void json_tree_free(cJSON *root);

#endif

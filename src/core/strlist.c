/* strlist.c — a growable list of owned strings. */
#include "strlist.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void strlist_push_owned(struct strlist *list, char *s)
{
    if (list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 4;
        list->items = xreallocarray(list->items, list->cap, sizeof(*list->items));
    }
    list->items[list->count++] = s;
}

void strlist_push(struct strlist *list, const char *s)
{
    strlist_push_owned(list, xstrdup(s));
}

void strlist_free(struct strlist *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof(*list));
}

char *strlist_join(const struct strlist *list, const char *sep)
{
    size_t seplen = strlen(sep), len = 1;
    for (size_t i = 0; i < list->count; i++)
        len += strlen(list->items[i]) + (i ? seplen : 0);
    char *out = xmalloc(len), *p = out;
    for (size_t i = 0; i < list->count; i++) {
        if (i) {
            memcpy(p, sep, seplen);
            p += seplen;
        }
        size_t n = strlen(list->items[i]);
        memcpy(p, list->items[i], n);
        p += n;
    }
    *p = '\0';
    return out;
}

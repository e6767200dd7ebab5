/* strlist.h — a growable list of owned strings. */
#ifndef CD_STRLIST_H
#define CD_STRLIST_H

#include <stddef.h>

struct strlist {
    char **items;   /* owned */
    size_t count;
    size_t cap;
};

void strlist_push(struct strlist *list, const char *s);          /* copies s */
void strlist_push_owned(struct strlist *list, char *s);          /* takes s */
void strlist_free(struct strlist *list);
/* Joins with sep into a new string ("" for an empty list). */
char *strlist_join(const struct strlist *list, const char *sep);

#endif

/* test_json_arena.c — API answers parsed into an arena: the trees read like
 * any cJSON tree, members can be deleted, failures leave nothing behind, and
 * heap cJSON work before, between and after is untouched (valgrind runs this
 * test too, so a leak or a stray free fails it). */
#include "testutil.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/json-arena.h"

static void test_parse_read_delete(void **state)
{
    (void)state;
    const char *text = "{\"certificates\":[{\"id\":\"a\",\"private_key\":\"SECRET\",\"n\":1},"
                       "{\"id\":\"b\",\"n\":2.5}],\"page_info\":{\"next_marker\":\"b\"}}";
    cJSON *j = json_tree_parse(text, strlen(text));
    assert_non_null(j);
    cJSON *certs = cJSON_GetObjectItemCaseSensitive(j, "certificates");
    assert_int_equal(cJSON_GetArraySize(certs), 2);
    cJSON *first = cJSON_GetArrayItem(certs, 0);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(first, "id")->valuestring, "a");
    /* deleting a member of an arena tree is allowed (and frees nothing) */
    cJSON_DeleteItemFromObjectCaseSensitive(first, "private_key");
    assert_null(cJSON_GetObjectItemCaseSensitive(first, "private_key"));
    /* heap trees built meanwhile are ordinary: created, printed, freed */
    cJSON *heap = cJSON_CreateObject();
    cJSON_AddItemToObject(heap, "copy", cJSON_Duplicate(first, 1));
    char *printed = cJSON_PrintUnformatted(heap);
    assert_string_equal(printed, "{\"copy\":{\"id\":\"a\",\"n\":1}}");
    free(printed); /* output of cJSON_Print is plain malloc memory */
    json_tree_free(j);
    /* the duplicate outlives the arena */
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(heap, "copy"),
                                                         "id")->valuestring, "a");
    cJSON_Delete(heap);
}

static void test_bad_json(void **state)
{
    (void)state;
    const char *cases[] = {"", "{", "{\"a\":[1,2,", "<html>", "{\"a\":\"unterminated}"};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_null(json_tree_parse(cases[i], strlen(cases[i])));
    assert_null(json_tree_parse(NULL, 0));
    json_tree_free(NULL);
}

/* Several trees alive at once, freed in any order; a large one needs more
 * than one block; an ordinary tree given to json_tree_free is deleted. */
static void test_many_trees(void **state)
{
    (void)state;
    struct buf big = {0};
    buf_append_str(&big, "[");
    for (int i = 0; i < 20000; i++)
        buf_printf(&big, "%s{\"id\":\"item-%d\",\"tags\":[\"x\",\"y\"]}", i ? "," : "", i);
    buf_append_str(&big, "]");
    cJSON *a = json_tree_parse("{\"a\":1}", 7);
    cJSON *b = json_tree_parse(big.data, big.len);
    cJSON *c = json_tree_parse("[true]", 6);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_int_equal(cJSON_GetArraySize(b), 20000);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(b, 19999), "id")->valuestring,
                        "item-19999");
    json_tree_free(b);
    json_tree_free(a);
    /* a later parse reuses the kept block and reads right */
    cJSON *d = json_tree_parse(big.data, big.len);
    assert_int_equal(cJSON_GetArraySize(d), 20000);
    json_tree_free(d);
    json_tree_free(c);
    json_tree_free(cJSON_CreateString("ordinary"));
    buf_free(&big);
}

static void *parse_on_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++) {
        cJSON *j = json_tree_parse("{\"k\":[1,2,3],\"s\":\"text\"}", 25);
        if (!j || cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "k")) != 3)
            return (void *)1;
        cJSON *heap = cJSON_CreateString("heap");
        cJSON_Delete(heap);
        json_tree_free(j);
    }
    return NULL;
}

/* Each thread has its own arenas; heap cJSON use on one thread is not
 * mistaken for arena memory of another. */
static void test_threads(void **state)
{
    (void)state;
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_create(&t[i], NULL, parse_on_thread, NULL), 0);
    void *res;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pthread_join(t[i], &res), 0);
        assert_null(res);
    }
}

int main(void)
{
    json_arena_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_read_delete),
        cmocka_unit_test(test_bad_json),
        cmocka_unit_test(test_many_trees),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_json_arena.c — API answers parsed into an arena: the trees read like
 * any cJSON tree, members can be deleted, failures leave nothing behind, and
 * heap cJSON work before, between and after is untouched (valgrind runs this
 * test too, so a leak or a stray free fails it). */
#include "testutil.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
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

/* Our parser reads what cJSON reads: the same tree for tricky documents. */
static void check_same_as_cjson(const char *text)
{
    cJSON *ours = json_tree_parse(text, strlen(text));
    cJSON *theirs = cJSON_Parse(text);
    if (!ours || !theirs || !cJSON_Compare(ours, theirs, true))
        fail_msg("parsed differently: %s", text);
    /* the prev links cJSON relies on (first->prev is the last) hold */
    for (const cJSON *c = ours->child; ours->child && c; c = c->next)
        assert_true(c->next ? c->next->prev == c : ours->child->prev == c);
    json_tree_free(ours);
    cJSON_Delete(theirs);
}

static void test_same_as_cjson(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "{}", "[]", "0", "-0", "\"\"", "true", "false", "null", " \t\r\n[ 1 , 2 ]\n",
        "12345678901234567890", "-1.5e3", "7", /* numbers that end the text */
        "{\"a\":{\"b\":[[],{},[{}]]},\"c\":null}",
        "[1.5, -2.25e3, 1E-3, 12345678901234567890, -9007199254740993, 2147483648, -7]",
        "[\"tab\\tquote\\\"slash\\/back\\\\\", \"\\u00e9t\\u00E9\", \"\\ud83d\\ude00\"]",
        "{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"}",
        "[\"raw\tcontrol\"]",
    };
    for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
        check_same_as_cjson(docs[i]);
    /* long strings with escapes every so often, at every alignment */
    for (size_t period = 1; period <= 70; period++) {
        char text[600];
        for (size_t i = 0; i < sizeof(text) - 1; i++)
            text[i] = i % period == period - 1 ? "\n\"\\\t"[i / period % 4] : (char)('A' + i % 26);
        text[sizeof(text) - 1] = '\0';
        cJSON *arr = cJSON_CreateArray();
        cJSON_AddItemToArray(arr, cJSON_CreateString(text));
        char *printed = cJSON_PrintUnformatted(arr);
        check_same_as_cjson(printed);
        free(printed);
        cJSON_Delete(arr);
    }
    /* duplicate names are kept, in order (cJSON_Compare cannot tell) */
    cJSON *dup = json_tree_parse("{\"d\":1,\"d\":2}", 13);
    assert_int_equal(cJSON_GetArraySize(dup), 2);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(dup, "d")->valueint, 1);
    json_tree_free(dup);
    /* random trees, printed by cJSON both ways, read back the same */
    srand(7);
    for (int round = 0; round < 200; round++) {
        cJSON *root = cJSON_CreateObject();
        cJSON *open[8] = {root};
        int depth = 1;
        for (int k = 0; k < 40; k++) {
            cJSON *parent = open[rand() % depth];
            cJSON *item;
            switch (rand() % 6) {
            case 0: item = cJSON_CreateNumber((rand() - RAND_MAX / 2) / (double)(rand() % 100 + 1)); break;
            case 1: item = cJSON_CreateString("s\n\"\\é\x01"); break;
            case 2: item = cJSON_CreateBool(rand() % 2); break;
            case 3: item = cJSON_CreateNull(); break;
            case 4: item = cJSON_CreateArray(); break;
            default: item = cJSON_CreateObject(); break;
            }
            char key[16];
            snprintf(key, sizeof(key), "k%d", k);
            if (cJSON_IsArray(parent))
                cJSON_AddItemToArray(parent, item);
            else
                cJSON_AddItemToObject(parent, key, item);
            if ((cJSON_IsArray(item) || cJSON_IsObject(item)) && depth < 8)
                open[depth++] = item;
        }
        char *compact = cJSON_PrintUnformatted(root), *pretty = cJSON_Print(root);
        check_same_as_cjson(compact);
        check_same_as_cjson(pretty);
        free(compact);
        free(pretty);
        cJSON_Delete(root);
    }
}

/* What is not JSON is refused, whole. */
static void test_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "[1,]", "{\"a\" 1}", "{1:2}", "[1 2]", "tru", "nul", "\"open", "\"bad \\x escape\"",
        "\"\\udc00 alone\"", "\"\\ud83d no low\"", "\"\\u12\"", "{\"a\":1}}", "[", "-", "1.e",
        "[\"a\\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", /* no closing quote */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (json_tree_parse(bad[i], strlen(bad[i])))
            fail_msg("accepted: %s", bad[i]);
    struct buf deep = {0};
    for (int i = 0; i < 600; i++)
        buf_append_str(&deep, "[");
    for (int i = 0; i < 600; i++)
        buf_append_str(&deep, "]");
    assert_null(json_tree_parse_buf(&deep)); /* nesting past the cap */
    assert_null(deep.data);                  /* the text was taken all the same */
}

static void *parse_on_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++) {
        static const char text[] = "{\"k\":[1,2,3],\"s\":\"text\"}";
        cJSON *j = json_tree_parse(text, sizeof(text) - 1);
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
        cmocka_unit_test(test_same_as_cjson),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_many_trees),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

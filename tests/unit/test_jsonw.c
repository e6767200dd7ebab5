/* test_jsonw.c — the streaming JSON writer: escaping, nesting, the pretty
 * layout, and the depth cap. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonw.h"

/* The writer's text so far as a NUL-terminated string (the writer keeps it). */
static const char *text_of(struct jsonw *w)
{
    buf_reserve(&w->out, 1);
    w->out.data[w->out.len] = '\0';
    return w->out.data;
}

static void test_escaping(void **state)
{
    (void)state;
    struct jsonw w = {0};
    jw_array(&w, NULL);
    jw_string(&w, NULL, "quote \" backslash \\ slash /");
    jw_string(&w, NULL, "\n\r\t\b\f");
    jw_string_len(&w, NULL, "nul\0byte\x01\x1f", 10);
    jw_string(&w, NULL, "ünïcode ✓");
    jw_string(&w, NULL, NULL);
    jw_end(&w);
    assert_string_equal(text_of(&w), "[\"quote \\\" backslash \\\\ slash /\","
                                     "\"\\n\\r\\t\\b\\f\","
                                     "\"nul\\u0000byte\\u0001\\u001f\","
                                     "\"ünïcode ✓\",null]");
    /* and cJSON reads every string back unchanged */
    cJSON *back = cJSON_Parse(text_of(&w));
    assert_non_null(back);
    assert_string_equal(cJSON_GetArrayItem(back, 0)->valuestring, "quote \" backslash \\ slash /");
    assert_string_equal(cJSON_GetArrayItem(back, 1)->valuestring, "\n\r\t\b\f");
    assert_string_equal(cJSON_GetArrayItem(back, 3)->valuestring, "ünïcode ✓");
    cJSON_Delete(back);
    free(w.out.data);
}

/* Strings of every byte, at every offset from the 8-byte steps, escape
 * exactly as cJSON escapes them. */
static void test_escaping_random(void **state)
{
    (void)state;
    static const unsigned char special[] = {'"', '\\', '\n', 0x01, 0x1f, 0x20, 0x7f, 0x80, 0xff, 'a'};
    srand(11);
    for (int round = 0; round < 2000; round++) {
        char text[48];
        size_t len = (size_t)(rand() % 47);
        for (size_t i = 0; i < len; i++)
            text[i] = (char)(rand() % 4 ? special[rand() % sizeof(special)] : 1 + rand() % 255);
        text[len] = '\0';
        len = strlen(text);
        struct jsonw w = {0};
        jw_string_len(&w, NULL, text, len);
        cJSON *str = cJSON_CreateString(text);
        char *expected = cJSON_PrintUnformatted(str);
        assert_string_equal(text_of(&w), expected);
        free(expected);
        cJSON_Delete(str);
        free(w.out.data);
    }
}

static void test_compact_nesting(void **state)
{
    (void)state;
    struct jsonw w = {0};
    jw_object(&w, NULL);
    jw_string(&w, "id", "a1");
    jw_int(&w, "days", -3);
    jw_int(&w, "big", INT64_MAX);
    jw_int(&w, "small", INT64_MIN);
    jw_int(&w, "zero", 0);
    jw_bool(&w, "expired", true);
    jw_null(&w, "none");
    jw_array(&w, "empty");
    jw_end(&w);
    jw_object(&w, "o");
    jw_array(&w, "dns");
    jw_string(&w, NULL, "a.example");
    jw_string(&w, NULL, "b.example");
    jw_end(&w);
    jw_end(&w);
    jw_end(&w);
    assert_string_equal(text_of(&w), "{\"id\":\"a1\",\"days\":-3,\"big\":9223372036854775807,"
                                     "\"small\":-9223372036854775808,\"zero\":0,"
                                     "\"expired\":true,\"none\":null,\"empty\":[],"
                                     "\"o\":{\"dns\":[\"a.example\",\"b.example\"]}}");
    /* one jw_end too many changes nothing */
    size_t len = w.out.len;
    jw_end(&w);
    assert_int_equal(w.out.len, len);
    free(w.out.data);
}

/* Raw text goes in as it is; a value that needs an escape leaves the fast
 * path half-way, and what it began writing must not show. */
static void test_raw_and_fallbacks(void **state)
{
    (void)state;
    struct jsonw w = {0};
    jw_object(&w, NULL);
    jw_raw(&w, "extra", "{\"a\":[1]}", 9);
    jw_raw(&w, "none", "", 0);
    jw_string(&w, "k1", "v");
    jw_string(&w, "k2", "tab\there");
    jw_int(&w, "k3", 7);
    jw_end(&w);
    assert_string_equal(text_of(&w), "{\"extra\":{\"a\":[1]},\"none\":null,\"k1\":\"v\","
                                     "\"k2\":\"tab\\there\",\"k3\":7}");
    free(w.out.data);

    struct jsonw p = {.pretty = true};
    jw_array(&p, NULL);
    jw_raw(&p, NULL, "{}", 2);
    jw_end(&p);
    assert_string_equal(text_of(&p), "[\n\t{}\n]");
    free(p.out.data);
}

/* Member names from data go through jw_cjson, which escapes them, at any
 * depth and before any kind of value; the names after them are plain again. */
static void test_data_names(void **state)
{
    (void)state;
    cJSON *tree = cJSON_CreateObject();
    cJSON_AddStringToObject(tree, "k\"1", "v");
    cJSON_AddNumberToObject(tree, "k\\2", 7);
    cJSON_AddNumberToObject(tree, "k\\2.5", 2.5);
    cJSON_AddBoolToObject(tree, "k\n3", false);
    cJSON_AddNullToObject(tree, "k\"4");
    cJSON *inner = cJSON_AddObjectToObject(tree, "k\"5");
    cJSON_AddStringToObject(inner, "r\"", "x");
    cJSON_AddStringToObject(inner, "plain", "y");
    cJSON *list = cJSON_AddArrayToObject(tree, "k\"6");
    cJSON_AddItemToArray(list, cJSON_CreateNumber(2));
    cJSON_AddStringToObject(tree, "plain", "z");
    struct jsonw w = {0};
    jw_object(&w, NULL);
    jw_cjson(&w, "data", tree);
    jw_string(&w, "after", "ok");
    jw_end(&w);
    char *expected_tree = cJSON_PrintUnformatted(tree);
    char expected[512];
    snprintf(expected, sizeof(expected), "{\"data\":%s,\"after\":\"ok\"}", expected_tree);
    assert_string_equal(text_of(&w), expected);
    cJSON *back = cJSON_Parse(text_of(&w));
    assert_non_null(back);
    assert_true(cJSON_Compare(cJSON_GetObjectItem(back, "data"), tree, true));
    cJSON_Delete(back);
    free(expected_tree);
    free(w.out.data);
    cJSON_Delete(tree);
}

/* Writing a parsed document back compact gives exactly what cJSON prints for
 * it; pretty, it reads back as the same document. */
static void check_cjson_round_trip(const char *doc)
{
    cJSON *tree = cJSON_Parse(doc);
    assert_non_null(tree);
    struct jsonw compact = {0};
    jw_cjson(&compact, NULL, tree);
    char *expected = cJSON_PrintUnformatted(tree);
    assert_string_equal(text_of(&compact), expected);
    free(expected);
    free(compact.out.data);

    struct jsonw pretty = {.pretty = true};
    jw_cjson(&pretty, NULL, tree);
    cJSON *back = cJSON_Parse(text_of(&pretty));
    assert_non_null(back);
    assert_true(cJSON_Compare(tree, back, true));
    cJSON_Delete(back);
    free(pretty.out.data);
    cJSON_Delete(tree);
}

static void test_pretty_layout(void **state)
{
    (void)state;
    struct jsonw w = {.pretty = true};
    jw_object(&w, NULL);
    jw_string(&w, "id", "a1");
    jw_array(&w, "dns");
    jw_string(&w, NULL, "a.example");
    jw_end(&w);
    jw_object(&w, "empty");
    jw_end(&w);
    jw_end(&w);
    assert_string_equal(text_of(&w), "{\n\t\"id\":\t\"a1\",\n\t\"dns\":\t[\n\t\t\"a.example\"\n\t],"
                                     "\n\t\"empty\":\t{}\n}");
    free(w.out.data);
}

static void test_cjson_round_trip(void **state)
{
    (void)state;
    check_cjson_round_trip("{\"a\":1,\"b\":[1,2.5,-0.125,1e300,true,false,null],"
                           "\"c\":{\"d\":{},\"e\":[],\"f\":\"x\\ty\"},"
                           "\"g\":[{\"h\":[[]]}],\"i\":123456789012}");
    check_cjson_round_trip("[]");
    check_cjson_round_trip("\"top\"");
    check_cjson_round_trip("[0.1,3.141592653589793,-7]");
}

static void test_depth_cap(void **state)
{
    (void)state;
    struct jsonw w = {0};
    for (int i = 0; i < JSONW_MAX_DEPTH + 5; i++)
        jw_array(&w, NULL);
    jw_string(&w, NULL, "lost");
    jw_int(&w, NULL, 1);
    for (int i = 0; i < JSONW_MAX_DEPTH + 5; i++)
        jw_end(&w);
    jw_end(&w); /* extra, ignored */
    cJSON *back = cJSON_Parse(text_of(&w));
    assert_non_null(back); /* still well-formed */
    assert_null(strstr(text_of(&w), "lost"));
    /* the innermost kept level holds null where the deeper array began */
    const cJSON *v = back;
    for (int i = 0; i < JSONW_MAX_DEPTH; i++) {
        assert_true(cJSON_IsArray(v));
        v = v->child;
    }
    assert_true(cJSON_IsNull(v));
    cJSON_Delete(back);
    free(w.out.data);

    /* a parsed tree deeper than the cap is cut the same way */
    struct buf deep = {0};
    for (int i = 0; i < 40; i++)
        buf_append_str(&deep, "{\"k\":");
    buf_append_str(&deep, "1");
    for (int i = 0; i < 40; i++)
        buf_append_str(&deep, "}");
    buf_append(&deep, "", 1);
    cJSON *tree = cJSON_Parse(deep.data);
    assert_non_null(tree);
    struct jsonw w2 = {0};
    jw_cjson(&w2, NULL, tree);
    cJSON *cut = cJSON_Parse(text_of(&w2));
    assert_non_null(cut);
    cJSON_Delete(cut);
    cJSON_Delete(tree);
    free(deep.data);
    free(w2.out.data);
}

/* Base64 goes straight into the buffer, after the separator and key like
 * any value; a secret buffer stays secret through it. */
static void test_base64(void **state)
{
    (void)state;
    struct jsonw w = {0};
    w.out.secret = true;
    jw_object(&w, NULL);
    jw_string(&w, "kind", "Certificate");
    jw_base64(&w, "key", "-----BEGIN PRIVATE KEY-----\n");
    jw_base64(&w, "empty", "");
    jw_end(&w);
    assert_string_equal(w.out.data, "{\"kind\":\"Certificate\","
                        "\"key\":\"LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCg==\",\"empty\":\"\"}");
    assert_true(w.out.secret);
    buf_free(&w.out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_escaping_random),
        cmocka_unit_test(test_compact_nesting),
        cmocka_unit_test(test_raw_and_fallbacks),
        cmocka_unit_test(test_data_names),
        cmocka_unit_test(test_cjson_round_trip),
        cmocka_unit_test(test_pretty_layout),
        cmocka_unit_test(test_depth_cap),
        cmocka_unit_test(test_base64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

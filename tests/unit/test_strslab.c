/* test_strslab.c — record strings from slabs: every string keeps its text
 * while others come and go, long strings get slabs of their own, another
 * thread may free them, and nothing leaks (the valgrind run checks). A
 * string that did not come from a slab, freed as one, stops the program with
 * a message, and so does record_set on a field outside its record. */
#include "testutil.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/record.h"
#include "core/strslab.h"
#include "core/xalloc.h"

#define COUNT 20000

/* The text string i should hold: lengths from 0 to a few hundred bytes, so
 * many slabs fill up and start anew. */
static void text_of(size_t i, char *out, size_t size)
{
    size_t len = (i * 7919) % 300;
    int n = snprintf(out, size, "s%zu-", i);
    for (size_t k = (size_t)n; k < len && k + 1 < size; k++)
        out[k] = (char)('a' + (i + k) % 26);
    out[len > (size_t)n ? len : (size_t)n] = '\0';
}

static void check_all(char **s, size_t count)
{
    char want[400];
    for (size_t i = 0; i < count; i++)
        if (s[i]) {
            text_of(i, want, sizeof(want));
            assert_string_equal(s[i], want);
        }
}

static void test_many_in_any_order(void **state)
{
    (void)state;
    char **s = calloc(COUNT, sizeof(*s));
    char text[400];
    for (size_t i = 0; i < COUNT; i++) {
        text_of(i, text, sizeof(text));
        s[i] = strslab_dup(text);
    }
    check_all(s, COUNT);
    /* every third freed, then the rest checked: neighbours are untouched */
    for (size_t i = 0; i < COUNT; i += 3) {
        strslab_free(s[i]);
        s[i] = NULL;
    }
    check_all(s, COUNT);
    /* the rest freed backwards */
    for (size_t i = COUNT; i-- > 0;)
        strslab_free(s[i]);
    free(s);
    strslab_free(NULL);
    strslab_thread_done();
}

static void test_lengths(void **state)
{
    (void)state;
    /* empty, exactly n bytes (not up to a NUL), and strings from a few bytes
     * up to several slabs long */
    char *empty = strslab_dupn("ignored", 0);
    assert_string_equal(empty, "");
    char *three = strslab_dupn("abcdef", 3);
    assert_string_equal(three, "abc");
    size_t sizes[] = {8191, 300000, (2 << 20) - 100, (2 << 20) + 1000, 5 << 20};
    char *big[5];
    for (size_t i = 0; i < 5; i++) {
        char *text = malloc(sizes[i] + 1);
        memset(text, 'a' + (int)i, sizes[i]);
        text[sizes[i]] = '\0';
        big[i] = strslab_dup(text);
        assert_int_equal(strlen(big[i]), sizes[i]);
        assert_memory_equal(big[i], text, sizes[i]);
        free(text);
    }
    /* a short one after the long ones still lands in a shared slab */
    char *after = strslab_dup("after");
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(strlen(big[i]), sizes[i]);
        strslab_free(big[i]);
    }
    assert_string_equal(after, "after");
    assert_string_equal(three, "abc");
    strslab_free(after);
    strslab_free(three);
    strslab_free(empty);
    strslab_thread_done();
}

struct batch {
    char **strings;
    size_t count;
};

static void *free_batch(void *arg)
{
    struct batch *b = arg;
    for (size_t i = 0; i < b->count; i++)
        strslab_free(b->strings[i]);
    return NULL;
}

static void *make_and_check(void *arg)
{
    struct batch *b = arg;
    char text[400];
    for (size_t i = 0; i < b->count; i++) {
        text_of(i, text, sizeof(text));
        b->strings[i] = strslab_dup(text);
    }
    check_all(b->strings, b->count);
    strslab_thread_done();
    return NULL;
}

/* Strings made on one thread and freed on another, while a third makes its
 * own: the counts per slab stay right (the valgrind run sees no leak). */
static void test_threads(void **state)
{
    (void)state;
    char text[400];
    struct batch mine = {calloc(COUNT, sizeof(char *)), COUNT};
    for (size_t i = 0; i < COUNT; i++) {
        text_of(i, text, sizeof(text));
        mine.strings[i] = strslab_dup(text);
    }
    struct batch theirs = {calloc(COUNT, sizeof(char *)), COUNT};
    pthread_t freer, maker;
    assert_int_equal(pthread_create(&freer, NULL, free_batch, &mine), 0);
    assert_int_equal(pthread_create(&maker, NULL, make_and_check, &theirs), 0);
    pthread_join(freer, NULL);
    pthread_join(maker, NULL);
    check_all(theirs.strings, COUNT);
    free_batch(&theirs);
    free(mine.strings);
    free(theirs.strings);
    strslab_thread_done();
}

/* Runs misuse() in a child with stderr captured; passes when the child died
 * of SIGABRT and said `message` on stderr. */
static void expect_abort(void (*misuse)(void), const char *message)
{
    int err_pipe[2];
    assert_int_equal(pipe(err_pipe), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core); /* an expected abort leaves no core file */
        dup2(err_pipe[1], STDERR_FILENO);
        close(err_pipe[0]);
        misuse();
        _exit(0); /* not reached when the misuse is caught */
    }
    close(err_pipe[1]);
    char said[8192];
    size_t got = 0;
    ssize_t n;
    while (got + 1 < sizeof(said) && (n = read(err_pipe[0], said + got, sizeof(said) - 1 - got)) > 0)
        got += (size_t)n;
    said[got] = '\0';
    close(err_pipe[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
        fail_msg("the child was not aborted (status %#x); it said: %s", status, said);
    if (!contains(said, message))
        fail_msg("the abort did not say \"%s\"; it said: %s", message, said);
}

static void free_heap_string(void)
{
    char *heap = xstrdup("a plain heap string");
    strslab_free(heap);
}

static void free_heap_string_in_record(void)
{
    struct cert_record r;
    record_init(&r, 0);
    r.scope = xstrdup("a plain heap string"); /* what client.c once did */
    record_free(&r);
}

static void set_field_of_other_record(void)
{
    struct cert_record r, other;
    record_init(&r, 0);
    record_init(&other, 0);
    record_set(&r, &other.name, "not r's field");
}

static void set_pem_with_record_set(void)
{
    struct cert_record r;
    record_init(&r, 0);
    record_set(&r, &r.pem, "-----BEGIN CERTIFICATE-----");
}

static void test_foreign_string_aborts(void **state)
{
    (void)state;
    expect_abort(free_heap_string, "only strings from strslab_dup may be freed here");
    expect_abort(free_heap_string_in_record, "only strings from strslab_dup may be freed here");
}

static void test_record_set_checks_field(void **state)
{
    (void)state;
    expect_abort(set_field_of_other_record, "is not a string field of the record");
    expect_abort(set_pem_with_record_set, "is not a string field of the record");
    /* its own fields are fine, and a NULL value is "" */
    struct cert_record r;
    record_init(&r, 0);
    record_set(&r, &r.name, "web");
    record_set(&r, &r.extra, "{\"a\":1}");
    record_set(&r, &r.name, NULL);
    assert_string_equal(r.name, "");
    assert_string_equal(r.extra, "{\"a\":1}");
    record_free(&r);
    strslab_thread_done();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_in_any_order),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_foreign_string_aborts),
        cmocka_unit_test(test_record_set_checks_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

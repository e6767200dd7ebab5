/* test_tls_peer.c — which arguments of `inspect` name a server, and a refused
 * connection reported with host and port. */
#include "testutil.h"

#include <string.h>

#include "net/tls-peer.h"

static void test_parse_target(void **state)
{
    (void)state;
    char host[256], port[8];
    assert_true(tls_peer_parse_target("example.com:443", host, port));
    assert_string_equal(host, "example.com");
    assert_string_equal(port, "443");
    assert_true(tls_peer_parse_target("[2001:db8::1]:8443", host, port));
    assert_string_equal(host, "2001:db8::1");
    assert_string_equal(port, "8443");
    assert_true(tls_peer_parse_target("127.0.0.1:1", host, port));
    assert_false(tls_peer_parse_target("leaf.pem", host, port));
    assert_false(tls_peer_parse_target("example.com:", host, port));
    assert_false(tls_peer_parse_target(":443", host, port));
    assert_false(tls_peer_parse_target("example.com:65536", host, port));
    assert_false(tls_peer_parse_target("example.com:44x", host, port));
    assert_false(tls_peer_parse_target("dir/cert.pem:443", host, port));
    assert_false(tls_peer_parse_target("2001:db8::1:443", host, port)); /* v6 needs [] */
    assert_false(tls_peer_parse_target("[::1:443", host, port));
}

static void test_refused(void **state)
{
    (void)state;
    struct tls_peer peer;
    struct cd_error err;
    /* port 1 on the loopback: nothing listens there */
    assert_int_equal(tls_peer_fetch("127.0.0.1", "1", NULL, NULL, &peer, &err), CD_ERR_HTTP);
    assert_non_null(strstr(err.message, "127.0.0.1:1: cannot connect"));
    assert_null(peer.chain_pem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_target),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

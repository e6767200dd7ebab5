/* tls-peer.c — one TLS handshake with OpenSSL to read the server's chain. */
#include "tls-peer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define STEP_TIMEOUT_MS 10000

bool tls_peer_parse_target(const char *target, char host[256], char port[8])
{
    const char *colon = strrchr(target, ':');
    if (!colon || colon == target)
        return false;
    size_t port_len = strlen(colon + 1);
    if (port_len == 0 || port_len > 5 || strspn(colon + 1, "0123456789") != port_len ||
        atoi(colon + 1) < 1 || atoi(colon + 1) > 65535)
        return false;
    const char *h = target;
    size_t host_len = (size_t)(colon - target);
    if (h[0] == '[') { /* [2001:db8::1]:443 */
        if (host_len < 3 || h[host_len - 1] != ']')
            return false;
        h++;
        host_len -= 2;
    } else if (memchr(h, ':', host_len) || host_len != strspn(h, "abcdefghijklmnopqrstuvwxyz"
                                                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                                  "0123456789.-_")) {
        return false;
    }
    if (host_len == 0 || host_len >= 256)
        return false;
    memcpy(host, h, host_len);
    host[host_len] = '\0';
    snprintf(port, 8, "%s", colon + 1);
    return true;
}

static bool is_address(const char *host)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

/* A non-blocking connect bounded by STEP_TIMEOUT_MS, then blocking I/O with
 * the same bound per read or write. -1 with why set on failure. */
static int connect_to(const struct addrinfo *ai, char *why, size_t why_size)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
        snprintf(why, why_size, "%s", strerror(errno));
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc < 0 && errno == EINPROGRESS) {
        struct pollfd p = {fd, POLLOUT, 0};
        int soerr = 0;
        socklen_t len = sizeof(soerr);
        if (poll(&p, 1, STEP_TIMEOUT_MS) != 1) {
            errno = ETIMEDOUT;
        } else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 && soerr == 0) {
            rc = 0;
        } else {
            errno = soerr ? soerr : ECONNREFUSED;
        }
    }
    if (rc < 0) {
        snprintf(why, why_size, "%s", strerror(errno));
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, flags);
    struct timeval tv = {STEP_TIMEOUT_MS / 1000, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    return fd;
}

static int open_socket(const char *host, const char *port, struct cd_error *err)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res = NULL;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0) {
        cd_error_set(err, CD_ERR_HTTP, "%s:%s: cannot resolve %s: %s", host, port, host,
                     gai_strerror(gai));
        return -1;
    }
    char why[128] = "no address";
    int fd = -1;
    for (const struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next)
        fd = connect_to(ai, why, sizeof(why));
    freeaddrinfo(res);
    if (fd < 0)
        cd_error_set(err, CD_ERR_HTTP, "%s:%s: cannot connect: %s", host, port, why);
    return fd;
}

static char *chain_to_pem(STACK_OF(X509) *chain)
{
    BIO *bio = BIO_new(BIO_s_mem());
    for (int i = 0; i < sk_X509_num(chain); i++)
        PEM_write_bio_X509(bio, sk_X509_value(chain, i));
    char *data;
    long len = BIO_get_mem_data(bio, &data);
    char *pem = malloc((size_t)len + 1);
    if (pem) {
        memcpy(pem, data, (size_t)len);
        pem[len] = '\0';
    }
    BIO_free(bio);
    return pem;
}

static SSL_CTX *new_context(const char *ca_file, struct cd_error *err)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        cd_error_set(err, CD_ERR_CRYPTO, "cannot set up TLS");
        return NULL;
    }
    /* Verify, but finish the handshake either way: the verdict is reported. */
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    int loaded = ca_file ? SSL_CTX_load_verify_locations(ctx, ca_file, NULL)
                         : SSL_CTX_set_default_verify_paths(ctx);
    if (loaded != 1) {
        cd_error_set(err, CD_ERR_IO, "cannot read the CA certificates in %s",
                     ca_file ? ca_file : "the system's CA store");
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

cd_status tls_peer_fetch(const char *host, const char *port, const char *servername,
                         const char *ca_file, struct tls_peer *out, struct cd_error *err)
{
    memset(out, 0, sizeof(*out));
    if (!servername && !is_address(host))
        servername = host;
    const char *check_name = servername ? servername : host;
    SSL_CTX *ctx = new_context(ca_file, err);
    if (!ctx)
        return err->code;
    int fd = open_socket(host, port, err);
    if (fd < 0) {
        SSL_CTX_free(ctx);
        return err->code;
    }
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (servername)
        SSL_set_tlsext_host_name(ssl, servername);
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    if (is_address(check_name))
        X509_VERIFY_PARAM_set1_ip_asc(param, check_name);
    else
        X509_VERIFY_PARAM_set1_host(param, check_name, 0);
    cd_status rc = CD_OK;
    if (SSL_connect(ssl) != 1) {
        char why[160];
        unsigned long e = ERR_get_error();
        ERR_error_string_n(e, why, sizeof(why));
        rc = cd_error_set(err, CD_ERR_HTTP, "%s:%s: no TLS handshake: %s", host, port,
                          e ? why : "the connection closed");
    } else {
        STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
        if (!chain || sk_X509_num(chain) == 0)
            rc = cd_error_set(err, CD_ERR_HTTP, "%s:%s sent no certificate", host, port);
        else if (!(out->chain_pem = chain_to_pem(chain)))
            rc = cd_error_set(err, CD_ERR_INTERNAL, "out of memory");
        long v = SSL_get_verify_result(ssl);
        out->verified = v == X509_V_OK;
        if (!out->verified)
            snprintf(out->verify_error, sizeof(out->verify_error), "%s",
                     X509_verify_cert_error_string(v));
        snprintf(out->protocol, sizeof(out->protocol), "%s", SSL_get_version(ssl));
        snprintf(out->cipher, sizeof(out->cipher), "%s", SSL_get_cipher_name(ssl));
        SSL_shutdown(ssl);
    }
    ERR_clear_error();
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    if (rc != CD_OK)
        tls_peer_free(out);
    return rc;
}

void tls_peer_free(struct tls_peer *peer)
{
    free(peer->chain_pem);
    peer->chain_pem = NULL;
}

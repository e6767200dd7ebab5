/* wipe.h — erase memory that held a secret, in a way the compiler keeps. */
#ifndef CD_WIPE_H
#define CD_WIPE_H

#include <stddef.h>

void wipe(void *p, size_t len);
/* Wipes strlen(s) bytes and frees s; NULL is fine. */
void wipe_free_str(char *s);

/* An allocator for the libraries that keep what they send and receive in
 * their own buffers (libcurl's request and download buffers, OpenSSL's TLS
 * records): a request body holds a private key, and ELB answers echo it, so
 * every block is wiped whole when it is freed or moved. */
void *wipe_realloc(void *p, size_t size);
void wipe_free_block(void *p);
/* Gives OpenSSL that allocator; call first thing in main, before OpenSSL
 * allocates anything (it refuses afterwards). */
void wipe_install_openssl(void);

#endif

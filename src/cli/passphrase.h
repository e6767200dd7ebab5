/* passphrase.h — where a key passphrase comes from: an environment variable,
 * a file, or the terminal (never the command line, where `ps` would show it). */
#ifndef CD_PASSPHRASE_H
#define CD_PASSPHRASE_H

#include <stddef.h>

struct passphrase_source {
    const char *env;     /* --passphrase-env VAR, or NULL */
    const char *file;    /* --passphrase-file FILE, or NULL */
};

/* An x509_passphrase_fn; ud is a struct passphrase_source. */
int passphrase_from_source(char *buf, size_t size, const char *origin, void *ud);

#endif

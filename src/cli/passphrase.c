/* passphrase.c — fetches a key passphrase from the source the user named. */
#include "passphrase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/fileio.h"
#include "../core/prompt.h"

static int copy_line(char *buf, size_t size, const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && s[n] != '\n' && s[n] != '\r')
        n++;
    if (n + 1 > size)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return (int)n;
}

int passphrase_from_source(char *buf, size_t size, const char *origin, void *ud)
{
    const struct passphrase_source *src = ud;
    if (src && src->env) {
        const char *v = getenv(src->env);
        if (!v)
            fprintf(stderr, "certdeck: --passphrase-env %s: that environment variable is not set\n",
                    src->env);
        return v ? copy_line(buf, size, v, strlen(v)) : -1;
    }
    if (src && src->file) {
        struct buf data = {.secret = true};
        struct cd_error err;
        int n = -1;
        if (file_read_all(src->file, 64 * 1024, &data, &err) == CD_OK)
            n = copy_line(buf, size, data.data ? data.data : "", data.len);
        else
            fprintf(stderr, "certdeck: %s\n", err.message);
        buf_free(&data);
        return n;
    }
    if (!prompt_available()) {
        fprintf(stderr, "certdeck: %s is encrypted and there is no terminal to ask for its "
                "passphrase: give it with --passphrase-env VAR or --passphrase-file FILE\n", origin);
        return -1;
    }
    char question[512];
    snprintf(question, sizeof(question), "Passphrase for %s: ", origin);
    return prompt_secret(question, buf, size);
}

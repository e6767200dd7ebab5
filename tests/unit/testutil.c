/* testutil.c — fixtures and the openssl command line, for the unit tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/xalloc.h"

const char *fixture(const char *name)
{
    static char paths[8][1024];
    static int slot;
    const char *dir = getenv("CERTDECK_FIXTURES");
    if (!dir) {
        fail_msg("CERTDECK_FIXTURES is not set (run the tests through ctest)");
        return "";
    }
    char *p = paths[slot++ % 8];
    snprintf(p, 1024, "%s/%s", dir, name);
    return p;
}

void fixture_read(const char *name, struct buf *out)
{
    struct cd_error err;
    if (file_read_all(fixture(name), 8u << 20, out, &err) != CD_OK)
        fail_msg("%s", err.message);
}

void fixture_certs(const char *name, struct x509_certs *out)
{
    struct buf data = {0};
    fixture_read(name, &data);
    struct cd_error err;
    cd_status rc = x509_certs_from_mem(data.data, data.len, name, out, &err);
    buf_free(&data);
    if (rc != CD_OK)
        fail_msg("%s: %s", name, err.message);
}

char *openssl_out(const char *fmt, ...)
{
    const char *bin = getenv("OPENSSL_BIN");
    char args[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    char *cmd = xasprintf("%s %s 2>/dev/null", bin ? bin : "openssl", args);
    FILE *p = popen(cmd, "r");
    if (!p)
        fail_msg("cannot run %s", cmd);
    struct buf out = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        buf_append(&out, chunk, n);
    int status = pclose(p);
    if (status != 0)
        fail_msg("'%s' failed (status %d)", cmd, status);
    free(cmd);
    char *s = buf_steal(&out, &n);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

const char *after_equals(const char *line)
{
    const char *eq = strchr(line, '=');
    return eq ? eq + 1 : line;
}

int contains(const char *haystack, const char *needle)
{
    return haystack && needle && strstr(haystack, needle) != NULL;
}

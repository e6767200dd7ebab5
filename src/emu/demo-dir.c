/* demo-dir.c — finds the demo set wherever certdeck-emu runs from: the
 * build tree, an install, or a directory named by option or environment. */
#include "demo-dir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/xalloc.h"
#include "demo-paths.h"

static bool has_seed(const char *dir)
{
    char *path = xasprintf("%s/seed.tsv", dir);
    bool ok = access(path, R_OK) == 0;
    free(path);
    return ok;
}

/* DIR/../share/certdeck/demo for the directory of the running binary. */
static char *beside_binary(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return xasprintf("%s/../share/certdeck/demo", exe);
}

char *emu_demo_dir(const char *assets_dir, struct cd_error *err)
{
    char *candidates[4];
    size_t n = 0;
    if (assets_dir) {
        /* named by the user: the only place to look */
        candidates[n++] = xasprintf("%s/demo", assets_dir);
    } else {
        const char *env = getenv("CERTDECK_DEMO_DIR");
        if (env && *env)
            candidates[n++] = xstrdup(env);
        else {
            char *beside = beside_binary();
            if (beside)
                candidates[n++] = beside;
            candidates[n++] = xstrdup(CERTDECK_SOURCE_DEMO_DIR);
            candidates[n++] = xstrdup(CERTDECK_INSTALL_DEMO_DIR);
        }
    }
    char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!found && has_seed(candidates[i]))
            found = xstrdup(candidates[i]);
    }
    if (!found) {
        struct buf where = {0};
        for (size_t i = 0; i < n; i++)
            buf_printf(&where, "%s%s", i ? ", " : "", candidates[i]);
        cd_error_set(err, CD_ERR_IO, "--seed demo needs the demo set (seed.tsv); looked in %s "
                     "(name its parent with --assets DIR or the directory with "
                     "CERTDECK_DEMO_DIR)", where.data);
        buf_free(&where);
    }
    for (size_t i = 0; i < n; i++)
        free(candidates[i]);
    return found;
}

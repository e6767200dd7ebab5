/* fileio.c — reading files whole and replacing them atomically. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wipe.h"
#include "xalloc.h"

cd_status file_read_all(const char *path, size_t max_bytes, struct buf *out, struct cd_error *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return cd_error_set(err, CD_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            close(fd);
        return cd_error_set(err, CD_ERR_IO, "cannot read %s: it is a directory", path);
    }
    char chunk[16384];
    cd_status rc = CD_OK;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = cd_error_set(err, CD_ERR_IO, "cannot read %s: %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        if (max_bytes && out->len + (size_t)n > max_bytes) {
            rc = cd_error_set(err, CD_ERR_TOO_LARGE, "%s is larger than %zu bytes", path, max_bytes);
            break;
        }
        buf_append(out, chunk, (size_t)n);
    }
    if (out->secret)
        wipe(chunk, sizeof(chunk));
    if (!is_stdin)
        close(fd);
    return rc;
}

static cd_status fsync_dir_of(const char *path, struct cd_error *err)
{
    char *copy = xstrdup(path);
    const char *dir = dirname(copy);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    cd_status rc = CD_OK;
    if (dfd < 0 || fsync(dfd) != 0)
        rc = cd_error_set(err, CD_ERR_IO, "cannot sync directory %s: %s", dir, strerror(errno));
    if (dfd >= 0)
        close(dfd);
    free(copy);
    return rc;
}

cd_status file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
                            struct cd_error *err)
{
    char *tmp = xasprintf("%s.tmp.XXXXXX", path);
    mode_t old_umask = umask(077);
    int fd = mkstemp(tmp);
    umask(old_umask);
    if (fd < 0) {
        cd_status rc = cd_error_set(err, CD_ERR_IO, "cannot create a temporary file beside %s: %s",
                                    path, strerror(errno));
        free(tmp);
        return rc;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto fail;
        p += n;
        left -= (size_t)n;
    }
    if (fchmod(fd, mode) != 0 || fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    return fsync_dir_of(path, err);

fail:;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return cd_error_set(err, CD_ERR_IO, "cannot write %s: %s", path, strerror(saved));
}

cd_status file_mkdirs(const char *dir, mode_t mode, struct cd_error *err)
{
    char *copy = xstrdup(dir);
    cd_status rc = CD_OK;
    for (char *p = copy + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(copy, mode) != 0 && errno != EEXIST) {
                rc = cd_error_set(err, CD_ERR_IO, "cannot create directory %s: %s", copy,
                                  strerror(errno));
                break;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    free(copy);
    return rc;
}

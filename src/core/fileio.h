/* fileio.h — whole-file reads with a size cap, and crash-safe writes. */
#ifndef CD_FILEIO_H
#define CD_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "status.h"

/* Reads all of path ("-" = stdin) into out (appending). Fails with CD_ERR_IO
 * naming the path, or CD_ERR_TOO_LARGE past max_bytes. Set out->secret first
 * for key files: every intermediate copy is then wiped. */
cd_status file_read_all(const char *path, size_t max_bytes, struct buf *out, struct cd_error *err);

/* Writes data to path atomically: a temp file beside it, fsync, rename, fsync
 * of the directory. A crash leaves either the old file or the new one.
 * mode is applied to the new file (e.g. 0600). */
cd_status file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
                            struct cd_error *err);

/* Creates dir and its parents with mode (existing dirs are fine). */
cd_status file_mkdirs(const char *dir, mode_t mode, struct cd_error *err);

#endif

/* log.c — appends timestamped lines to the state directory's log. */
#include "log.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static FILE *log_file;
static char path_used[4096];
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* mkdir -p with mode 0700 for each missing part. */
static void make_dirs(char *dir)
{
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(dir, 0700);
        *p = '/';
    }
    mkdir(dir, 0700);
}

void log_open(void)
{
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char dir[4000];
    if (state && *state)
        snprintf(dir, sizeof(dir), "%s/certdeck", state);
    else if (home && *home)
        snprintf(dir, sizeof(dir), "%s/.local/state/certdeck", home);
    else
        return;
    make_dirs(dir);
    snprintf(path_used, sizeof(path_used), "%s/certdeck.log", dir);
    mode_t old = umask(077);
    log_file = fopen(path_used, "a");
    umask(old);
    if (!log_file)
        path_used[0] = '\0';
}

const char *log_path(void) { return log_file ? path_used : NULL; }

void log_line(const char *fmt, ...)
{
    if (!log_file)
        return;
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    pthread_mutex_lock(&log_lock);
    fprintf(log_file, "%s ", when);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file, fmt, ap);
    va_end(ap);
    fputc('\n', log_file);
    fflush(log_file);
    pthread_mutex_unlock(&log_lock);
}

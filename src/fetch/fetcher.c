/* fetcher.c — the refresh thread, one worker thread per target per round,
 * and the threads that carry out the UI's changes. Only snapshots cross to
 * the UI: built here, published under a mutex, announced through a pipe. */
#include "fetcher.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "../core/timeutil.h"
#include "../core/xalloc.h"

#define BACKOFF_FIRST_S 5        /* a failed target is tried again after 5 s, 10 s, 20 s … */

struct fetcher {
    struct client *client;
    struct fetcher_options opts;
    pthread_t thread;
    pthread_mutex_t publish_lock; /* one publisher at a time (only they change current) */
    pthread_mutex_t lock;        /* guards everything below */
    pthread_cond_t wake;
    struct snapshot *current;
    bool quit, refresh_asked;
    struct fetch_task *done_head, *done_tail;
    pthread_t *task_threads;
    size_t task_thread_count;
    unsigned failures;           /* rounds in a row with a failed target */
    struct snapshot **retired;   /* handed back by the UI, to be freed here */
    size_t retired_count;
    int pipe_fd[2];
};

/* Drops the snapshots the UI handed back (call without the lock held): a
 * replaced list of 25,000 records is freed on this side, not the screen's. */
static void free_retired(struct fetcher *f)
{
    pthread_mutex_lock(&f->lock);
    struct snapshot **list = f->retired;
    size_t n = f->retired_count;
    f->retired = NULL;
    f->retired_count = 0;
    pthread_mutex_unlock(&f->lock);
    for (size_t i = 0; i < n; i++)
        snapshot_unref(list[i]);
    free(list);
}

static void notify(struct fetcher *f)
{
    char byte = 1;
    ssize_t n = write(f->pipe_fd[1], &byte, 1); /* a full pipe already wakes the UI */
    (void)n;
}

static void flog(struct fetcher *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void flog(struct fetcher *f, const char *fmt, ...)
{
    if (!f->opts.log)
        return;
    char line[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    f->opts.log("%s", line);
}

/* Replaces target t of the current snapshot through fn and publishes it. */
static void publish(struct fetcher *f, size_t t, void (*fn)(struct target_view *, void *), void *ud,
                    bool reindex)
{
    /* One publisher at a time; the index is built outside `lock`, which the
     * screen takes to read the current snapshot and must never wait on. */
    pthread_mutex_lock(&f->publish_lock);
    pthread_mutex_lock(&f->lock);
    struct snapshot *s = snapshot_copy(f->current);
    pthread_mutex_unlock(&f->lock);
    fn(&s->targets[t], ud);
    if (reindex) { /* the data changed: new rows */
        s->refreshed = cd_wall_clock();
        snapshot_index(s);
    }
    pthread_mutex_lock(&f->lock);
    struct snapshot *old = f->current;
    f->current = s;
    pthread_mutex_unlock(&f->lock);
    pthread_mutex_unlock(&f->publish_lock);
    snapshot_unref(old);
    notify(f);
    free_retired(f);
}

/* ---- one target's refresh ---- */

struct target_job {
    struct fetcher *f;
    size_t index;                /* into the snapshot's targets */
    size_t client_target;        /* into client->targets */
    struct target_data *data;    /* the new data, or NULL on failure */
    cd_status status;
    struct cd_error err;
};

static void set_refreshing(struct target_view *v, void *ud)
{
    v->refreshing = *(bool *)ud;
}

static void set_result(struct target_view *v, void *ud)
{
    struct target_job *job = ud;
    v->refreshing = false;
    if (job->status == CD_OK) {
        target_data_unref(v->data);
        v->data = job->data;
        job->data = NULL;
        v->state = TARGET_OK;
        v->last_ok = cd_wall_clock();
        memset(&v->err, 0, sizeof(v->err));
    } else {
        v->state = TARGET_STALE;
        v->err = job->err;
    }
}

static void *target_worker(void *arg)
{
    struct target_job *job = arg;
    struct client *c = job->f->client;
    const struct client_target *t = &c->targets[job->client_target];
    struct http_client *http = NULL;
    job->status = http_client_new(&c->http_opts, &http, &job->err);
    if (job->status == CD_OK) {
        struct svc_ctx ctx;
        client_ctx(c, t, &ctx, &job->err);
        ctx.http = http;
        struct target_data *d = target_data_new();
        job->status = services[t->service]->list(&ctx, &d->list);
        if (job->status == CD_OK) {
            for (size_t k = 0; t->scope && k < d->list.count; k++)
                if (!*d->list.items[k].scope)
                    record_set(&d->list.items[k], &d->list.items[k].scope, t->scope);
            job->data = d;
        } else {
            target_data_unref(d);
        }
    }
    http_client_free(http);
    struct fetcher *f = job->f;
    if (job->status == CD_OK)
        flog(f, "refresh %s%s%s: %zu certificates", services[t->service]->id, t->scope ? " " : "",
             t->scope ? t->scope : "", job->data->list.count);
    else
        flog(f, "refresh %s%s%s failed: %s", services[t->service]->id, t->scope ? " " : "",
             t->scope ? t->scope : "", job->err.message);
    /* published as this target answers, whatever the others do */
    publish(f, job->index, set_result, job, true);
    return NULL;
}

/* Refreshes every set-up target, each on its own thread; publishes as each
 * one answers. Returns the number that failed. */
static unsigned refresh_round(struct fetcher *f)
{
    struct client *c = f->client;
    size_t n = c->target_count;
    struct target_job *jobs = xcalloc(n ? n : 1, sizeof(*jobs));
    pthread_t *threads = xcalloc(n ? n : 1, sizeof(*threads));
    bool *started = xcalloc(n ? n : 1, sizeof(*started));
    /* Renew a token close to its end once, before the threads share it. */
    struct cd_error err = {0};
    auth_ensure_fresh(c->auth, &err);
    pthread_mutex_lock(&f->lock);
    const struct snapshot *s = f->current;
    for (size_t i = 0; i < n; i++) {
        jobs[i].f = f;
        jobs[i].client_target = i;
        for (size_t k = 0; k < s->target_count; k++)
            if (s->targets[k].service == c->targets[i].service && s->targets[k].scope == c->targets[i].scope)
                jobs[i].index = k;
    }
    pthread_mutex_unlock(&f->lock);
    bool on = true;
    for (size_t i = 0; i < n; i++) {
        publish(f, jobs[i].index, set_refreshing, &on, false);
        started[i] = pthread_create(&threads[i], NULL, target_worker, &jobs[i]) == 0;
        if (!started[i]) {
            jobs[i].status = cd_error_set(&jobs[i].err, CD_ERR_INTERNAL, "cannot start a thread");
            publish(f, jobs[i].index, set_result, &jobs[i], true);
        }
    }
    unsigned failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        failed += jobs[i].status != CD_OK;
    }
    free(started);
    free(threads);
    free(jobs);
    return failed;
}

/* ---- tasks (changes the UI asked for) ---- */

struct task_run {
    struct fetcher *f;
    struct fetch_task *task;
};

static cd_status run_task(struct fetcher *f, struct fetch_task *t)
{
    struct client *c = f->client;
    const struct client_target *target = NULL;
    for (size_t i = 0; i < c->target_count; i++)
        if (c->targets[i].service == t->service &&
            ((!t->scope && !c->targets[i].scope) ||
             (t->scope && c->targets[i].scope && strcmp(t->scope, c->targets[i].scope) == 0)))
            target = &c->targets[i];
    if (!target)
        return cd_error_set(&t->err, CD_ERR_CONFIG, "%s is not read by this profile",
                            services[t->service]->id);
    struct http_client *http = NULL;
    cd_status rc = http_client_new(&c->http_opts, &http, &t->err);
    if (rc != CD_OK)
        return rc;
    struct svc_ctx ctx;
    client_ctx(c, target, &ctx, &t->err);
    ctx.http = http;
    const struct service_ops *ops = services[t->service];
    if (t->kind == FETCH_TASK_DELETE) {
        rc = ops->remove(&ctx, t->id);
    } else {
        struct update_req req = {.name = t->name, .description = t->description, .domain = t->domain};
        rc = ops->update(&ctx, t->id, &req);
    }
    http_client_free(http);
    return rc;
}

static void *task_worker(void *arg)
{
    struct task_run *run = arg;
    struct fetcher *f = run->f;
    struct fetch_task *t = run->task;
    free(run);
    t->status = run_task(f, t);
    flog(f, "%s %s %s: %s", t->kind == FETCH_TASK_DELETE ? "delete" : "update", services[t->service]->id,
         t->id, t->status == CD_OK ? "done" : t->err.message);
    pthread_mutex_lock(&f->lock);
    t->done = true;
    if (f->done_tail)
        f->done_tail->next = t;
    else
        f->done_head = t;
    f->done_tail = t;
    f->refresh_asked = true;
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->lock);
    notify(f);
    return NULL;
}

void fetcher_submit(struct fetcher *f, struct fetch_task *task)
{
    struct task_run *run = xcalloc(1, sizeof(*run));
    run->f = f;
    run->task = task;
    pthread_mutex_lock(&f->lock);
    f->task_threads = xreallocarray(f->task_threads, f->task_thread_count + 1, sizeof(pthread_t));
    if (pthread_create(&f->task_threads[f->task_thread_count], NULL, task_worker, run) == 0) {
        f->task_thread_count++;
        pthread_mutex_unlock(&f->lock);
        return;
    }
    pthread_mutex_unlock(&f->lock);
    free(run);
    task->status = cd_error_set(&task->err, CD_ERR_INTERNAL, "cannot start a thread");
    pthread_mutex_lock(&f->lock);
    task->done = true;
    if (f->done_tail)
        f->done_tail->next = task;
    else
        f->done_head = task;
    f->done_tail = task;
    pthread_mutex_unlock(&f->lock);
    notify(f);
}

struct fetch_task *fetcher_take_done(struct fetcher *f)
{
    pthread_mutex_lock(&f->lock);
    struct fetch_task *t = f->done_head;
    f->done_head = f->done_tail = NULL;
    pthread_mutex_unlock(&f->lock);
    return t;
}

void fetch_task_free(struct fetch_task *t)
{
    if (!t)
        return;
    free(t->scope);
    free(t->id);
    free(t->name);
    free(t->description);
    free(t->domain);
    free(t);
}

/* ---- the refresh thread ---- */

static void *fetcher_main(void *arg)
{
    struct fetcher *f = arg;
    for (;;) {
        unsigned failed = refresh_round(f);
        f->failures = failed ? f->failures + 1 : 0;
        /* The next round: the interval, or sooner while something fails. */
        int64_t wait_s = f->opts.interval_s ? (int64_t)f->opts.interval_s : -1;
        if (failed) {
            int64_t backoff = (int64_t)BACKOFF_FIRST_S << (f->failures > 6 ? 6 : f->failures - 1);
            if (wait_s < 0 || backoff < wait_s)
                wait_s = backoff;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += wait_s;
        pthread_mutex_lock(&f->lock);
        while (!f->quit && !f->refresh_asked) {
            if (f->retired_count) {
                pthread_mutex_unlock(&f->lock);
                free_retired(f);
                pthread_mutex_lock(&f->lock);
                continue;
            }
            if (wait_s < 0)
                pthread_cond_wait(&f->wake, &f->lock);
            else if (pthread_cond_timedwait(&f->wake, &f->lock, &until) == ETIMEDOUT)
                break;
        }
        bool quit = f->quit;
        f->refresh_asked = false;
        pthread_mutex_unlock(&f->lock);
        if (quit)
            break;
    }
    return NULL;
}

/* The first snapshot: every target loading, services not set up named. */
static struct snapshot *first_snapshot(const struct client *c)
{
    struct snapshot *s = xcalloc(1, sizeof(*s));
    atomic_init(&s->refs, 1);
    s->targets = xcalloc(c->target_count + service_count, sizeof(*s->targets));
    for (size_t svc = 0; svc < service_count; svc++) {
        const struct service_ops *ops = services[svc];
        if (!profile_service_enabled(&c->profile, ops->id))
            continue;
        bool any = false;
        for (size_t i = 0; i < c->target_count; i++) {
            if (c->targets[i].service != (int)svc)
                continue;
            s->targets[s->target_count++] =
                (struct target_view){.service = (int)svc, .scope = c->targets[i].scope, .state = TARGET_LOADING};
            any = true;
        }
        if (!any) {
            struct target_view *v = &s->targets[s->target_count++];
            *v = (struct target_view){.service = (int)svc, .state = TARGET_NOT_SET_UP};
            enum config_service_state st = profile_service_state(&c->profile, ops->id);
            if (st == CFG_SVC_NOT_SET_UP)
                snprintf(v->why, sizeof(v->why), "not set up — set %s in the profile",
                         config_scope_setting(ops->id));
            else
                snprintf(v->why, sizeof(v->why), "%s", config_service_state_name(st));
        }
    }
    snapshot_index(s);
    return s;
}

struct fetcher *fetcher_start(struct client *c, const struct fetcher_options *opts)
{
    struct fetcher *f = xcalloc(1, sizeof(*f));
    f->client = c;
    f->opts = *opts;
    pthread_mutex_init(&f->publish_lock, NULL);
    pthread_mutex_init(&f->lock, NULL);
    pthread_cond_init(&f->wake, NULL);
    if (pipe(f->pipe_fd) != 0)
        abort();
    for (int i = 0; i < 2; i++) {
        fcntl(f->pipe_fd[i], F_SETFL, fcntl(f->pipe_fd[i], F_GETFL) | O_NONBLOCK);
        fcntl(f->pipe_fd[i], F_SETFD, FD_CLOEXEC);
    }
    f->current = first_snapshot(c);
    if (pthread_create(&f->thread, NULL, fetcher_main, f) != 0)
        abort();
    return f;
}

void fetcher_stop(struct fetcher *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->lock);
    f->quit = true;
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->thread, NULL);
    free_retired(f);
    for (size_t i = 0; i < f->task_thread_count; i++)
        pthread_join(f->task_threads[i], NULL);
    free(f->task_threads);
    for (struct fetch_task *t = fetcher_take_done(f), *next; t; t = next) {
        next = t->next;
        fetch_task_free(t);
    }
    snapshot_unref(f->current);
    close(f->pipe_fd[0]);
    close(f->pipe_fd[1]);
    pthread_cond_destroy(&f->wake);
    pthread_mutex_destroy(&f->lock);
    pthread_mutex_destroy(&f->publish_lock);
    free(f);
}

int fetcher_wake_fd(const struct fetcher *f) { return f->pipe_fd[0]; }

void fetcher_drain(struct fetcher *f)
{
    char sink[64];
    while (read(f->pipe_fd[0], sink, sizeof(sink)) > 0)
        ;
}

struct snapshot *fetcher_snapshot(struct fetcher *f)
{
    pthread_mutex_lock(&f->lock);
    struct snapshot *s = snapshot_ref(f->current);
    pthread_mutex_unlock(&f->lock);
    return s;
}

void fetcher_retire(struct fetcher *f, struct snapshot *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&f->lock);
    f->retired = xreallocarray(f->retired, f->retired_count + 1, sizeof(*f->retired));
    f->retired[f->retired_count++] = s;
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->lock);
}

void fetcher_refresh(struct fetcher *f)
{
    pthread_mutex_lock(&f->lock);
    f->refresh_asked = true;
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->lock);
}

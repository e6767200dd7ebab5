/* fetcher.h — the background fetcher: a thread that refreshes every target of
 * a client (services in parallel), publishes a new snapshot as each target
 * answers, and wakes the UI through a pipe. A failed refresh keeps the last
 * good data, marks the target stale and is retried with backoff. */
#ifndef CD_FETCHER_H
#define CD_FETCHER_H

#include "../client/client.h"
#include "snapshot.h"

struct fetcher;

struct fetcher_options {
    unsigned interval_s;          /* between refreshes; 0 = only when asked */
    void (*log)(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* or NULL */
};

/* Starts the thread, which begins a refresh at once. The client must outlive
 * the fetcher and is not used by the caller meanwhile. */
struct fetcher *fetcher_start(struct client *c, const struct fetcher_options *opts);
void fetcher_stop(struct fetcher *f);
/* Readable when a new snapshot was published; drain it with fetcher_drain. */
int fetcher_wake_fd(const struct fetcher *f);
void fetcher_drain(struct fetcher *f);
/* The current snapshot, referenced: release it with snapshot_unref. */
struct snapshot *fetcher_snapshot(struct fetcher *f);
/* Takes over the caller's reference to a snapshot it no longer reads: the
 * last reference is dropped on the fetcher's side, so freeing a replaced
 * list never costs the screen a frame. */
void fetcher_retire(struct fetcher *f, struct snapshot *s);
/* Asks for a refresh now (ignored while one is running). */
void fetcher_refresh(struct fetcher *f);
/* A change the UI asks for, run on its own thread so the screen never waits
 * on the network; its outcome comes back through the same pipe. */
enum fetch_task_kind { FETCH_TASK_DELETE, FETCH_TASK_UPDATE };

struct fetch_task {
    enum fetch_task_kind kind;
    int service;
    char *scope;                  /* owned, or NULL */
    char *id;                     /* owned */
    char *name;                   /* UPDATE: new name / description, NULL = unchanged */
    char *description;
    char *domain;                 /* UPDATE (ELB): comma-separated names, NULL = unchanged */
    /* the outcome */
    bool done;
    cd_status status;
    struct cd_error err;
    struct fetch_task *next;
};

/* Hands a task over (the fetcher owns it until fetcher_take_done gives it back). */
void fetcher_submit(struct fetcher *f, struct fetch_task *task);
/* Finished tasks, oldest first (a list through next), or NULL; free each with
 * fetch_task_free. A refresh follows every task that changed something. */
struct fetch_task *fetcher_take_done(struct fetcher *f);
void fetch_task_free(struct fetch_task *t);

#endif

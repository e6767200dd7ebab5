/* snapshot.h — what the fetcher publishes: for every (service, scope) target
 * its state and its last good certificates, plus an index over all of them
 * (soonest expiry first, a lower-case search text per row, how many places
 * hold each fingerprint). A snapshot never changes once published; readers
 * hold a reference and drop it when done, from any thread. */
#ifndef CD_FETCH_SNAPSHOT_H
#define CD_FETCH_SNAPSHOT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/record.h"
#include "../core/status.h"

enum target_state {
    TARGET_LOADING,      /* no answer yet */
    TARGET_OK,           /* the last refresh succeeded */
    TARGET_STALE,        /* the last refresh failed; data (if any) is older */
    TARGET_NOT_SET_UP,   /* the profile names no instance / environment */
};

/* One target's certificates, shared between snapshots until replaced. */
struct target_data {
    atomic_int refs;
    struct record_list list;
};

struct target_view {
    int service;
    const char *scope;           /* borrowed from the client, or NULL */
    enum target_state state;
    bool refreshing;             /* a request is under way */
    struct target_data *data;    /* last good data, or NULL */
    int64_t last_ok;             /* wall time of the last good data, 0 = never */
    struct cd_error err;         /* why the last refresh failed (TARGET_STALE) */
    char why[96];                /* TARGET_NOT_SET_UP: what to set */
};

/* One row of the index: a record and where it came from. */
struct snap_row {
    const struct cert_record *rec;
    const char *search;          /* lower-case "name\tcn\tsans\tid\tfingerprint" */
    uint32_t target;             /* index into targets */
    uint16_t copies;             /* places holding the same fingerprint (1 = only here) */
    uint8_t service;             /* rec->service, here so panes need not read every record */
};

/* The rows of every target's data; shared by snapshots whose data is the same. */
struct snap_index {
    atomic_int refs;
    struct snap_row *rows;       /* every record, soonest expiry first */
    size_t row_count;
    char *search_text;           /* one block holding every row's search text, in row order */
    size_t search_len;           /* its length, the rows' NULs included */
};

struct snapshot {
    atomic_int refs;
    unsigned generation;         /* grows with every publication */
    int64_t refreshed;           /* wall time of the last finished target */
    struct target_view *targets;
    size_t target_count;
    struct snap_index *index;    /* never NULL once published */
};

struct snapshot *snapshot_ref(struct snapshot *s);
void snapshot_unref(struct snapshot *s);
/* A copy of old's targets (data shared) and of its index (shared too). */
struct snapshot *snapshot_copy(const struct snapshot *old);
/* Builds a new index (rows, search texts, copy counts) from the targets' data. */
void snapshot_index(struct snapshot *s);

struct target_data *target_data_new(void);
void target_data_unref(struct target_data *d);

/* The fingerprint as lower-case hex without separators into out (≥ 65 bytes):
 * services write it in different cases and with or without colons. */
void fingerprint_normal(const char *fp, char *out, size_t size);

#endif

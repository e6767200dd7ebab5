/* record.h — one certificate as certdeck sees it, whatever service holds it.
 * Every adapter maps its service's JSON into this; lists, the TUI and the
 * commands only read records. Private keys never enter a record. */
#ifndef CD_RECORD_H
#define CD_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jsonw.h"
#include "strlist.h"

struct cert_record {
    int service;                 /* index into the service table */
    char *id;
    char *name;
    char *description;           /* "" when the service has none */
    char *type;                  /* the service's own type ("server", "global"…), or "" */
    char *common_name;           /* "" when unknown */
    struct strlist domains;      /* names the certificate is for (SANs, or the service's list);
                                    add with record_add_domain, never strlist_push */
    int64_t not_before;          /* UTC seconds, 0 when unknown */
    int64_t not_after;           /* UTC seconds, 0 when unknown */
    char *fingerprint;           /* SHA-1 hex as the service gives it, or "" */
    int64_t created;             /* UTC seconds, 0 when unknown */
    int64_t updated;
    char *pem;                   /* certificate (chain) PEM when the API returned it, else NULL */
    char *issuer;                /* the service's decoded fields, when it gives them (APIC) */
    char *serial;
    char *signature_algorithm;
    char *scope;                 /* ROMA instance or CAE environment it belongs to, or "" */
    char *extra;                 /* the service's other fields worth showing: the compact
                                    JSON text of an object, "" when none. Kept as the text
                                    it is printed as: one allocation, copied as it is */
    /* A detail request (WAF's show, which brings the PEM) that failed: why, so
     * the record never passes for one whose service returns no PEM by design. */
    bool detail_failed;
    int detail_status;           /* its HTTP status, 0 when no answer came */
    char *detail_error_code;     /* the service's error_code, or "" */
    char *detail_error_msg;      /* the service's error_msg, or why no answer came */
};

struct record_list {
    struct cert_record *items;
    size_t count;
    size_t cap;
};

/* A new zeroed record with every string "" (never NULL except pem). The
 * strings are owned by the record and live in string slabs (strslab.h):
 * change them only with record_set, record_set_pem and record_add_domain. */
void record_init(struct cert_record *r, int service);
void record_free(struct cert_record *r);
/* Sets one of r's string fields (field is &r->name and the like) to a copy
 * of value ("" for NULL). A field outside r, or r->pem, aborts. */
void record_set(struct cert_record *r, char **field, const char *value);
void record_set_pem(struct cert_record *r, const char *pem); /* NULL: none */
void record_add_domain(struct cert_record *r, const char *name);
/* Records that the detail request of r failed (http_status 0: no answer). */
void record_set_detail_error(struct cert_record *r, int http_status, const char *error_code,
                             const char *error_msg);
/* The extra fields: open with jw_object(w, NULL) on a zeroed writer, add the
 * members, then hand it over (closed here; the writer is emptied). */
void record_take_extra(struct cert_record *r, struct jsonw *w);
/* Appends a new record (initialised) and returns it. */
struct cert_record *record_list_add(struct record_list *l, int service);
void record_list_free(struct record_list *l);
/* Soonest expiry first; unknown expiry last; then service, then name. */
void record_list_sort(struct record_list *l);

#endif
